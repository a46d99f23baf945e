/** Pure rules for what a destination may hold (DESIGN §5, §7). Each returns a reason or undefined. */

export const MAX_URL_LENGTH = 2048;
export const MAX_CUSTOM_HEADERS = 20;
export const MAX_HEADER_VALUE_LENGTH = 4096;

export function destinationUrlProblem(
  raw: string,
  options: { allowHttp: boolean },
): string | undefined {
  if (raw.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && !(options.allowHttp && url.protocol === 'http:')) {
    return options.allowHttp ? 'must use http or https' : 'must use https';
  }
  if (url.username !== '' || url.password !== '') return 'must not contain credentials';
  if (url.hostname === '') return 'must have a host';
  if (url.hash !== '') return 'must not contain a fragment';
  return undefined;
}

/** RFC 9110 `token`: the characters a header field name may use. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Header values may hold visible ASCII, spaces, tabs and obs-text, never CR, LF or NUL. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const RESERVED_HEADERS = new Set([
  'content-type',
  'content-encoding',
  'content-length',
  'host',
  'user-agent',
  // W3C Trace Context: with tracing on, every delivery carries the attempt's own.
  'traceparent',
  'tracestate',
]);
/** Headers about the connection or the message's framing: set, they break every attempt. */
const CONNECTION_HEADERS = new Set([
  'connection',
  'expect',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export function headerNameProblem(name: string): string | undefined {
  if (!HEADER_NAME.test(name)) return 'must be a valid header name (RFC 9110 token)';
  const lower = name.toLowerCase();
  if (RESERVED_HEADERS.has(lower) || lower.startsWith('webhook-')) {
    return 'is set by Herald and cannot be overridden';
  }
  if (CONNECTION_HEADERS.has(lower) || lower.startsWith('proxy-')) {
    return 'controls the HTTP connection, not the request, and cannot be set';
  }
  return undefined;
}

export function headerValueProblem(value: string): string | undefined {
  if (value.length > MAX_HEADER_VALUE_LENGTH)
    return `must be at most ${MAX_HEADER_VALUE_LENGTH} characters`;
  if (!HEADER_VALUE.test(value)) return 'must not contain control characters such as CR or LF';
  return undefined;
}
