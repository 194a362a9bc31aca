// Pages of a list answer (Limit + NextToken), as EventBridge's List operations give them.

const DEFAULT_LIMIT = 100;

/** The page starting at `token` (an opaque offset) of at most `limit` items, and the token of the next. */
export function page<T>(items: readonly T[], token: unknown, limit: unknown): { items: T[]; nextToken?: string } {
  const start = typeof token === 'string' && /^\d+$/.test(Buffer.from(token, 'base64').toString('utf8')) ? Number(Buffer.from(token, 'base64').toString('utf8')) : 0;
  const size = typeof limit === 'number' && Number.isInteger(limit) && limit > 0 ? Math.min(limit, DEFAULT_LIMIT) : DEFAULT_LIMIT;
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? Buffer.from(String(start + size)).toString('base64') : undefined;
  return next ? { items: slice, nextToken: next } : { items: slice };
}
