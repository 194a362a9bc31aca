// `lambkin schedules`: every schedule of the project (rules with a ScheduleExpression, SAM Schedule and
// ScheduleV2 events, Scheduler schedules, those created through the API) with its next runs; running one
// now; pausing them all. A runtime already serving the project holds the schedules' timers, so the command
// asks it over the local endpoint; otherwise it starts one of its own for the moment it needs.
import * as http from 'node:http';
import { LambkinRuntime } from '../../lambkin-runtime';
import type { InvocationResult } from '../../protocol/control';
import { nextRuns, parseScheduleExpression } from '../../schedules/expression';
import type { ScheduleStatus } from '../../schedules/runner';
import type { SchedulerCalls } from '../../services/events/calls';
import { printProblems } from '../problems';
import { COMMON_HELP, COMMON_OPTIONS, dataDirFrom, parse, runtimeOptions, templatesFrom, UsageError } from '../options';

export const SCHEDULES_HELP = `Usage: lambkin schedules [list|run NAME|pause|resume] [options]

  list (default)   Every schedule with its expression, state and next runs
  run NAME         Run one schedule now (a rule's or a Scheduler schedule's name, or group/name),
                   as its time had come; prints the invoked functions' logs and responses
  pause / resume   Hold every schedule (kept in the data folder; Run Now still works), or let them run

Options:
      --runs N            Next runs to list per schedule (default 1)
      --json              List as JSON
      --data-dir DIR      The data folder (default: .lambkin/data/ beside the template)
${COMMON_HELP}

While a runtime serves the project (lambkin start, or VS Code), the command asks that runtime.`;

interface ScheduleList {
  paused: boolean;
  schedules: ScheduleStatus[];
}

/** The runtime holding the data folder, reached by Lambkin's own operations on the endpoint. */
function askRuntime<T>(endpoint: string, operation: string, params: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.request(endpoint, { method: 'POST', headers: { 'X-Amz-Target': `AWSEvents.${operation}`, 'Content-Type': 'application/x-amz-json-1.1' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as T & { message?: string };
        if ((res.statusCode ?? 500) >= 400) reject(new UsageError(body.message ?? `The runtime at ${endpoint} answered ${res.statusCode}.`));
        else resolve(body);
      });
    });
    req.on('error', (error) => reject(new Error(`Cannot reach the runtime at ${endpoint}: ${error.message}`)));
    req.end(JSON.stringify(params));
  });
}

/** NAME → the schedule's id: its name, `group/name`, `bus/name` or the id itself; refuses an ambiguous name. */
export function findSchedule(schedules: readonly ScheduleStatus[], name: string): ScheduleStatus {
  const matches = schedules.filter((schedule) => schedule.id === name || schedule.id.endsWith(`:${name}`) || schedule.name === name);
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) throw new UsageError(`No schedule named ${name}. Schedules: ${schedules.map((schedule) => schedule.name).join(', ') || 'none'}.`);
  throw new UsageError(`${name} names several schedules: ${matches.map((schedule) => schedule.id.replace(/^\w+:/, '')).join(', ')}; give group/name.`);
}

function when(iso: string | undefined, now: number): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  const minutes = Math.round((ms - now) / 60_000);
  const relative = Math.abs(minutes) < 60 ? `${Math.abs(minutes)} min` : Math.abs(minutes) < 48 * 60 ? `${Math.round(Math.abs(minutes) / 60)} h` : `${Math.round(Math.abs(minutes) / 1440)} d`;
  return `${iso.replace(/\.\d{3}Z$/, 'Z')} (${ms >= now ? `in ${relative}` : `${relative} ago`})`;
}

/** The next `count` runs of a listed schedule, from its expression (the runtime knows the first). */
function upcoming(schedule: ScheduleStatus, count: number): string[] {
  if (!schedule.nextRun || count <= 1) return schedule.nextRun ? [schedule.nextRun] : [];
  const first = Date.parse(schedule.nextRun);
  const expression = parseScheduleExpression(schedule.expression, schedule.owner === 'rule' ? 'rule' : 'scheduler');
  return [first, ...nextRuns(expression, first, { anchorMs: first, timezone: schedule.timezone }, count - 1)].map((ms) => new Date(ms).toISOString());
}

export function formatSchedules(list: ScheduleList, runs: number, now = Date.now()): string {
  if (list.schedules.length === 0) return 'No schedules: add a Schedule or ScheduleV2 event, an AWS::Events::Rule with ScheduleExpression, or an AWS::Scheduler::Schedule.';
  const rows = list.schedules.map((schedule) => {
    const state = !schedule.enabled ? 'disabled' : list.paused ? 'paused' : 'enabled';
    const next = upcoming(schedule, runs).map((iso) => when(iso, now));
    return [schedule.name, schedule.owner === 'rule' ? 'rule' : 'scheduler', `${schedule.expression}${schedule.timezone !== 'UTC' ? ` ${schedule.timezone}` : ''}`, state, next[0] ?? '—', when(schedule.lastRun, now), ...next.slice(1)];
  });
  const header = ['NAME', 'KIND', 'EXPRESSION', 'STATE', 'NEXT RUN', 'LAST RUN'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.slice(0, header.length).map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  const out = [line(header), ...rows.flatMap((row) => [line(row), ...row.slice(header.length).map((extra) => `${' '.repeat(widths.slice(0, 4).reduce((sum, width) => sum + width + 2, 0))}${extra}`)])];
  if (list.paused) out.push('', 'Schedules are paused: "lambkin schedules resume" lets them run.');
  return out.join('\n');
}

export async function schedulesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...COMMON_OPTIONS, runs: { type: 'string' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' } }, true);
  if (values.help) {
    console.log(SCHEDULES_HELP);
    return 0;
  }
  const [action = 'list', name, ...extra] = positionals;
  if (!['list', 'run', 'pause', 'resume'].includes(action)) throw new UsageError(`Unknown action "${action}": use list, run NAME, pause or resume.`);
  if (action === 'run' && !name) throw new UsageError('lambkin schedules run needs the NAME of a schedule (see lambkin schedules).');
  if (extra.length > 0 || (action !== 'run' && name)) throw new UsageError(`Unexpected argument "${extra[0] ?? name}"; see lambkin schedules --help.`);
  const runs = values.runs === undefined ? 1 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 100) throw new UsageError(`--runs must be a whole number from 1 to 100; got "${values.runs}".`);
  const templates = await templatesFrom(values.template);
  const dataDir = dataDirFrom(values, templates);
  const owner = dataDir.owner();
  if (owner) {
    const endpoint = owner.awsEndpoint;
    if (action === 'pause' || action === 'resume') {
      await askRuntime(endpoint, 'LambkinSetSchedulesPaused', { Paused: action === 'pause' });
      console.log(`Schedules ${action === 'pause' ? 'paused' : 'resumed'} in the runtime at ${endpoint} (pid ${owner.pid}).`);
      return 0;
    }
    const list = await askRuntime<ScheduleList>(endpoint, 'LambkinListSchedules', {});
    if (action === 'list') return printList(list, runs, values.json === true);
    const schedule = findSchedule(list.schedules, name!);
    const status = await askRuntime<ScheduleStatus>(endpoint, 'LambkinRunSchedule', { Id: schedule.id });
    console.log(`Ran ${status.name} in the runtime at ${endpoint} (pid ${owner.pid}); its output is in that runtime's log.`);
    return 0;
  }
  const runtime = await LambkinRuntime.create(runtimeOptions(values, templates, { aws: { port: 0, dataDir }, provisionedConcurrency: false }));
  try {
    printProblems(runtime.problems.filter((problem) => problem.severity === 'error'));
    const call = <C extends keyof SchedulerCalls>(which: C, params: SchedulerCalls[C]['params']) => runtime.services!.call('scheduler', which, params) as Promise<SchedulerCalls[C]['result']>;
    if (action === 'pause' || action === 'resume') {
      await call('setPaused', { paused: action === 'pause' });
      console.log(`Schedules ${action === 'pause' ? 'paused' : 'resumed'} (kept in ${dataDir.root}).`);
      return 0;
    }
    const list = await call('listSchedules', {});
    if (action === 'list') return printList(list, runs, values.json === true);
    return await runHere(runtime, findSchedule(list.schedules, name!), call);
  } finally {
    await runtime.close();
  }
}

function printList(list: ScheduleList, runs: number, json: boolean): number {
  if (json) console.log(JSON.stringify({ paused: list.paused, schedules: list.schedules.map((schedule) => ({ ...schedule, nextRuns: upcoming(schedule, runs) })) }, null, 2));
  else console.log(formatSchedules(list, runs));
  return 0;
}

/** Runs one schedule in this process's runtime and waits for the functions it invoked. */
async function runHere(runtime: LambkinRuntime, schedule: ScheduleStatus, call: <C extends keyof SchedulerCalls>(which: C, params: SchedulerCalls[C]['params']) => Promise<SchedulerCalls[C]['result']>): Promise<number> {
  const finished = new Map<string, InvocationResult>();
  const waiters = new Map<string, () => void>();
  const subscription = runtime.onEvent((event) => {
    if (event.event !== 'invocation.finished') return;
    finished.set(event.data.requestId, event.data);
    waiters.get(event.data.requestId)?.();
  });
  try {
    const status = await call('runSchedule', { id: schedule.id });
    process.stderr.write(`Ran ${status.name} (${status.expression}): ${status.invocations.length} function invocation(s).\n`);
    let failed = false;
    for (const requestId of status.invocations) {
      const result = finished.get(requestId) ?? (await new Promise<InvocationResult>((resolve) => waiters.set(requestId, () => resolve(finished.get(requestId)!))));
      for (const line of result.logs) process.stderr.write(line + '\n');
      process.stdout.write(result.response + '\n');
      failed ||= result.functionError !== undefined;
    }
    return failed ? 1 : 0;
  } finally {
    subscription.dispose();
  }
}
