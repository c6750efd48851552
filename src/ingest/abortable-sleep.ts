/**
 * Waits `ms` milliseconds, or less when `signal` aborts (at once when it already has). Never
 * rejects, so a loop can `await` it and then check `signal.aborted` itself; the timer and the
 * listener are both removed whichever comes first, so nothing is left holding the event loop.
 *
 * @param ms delay in milliseconds
 * @example
 * await abortableSleep(1000, controller.signal); // ≤ 1 s; returns early on controller.abort()
 */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
