// Where a value nested in a resource's (or an event's) properties is written: problems found deep in an
// EventPattern or a target list point at that line, not at the top of the resource.
import type { LocatedNode } from '../located';
import type { SourceLocation } from '../model';

export type PropertyPath = ReadonlyArray<string | number>;

/** The location of `path` under `node`, or of the deepest part of it that is written. */
export function locate(node: LocatedNode | undefined, path: PropertyPath, fallback: SourceLocation): SourceLocation {
  let current = node;
  let found = node?.loc ?? fallback;
  for (const step of path) {
    if (current?.kind === 'map' && typeof step === 'string') {
      const entry = current.entries.find((candidate) => candidate.key === step);
      if (!entry) break;
      found = entry.value.loc;
      current = entry.value;
    } else if (current?.kind === 'seq' && typeof step === 'number' && step < current.items.length) {
      current = current.items[step];
      found = current.loc;
    } else {
      break;
    }
  }
  return found;
}

/** Reads typed values out of resolved properties, reporting what is wrong where it is written. */
export interface PropertyProblems {
  at(path: PropertyPath): SourceLocation;
  error(path: PropertyPath, message: string): void;
}
