// A Step Functions task state with `.waitForTaskToken`, `stepfunctions-task-token`: the function
// receives the Payload the state's Parameters build, which carries the task token the function
// (or whoever it hands the token to) later passes to SendTaskSuccess / SendTaskFailure.

import { defineEventGenerator } from './define';
import { base64Id } from './ids';
import { objectParam } from './json-input';
import { EventInputError, type EventContext, type JsonObject, type JsonValue } from './types';

const NAME = 'stepfunctions-task-token';

export type StepFunctionsTaskTokenOptions = { payload: JsonValue; tokenField: string };

export const stepFunctionsTaskTokenGenerator = defineEventGenerator<StepFunctionsTaskTokenOptions, JsonObject>({
  name: NAME,
  description: 'Step Functions callback task (.waitForTaskToken): the state\'s Payload with its task token',
  kind: 'free-form',
  params: {
    payload: { description: 'The Payload the state\'s Parameters build (without the token)', type: 'json', default: { input: { orderId: '12345' } } },
    tokenField: { description: 'Field that receives $$.Task.Token', type: 'string', default: 'taskToken' },
  },
  build(o, ctx) {
    const payload = objectParam(NAME, 'payload', o.payload, '{"input":{"orderId":"12345"}}');
    if (o.tokenField === '') throw new EventInputError(`Parameter "tokenField" of ${NAME} must name the field that carries $$.Task.Token, e.g. taskToken.`);
    if (o.tokenField in payload) {
      throw new EventInputError(`Parameter "payload" of ${NAME} already has a "${o.tokenField}" field; leave it out (the token goes there) or choose another tokenField.`);
    }
    // Task tokens are opaque base64 of several hundred characters, starting with AQ.
    return { ...payload, [o.tokenField]: `AQ${base64Id(ctx.ids, 480)}` };
  },
});

export const generateStepFunctionsTaskToken = (options?: Partial<StepFunctionsTaskTokenOptions>, ctx?: Partial<EventContext>): JsonObject =>
  stepFunctionsTaskTokenGenerator.build(options, ctx);
