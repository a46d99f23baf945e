import { pollUntil } from '../../src/runtime/poll';

/** Polls until `check` passes (returns without throwing), with a deadline: tests never sleep. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 30_000): Promise<T> {
  let lastError: unknown;
  try {
    return await pollUntil('an expectation', timeoutMs, async () => {
      try {
        return { value: await check() };
      } catch (error) {
        lastError = error;
        return false;
      }
    }).then((result) => result.value);
  } catch {
    throw lastError;
  }
}
