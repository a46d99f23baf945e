import { statusesOf } from '../../src/api/openapi';
import { OPERATIONS, type Operation } from '../../src/api/operations';

/** The documented operation a concrete request reaches, matching `{param}` to one path segment. */
export function operationFor(method: string, requestPath: string): Operation | undefined {
  const pathOnly = requestPath.split('?')[0]!;
  const candidates = OPERATIONS.filter(
    (operation) =>
      operation.method === method.toLowerCase() &&
      new RegExp(`^${operation.path.replace(/\{\w+\}/g, '[^/]+')}/?$`).test(pathOnly),
  );
  // A literal segment beats a parameter: /event-destinations/test is not /{id}.
  return candidates.sort((a, b) => a.path.split('{').length - b.path.split('{').length)[0];
}

/**
 * Checks an answer against /openapi.json: the status is one the operation declares, and a
 * success body parses with the documented response schema. Returns what is wrong, or undefined.
 */
export function contractViolation(
  method: string,
  requestPath: string,
  status: number,
  body: unknown,
): string | undefined {
  const operation = operationFor(method, requestPath);
  const where = `${method} ${requestPath} → ${status}`;
  if (!operation) return status === 404 ? undefined : `${where}: no documented operation`;
  if (!statusesOf(operation).includes(status)) {
    return `${where}: status not declared for ${operation.method.toUpperCase()} ${operation.path}`;
  }
  if (status < 300 && operation.response) {
    const parsed = operation.response.safeParse(body);
    if (!parsed.success) return `${where}: body does not match: ${parsed.error.message}`;
  }
  return undefined;
}
