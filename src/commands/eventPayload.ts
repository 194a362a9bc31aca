// Where an invocation's event can come from, without vscode: saved event files and JSON checking.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SAVED_EVENTS_DIR } from '../ids';

export type PayloadCheck = { ok: true; payload: string } | { ok: false; reason: string };

/** Lambda's Node runtime parses every event as JSON, so a payload that is not JSON would only fail later. */
export function checkEventJson(text: string, source: string): PayloadCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: `The event from ${source} is empty. An event is a JSON value, e.g. {}.` };
  try {
    JSON.parse(trimmed);
    return { ok: true, payload: trimmed };
  } catch (error) {
    return { ok: false, reason: `The event from ${source} is not valid JSON (${(error as Error).message}). Fix it and invoke again.` };
  }
}

/** `<folder>/.lambkin/events/<function>/*.json` of every folder, sorted by name. */
export async function listSavedEvents(folders: string[], functionName: string): Promise<string[]> {
  const found = await Promise.all(
    folders.map(async (folder) => {
      const directory = path.join(folder, SAVED_EVENTS_DIR, functionName);
      try {
        const entries = await fs.readdir(directory, { withFileTypes: true });
        return entries
          .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.json'))
          .map((entry) => path.join(directory, entry.name))
          .sort((a, b) => a.localeCompare(b));
      } catch {
        return []; // No saved events for this function in this folder.
      }
    }),
  );
  return found.flat();
}
