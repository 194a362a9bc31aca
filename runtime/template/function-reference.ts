// The ways Lambda's API names a function: `name`, `name:qualifier`, `account:function:name[:qualifier]`, and the
// full ARN `arn:aws:lambda:region:account:function:name[:qualifier]`.

/** The function's name, whichever way it is referred to. */
export function functionNameOf(reference: string): string {
  const arn = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::.*)?$/.exec(reference);
  if (arn) return arn[1];
  const partial = /^[^:]+:function:([^:]+)(?::.*)?$/.exec(reference);
  if (partial) return partial[1];
  return reference.split(':')[0];
}

/** The version or alias the reference names, if any. */
export function qualifierOf(reference: string): string | undefined {
  const parts = reference.split(':');
  if (reference.startsWith('arn:')) return parts.length > 7 ? parts[7] : undefined;
  if (parts.length === 3 && parts[1] === 'function') return undefined;
  if (parts.length >= 4 && parts[1] === 'function') return parts[3];
  return parts.length === 2 ? parts[1] : undefined;
}

/** The account of a full ARN; Lambkin's fixed local account otherwise. */
export function accountOf(reference: string): string {
  return /^arn:[^:]+:lambda:[^:]*:(\d{12}):/.exec(reference)?.[1] ?? '123456789012';
}
