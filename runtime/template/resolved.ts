// Plain values after intrinsic functions ran, and the small conversions every consumer needs.

export type Resolved = string | number | boolean | null | Resolved[] | { [key: string]: Resolved };

/** `!Ref AWS::NoValue`: the enclosing key or list item disappears. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type ResolvedOrNothing = Resolved | typeof NO_VALUE;

/** How a value Lambkin cannot know locally is shown: `${MyBucket.Arn}`, `${ImportValue:Shared}`. */
export function placeholder(text: string): string {
  return '${' + text + '}';
}

/** True when a string still carries a placeholder for something only the cloud knows. */
export function containsPlaceholder(value: string): boolean {
  return /\$\{[^}]+\}/.test(value);
}

/** CloudFormation turns scalars into strings where a string is expected; lists become comma-joined. */
export function toText(value: Resolved): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(toText).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function isRecord(value: unknown): value is Record<string, Resolved> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
