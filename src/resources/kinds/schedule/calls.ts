// Typed calls from the extension to the runtime's local EventBridge and Scheduler (the control channel's serviceCall).
import type { EventsCalls, SchedulerCalls } from '../../../../runtime/services/events/calls';
import type { RuntimeSession } from '../../../runtime/session';

export async function schedulerCall<C extends keyof SchedulerCalls>(session: RuntimeSession, call: C, params: SchedulerCalls[C]['params']): Promise<SchedulerCalls[C]['result']> {
  return (await session.request('serviceCall', { service: 'scheduler', call, params })) as SchedulerCalls[C]['result'];
}

export async function eventsCall<C extends keyof EventsCalls>(session: RuntimeSession, call: C, params: EventsCalls[C]['params']): Promise<EventsCalls[C]['result']> {
  return (await session.request('serviceCall', { service: 'events', call, params })) as EventsCalls[C]['result'];
}
