// Object keys as file paths: object `a/b.txt` of bucket `x` is the file `x/a/b.txt`, so a bucket is a folder
// people can browse, and a file put there by hand is an object. Each `/`-separated segment of a key is kept as
// written when it is a safe file name; anything else is escaped reversibly with `%XX` (a `%` itself is `%25`).
// Names the store keeps for itself (`%meta`, `%uploads`, `%bucket.json`, the `%F` suffix) contain a `%` not
// followed by two hex digits, which no escaped segment ever does, so they never collide with a key.

/** Characters no file name should hold on Linux, macOS or Windows, besides control characters. */
const UNSAFE = new Set(['%', '<', '>', ':', '"', '\\', '|', '?', '*']);
/** The longest file name most file systems allow (bytes). */
export const MAX_SEGMENT_BYTES = 255;
/** Marks a file whose key is also a folder of other keys (`a` beside `a/b`): the file is `a%F`. */
export const FILE_BESIDE_FOLDER = '%F';

/** One key segment as a file name. */
export function encodeSegment(segment: string): string {
  if (segment === '') return '%';
  if (segment === '.' || segment === '..') return segment.replace(/\./g, '%2E');
  let out = '';
  for (const char of segment) {
    const code = char.codePointAt(0)!;
    out += code < 0x20 || code === 0x7f || UNSAFE.has(char) ? percent(char) : char;
  }
  // Windows drops a trailing dot or space from file names.
  const last = out.at(-1);
  if (last === '.' || last === ' ') out = out.slice(0, -1) + percent(last);
  return out;
}

/** A file name back to its key segment; a `%` that starts no escape is kept as written (a hand-made file). */
export function decodeSegment(name: string): string {
  if (name === '%') return '';
  const bytes: number[] = [];
  const text = Buffer.from(name, 'utf8');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === 0x25 && i + 2 < text.length && isHex(text[i + 1]) && isHex(text[i + 2])) {
      bytes.push(parseInt(String.fromCharCode(text[i + 1], text[i + 2]), 16));
      i += 2;
    } else {
      bytes.push(text[i]);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The segments of a key as file names; the last one is the object's file. */
export function keyToSegments(key: string): string[] {
  return key.split('/').map(encodeSegment);
}

/** True for names the store keeps for itself at a bucket's top (never an object). */
export function isReservedName(name: string): boolean {
  return name.startsWith('%') && name !== '%' && !/^%[0-9A-Fa-f]{2}/.test(name);
}

/** Why a key cannot be stored, or undefined. */
export function keyProblem(key: string): string | undefined {
  if (key.length === 0) return 'Object keys must not be empty.';
  if (Buffer.byteLength(key) > 1024) return 'Your key is too long';
  for (const segment of keyToSegments(key)) {
    if (Buffer.byteLength(segment) + FILE_BESIDE_FOLDER.length + 6 > MAX_SEGMENT_BYTES) {
      return `Lambkin keeps objects as files, and a key segment longer than about ${MAX_SEGMENT_BYTES - 8} bytes (between two "/") is not a file name the disk accepts.`;
    }
  }
  return undefined;
}

function percent(char: string): string {
  return [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

function isHex(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66));
}

/** S3 lists keys in UTF-8 binary order. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
