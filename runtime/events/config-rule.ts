// AWS Config custom Lambda rules, `config-rule`: a configuration change (the configuration item,
// or its summary when oversized) or a periodic evaluation, with `invokingEvent` and
// `ruleParameters` as JSON text, the way AWS Config sends them.

import { createHash } from 'node:crypto';
import { defineEventGenerator } from './define';
import { partitionOf, regionalArn, shifted } from './format';
import { base64Id, lowerAlnum } from './ids';
import { objectParam } from './json-input';
import { EventInputError, type EventContext, type JsonObject, type JsonValue } from './types';

const NAME = 'config-rule';
const MESSAGE_TYPES = ['ConfigurationItemChangeNotification', 'OversizedConfigurationItemChangeNotification', 'ScheduledNotification'] as const;

/** The event AWS Config invokes a custom rule with (no typings in @types/aws-lambda). */
export interface ConfigRuleEvent {
  version: string;
  invokingEvent: string;
  ruleParameters?: string;
  resultToken: string;
  eventLeftScope: boolean;
  executionRoleArn: string;
  configRuleArn: string;
  configRuleName: string;
  configRuleId: string;
  accountId: string;
}

export type ConfigRuleOptions = {
  messageType: string; ruleName: string; resourceType: string; resourceId: string; configuration: JsonValue;
  ruleParameters: JsonValue; eventLeftScope: boolean;
};

/** `AWS::EC2::SecurityGroup` + `sg-1` → `arn:aws:ec2:<region>:<account>:security-group/sg-1`; buckets and IAM have no region. */
function resourceArn(ctx: EventContext, resourceType: string, resourceId: string): string {
  const [, service = '', kind = ''] = resourceType.split('::').map((part) => part.toLowerCase());
  const partition = partitionOf(ctx.region);
  if (service === 's3' && kind === 'bucket') return `arn:${partition}:s3:::${resourceId}`;
  const resource = `${resourceType.split('::')[2]?.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}/${resourceId}`;
  return `arn:${partition}:${service}:${service === 'iam' ? '' : ctx.region}:${ctx.accountId}:${resource}`;
}

function configurationItem(o: ConfigRuleOptions, ctx: EventContext, captured: string): JsonObject {
  const configuration = objectParam(NAME, 'configuration', o.configuration, '{"instanceType":"t3.micro"}');
  return {
    relatedEvents: [],
    relationships: [],
    configuration,
    supplementaryConfiguration: {},
    tags: {},
    configurationItemVersion: '1.3',
    configurationItemCaptureTime: captured,
    configurationStateId: shifted(ctx.now, -1000).getTime(),
    awsAccountId: ctx.accountId,
    configurationItemStatus: 'OK',
    resourceType: o.resourceType,
    resourceId: o.resourceId,
    resourceName: o.resourceId,
    ARN: resourceArn(ctx, o.resourceType, o.resourceId),
    awsRegion: ctx.region,
    availabilityZone: o.resourceType.startsWith('AWS::EC2::') ? `${ctx.region}a` : 'Not Applicable',
    configurationStateMd5Hash: createHash('md5').update(JSON.stringify(configuration)).digest('hex'),
    resourceCreationTime: shifted(ctx.now, -86_400_000).toISOString(),
  };
}

function invokingEvent(type: (typeof MESSAGE_TYPES)[number], o: ConfigRuleOptions, ctx: EventContext): JsonObject {
  const notified = ctx.now.toISOString();
  if (type === 'ScheduledNotification') {
    return { awsAccountId: ctx.accountId, notificationCreationTime: notified, messageType: type, recordVersion: '1.0' };
  }
  const item = configurationItem(o, ctx, shifted(ctx.now, -60_000).toISOString());
  if (type === 'ConfigurationItemChangeNotification') {
    return { configurationItemDiff: null, configurationItem: item, notificationCreationTime: notified, messageType: type, recordVersion: '1.3' };
  }
  // Oversized items come as a summary: the function fetches the item with GetResourceConfigHistory.
  const summary: JsonObject = { changeType: 'UPDATE' };
  for (const key of ['configurationItemVersion', 'configurationItemCaptureTime', 'configurationStateId', 'awsAccountId', 'configurationItemStatus',
    'resourceType', 'resourceId', 'resourceName', 'ARN', 'awsRegion', 'availabilityZone', 'configurationStateMd5Hash', 'resourceCreationTime']) {
    summary[key] = item[key] ?? null;
  }
  return { configurationItemSummary: summary, messageType: type, notificationCreationTime: notified, recordVersion: '1.0' };
}

export const configRuleGenerator = defineEventGenerator<ConfigRuleOptions, ConfigRuleEvent>({
  name: NAME,
  description: 'AWS Config custom rule evaluation (configuration change, oversized change or periodic)',
  kind: 'config',
  params: {
    messageType: { description: `What triggered the rule (${MESSAGE_TYPES.join('|')})`, type: 'string', default: 'ConfigurationItemChangeNotification' },
    ruleName: { description: 'Config rule name', type: 'string', default: 'my-config-rule' },
    resourceType: { description: 'Type of the changed resource', type: 'string', default: 'AWS::EC2::Instance' },
    resourceId: { description: 'Id of the changed resource', type: 'string', default: 'i-0123456789abcdef0' },
    configuration: { description: 'The resource\'s configuration in the configuration item', type: 'json', default: { instanceType: 't3.micro' } },
    ruleParameters: { description: 'The rule\'s InputParameters (null: none)', type: 'json', default: null },
    eventLeftScope: { description: 'The resource left the rule\'s scope (e.g. was deleted)', type: 'boolean', default: false },
  },
  build(o, ctx) {
    const type = MESSAGE_TYPES.find((t) => t === o.messageType);
    if (!type) throw new EventInputError(`Parameter "messageType" of ${NAME} must be one of ${MESSAGE_TYPES.join(', ')}; got ${JSON.stringify(o.messageType)}.`);
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(o.ruleName)) throw new EventInputError(`Parameter "ruleName" of ${NAME}: "${o.ruleName}" is not a rule name (letters, digits, _ and -).`);
    if (!/^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(o.resourceType)) {
      throw new EventInputError(`Parameter "resourceType" of ${NAME}: "${o.resourceType}" is not a resource type, e.g. AWS::S3::Bucket.`);
    }
    const ruleId = `config-rule-${lowerAlnum(ctx.ids, 6)}`;
    return {
      version: '1.0',
      invokingEvent: JSON.stringify(invokingEvent(type, o, ctx)),
      ...(o.ruleParameters === null ? {} : { ruleParameters: JSON.stringify(objectParam(NAME, 'ruleParameters', o.ruleParameters, '{"maxAgeDays":"90"}')) }),
      resultToken: base64Id(ctx.ids, 300),
      eventLeftScope: o.eventLeftScope,
      executionRoleArn: `arn:${partitionOf(ctx.region)}:iam::${ctx.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
      configRuleArn: regionalArn(ctx, 'config', `config-rule/${ruleId}`),
      configRuleName: o.ruleName,
      configRuleId: ruleId,
      accountId: ctx.accountId,
    };
  },
});

export const generateConfigRule = (options?: Partial<ConfigRuleOptions>, ctx?: Partial<EventContext>): ConfigRuleEvent => configRuleGenerator.build(options, ctx);
