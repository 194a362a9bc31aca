// Under code-server the extension host's console arrives through the smoke-test driver's
// `codeAutomationLog` hook, mixed with the workbench's own log lines. The suite prefixes its
// console output with a tag (test/vscode/suite/support/console-tag.ts); lines carrying it are
// printed to the terminal, everything is recorded in the browser log file.
import { randomBytes } from 'node:crypto';
import { format } from 'node:util';

/** A tag no ordinary log line starts with; passed to the suite as LAMBKIN_CONSOLE_TAG. */
export function newConsoleTag() {
  return `[lambkin-test-${randomBytes(4).toString('hex')}]`;
}

/**
 * @param {string} tag
 * @param {(text: string, type: string) => void} print
 * @returns {(type: string, args: unknown) => boolean} the codeAutomationLog handler; true when it printed
 */
export function extensionHostConsolePrinter(tag, print) {
  return (type, args) => {
    if (!Array.isArray(args) || typeof args[0] !== 'string' || !args[0].startsWith(tag)) return false;
    const rest = args[0] === tag ? args.slice(1) : [args[0].slice(tag.length), ...args.slice(1)];
    print(format(...rest), type);
    return true;
  };
}
