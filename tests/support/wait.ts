// Waiting helpers with no import of the app (lib/db reads its environment when imported, so a test
// that sets DATABASE_READ_URL first can still use these): polling with a deadline, a free port.

/** Polls `fn` until it returns a truthy value (returned) or the deadline passes (throws with `what`). */
export async function waitFor<T>(what: string, fn: () => Promise<T> | T, { timeout = 20_000, interval = 100 } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ""}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

export { freePort } from "../../scripts/lib/free-port";
