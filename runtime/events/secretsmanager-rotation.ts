// Secrets Manager rotation, `secretsmanager-rotation`: one of the four steps Secrets Manager invokes
// the rotation function with, for the version it is creating (ClientRequestToken).

import type { SecretsManagerRotationEvent, SecretsManagerRotationEventStep } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { regionalArn } from './format';
import { lowerAlnum, upperAlnum, uuid } from './ids';
import { EventInputError, type EventContext } from './types';

const NAME = 'secretsmanager-rotation';
const STEPS: readonly SecretsManagerRotationEventStep[] = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'];

/** Secrets Manager also sends a RotationToken (since 2024; not yet in @types/aws-lambda). */
export type SecretsManagerRotationSample = SecretsManagerRotationEvent & { RotationToken: string };

export type SecretsManagerRotationOptions = { secret: string; step: string; clientRequestToken: string };

export const secretsManagerRotationGenerator = defineEventGenerator<SecretsManagerRotationOptions, SecretsManagerRotationSample>({
  name: NAME,
  description: 'Secrets Manager rotation step (createSecret, setSecret, testSecret, finishSecret)',
  kind: 'secretsmanager',
  params: {
    secret: { description: 'Secret name', type: 'string', default: 'MySecret' },
    step: { description: `Rotation step (${STEPS.join('|')})`, type: 'string', default: 'createSecret' },
    clientRequestToken: { description: 'Version id being rotated in; the same for all four steps (empty: a new one)', type: 'string', default: '' },
  },
  build(o, ctx) {
    const step = STEPS.find((s) => s === o.step);
    if (!step) throw new EventInputError(`Parameter "step" of ${NAME} must be one of ${STEPS.join(', ')}; got ${JSON.stringify(o.step)}.`);
    if (!/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(o.secret)) {
      throw new EventInputError(`Parameter "secret" of ${NAME}: "${o.secret}" is not a secret name (letters, digits, / _ + = . @ -).`);
    }
    if (o.clientRequestToken !== '' && !/^[\w-]{32,64}$/.test(o.clientRequestToken)) {
      throw new EventInputError(`Parameter "clientRequestToken" of ${NAME} must be 32-64 characters (a UUID, as Secrets Manager uses); got "${o.clientRequestToken}".`);
    }
    return {
      Step: step,
      // A secret's ARN ends in a hyphen and six random characters.
      SecretId: regionalArn(ctx, 'secretsmanager', `secret:${o.secret}-${lowerAlnum(ctx.ids, 3)}${upperAlnum(ctx.ids, 3)}`),
      ClientRequestToken: o.clientRequestToken === '' ? uuid(ctx.ids) : o.clientRequestToken,
      RotationToken: uuid(ctx.ids),
    };
  },
});

export const generateSecretsManagerRotation = (options?: Partial<SecretsManagerRotationOptions>, ctx?: Partial<EventContext>): SecretsManagerRotationSample =>
  secretsManagerRotationGenerator.build(options, ctx);
