// Lambkin's own operations beside EventBridge's (`X-Amz-Target: AWSEvents.Lambkin…`): what `lambkin
// schedules` asks a runtime that is already serving the project, which holds the schedules' timers. They
// sit on EventBridge's target prefix so the endpoint's router needs no entry of its own; no AWS client sends them.
import type { ScheduleRunner } from '../../schedules/runner';
import { JsonServiceError } from '../wire/json';

export type LambkinOperation = (runner: ScheduleRunner, params: Record<string, unknown>) => Promise<unknown> | unknown;

export const LAMBKIN_OPERATIONS: Readonly<Record<string, LambkinOperation>> = {
  LambkinListSchedules: (runner) => ({ paused: runner.paused, schedules: runner.list() }),
  LambkinRunSchedule: async (runner, params) => {
    const id = typeof params.Id === 'string' ? params.Id : '';
    if (!runner.status(id)) throw new JsonServiceError('ResourceNotFoundException', `No schedule ${id}.`);
    return runner.runNow(id);
  },
  LambkinSetSchedulesPaused: (runner, params) => {
    runner.setPaused(params.Paused === true);
    return { paused: runner.paused };
  },
};
