// The payload of a debug session's invocation, from its `event` attribute: a sample of the catalog, a
// saved event, a file or inline JSON. Without one, the first sample that fits the function's own
// triggers (an HTTP API route, a bucket notification…), else `{}`. No vscode here.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fittingEvents, generateEvent } from '../../runtime/events';
import type { FunctionConfig } from '../../runtime/template/model';
import { checkEventJson, listSavedEvents } from '../commands/eventPayload';
import { SAVED_EVENTS_DIR } from '../ids';
import type { EventSpec } from './configuration';

export interface ResolvedEvent {
  payload: string;
  /** Where it came from, for the Debug Console. */
  source: string;
}

/** An event that cannot be produced; the message says which attribute or file to fix. */
export class EventSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventSourceError';
  }
}

function accepted(text: string, source: string): ResolvedEvent {
  const check = checkEventJson(text, source);
  if (!check.ok) throw new EventSourceError(check.reason);
  return { payload: check.payload, source };
}

/** The event a session without `event` gets: the first sample fitting one of the function's triggers. */
export function defaultEvent(fn: FunctionConfig, region?: string): ResolvedEvent {
  const own = fn.events.length > 0 || fn.functionUrl !== undefined;
  const [first] = own ? fittingEvents(fn, region ? { region } : undefined) : [];
  if (!first) return { payload: '{}', source: 'the empty event' };
  return { payload: JSON.stringify(first.event), source: `sample ${first.generator} (${first.label})` };
}

export async function resolveEvent(fn: FunctionConfig, spec: EventSpec | undefined, folders: string[], region?: string): Promise<ResolvedEvent> {
  if (!spec) return defaultEvent(fn, region);
  if ('json' in spec) return { payload: JSON.stringify(spec.json ?? null), source: 'the configuration\'s "event.json"' };
  if ('sample' in spec) {
    try {
      return { payload: JSON.stringify(generateEvent(spec.sample, spec.params ?? {}, region ? { region } : undefined)), source: `sample ${spec.sample}` };
    } catch (error) {
      throw new EventSourceError(`"event.sample": ${(error as Error).message}`);
    }
  }
  if ('saved' in spec) {
    const wanted = spec.saved.toLowerCase().endsWith('.json') ? spec.saved : `${spec.saved}.json`;
    const saved = await listSavedEvents(folders, fn.name);
    const file = saved.find((candidate) => path.basename(candidate) === wanted);
    if (!file) {
      const names = saved.map((candidate) => path.basename(candidate, '.json'));
      throw new EventSourceError(`There is no saved event "${spec.saved}" for ${fn.name} in ${SAVED_EVENTS_DIR}/${fn.name}/${names.length ? ` (saved: ${names.join(', ')})` : ': save one there as <name>.json'}.`);
    }
    return accepted(await fs.readFile(file, 'utf8'), path.relative(folders[0] ?? '', file) || file);
  }
  const file = path.isAbsolute(spec.file) ? spec.file : path.resolve(folders[0] ?? path.dirname(fn.templatePath), spec.file);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new EventSourceError(`Cannot read "event.file" ${file}: ${(error as Error).message}`);
  }
  return accepted(text, file);
}
