// SAM `Globals.Function`: properties every AWS::Serverless::Function inherits.
// SAM's merge rules: maps merge key by key (so Environment.Variables combine), lists concatenate
// (globals first), scalars and intrinsic functions take the function's own value.
// Architectures is the exception: a function runs on exactly one architecture, so the function's
// own list replaces the global one (SAM itself is moving to this rule; concatenating would produce
// the invalid [arm64, x86_64]).
import { intrinsicName, type LocatedEntry, type LocatedMap, type LocatedNode } from './located';

const REPLACED_LISTS = new Set(['Architectures']);

function isPlainMap(node: LocatedNode): node is LocatedMap {
  return node.kind === 'map' && intrinsicName(node) === undefined;
}

function mergeNode(global: LocatedNode, local: LocatedNode, path: string): LocatedNode {
  if (isPlainMap(global) && isPlainMap(local)) return mergeMaps(global, local, path);
  if (global.kind === 'seq' && local.kind === 'seq' && !REPLACED_LISTS.has(path)) {
    return { kind: 'seq', loc: local.loc, items: [...global.items, ...local.items] };
  }
  return local;
}

function mergeMaps(global: LocatedMap, local: LocatedMap, path: string): LocatedMap {
  const entries: LocatedEntry[] = [];
  for (const entry of global.entries) {
    const own = local.entries.find((candidate) => candidate.key === entry.key);
    const childPath = path ? `${path}.${entry.key}` : entry.key;
    entries.push(own ? { ...own, value: mergeNode(entry.value, own.value, childPath) } : entry);
  }
  for (const entry of local.entries) {
    if (!global.entries.some((candidate) => candidate.key === entry.key)) entries.push(entry);
  }
  return { kind: 'map', loc: local.loc, entries };
}

/** The function's Properties with `Globals.Function` applied; nodes keep where they were written. */
export function applyFunctionGlobals(globals: LocatedMap | undefined, properties: LocatedMap): LocatedMap {
  return globals ? mergeMaps(globals, properties, '') : properties;
}
