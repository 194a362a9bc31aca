// Waiting on a condition instead of sleeping a fixed time: a fixed sleep is either too short on a busy
// machine (the test flakes) or longer than needed everywhere. The deadline is generous because reaching it
// means the behaviour is broken, not that the machine is slow.
export interface WaitOptions {
  /** What is awaited, for the failure message. */
  what: string;
  timeoutMs?: number;
  intervalMs?: number;
}

/** Polls `condition` until it returns a value other than undefined/false, and returns that value. */
export async function waitFor<T>(condition: () => T | undefined | false | Promise<T | undefined | false>, options: WaitOptions): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const intervalMs = options.intervalMs ?? 20;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${options.what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
