// Typed calls from the extension to the runtime's local SQS and SNS (the control channel's serviceCall).
import type { SnsCalls } from '../../../../runtime/services/sns/calls';
import type { SqsCalls } from '../../../../runtime/services/sqs/calls';
import type { RuntimeSession } from '../../../runtime/session';

export async function sqsCall<C extends keyof SqsCalls>(session: RuntimeSession, call: C, params: SqsCalls[C]['params']): Promise<SqsCalls[C]['result']> {
  return (await session.request('serviceCall', { service: 'sqs', call, params })) as SqsCalls[C]['result'];
}

export async function snsCall<C extends keyof SnsCalls>(session: RuntimeSession, call: C, params: SnsCalls[C]['params']): Promise<SnsCalls[C]['result']> {
  return (await session.request('serviceCall', { service: 'sns', call, params })) as SnsCalls[C]['result'];
}
