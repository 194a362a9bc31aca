// The AWS query protocol (SNS; SQS for older clients): form-encoded parameters in, XML out. Lists arrive as
// `Name.member.N`, maps as `Name.entry.N.Name|Key` / `.Value`, structures as `Name.Field`.
import { toXml, type XmlValue } from './xml';

export class QueryParams {
  constructor(readonly values: URLSearchParams) {}

  static parse(body: Buffer, url?: URL): QueryParams {
    const values = new URLSearchParams(body.toString('utf8'));
    // Query clients may put some parameters in the URL instead (GET requests, presigned calls).
    if (url) for (const [key, value] of url.searchParams) if (!values.has(key)) values.set(key, value);
    return new QueryParams(values);
  }

  get action(): string | undefined {
    return this.values.get('Action') ?? undefined;
  }

  string(name: string): string | undefined {
    return this.values.get(name) ?? undefined;
  }

  /** `Name.member.1`, `Name.member.2`, … (or `Name.1`, … as SQS's flattened lists are sent). */
  list(name: string): string[] {
    return this.indexed(name, ['member.', '']).map(([prefix]) => this.values.get(prefix) ?? '');
  }

  /** Structures of a list: each as the prefix (`Entries.member.1`) to read its fields with. */
  structures(name: string): string[] {
    return this.indexedPrefixes(name, ['member.', '']);
  }

  /** `Name.entry.N.Name|Key` → `Name.entry.N.Value` (or their flattened SQS forms `Name.N.Name`/`.Value`). */
  map(name: string, keyField = 'Name', valueField = 'Value'): Map<string, string> {
    const result = new Map<string, string>();
    for (const prefix of this.indexedPrefixes(name, ['entry.', ''])) {
      const key = this.values.get(`${prefix}.${keyField}`) ?? this.values.get(`${prefix}.Key`);
      if (key !== null && key !== undefined) result.set(key, this.values.get(`${prefix}.${valueField}`) ?? '');
    }
    return result;
  }

  /** Map entries whose value is a structure: key → the prefix of its value (`Attr.entry.1.Value`). */
  structureMap(name: string, keyField = 'Name', valueField = 'Value'): Map<string, string> {
    const result = new Map<string, string>();
    for (const prefix of this.indexedPrefixes(name, ['entry.', ''])) {
      const key = this.values.get(`${prefix}.${keyField}`);
      if (key !== null) result.set(key, `${prefix}.${valueField}`);
    }
    return result;
  }

  private indexed(name: string, infixes: string[]): Array<[string, number]> {
    const found: Array<[string, number]> = [];
    for (const key of this.values.keys()) {
      for (const infix of infixes) {
        const match = new RegExp(`^${escapeRegExp(name)}\\.${escapeRegExp(infix)}(\\d+)$`).exec(key);
        if (match) found.push([key, Number(match[1])]);
      }
    }
    return found.sort((a, b) => a[1] - b[1]);
  }

  private indexedPrefixes(name: string, infixes: string[]): string[] {
    const prefixes = new Map<string, number>();
    for (const key of this.values.keys()) {
      for (const infix of infixes) {
        const match = new RegExp(`^(${escapeRegExp(name)}\\.${escapeRegExp(infix)}(\\d+))\\.`).exec(key);
        if (match && !prefixes.has(match[1])) prefixes.set(match[1], Number(match[2]));
      }
    }
    return [...prefixes.entries()].sort((a, b) => a[1] - b[1]).map(([prefix]) => prefix);
  }
}

/** `<ActionResponse xmlns><ActionResult>…</ActionResult><ResponseMetadata><RequestId/></ResponseMetadata></ActionResponse>`. */
export function queryResponse(action: string, namespace: string, requestId: string, result: Record<string, XmlValue> | undefined): string {
  const content: Record<string, XmlValue> = {};
  if (result !== undefined) content[`${action}Result`] = result;
  content.ResponseMetadata = { RequestId: requestId };
  return toXml(`${action}Response`, content, namespace);
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`, as SNS and SQS (query) answer. */
export function queryError(namespace: string, requestId: string, code: string, message: string, type: 'Sender' | 'Receiver' = 'Sender'): string {
  return toXml('ErrorResponse', { Error: { Type: type, Code: code, Message: message }, RequestId: requestId }, namespace);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
