// Turns template text (YAML or JSON: JSON is valid YAML) into a located tree, reporting syntax
// errors and unknown tags at the line where they are written.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { SourceLocation } from './model';
import { scalarNode, type LocatedEntry, type LocatedNode, type ProblemSink } from './located';
import { functionForTag, knownShortTags } from './yaml-tags';

/** Deep enough for any real template, shallow enough to stop alias loops (`a: &x [*x]`). */
const MAX_DEPTH = 200;

class TreeBuilder {
  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly lines: LineCounter,
    private readonly doc: Document,
    private readonly problems: ProblemSink,
  ) {}

  locate(offset: number | undefined): SourceLocation {
    const { line, col } = this.lines.linePos(offset ?? 0);
    return { file: this.file, line, column: col };
  }

  build(node: unknown, fallback: SourceLocation, depth = 0): LocatedNode {
    if (depth > MAX_DEPTH) {
      this.problems.error(fallback, 'The template nests too deeply (or an alias refers to itself); simplify it.');
      return scalarNode(null, fallback);
    }
    if (node === null || node === undefined) return scalarNode(null, fallback);
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) {
        this.problems.error(this.locate(node.range?.[0]), `Alias *${node.source} has no matching anchor; define &${node.source} first.`);
        return scalarNode(null, this.locate(node.range?.[0]));
      }
      return this.build(target, this.locate(node.range?.[0]), depth + 1);
    }
    const yamlNode = node as YamlNode;
    const loc = this.locate(yamlNode.range?.[0]);
    const plain = this.buildUntagged(yamlNode, loc, depth);
    const tag = yamlNode.tag;
    if (!tag || tag.startsWith('tag:yaml.org,2002:') || tag.startsWith('!!')) return plain;
    // The node's range starts at its value; the tag is written just before it.
    const tagOffset = this.text.lastIndexOf(tag, yamlNode.range?.[0] ?? 0);
    const tagLoc = tagOffset >= 0 ? this.locate(tagOffset) : loc;
    const fn = functionForTag(tag);
    if (!fn) {
      this.problems.error(tagLoc, `Unknown tag ${tag}; use one of CloudFormation's short forms: ${knownShortTags().join(' ')}.`);
      return plain;
    }
    // `!GetAZs` with nothing after it means "the current region", like `Fn::GetAZs: ""`.
    const argument = plain.kind === 'scalar' && plain.value === null ? scalarNode('', loc) : plain;
    return { kind: 'map', loc: tagLoc, entries: [{ key: fn, keyLoc: tagLoc, value: argument }] };
  }

  private buildUntagged(node: YamlNode, loc: SourceLocation, depth: number): LocatedNode {
    if (isScalar(node)) {
      const value = node.value;
      if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        return scalarNode(value, loc);
      }
      if (typeof value === 'bigint') return scalarNode(Number(value), loc);
      return scalarNode(String(value), loc);
    }
    if (isSeq(node)) {
      return { kind: 'seq', loc, items: node.items.map((item) => this.build(item, loc, depth + 1)) };
    }
    if (isMap(node)) {
      const entries: LocatedEntry[] = [];
      const merged: LocatedEntry[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const keyLoc = keyNode ? this.locate(keyNode.range?.[0]) : loc;
        if (isScalar(keyNode) && keyNode.value === '<<' && !keyNode.type?.startsWith('QUOTE')) {
          this.mergeInto(merged, this.build(pair.value, keyLoc, depth + 1), keyLoc);
          continue;
        }
        if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
          this.problems.error(keyLoc, 'Map keys must be plain names; quote the key or restructure this entry.');
          continue;
        }
        const value = this.build(pair.value, keyLoc, depth + 1);
        entries.push({ key: String(keyNode.value), keyLoc, value });
      }
      for (const entry of merged) {
        if (!entries.some((existing) => existing.key === entry.key)) entries.push(entry);
      }
      return { kind: 'map', loc, entries };
    }
    return scalarNode(null, loc);
  }

  /** YAML merge key (`<<: *defaults`): the first source wins here, entries written in the map itself win later. */
  private mergeInto(entries: LocatedEntry[], source: LocatedNode, loc: SourceLocation): void {
    const sources = source.kind === 'seq' ? source.items : [source];
    for (const item of sources) {
      if (item.kind !== 'map') {
        this.problems.error(loc, 'A merge key (<<) needs a map or a list of maps.');
        continue;
      }
      for (const entry of item.entries) {
        if (!entries.some((existing) => existing.key === entry.key)) entries.push(entry);
      }
    }
  }
}

/** Parses template text; undefined when the text is not a usable document (problems say why). */
export function parseTemplateTree(text: string, file: string, problems: ProblemSink): LocatedNode | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: false });
  const fileStart: SourceLocation = { file, line: 1, column: 1 };
  for (const error of doc.errors) {
    const { line, col } = lines.linePos(error.pos[0]);
    const what = error.message.split(' at line ')[0];
    const hint = error.code === 'DUPLICATE_KEY' ? 'remove or rename one of them' : 'fix the YAML syntax here';
    problems.error({ file, line, column: col }, `${what.replace(/\.$/, '')}: ${hint}.`);
  }
  // A repeated key still leaves a sound document (the first one is kept); other errors do not.
  if (doc.errors.some((error) => error.code !== 'DUPLICATE_KEY')) return undefined;
  if (doc.contents === null) {
    problems.error(fileStart, 'The template is empty; add a Resources section with at least one function.');
    return undefined;
  }
  return new TreeBuilder(file, text, lines, doc, problems).build(doc.contents, fileStart);
}
