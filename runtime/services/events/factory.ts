// EventBridge and EventBridge Scheduler share one ScheduleRunner (the timers, the pause, the run history in
// `scheduler/schedules.json`), so they are built together, as DynamoDB and its Streams are.
import { systemClock, type ScheduleClock } from '../../schedules/clock';
import { ScheduleRunner } from '../../schedules/runner';
import { SchedulesStateFile } from '../../schedules/state';
import { SchedulerService } from '../scheduler/service';
import type { LocalService, ServiceContext } from '../service';
import { EventsService } from './service';

export function eventBridgeServices(ctx: ServiceContext, clock: ScheduleClock = systemClock): LocalService[] {
  const log = (level: 'info' | 'warn' | 'error', message: string) => ctx.log(level, message);
  const runner = new ScheduleRunner(clock, new SchedulesStateFile(ctx.dataFolder('scheduler'), (message) => log('error', message)), log);
  return [new EventsService(ctx, runner), new SchedulerService(ctx, runner)];
}
