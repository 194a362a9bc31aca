// What an EventBridge rule hands each kind of target, seen from a recording ServiceContext: functions get an
// async invoke, queues and topics a delivery through ctx.deliver (with a FIFO queue's MessageGroupId), targets
// Lambkin does not serve are logged, and a delivery that fails is logged without throwing.
import assert from 'node:assert/strict';
import { deliverToTarget } from '../../../runtime/services/events/delivery';
import type { EventEnvelope } from '../../../runtime/services/events/envelope';
import type { Rule } from '../../../runtime/services/events/model';
import type { Delivery, ServiceContext } from '../../../runtime/services/service';

const EVENT: EventEnvelope = { version: '0', id: 'e-1', 'detail-type': 'OrderPlaced', source: 'shop', account: '123456789012', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: { id: 'o-1' } };
const RULE: Rule = { name: 'orders', busName: 'default', arn: 'arn:aws:events:us-east-1:123456789012:rule/orders', eventPattern: '{}', state: 'ENABLED', targets: [], origin: 'api' };

function recordingContext(failDeliveries = false) {
  const invoked: Array<{ name: string; payload: string; trigger?: string }> = [];
  const delivered: Array<{ arn: string; delivery: Delivery }> = [];
  const logs: string[] = [];
  const ctx: ServiceContext = {
    scope: { region: 'us-east-1', accountId: '123456789012', partition: 'aws', awsEndpoint: 'http://127.0.0.1:4566' },
    dataFolder: () => '/nonexistent',
    log: (_level, message) => logs.push(message),
    invokeAsync: (name, payload, options) => {
      invoked.push({ name, payload: payload.toString('utf8'), trigger: options?.trigger });
      return { accepted: true, requestId: 'r-1' };
    },
    invoke: () => Promise.reject(new Error('not used')),
    deliver: async (arn, delivery) => {
      if (failDeliveries) throw new Error('no such queue');
      delivered.push({ arn, delivery });
    },
  };
  return { ctx, invoked, delivered, logs };
}

describe('EventBridge target delivery', () => {
  it('invokes a function asynchronously with the event, and answers the request id', async () => {
    const { ctx, invoked } = recordingContext();
    const id = await deliverToTarget(ctx, RULE, { Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:123456789012:function:Orders' }, EVENT, undefined);
    assert.equal(id, 'r-1');
    assert.deepEqual(JSON.parse(invoked[0].payload), EVENT);
    assert.equal(invoked[0].trigger, 'EventBridge rule orders: OrderPlaced from shop');
  });

  it('sends a queue its input (with a FIFO MessageGroupId) and a topic the event, naming the rule as the sender', async () => {
    const { ctx, delivered } = recordingContext();
    await deliverToTarget(ctx, RULE, { Id: 'q', Arn: 'arn:aws:sqs:us-east-1:123456789012:work.fifo', InputPath: '$.detail', SqsParameters: { MessageGroupId: 'g1' } }, EVENT, undefined);
    await deliverToTarget(ctx, RULE, { Id: 't', Arn: 'arn:aws:sns:us-east-1:123456789012:alerts' }, EVENT, undefined);
    assert.deepEqual(delivered.map(({ arn, delivery }) => [arn, delivery.body, delivery.messageGroupId, delivery.sourceArn]), [
      ['arn:aws:sqs:us-east-1:123456789012:work.fifo', '{"id":"o-1"}', 'g1', RULE.arn],
      ['arn:aws:sns:us-east-1:123456789012:alerts', JSON.stringify(EVENT), undefined, RULE.arn],
    ]);
  });

  it('logs targets it does not serve and deliveries that fail, without throwing', async () => {
    const { ctx, logs } = recordingContext(true);
    assert.equal(await deliverToTarget(ctx, RULE, { Id: 'sf', Arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:x' }, EVENT, undefined), undefined);
    await deliverToTarget(ctx, RULE, { Id: 'q', Arn: 'arn:aws:sqs:us-east-1:123456789012:gone' }, EVENT, undefined);
    assert.match(logs[0], /target sf \(arn:aws:states:.*\) is not a kind Lambkin delivers to locally/);
    assert.match(logs[1], /could not deliver event e-1 to arn:aws:sqs:us-east-1:123456789012:gone: no such queue/);
  });
});
