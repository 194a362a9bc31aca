// `lambkin schedules` as a user runs it: the list with next runs, run NAME (in a runtime of its own, or in
// the one already serving the project), pause and resume kept in the data folder, and bad names.
import '../support/fresh-dist'; // runs dist/: built from the sources first
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { findSchedule, formatSchedules } from '../../runtime/cli/commands/schedules';
import type { ScheduleStatus } from '../../runtime/schedules/runner';

const BIN = path.resolve(__dirname, '../../bin/lambkin.js');
const FIXTURE = path.resolve(__dirname, '../fixtures/events-app');

describe('lambkin schedules', function () {
  this.timeout(60_000);
  let scratch: string;
  let template: string;
  let data: string;
  const run = (args: string[]) => spawnSync(process.execPath, [BIN, 'schedules', '--template', template, '--data-dir', data, ...args], { encoding: 'utf8', timeout: 40_000 });

  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'lambkin-schedules-'));
    cpSync(FIXTURE, scratch, { recursive: true, filter: (source) => !source.includes(`${path.sep}.lambkin`) });
    template = path.join(scratch, 'template.yaml');
    data = path.join(scratch, 'data');
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('lists every schedule with its kind, expression, state and next runs', () => {
    const list = run(['--runs', '2']);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^NAME\s+KIND\s+EXPRESSION\s+STATE\s+NEXT RUN\s+LAST RUN$/m);
    assert.match(list.stdout, /^heartbeat\s+rule\s+rate\(1 minute\)\s+enabled\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in 1 min\)\s+—$/m);
    assert.match(list.stdout, /^paused-rule\s+rule\s+cron\(0 12 \? \* MON-FRI \*\)\s+disabled\s+—/m);
    assert.match(list.stdout, /^weekly-report\s+scheduler\s+cron\(30 9 \? \* MON \*\) Europe\/Paris\s+enabled/m);
    assert.match(list.stdout, /^nightly-report\s+rule\s+cron\(0 3 \* \* \? \*\)\s+enabled\s+\S+T03:00:00Z .*\n\s+\S+T03:00:00Z/m);
    const json = JSON.parse(run(['--json']).stdout) as { paused: boolean; schedules: Array<{ name: string; nextRuns: string[] }> };
    assert.equal(json.schedules.length, 5);
  });

  it('runs one now in a runtime of its own: the function\'s log on stderr, its response on stdout', () => {
    const ran = run(['run', 'heartbeat']);
    assert.equal(ran.status, 0, ran.stderr);
    assert.match(ran.stderr, /Ran heartbeat \(rate\(1 minute\)\): 1 function invocation/);
    assert.match(ran.stderr, /REPORT RequestId: /);
    const event = JSON.parse(ran.stdout) as { source: string; 'detail-type': string; resources: string[] };
    assert.deepEqual([event.source, event['detail-type'], event.resources], ['aws.events', 'Scheduled Event', ['arn:aws:events:us-east-1:123456789012:rule/heartbeat']]);
    assert.match(run([]).stdout, /^heartbeat\s+rule\s+rate\(1 minute\)\s+enabled\s+\S+ \(in \d+ min\)\s+\S+ \(0 min ago\)/m);
    const unknown = run(['run', 'nope']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /No schedule named nope\. Schedules: heartbeat, paused-rule, nightly-report, weekly-report, audit-tick\./);
  });

  it('pauses and resumes every schedule, kept in the data folder', () => {
    assert.equal(run(['pause']).status, 0);
    const paused = run([]);
    assert.match(paused.stdout, /^heartbeat\s+rule\s+rate\(1 minute\)\s+paused\s+—/m);
    assert.match(paused.stdout, /Schedules are paused: "lambkin schedules resume" lets them run\./);
    assert.equal(run(['resume']).status, 0);
    assert.match(run([]).stdout, /^heartbeat\s+rule\s+rate\(1 minute\)\s+enabled\s+\d/m);
  });

  describe('with a runtime serving the project', () => {
    let child: ChildProcess;
    const lines: string[] = [];
    before(async () => {
      child = spawn(process.execPath, [BIN, 'start', '--template', template, '--data-dir', data, '--port', '0', '--api-port', '0', '--aws-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on('line', (line) => {
          lines.push(line);
          if (/AWS endpoint/.test(line)) resolve();
        });
        child.once('exit', (code) => reject(new Error(`lambkin start exited ${code}`)));
      });
    });
    after(async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    });

    it('asks that runtime, which runs the schedule and logs its invocation', async () => {
      const list = run([]);
      assert.equal(list.status, 0, list.stderr);
      assert.match(list.stdout, /^audit-tick\s+scheduler\s+rate\(5 minutes\)\s+enabled/m);
      const ran = run(['run', 'default/audit-tick']);
      assert.equal(ran.status, 0, ran.stderr);
      assert.match(ran.stdout, /^Ran audit-tick in the runtime at http:\/\/127\.0\.0\.1:\d+ \(pid \d+\)/);
      const deadline = Date.now() + 20_000;
      while (!lines.some((line) => /REPORT RequestId/.test(line))) {
        if (Date.now() > deadline) throw new Error(`no invocation in the runtime's output:\n${lines.join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
  });
});

describe('lambkin schedules: names and the table', () => {
  const status = (id: string, extra: Partial<ScheduleStatus> = {}): ScheduleStatus => ({ id, owner: id.startsWith('rule') ? 'rule' : 'schedule', name: id.split('/').pop()!, arn: 'arn', expression: 'rate(5 minutes)', timezone: 'UTC', enabled: true, runs: 0, ...extra });

  it('finds a schedule by name, group/name or id, and refuses an ambiguous name', () => {
    const schedules = [status('rule:default/daily'), status('schedule:default/daily'), status('schedule:ops/weekly')];
    assert.equal(findSchedule(schedules, 'weekly').id, 'schedule:ops/weekly');
    assert.equal(findSchedule(schedules, 'ops/weekly').id, 'schedule:ops/weekly');
    assert.equal(findSchedule(schedules, 'rule:default/daily').owner, 'rule');
    assert.throws(() => findSchedule(schedules, 'daily'), /daily names several schedules: default\/daily, default\/daily; give group\/name\./);
  });

  it('says how to add one when there are none', () => {
    assert.match(formatSchedules({ paused: false, schedules: [] }, 1), /^No schedules: add a Schedule or ScheduleV2 event/);
  });
});
