// What each invocation measured, kept per project in `.lambkin/stats/invocations.jsonl` beside the template,
// so cost figures survive restarts and `lambkin cost` can report during or after a run. One JSON line per
// invocation, appended; the file is compacted to the newest samples per function when it grows.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { InvocationResult } from '../protocol/control';
import type { Architecture } from '../template/model';

export interface InvocationSample {
  functionName: string;
  /** Epoch ms of the invocation's start. */
  at: number;
  durationMs: number;
  billedMs: number;
  initMs?: number;
  memoryMb: number;
  maxMemoryMb: number;
  architecture: Architecture;
  status: InvocationResult['status'];
  /** Served by a provisioned-concurrency environment. */
  provisioned?: boolean;
}

const FLUSH_DELAY_MS = 200;

/** Samples kept per function, in memory and after compaction. */
export const MAX_SAMPLES_PER_FUNCTION = 2000;

export class StatsStore {
  private readonly byFunction = new Map<string, InvocationSample[]>();
  private linesInFile = 0;
  /** Lines not yet on disk: appends are batched so the invoke path never waits for the disk. */
  private pending: string[] = [];
  private flushTimer: NodeJS.Timeout | undefined;

  private constructor(readonly file: string) {}

  /** The store of the project whose (first) template is `templatePath`. */
  static forTemplate(templatePath: string): StatsStore {
    const store = new StatsStore(path.join(path.dirname(templatePath), '.lambkin', 'stats', 'invocations.jsonl'));
    store.load();
    return store;
  }

  static at(file: string): StatsStore {
    const store = new StatsStore(file);
    store.load();
    return store;
  }

  samples(functionName: string): readonly InvocationSample[] {
    const list = this.byFunction.get(functionName) ?? [];
    return list.length > MAX_SAMPLES_PER_FUNCTION ? list.slice(list.length - MAX_SAMPLES_PER_FUNCTION) : list;
  }

  functionNames(): string[] {
    return [...this.byFunction.keys()];
  }

  record(result: InvocationResult, architecture: Architecture): InvocationSample {
    const sample: InvocationSample = {
      functionName: result.functionName,
      at: result.startedAt,
      durationMs: round(result.durationMs),
      billedMs: result.billedDurationMs,
      ...(result.initDurationMs !== undefined ? { initMs: round(result.initDurationMs) } : {}),
      memoryMb: result.memorySizeMb,
      maxMemoryMb: result.maxMemoryUsedMb,
      architecture,
      status: result.status,
      ...(result.provisioned ? { provisioned: true } : {}),
    };
    this.remember(sample);
    this.pending.push(JSON.stringify(sample) + '\n');
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => this.flush(), FLUSH_DELAY_MS);
      this.flushTimer.unref();
    }
    return sample;
  }

  /** Writes the batched lines now (called on a short timer, and when the runtime closes). */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    try {
      this.ensureFolder();
      appendFileSync(this.file, lines.join(''));
      this.linesInFile += lines.length;
      if (this.linesInFile > 2 * MAX_SAMPLES_PER_FUNCTION * Math.max(1, this.byFunction.size)) this.compact();
    } catch {
      // Statistics are a convenience: a read-only project must not fail invocations.
    }
  }

  /** Forgets the samples of one function, or of all. */
  reset(functionName?: string): void {
    if (functionName) this.byFunction.delete(functionName);
    else this.byFunction.clear();
    try {
      // The rewrite holds every sample still in memory, the batched ones included.
      this.pending = [];
      this.compact();
    } catch {
      // See record(): never fail the caller over statistics.
    }
  }

  private load(): void {
    if (!existsSync(this.file)) return;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      this.linesInFile++;
      try {
        const sample = JSON.parse(line) as InvocationSample;
        if (typeof sample.functionName === 'string' && typeof sample.durationMs === 'number' && typeof sample.billedMs === 'number') this.remember(sample);
      } catch {
        // A torn last line (a crash mid-append) is skipped, never fatal.
      }
    }
  }

  private remember(sample: InvocationSample): void {
    const list = this.byFunction.get(sample.functionName) ?? [];
    list.push(sample);
    // Trimmed in bulk: shifting 2,000 samples at every invocation was 3 % of a warm invoke's runtime CPU.
    if (list.length >= 2 * MAX_SAMPLES_PER_FUNCTION) list.splice(0, list.length - MAX_SAMPLES_PER_FUNCTION);
    this.byFunction.set(sample.functionName, list);
  }

  private compact(): void {
    this.ensureFolder();
    const lines = [...this.byFunction.keys()].flatMap((name) => this.samples(name)).sort((a, b) => a.at - b.at).map((sample) => JSON.stringify(sample) + '\n');
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, lines.join(''));
    renameSync(temporary, this.file);
    this.linesInFile = lines.length;
  }

  private ensureFolder(): void {
    const folder = path.dirname(this.file);
    if (existsSync(folder)) return;
    mkdirSync(folder, { recursive: true });
    // Measurements are personal and change all the time: keep them out of the user's commits.
    writeFileSync(path.join(folder, '.gitignore'), '*\n');
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
