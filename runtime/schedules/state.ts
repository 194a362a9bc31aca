// What the schedules remember across restarts, in the data folder: whether they are paused, and per schedule
// when it last ran and where its rate counts from. Written atomically (a temporary file, then a rename).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

export interface ScheduleMemory {
  /** ISO time of the last run (timed or Run Now). */
  lastRun?: string;
  /** Epoch ms a rate counts from: when Lambkin first saw the schedule. */
  anchorMs?: number;
  /** Runs so far. */
  runs?: number;
}

export interface SchedulesState {
  paused: boolean;
  schedules: Record<string, ScheduleMemory>;
}

export const STATE_FILE = 'schedules.json';

/** Reads the state file of a data folder; a missing or unreadable one is a fresh state (and says why). */
export function readSchedulesState(folder: string, warn?: (message: string) => void): SchedulesState {
  const file = path.join(folder, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { paused: false, schedules: {} };
  }
  try {
    const value = JSON.parse(text) as Partial<SchedulesState>;
    return { paused: value.paused === true, schedules: typeof value.schedules === 'object' && value.schedules !== null ? value.schedules : {} };
  } catch (error) {
    warn?.(`${file} is not valid JSON (${(error as Error).message}); schedules start unpaused with no run history.`);
    return { paused: false, schedules: {} };
  }
}

export class SchedulesStateFile {
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly folder: string, private readonly warn: (message: string) => void = () => undefined) {}

  read(warn?: (message: string) => void): SchedulesState {
    return readSchedulesState(this.folder, warn);
  }

  /** Queues a write of the whole state; writes happen one after another, the last one wins. */
  write(state: SchedulesState): Promise<void> {
    const text = JSON.stringify(state, null, 2) + '\n';
    this.writing = this.writing.then(() => writeFileAtomic(path.join(this.folder, STATE_FILE), text)).catch((error: unknown) => {
      this.warn(`Could not save the schedules' state in ${this.folder}: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.writing;
  }

  flushed(): Promise<void> {
    return this.writing;
  }
}
