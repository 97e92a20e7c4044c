/**
 * Polls `check` until it returns a value other than false/undefined, or throws a timeout
 * error that names what was awaited. An error thrown by `check` ends the wait at once.
 */
export async function waitUntil<T>(what: string, timeoutMs: number, check: () => Promise<T | false | undefined> | T | false | undefined, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== false && result !== undefined) return result;
    if (Date.now() >= deadline) throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
