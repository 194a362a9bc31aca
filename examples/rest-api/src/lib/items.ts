// What an item is, and the checks a client's JSON must pass before anything is written.
import { HttpError } from './http';

export interface ItemInput {
  name: string;
  price: number;
  tags: string[];
}

export interface Item extends ItemInput {
  id: string;
  /** Grows by one on every replace: a PUT must name the version it read (optimistic locking). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const ALLOWED = new Set(['id', 'name', 'price', 'tags', 'version']);

export function checkId(id: string | undefined): string {
  if (!id || !ID.test(id)) throw new HttpError(400, 'An item id is 1 to 64 letters, digits, "-" or "_".');
  return id;
}

/** Every problem of the body at once, so a client fixes them in one round trip. */
export function parseItemInput(body: unknown): ItemInput & { id?: string; version?: number } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'The body must be a JSON object.');
  const fields = body as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(fields)) if (!ALLOWED.has(key)) problems.push(`unknown field "${key}"`);
  const { id, name, price, tags = [], version } = fields;
  if (id !== undefined && (typeof id !== 'string' || !ID.test(id))) problems.push('id must be 1 to 64 letters, digits, "-" or "_"');
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > 100) problems.push('name must be a non-empty string of at most 100 characters');
  if (typeof price !== 'number' || !Number.isFinite(price) || price < 0 || Math.round(price * 100) !== price * 100) problems.push('price must be a number of at least 0 with at most two decimals');
  if (!Array.isArray(tags) || tags.length > 10 || !tags.every((tag) => typeof tag === 'string' && tag.length > 0 && tag.length <= 30)) problems.push('tags must be a list of at most 10 strings of 1 to 30 characters');
  if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version) || version < 1)) problems.push('version must be a whole number of at least 1');
  if (problems.length > 0) throw new HttpError(400, 'The item is not valid.', { problems });
  return { id: id as string | undefined, name: (name as string).trim(), price: price as number, tags: tags as string[], version: version as number | undefined };
}

/** The page size a client asks for with ?limit= (1 to 100, default 20). */
export function parseLimit(value: string | undefined): number {
  if (value === undefined) return 20;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new HttpError(400, 'limit must be a whole number from 1 to 100.');
  return limit;
}

/** The opaque `next` token: the last key of a page, so the next page starts after it. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

export function decodeCursor(token: string | undefined): Record<string, unknown> | undefined {
  if (token === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (typeof key === 'object' && key !== null && typeof (key as { id?: unknown }).id === 'string') return key as Record<string, unknown>;
  } catch {
    // Falls through to the 400 below.
  }
  throw new HttpError(400, 'next is not a token this API gave out: pass the "next" of the previous page unchanged.');
}
