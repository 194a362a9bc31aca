// Typed calls from the extension to the runtime's local S3 (the control channel's serviceCall).
import type { S3CallsApi } from '../../../../runtime/services/s3/calls';
import type { RuntimeSession } from '../../../runtime/session';

export async function s3Call<C extends keyof S3CallsApi>(session: RuntimeSession, call: C, params: S3CallsApi[C]['params']): Promise<S3CallsApi[C]['result']> {
  return (await session.request('serviceCall', { service: 's3', call, params })) as S3CallsApi[C]['result'];
}
