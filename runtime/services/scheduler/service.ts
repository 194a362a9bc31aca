// The local EventBridge Scheduler: its REST-JSON API, the template's schedules, and the extension's calls
// for every schedule (Scheduler's and scheduled rules alike, since one runner holds their timers).
import type { ScheduleRunner } from '../../schedules/runner';
import type { SchedulerCalls } from '../events/calls';
import { readBody } from '../wire/body';
import type { LocalModel, LocalService, ServiceContext, ServiceRequest } from '../service';
import { answer, SchedulerError } from './api';
import { Schedules } from './schedules';

const BODY_LIMIT = 1024 * 1024;

export class SchedulerService implements LocalService {
  readonly id = 'scheduler' as const;
  readonly schedules: Schedules;

  constructor(private readonly ctx: ServiceContext, private readonly runner: ScheduleRunner) {
    this.schedules = new Schedules(ctx, runner, ctx.dataFolder('scheduler'));
  }

  async handle(request: ServiceRequest): Promise<void> {
    const { req, res, requestId, url } = request;
    let status = 200;
    let body: unknown;
    const headers: Record<string, string> = {};
    try {
      const raw = await readBody(req, BODY_LIMIT);
      if (raw === 'too-large') throw new SchedulerError('ValidationException', 'The request is larger than EventBridge Scheduler accepts.', 413);
      let parsed: unknown = {};
      if (raw.length > 0) {
        try {
          parsed = JSON.parse(raw.toString('utf8'));
        } catch {
          throw new SchedulerError('ValidationException', 'The request body is not valid JSON.', 400);
        }
      }
      const segments = url.pathname.split('/').filter((segment) => segment !== '');
      body = answer(this.schedules, { method: req.method ?? 'GET', segments, query: url.searchParams, body: typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {} });
    } catch (error) {
      const failure = error instanceof SchedulerError ? error : new SchedulerError('InternalServerException', `Lambkin's local Scheduler failed: ${error instanceof Error ? error.message : String(error)}`, 500);
      if (!(error instanceof SchedulerError)) this.ctx.log('error', failure.message);
      status = failure.status;
      headers['x-amzn-ErrorType'] = failure.code;
      body = { Message: failure.message };
    }
    const text = Buffer.from(JSON.stringify(body ?? {}));
    res.writeHead(status, { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId, 'Content-Length': text.length, ...headers });
    res.end(text);
  }

  async sync(model: LocalModel): Promise<void> {
    this.schedules.syncTemplate(model.resources);
  }

  async call(call: string, params: unknown): Promise<unknown> {
    switch (call) {
      case 'listSchedules':
        return { paused: this.runner.paused, schedules: this.runner.list() } satisfies SchedulerCalls['listSchedules']['result'];
      case 'runSchedule': {
        const { id } = params as SchedulerCalls['runSchedule']['params'];
        if (!this.runner.status(id)) throw new Error(`There is no schedule ${id}; refresh the view.`);
        const status = await this.runner.runNow(id);
        // The extension reads the run history from the data folder: answer once it is written.
        await this.runner.flushed();
        return status;
      }
      case 'setPaused':
        this.runner.setPaused((params as SchedulerCalls['setPaused']['params']).paused === true);
        await this.runner.flushed();
        return { paused: this.runner.paused } satisfies SchedulerCalls['setPaused']['result'];
      default:
        throw new Error(`The local Scheduler has no call ${call}.`);
    }
  }

  async reset(): Promise<void> {
    this.schedules.clear();
    await this.schedules.save();
  }

  async close(): Promise<void> {
    await this.runner.close();
    await this.schedules.flushed();
  }
}
