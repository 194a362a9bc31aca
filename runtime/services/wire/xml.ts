// XML for the services that speak it (S3's rest-xml, and the query protocol's responses for SNS and SQS),
// through fast-xml-parser: building escapes text, parsing never evaluates entities or DTDs.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false, format: false });
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  // Lists are decided by the reader (`asList`), not guessed from how many items happen to be there.
  isArray: () => false,
});

export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [name: string]: XmlValue };

/** `<?xml …?><root xmlns="…">…</root>`; arrays repeat their element, undefined fields are left out. */
export function toXml(root: string, content: Record<string, XmlValue>, namespace?: string): string {
  const element = namespace ? { '@_xmlns': namespace, ...content } : content;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: element }) as string}`;
}

export class XmlSyntaxError extends Error {}

/** Parses a request body; throws XmlSyntaxError for text that is not well-formed XML. */
export function parseXml(text: string): Record<string, unknown> {
  try {
    return parser.parse(text, true) as Record<string, unknown>;
  } catch (error) {
    throw new XmlSyntaxError(error instanceof Error ? error.message : String(error));
  }
}

/** One element or many, as a list (parsed XML gives a lone element as an object). */
export function asList<T = unknown>(value: unknown): T[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}
