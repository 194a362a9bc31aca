// Hands a matched event to a rule's targets: functions are invoked asynchronously (as EventBridge invokes
// Lambda), queues and topics get it through the local services, another bus gets the event itself. What
// each target receives (the event, Input, InputPath, InputTransformer) is worked out per target.
import type { InvocationChain } from '../../event-sources/recursion';
import { targetPayload } from '../../event-sources/target-input';
import type { ServiceContext } from '../service';
import type { EventEnvelope } from './envelope';
import type { ApiTarget, Rule } from './model';

/** The service an ARN belongs to (`lambda`, `sqs`, `sns`, `events`, …). */
export function arnService(arn: string): string | undefined {
  return /^arn:[^:]+:([^:]+):/.exec(arn)?.[1];
}

/** Delivers to one target; answers the request id when it invoked a function. */
export async function deliverToTarget(ctx: ServiceContext, rule: Rule, target: ApiTarget, event: EventEnvelope, chain: InvocationChain | undefined): Promise<string | undefined> {
  const transformer = target.InputTransformer;
  const payload = targetPayload(event, {
    input: target.Input,
    inputPath: target.InputPath,
    inputTransformer: transformer ? { inputPathsMap: transformer.InputPathsMap, inputTemplate: transformer.InputTemplate } : undefined,
  }, { ruleArn: rule.arn, ruleName: rule.name, ingestionTime: new Date().toISOString() });
  if (payload instanceof Error) {
    ctx.log('warn', `EventBridge rule ${rule.name} did not deliver event ${event.id} to target ${target.Id}: ${payload.message}.`);
    return undefined;
  }
  const service = arnService(target.Arn);
  const trigger = `EventBridge rule ${rule.name}: ${event['detail-type']} from ${event.source}`;
  if (service === 'lambda') {
    const outcome = ctx.invokeAsync(target.Arn, Buffer.from(payload), { chain, trigger });
    if (!outcome.accepted) ctx.log('warn', `EventBridge rule ${rule.name} could not invoke ${target.Arn}: ${outcome.reason === 'no-such-function' ? 'there is no such function in the template' : 'a recursive loop was stopped'}.`);
    return outcome.accepted ? outcome.requestId : undefined;
  }
  if (service === 'sqs' || service === 'sns' || service === 'events') {
    try {
      await ctx.deliver(target.Arn, { body: payload, chain, sourceArn: rule.arn, ...(target.SqsParameters?.MessageGroupId ? { messageGroupId: target.SqsParameters.MessageGroupId } : {}) });
    } catch (error) {
      ctx.log('warn', `EventBridge rule ${rule.name} could not deliver event ${event.id} to ${target.Arn}: ${error instanceof Error ? error.message : String(error)}.`);
    }
    return undefined;
  }
  ctx.log('warn', `EventBridge rule ${rule.name}: target ${target.Id} (${target.Arn}) is not a kind Lambkin delivers to locally (functions, queues, topics and buses are); event ${event.id} was not sent.`);
  return undefined;
}
