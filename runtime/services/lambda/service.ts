// Lambda's API on the local AWS endpoint, so one AWS_ENDPOINT_URL reaches functions as well as buckets and
// queues: the same handler the Invoke API's own port (3001) uses.
import type { LambkinRuntime } from '../../lambkin-runtime';
import type { LocalService } from '../service';
import { handleLambdaApi } from './invoke-api';

export function lambdaService(runtime: LambkinRuntime): LocalService {
  return {
    id: 'lambda',
    handle: ({ req, res }) => handleLambdaApi(runtime, req, res),
    sync: async () => undefined,
    close: async () => undefined,
  };
}
