// String tests behind `wildcard` and `equals-ignore-case`, compiled once per pattern value.

/** More `*` than this in one value is refused as too complex (see ARCHITECTURE.md: an approximation). */
export const MAX_WILDCARDS = 5;

const TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

/** AWS counts positions in UTF-8 bytes of the value inside its quotes, so the first character is at 1. */
function bytePosition(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8') + 1;
}

/**
 * `*` matches any run of characters (also none); `\*` is a literal star and `\\` a backslash.
 * Returns the literal parts between stars, or AWS's reason for refusing the value.
 */
export function parseWildcard(text: string): string[] | string {
  const parts: string[] = [''];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '*') {
      if (text[i + 1] === '*') return `Consecutive wildcard characters at pos ${bytePosition(text, i)}`;
      parts.push('');
    } else if (c === '\\') {
      const next = text[i + 1];
      if (next !== '*' && next !== '\\') return `Invalid escape character at pos ${bytePosition(text, i)}`;
      parts[parts.length - 1] += next;
      i++;
    } else {
      parts[parts.length - 1] += c;
    }
  }
  if (parts.length - 1 > MAX_WILDCARDS) return TOO_COMPLEX;
  return parts;
}

/**
 * Glob match without a regular expression: the first part anchors the start, the last the end, and the
 * middle ones are found left to right (leftmost is always right when the only wildcard is `*`).
 */
export function matchesWildcard(parts: readonly string[], value: string): boolean {
  const first = parts[0] ?? '';
  if (parts.length === 1) return value === first;
  const last = parts[parts.length - 1] ?? '';
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  let position = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] ?? '';
    const found = value.indexOf(part, position);
    if (found < 0 || found + part.length > end) return false;
    position = found + part.length;
  }
  return true;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * Case-insensitive as AWS does it: each character of the pattern matches its lower-case or upper-case form
 * (which may differ in length, e.g. ß and SS), one UTF-16 unit at a time, independent of any locale.
 */
export function ignoreCaseRegExp(text: string, anchor: 'whole' | 'start' | 'end'): RegExp {
  let source = '';
  for (const c of text.split('')) {
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    source += lower === upper ? escapeRegExp(c) : `(?:${escapeRegExp(lower)}|${escapeRegExp(upper)})`;
  }
  if (anchor === 'whole') return new RegExp(`^${source}$`);
  return new RegExp(anchor === 'start' ? `^${source}` : `${source}$`);
}
