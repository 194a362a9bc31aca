// The extension's calls to the local EventBridge and to the schedules (over the control channel's serviceCall).
import type { ScheduleStatus } from '../../schedules/runner';

export interface EventsCalls {
  putEvent: { params: { busName: string; source: string; detailType: string; detail: string }; result: { eventId: string; matchedRules: string[] } };
}

export interface SchedulerCalls {
  listSchedules: { params: Record<string, never>; result: { paused: boolean; schedules: ScheduleStatus[] } };
  runSchedule: { params: { id: string }; result: ScheduleStatus & { invocations: string[] } };
  setPaused: { params: { paused: boolean }; result: { paused: boolean } };
}

declare module '../../protocol/service-calls' {
  interface ServiceCalls {
    events: EventsCalls;
    scheduler: SchedulerCalls;
  }
}
