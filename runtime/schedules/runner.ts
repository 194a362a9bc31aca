// Runs schedules on time: one timer per schedule, armed for its next run; a global pause; Run Now; and what
// each schedule remembers (last run, where its rate counts from) kept in the data folder. EventBridge rules
// with a ScheduleExpression and EventBridge Scheduler schedules both run here; what a run does (the event it
// sends, to which targets) is their service's business, handed in as `fire`.
import type { ScheduleClock } from './clock';
import { MAX_TIMER_MS } from './clock';
import { nextRun, type ScheduleExpression } from './expression';
import type { ScheduleMemory, SchedulesState, SchedulesStateFile } from './state';

export type ScheduleOwner = 'rule' | 'schedule';

export interface ScheduleEntry {
  /** Unique across owners: `rule:<bus>/<name>` or `schedule:<group>/<name>`. */
  id: string;
  owner: ScheduleOwner;
  name: string;
  arn: string;
  expression: ScheduleExpression;
  timezone?: string;
  enabled: boolean;
  startMs?: number;
  endMs?: number;
}

/** Why a schedule runs: its time came, or someone asked (Run Now, `lambkin schedules run`). */
export type RunReason = 'timer' | 'manual';

/** Runs one schedule; may answer with the request ids of the invocations it started (for `lambkin schedules run`). */
export type FireHandler = (entry: ScheduleEntry, scheduledTimeMs: number, reason: RunReason) => Promise<string[] | void> | string[] | void;

export interface ScheduleStatus {
  id: string;
  owner: ScheduleOwner;
  name: string;
  arn: string;
  expression: string;
  timezone: string;
  enabled: boolean;
  /** ISO; absent when paused, disabled or finished. */
  nextRun?: string;
  lastRun?: string;
  runs: number;
}

interface Armed {
  entry: ScheduleEntry;
  fire: FireHandler;
  timer?: unknown;
  dueMs?: number;
}

export class ScheduleRunner {
  private readonly armed = new Map<string, Armed>();
  private state: SchedulesState;
  private closed = false;

  constructor(
    private readonly clock: ScheduleClock,
    private readonly stateFile: SchedulesStateFile,
    private readonly log: (level: 'info' | 'warn' | 'error', message: string) => void,
  ) {
    this.state = stateFile.read((message) => log('warn', message));
  }

  get paused(): boolean {
    return this.state.paused;
  }

  /** Replaces every schedule of one owner (at start and after each template reload or API change). */
  set(owner: ScheduleOwner, entries: ReadonlyArray<{ entry: ScheduleEntry; fire: FireHandler }>): void {
    const next = new Set(entries.map(({ entry }) => entry.id));
    for (const [id, armed] of this.armed) {
      if (armed.entry.owner === owner && !next.has(id)) {
        this.disarm(armed);
        this.armed.delete(id);
      }
    }
    let changed = false;
    for (const { entry, fire } of entries) {
      const memory = this.memory(entry.id);
      if (memory.anchorMs === undefined) {
        memory.anchorMs = this.clock.now();
        changed = true;
      }
      const previous = this.armed.get(entry.id);
      if (previous) this.disarm(previous);
      const armed: Armed = { entry, fire };
      this.armed.set(entry.id, armed);
      this.arm(armed);
    }
    for (const id of Object.keys(this.state.schedules)) {
      if (id.startsWith(`${owner}:`) && !next.has(id)) {
        delete this.state.schedules[id];
        changed = true;
      }
    }
    if (changed) void this.save();
  }

  /** Pauses (or resumes) every schedule; kept across restarts. Run Now still works while paused. */
  setPaused(paused: boolean): void {
    if (this.state.paused === paused) return;
    this.state.paused = paused;
    for (const armed of this.armed.values()) {
      this.disarm(armed);
      this.arm(armed);
    }
    void this.save();
  }

  /** Forgets the run history and the pause (Reset Local Data): schedules count from now, as if new. */
  forget(): void {
    this.state = { paused: false, schedules: {} };
    const now = this.clock.now();
    for (const armed of this.armed.values()) {
      this.memory(armed.entry.id).anchorMs = now;
      this.disarm(armed);
      this.arm(armed);
    }
    void this.save();
  }

  list(): ScheduleStatus[] {
    return [...this.armed.values()].map((armed) => this.statusOf(armed));
  }

  status(id: string): ScheduleStatus | undefined {
    const armed = this.armed.get(id);
    return armed && this.statusOf(armed);
  }

  /** Runs one schedule now, whatever its state; resolves once its run has been handed to its targets. */
  async runNow(id: string): Promise<ScheduleStatus & { invocations: string[] }> {
    const armed = this.armed.get(id);
    if (!armed) throw new Error(`No schedule ${id}`);
    const invocations = await this.run(armed, this.clock.now(), 'manual');
    return { ...this.statusOf(armed), invocations };
  }

  /** Waits for pending state writes (tests, shutdown). */
  flushed(): Promise<void> {
    return this.stateFile.flushed();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const armed of this.armed.values()) this.disarm(armed);
    await this.stateFile.flushed();
  }

  private statusOf(armed: Armed): ScheduleStatus {
    const { entry } = armed;
    const memory = this.state.schedules[entry.id] ?? {};
    return {
      id: entry.id,
      owner: entry.owner,
      name: entry.name,
      arn: entry.arn,
      expression: entry.expression.text,
      timezone: entry.timezone ?? 'UTC',
      enabled: entry.enabled,
      nextRun: armed.dueMs !== undefined ? new Date(armed.dueMs).toISOString() : undefined,
      lastRun: memory.lastRun,
      runs: memory.runs ?? 0,
    };
  }

  private memory(id: string): ScheduleMemory {
    return (this.state.schedules[id] ??= {});
  }

  private arm(armed: Armed): void {
    armed.dueMs = undefined;
    if (this.closed || this.state.paused || !armed.entry.enabled) return;
    const now = this.clock.now();
    const due = nextRun(armed.entry.expression, now, this.runOptions(armed.entry));
    if (due === undefined) return;
    armed.dueMs = due;
    this.wake(armed, due);
  }

  /** Sleeps until `due`, in steps when it is further away than one timer can wait. */
  private wake(armed: Armed, due: number): void {
    const delay = due - this.clock.now();
    armed.timer = this.clock.setTimer(() => {
      armed.timer = undefined;
      if (this.clock.now() < due) return this.wake(armed, due);
      void this.run(armed, due, 'timer').finally(() => {
        if (this.armed.get(armed.entry.id) === armed && armed.timer === undefined) this.arm(armed);
      });
    }, Math.min(Math.max(0, delay), MAX_TIMER_MS));
  }

  private disarm(armed: Armed): void {
    if (armed.timer !== undefined) this.clock.clearTimer(armed.timer);
    armed.timer = undefined;
    armed.dueMs = undefined;
  }

  private async run(armed: Armed, scheduledMs: number, reason: RunReason): Promise<string[]> {
    const memory = this.memory(armed.entry.id);
    memory.lastRun = new Date(scheduledMs).toISOString();
    memory.runs = (memory.runs ?? 0) + 1;
    void this.save();
    try {
      return (await armed.fire(armed.entry, scheduledMs, reason)) ?? [];
    } catch (error) {
      this.log('error', `Schedule ${armed.entry.name} could not run: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  private runOptions(entry: ScheduleEntry): { timezone?: string; anchorMs: number; startMs?: number; endMs?: number } {
    return { timezone: entry.timezone, anchorMs: this.memory(entry.id).anchorMs ?? this.clock.now(), startMs: entry.startMs, endMs: entry.endMs };
  }

  private save(): Promise<void> {
    return this.stateFile.write(this.state);
  }
}
