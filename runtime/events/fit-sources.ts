// Sample events for the event-source triggers of SAM functions beyond S3, APIs and rules: queues,
// topics, streams, Kafka, log subscriptions, Cognito user pools, IoT rules and Alexa skills.

import type { EventSourceConfig, FunctionConfig } from '../template/model';
import { isJsonObject } from './json-input';
import { lastSegment, referencedName, stringList } from './template-values';
import type { JsonValue } from './types';

export interface Candidate {
  label: string;
  generator: string;
  params: Record<string, JsonValue>;
}

const COGNITO_GENERATORS: Record<string, string> = {
  PreSignUp: 'cognito-pre-signup',
  PostConfirmation: 'cognito-post-confirmation',
  PreAuthentication: 'cognito-pre-authentication',
  PostAuthentication: 'cognito-post-authentication',
  PreTokenGeneration: 'cognito-pre-token-generation',
  CustomMessage: 'cognito-custom-message',
};

function firstTopic(properties: Record<string, unknown>): Record<string, JsonValue> {
  const topic = stringList(properties['Topics'])[0];
  return topic ? { topic } : {};
}

function sqsCandidate(trigger: EventSourceConfig): Candidate {
  const queue = lastSegment(trigger.properties['Queue']) ?? 'MyQueue';
  if (queue.endsWith('.fifo')) return { label: `SQS ${trigger.name}: FIFO message on ${queue}`, generator: 'sqs-fifo', params: { queue } };
  return { label: `SQS ${trigger.name}: message on ${queue}`, generator: 'sqs', params: { queue } };
}

/** With SqsSubscription the function reads a queue subscribed to the topic, not the topic itself. */
function snsCandidate(trigger: EventSourceConfig, fn: FunctionConfig): Candidate {
  const topic = lastSegment(trigger.properties['Topic']) ?? 'MyTopic';
  const subscription = trigger.properties['SqsSubscription'];
  if (subscription === true || isJsonObject(subscription)) {
    // SAM names the queue it creates <Function><Event>Queue.
    const queue = (isJsonObject(subscription) ? lastSegment(subscription['QueueArn']) : undefined) ?? `${fn.logicalId}${trigger.name}Queue`;
    return { label: `SNS ${trigger.name}: ${topic} through queue ${queue}`, generator: 'sns-sqs', params: { topic, queue } };
  }
  return { label: `SNS ${trigger.name}: notification on ${topic}`, generator: 'sns', params: { topic } };
}

/** Terms a plain filter pattern requires (`ERROR`, `"disk full"`, `?WARN ?ERROR` → the first); none for JSON or space-delimited patterns. */
function filterTerms(pattern: unknown): string[] | undefined {
  if (typeof pattern !== 'string' || pattern.trim() === '') return [];
  if (/[{}[\]]/.test(pattern)) return undefined;
  const terms = [...pattern.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
  const optional = terms.filter((t) => t.startsWith('?')).map((t) => t.slice(1));
  const required = terms.filter((t) => !t.startsWith('?') && !t.startsWith('-'));
  return [...required, ...optional.slice(0, 1)].filter((t) => t !== '');
}

function logsCandidate(trigger: EventSourceConfig, fn: FunctionConfig): Candidate {
  const p = trigger.properties;
  const logGroup = referencedName(p['LogGroupName']) ?? '/aws/lambda/MyFunction';
  const params: Record<string, JsonValue> = { logGroup, filterName: `${fn.logicalId}${trigger.name}` };
  const terms = filterTerms(p['FilterPattern']);
  if (terms && terms.length > 0) params['messages'] = [`${terms.join(' ')} (first sample message)`, `${terms.join(' ')} (second sample message)`];
  return { label: `CloudWatchLogs ${trigger.name}: ${logGroup}`, generator: 'cloudwatch-logs', params };
}

function cognitoCandidates(trigger: EventSourceConfig): Candidate[] {
  const pool = referencedName(trigger.properties['UserPool']) ?? 'user pool';
  return stringList(trigger.properties['Trigger']).flatMap((name) => {
    const generator = COGNITO_GENERATORS[name];
    return generator ? [{ label: `Cognito ${trigger.name}: ${name} on ${pool}`, generator, params: {} }] : [];
  });
}

export function sourceCandidates(trigger: EventSourceConfig, fn: FunctionConfig): Candidate[] | undefined {
  const p = trigger.properties;
  switch (trigger.type) {
    case 'SQS':
      return [sqsCandidate(trigger)];
    case 'SNS':
      return [snsCandidate(trigger, fn)];
    case 'Kinesis': {
      const stream = lastSegment(p['Stream']) ?? 'MyStream';
      return [{ label: `Kinesis ${trigger.name}: record on ${stream}`, generator: 'kinesis', params: { stream } }];
    }
    case 'MSK': {
      // `arn:…:cluster/<name>/<uuid>` → the cluster name.
      const arn = referencedName(p['Stream']) ?? '';
      const cluster = /^cluster\/([^/]+)/.exec(arn)?.[1] ?? (arn.includes('/') || arn === '' ? 'demo-cluster-1' : arn);
      return [{ label: `MSK ${trigger.name}: ${stringList(p['Topics'])[0] ?? 'record'} on ${cluster}`, generator: 'msk', params: { cluster, ...firstTopic(p) } }];
    }
    case 'SelfManagedKafka': {
      const servers = stringList(p['KafkaBootstrapServers']);
      const params: Record<string, JsonValue> = { ...firstTopic(p), ...(servers.length > 0 ? { bootstrapServers: servers.join(',') } : {}) };
      return [{ label: `SelfManagedKafka ${trigger.name}: ${String(params['topic'] ?? 'record')}`, generator: 'self-managed-kafka', params }];
    }
    case 'CloudWatchLogs':
      return [logsCandidate(trigger, fn)];
    case 'Cognito':
      return cognitoCandidates(trigger);
    case 'IoTRule': {
      const sql = typeof p['Sql'] === 'string' ? p['Sql'] : undefined;
      return [{ label: `IoTRule ${trigger.name}: ${sql ?? 'message'}`, generator: 'iot-rule', params: sql ? { sql } : {} }];
    }
    case 'AlexaSkill': {
      const skillId = typeof p['SkillId'] === 'string' ? p['SkillId'] : undefined;
      return [{ label: `AlexaSkill ${trigger.name}: IntentRequest`, generator: 'alexa-skill', params: skillId ? { skillId } : {} }];
    }
    default:
      return undefined;
  }
}
