// Patterns given as JSON text (Lambda's `Pattern`, EventBridge's `EventPattern` and SNS's `FilterPolicy` in API
// calls): JSON.parse does the parsing; when it refuses, a small scanner finds where and why, because V8's
// messages do not always carry a position and a user needs a line and column to fix the text.

import type { TextPosition } from './errors';

export interface JsonTextError {
  readonly reason: string;
  readonly position: TextPosition;
}

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; error: JsonTextError };

export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** The offset and reason of the first syntax error; undefined when the text is valid JSON. */
function findSyntaxError(text: string): { offset: number; reason: string } | undefined {
  let i = 0;
  const skip = (): void => {
    while (i < text.length && WHITESPACE.has(text[i] ?? '')) i++;
  };
  const fail = (reason: string): { offset: number; reason: string } => ({ offset: i, reason });
  const scanString = (): { offset: number; reason: string } | undefined => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i] ?? '';
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c.charCodeAt(0) < 0x20) return fail('Control characters must be escaped inside a string');
      if (c === '\\') {
        const next = text[i + 1] ?? '';
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail('Invalid \\u escape: it needs four hex digits');
          i += 6;
        } else if (ESCAPES.has(next)) i += 2;
        else return fail(`Invalid escape \\${next}`);
      } else i++;
    }
    return fail('Unterminated string: a closing " is missing');
  };
  /** One value at `i`; containers are walked with an explicit stack so deep nesting cannot overflow. */
  const stack: Array<'object' | 'array'> = [];
  const scanValue = (): { offset: number; reason: string } | undefined => {
    for (;;) {
      skip();
      const c = text[i];
      if (c === undefined) return fail('Unexpected end of the text: a value is missing');
      if (c === '{' || c === '[') {
        stack.push(c === '{' ? 'object' : 'array');
        i++;
        skip();
        if (text[i] === (c === '{' ? '}' : ']')) {
          stack.pop();
          i++;
          return undefined;
        }
        if (c === '{') {
          const keyError = scanKey();
          if (keyError) return keyError;
        }
        continue;
      }
      if (c === '"') return scanString();
      NUMBER.lastIndex = i;
      const number = NUMBER.exec(text);
      if (number && number[0] !== '-') {
        i += number[0].length;
        return undefined;
      }
      const literal = LITERALS.find((word) => text.startsWith(word, i));
      if (literal) {
        i += literal.length;
        return undefined;
      }
      if (c === "'") return fail('Strings and names must be in double quotes');
      if (c === ']' || c === '}') return fail(`A value is missing before '${c}' (a trailing comma?)`);
      return fail(`Unexpected character ${JSON.stringify(c)}: a value is expected`);
    }
  };
  const scanKey = (): { offset: number; reason: string } | undefined => {
    skip();
    if (text[i] !== '"') return fail('Expected a property name in double quotes');
    const error = scanString();
    if (error) return error;
    skip();
    if (text[i] !== ':') return fail("Expected ':' after the property name");
    i++;
    return undefined;
  };
  for (;;) {
    const error = scanValue();
    if (error) return error;
    // After a value: close containers or move to the next member.
    for (;;) {
      skip();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        return i < text.length ? fail('Unexpected text after the end of the JSON value') : undefined;
      }
      const close = top === 'object' ? '}' : ']';
      if (text[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ',') return fail(`Expected ',' or '${close}'`);
      i++;
      if (top === 'object') {
        const keyError = scanKey();
        if (keyError) return keyError;
      }
      break;
    }
  }
}

export function parseJsonText(text: string): JsonTextResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const found = findSyntaxError(text) ?? { offset: 0, reason: (error as Error).message };
    return { ok: false, error: { reason: found.reason, position: positionAt(text, found.offset) } };
  }
}
