// Under code-server the extension host's console reaches the driver mixed with the workbench's
// own log lines. When the driver names a tag (LAMBKIN_CONSOLE_TAG), console calls made while the
// suite runs start with it, so the driver can print exactly the test output. The desktop runner
// sets no tag: there the console already goes to the terminal.
//
// VS Code pins the extension host's console methods (a getter with a no-op setter), so they
// cannot be reassigned; the global `console` binding itself can be swapped for a wrapper.

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Routes console output through a tagging wrapper; the returned function restores it. */
export function tagConsole(tag: string | undefined): () => void {
  if (!tag) return () => {};
  const original = globalThis.console;
  const tagged: Console = Object.create(original);
  for (const method of METHODS) {
    const write = original[method].bind(original) as (...args: unknown[]) => void;
    Object.defineProperty(tagged, method, {
      configurable: true,
      writable: true,
      // Keeps printf-style first arguments ("%d passing") working: the tag joins the format.
      value: (...args: unknown[]) =>
        typeof args[0] === 'string' ? write(tag + args[0], ...args.slice(1)) : write(tag, ...args),
    });
  }
  Object.defineProperty(globalThis, 'console', { value: tagged, configurable: true, writable: true });
  return () => {
    Object.defineProperty(globalThis, 'console', { value: original, configurable: true, writable: true });
  };
}
