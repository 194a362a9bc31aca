// The asynchronous invocation queue on its own: retries with the same request id, and no event ever lost
// without a report, even when running an attempt throws (Lambkin's failure, not the function's).
import assert from 'node:assert/strict';
import { AsyncQueue, type AsyncDrop, type AsyncPolicy } from '../../../runtime/invoke/async-queue';
import type { InvokeRequest, InvokeResult } from '../../../runtime/invoke/invocation';
import type { InvocationResult } from '../../../runtime/protocol/control';
import { waitFor } from '../../support/wait-for';

const FAST: AsyncPolicy = { retryDelaysMs: [5, 10], throttleBaseDelayMs: 5, throttleMaxDelayMs: 20, maxEventAgeMs: 60_000 };

function failed(requestId: string): InvokeResult {
  return { kind: 'completed', requestId, status: 'error', payload: Buffer.from('{}'), functionError: 'Unhandled', record: Promise.resolve({} as InvocationResult) };
}

function event(requestId: string): InvokeRequest & { requestId: string } {
  return { requestId, payload: Buffer.from('{}'), invocationType: 'Event' };
}

describe('async invocation queue', () => {
  it('reports and counts an event whose attempt throws, instead of losing it', async () => {
    const drops: AsyncDrop[] = [];
    const queue = new AsyncQueue(FAST, async () => { throw new Error('environment pool closed'); }, (drop) => drops.push(drop));
    queue.enqueue('Echo', event('req-1'));
    await waitFor(() => drops.length === 1, { what: 'the drop report' });
    assert.deepEqual(drops, [{ requestId: 'req-1', functionName: 'Echo', reason: 'AttemptFailed', attempts: 1, error: 'environment pool closed' }]);
    assert.equal(queue.dropped, 1);
    await queue.close();
  });

  it('retries a failed event twice with the same request id, then reports RetriesExhausted once', async () => {
    const attempts: Array<{ requestId?: string; attempt?: number }> = [];
    const drops: AsyncDrop[] = [];
    const queue = new AsyncQueue(FAST, async (_name, request) => {
      attempts.push({ requestId: request.requestId, attempt: request.attempt });
      return failed(request.requestId!);
    }, (drop) => drops.push(drop));
    queue.enqueue('Echo', event('req-2'));
    await waitFor(() => drops.length === 1, { what: 'the drop report' });
    assert.deepEqual(attempts, [1, 2, 3].map((attempt) => ({ requestId: 'req-2', attempt })));
    assert.deepEqual(drops, [{ requestId: 'req-2', functionName: 'Echo', reason: 'RetriesExhausted', attempts: 3 }]);
    assert.equal(queue.dropped, 1);
    await queue.close();
  });

  it('counts nothing dropped for an event that succeeds', async () => {
    const drops: AsyncDrop[] = [];
    let runs = 0;
    const queue = new AsyncQueue(FAST, async (_name, request) => {
      runs += 1;
      return { ...failed(request.requestId!), status: 'success', functionError: undefined };
    }, (drop) => drops.push(drop));
    queue.enqueue('Echo', event('req-3'));
    await waitFor(() => runs === 1 && queue.pending === 0, { what: 'the attempt to finish' });
    assert.deepEqual([drops, queue.dropped], [[], 0]);
    await queue.close();
  });
});
