// Lambda's reading of a partial batch response (ReportBatchItemFailures), from its documented cases.
import assert from 'node:assert/strict';
import { readBatchResponse } from '../../../runtime/event-sources/mappings/batch-response';

describe('partial batch responses', () => {
  const ids = ['m1', 'm2', 'm3'];
  it('reads empty, null and failure-free answers as success', () => {
    for (const payload of ['', 'null', '{}', '{"batchItemFailures":[]}', '{"batchItemFailures":null}', '"done"', '42']) {
      assert.deepEqual(readBatchResponse(payload, ids, true), { kind: 'success' }, payload);
    }
  });
  it('lists the failed identifiers once each, in the order reported', () => {
    assert.deepEqual(readBatchResponse('{"batchItemFailures":[{"itemIdentifier":"m3"},{"itemIdentifier":"m2"},{"itemIdentifier":"m3"}]}', ids, true), { kind: 'partial', failed: ['m3', 'm2'] });
  });
  it('fails the whole batch for a malformed answer', () => {
    assert.equal(readBatchResponse('{not json', ids, true).kind, 'failed');
    assert.equal(readBatchResponse('{"batchItemFailures":{"itemIdentifier":"m1"}}', ids, true).kind, 'failed');
    assert.equal(readBatchResponse('{"batchItemFailures":[{"itemIdentifier":""}]}', ids, true).kind, 'failed');
    assert.equal(readBatchResponse('{"batchItemFailures":[{"id":"m1"}]}', ids, true).kind, 'failed');
    assert.deepEqual(readBatchResponse('{"batchItemFailures":[{"itemIdentifier":"m9"}]}', ids, true), { kind: 'failed', reason: 'itemIdentifier m9 is not in the batch' });
    assert.deepEqual(readBatchResponse('{"batchItemFailures":[{"itemIdentifier":"400"}]}', ['100'], false), { kind: 'partial', failed: ['400'] });
  });
});
