// Lambda's recursive-loop detection: the lineage rides the trace header, each triggered invocation counts one,
// the chain stops after 16 unless the function allows loops.
import assert from 'node:assert/strict';
import { admitInvocation, chainFromTraceHeader, RECURSION_LIMIT, traceHeaderFor, type InvocationChain } from '../../../runtime/event-sources/recursion';
import type { FunctionConfig } from '../../../runtime/template/model';

const fn = (recursiveLoop?: 'Allow' | 'Terminate') => ({ name: 'Resize', recursiveLoop }) as FunctionConfig;

describe('recursive loop detection', () => {
  it('reads and writes the lineage in an X-Ray trace header, and ignores headers without one', () => {
    const header = traceHeaderFor({ origin: '0a1b2c3d', depth: 5 });
    assert.match(header, /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0;Lineage=0a1b2c3d:5$/);
    assert.deepEqual(chainFromTraceHeader(header), { origin: '0a1b2c3d', depth: 5 });
    assert.equal(chainFromTraceHeader('Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1'), undefined);
    assert.equal(chainFromTraceHeader(undefined), undefined);
  });

  it('starts a chain at 1 for an event no invocation caused, and counts one per triggered invocation', () => {
    const first = admitInvocation(fn(), undefined, 's3');
    assert.ok(first.admitted);
    assert.equal(first.chain.depth, 1);
    assert.deepEqual(chainFromTraceHeader(first.traceId), first.chain);
    const second = admitInvocation(fn(), first.chain, 's3');
    assert.ok(second.admitted);
    assert.deepEqual(second.chain, { origin: first.chain.origin, depth: 2 });
  });

  it('stops the 17th invocation of a chain, unless the function says RecursiveLoop: Allow', () => {
    let chain: InvocationChain | undefined;
    for (let round = 1; round <= RECURSION_LIMIT; round++) {
      const admission = admitInvocation(fn(), chain, 'sqs');
      assert.ok(admission.admitted, `round ${round}`);
      chain = admission.chain;
    }
    assert.deepEqual(admitInvocation(fn(), chain, 'sqs'), { admitted: false, stop: { functionName: 'Resize', via: 'sqs', depth: 17 } });
    assert.deepEqual(admitInvocation(fn('Terminate'), chain, 'sns'), { admitted: false, stop: { functionName: 'Resize', via: 'sns', depth: 17 } });
    const allowed = admitInvocation(fn('Allow'), chain, 'sqs');
    assert.ok(allowed.admitted);
    assert.equal(allowed.chain.depth, 17);
  });
});
