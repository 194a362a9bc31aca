// The ScheduleRunner on a fake clock: schedules fire at their times (not a real minute waited), a pause holds
// them, Run Now works paused, changes re-arm, and the run history and pause survive a new runner.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScheduleClock } from '../../../runtime/schedules/clock';
import { parseScheduleExpression } from '../../../runtime/schedules/expression';
import { ScheduleRunner, type ScheduleEntry } from '../../../runtime/schedules/runner';
import { SchedulesStateFile } from '../../../runtime/schedules/state';

/** Time that moves only when told; due timers fire in order as it passes them. */
class FakeClock implements ScheduleClock {
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 1;
  constructor(public time: number) {}
  now(): number {
    return this.time;
  }
  setTimer(callback: () => void, delayMs: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + delayMs, callback, id });
    return id;
  }
  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.time = next.at;
      next.callback();
      // Let the run (a promise) finish and re-arm before the next timer.
      for (let turn = 0; turn < 5; turn++) await Promise.resolve();
    }
    this.time = until;
  }
  get pending(): number {
    return this.timers.length;
  }
}

const START = Date.parse('2026-01-01T00:00:00Z');

function entry(id: string, expression: string, extra: Partial<ScheduleEntry> = {}): ScheduleEntry {
  return { id, owner: id.startsWith('rule:') ? 'rule' : 'schedule', name: id.split('/').pop()!, arn: `arn:${id}`, expression: parseScheduleExpression(expression, 'scheduler'), enabled: true, ...extra };
}

describe('ScheduleRunner', () => {
  let folder: string;
  let clock: FakeClock;
  let fired: Array<[string, string]>;
  const fire = (e: ScheduleEntry, at: number) => {
    fired.push([e.name, new Date(at).toISOString()]);
  };
  const runner = () => new ScheduleRunner(clock, new SchedulesStateFile(folder), () => undefined);

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-runner-'));
    clock = new FakeClock(START);
    fired = [];
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('fires rate(1 minute) every minute and a cron at its times, in order', async () => {
    const schedules = runner();
    schedules.set('rule', [{ entry: entry('rule:default/minutely', 'rate(1 minute)'), fire }]);
    schedules.set('schedule', [{ entry: entry('schedule:default/quarter', 'cron(0/15 * * * ? *)'), fire }]);
    await clock.advance(16 * 60_000);
    assert.equal(fired.filter(([name]) => name === 'minutely').length, 16);
    assert.deepEqual(fired.filter(([name]) => name === 'quarter'), [['quarter', '2026-01-01T00:15:00.000Z']]);
    assert.deepEqual(fired.slice(0, 2), [['minutely', '2026-01-01T00:01:00.000Z'], ['minutely', '2026-01-01T00:02:00.000Z']]);
    assert.equal(schedules.status('rule:default/minutely')?.nextRun, '2026-01-01T00:17:00.000Z');
    await schedules.close();
    assert.equal(clock.pending, 0);
  });

  it('holds every schedule while paused, still runs one on demand, and resumes', async () => {
    const schedules = runner();
    schedules.set('rule', [{ entry: entry('rule:default/minutely', 'rate(1 minute)'), fire }]);
    schedules.setPaused(true);
    await clock.advance(5 * 60_000);
    assert.deepEqual(fired, []);
    assert.equal(schedules.status('rule:default/minutely')?.nextRun, undefined);
    await schedules.runNow('rule:default/minutely');
    assert.equal(fired.length, 1);
    schedules.setPaused(false);
    await clock.advance(60_000);
    assert.equal(fired.length, 2);
    await schedules.close();
  });

  it('does not arm disabled schedules, runs an at() once, and stops at EndDate', async () => {
    const schedules = runner();
    schedules.set('schedule', [
      { entry: entry('schedule:default/off', 'rate(1 minute)', { enabled: false }), fire },
      { entry: entry('schedule:default/once', 'at(2026-01-01T00:02:30)'), fire },
      { entry: entry('schedule:default/ending', 'rate(1 minute)', { endMs: START + 3 * 60_000 }), fire },
    ]);
    await clock.advance(10 * 60_000);
    assert.deepEqual(fired, [['ending', '2026-01-01T00:01:00.000Z'], ['ending', '2026-01-01T00:02:00.000Z'], ['once', '2026-01-01T00:02:30.000Z']]);
    await schedules.close();
  });

  it('re-arms a schedule whose expression changes, and forgets removed ones', async () => {
    const schedules = runner();
    schedules.set('rule', [{ entry: entry('rule:default/r', 'rate(10 minutes)'), fire }]);
    await clock.advance(60_000);
    schedules.set('rule', [{ entry: entry('rule:default/r', 'rate(2 minutes)'), fire }]);
    await clock.advance(60_000);
    assert.deepEqual(fired, [['r', '2026-01-01T00:02:00.000Z']]);
    schedules.set('rule', []);
    await clock.advance(10 * 60_000);
    assert.equal(fired.length, 1);
    assert.equal(clock.pending, 0);
    await schedules.close();
  });

  it('keeps the pause, the last run and the rate\'s anchor for the next runner (a restart)', async () => {
    const first = runner();
    first.set('rule', [{ entry: entry('rule:default/r', 'rate(5 minutes)'), fire }]);
    await clock.advance(6 * 60_000);
    first.setPaused(true);
    await first.close();
    clock.time += 60_000;
    const second = runner();
    second.set('rule', [{ entry: entry('rule:default/r', 'rate(5 minutes)'), fire }]);
    assert.equal(second.paused, true);
    assert.deepEqual([second.status('rule:default/r')?.lastRun, second.status('rule:default/r')?.runs], ['2026-01-01T00:05:00.000Z', 1]);
    second.setPaused(false);
    // Counted from the first runner's anchor, not from the restart: 00:10, not 00:12.
    assert.equal(second.status('rule:default/r')?.nextRun, '2026-01-01T00:10:00.000Z');
    await second.close();
  });

  it('survives a firing that throws and keeps its timer', async () => {
    const schedules = new ScheduleRunner(clock, new SchedulesStateFile(folder), () => undefined);
    let calls = 0;
    schedules.set('rule', [{ entry: entry('rule:default/r', 'rate(1 minute)'), fire: () => { calls++; throw new Error('target gone'); } }]);
    await clock.advance(3 * 60_000);
    assert.equal(calls, 3);
    await schedules.close();
  });
});
