// SAM `SQS` and `SNS` function events checked when the function is read, as Lambda and SNS would refuse them
// at deploy time: a mapping's batch size, window, concurrency, response types and filter criteria; a
// subscription's topic and filter policy. Problems point at the property that holds them.
import { compileSnsFilterPolicy, PatternError } from '../../event-sources/filtering';
import { readSqsMapping } from '../../event-sources/mappings/sqs-mapping';
import type { ProblemSink } from '../located';
import type { EventSourceConfig, FunctionConfig, SourceLocation } from '../model';

/** The property a mapping's error is about, from the start of its message. */
const PROPERTY_OF_MESSAGE: ReadonlyArray<[RegExp, string[]]> = [
  [/^BatchSize/, ['BatchSize']],
  // A batch over 10 without a window: the window when written, else the batch size.
  [/^(MaximumBatchingWindowInSeconds|Maximum batch window)/, ['MaximumBatchingWindowInSeconds', 'BatchSize']],
  [/^ScalingConfig/, ['ScalingConfig']],
  [/^FunctionResponseTypes/, ['FunctionResponseTypes']],
  [/^FilterCriteria/, ['FilterCriteria']],
];

function at(event: EventSourceConfig, ...properties: Array<string | undefined>): SourceLocation {
  for (const property of properties) {
    const location = property ? event.propertyLocations?.[property] : undefined;
    if (location) return location;
  }
  return event.location ?? { file: '', line: 1, column: 1 };
}

export function checkQueueEvent(event: EventSourceConfig, fn: Pick<FunctionConfig, 'name' | 'timeout'>, problems: ProblemSink): void {
  const prefix = `Event ${event.name} (${event.type}): `;
  if (event.type === 'SQS') {
    const queue = event.properties.Queue;
    if (typeof queue !== 'string' || queue === '') {
      problems.error(at(event, 'Queue'), `${prefix}Queue must be the queue's ARN, e.g. Queue: !GetAtt MyQueue.Arn.`);
      return;
    }
    try {
      readSqsMapping(fn as FunctionConfig, event, queue);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.error(at(event, ...(PROPERTY_OF_MESSAGE.find(([pattern]) => pattern.test(message))?.[1] ?? [])), `${prefix}${message}`);
    }
    return;
  }
  if (event.type !== 'SNS') return;
  if (typeof event.properties.Topic !== 'string' || event.properties.Topic === '') {
    problems.error(at(event, 'Topic'), `${prefix}Topic must be the topic's ARN, e.g. Topic: !Ref MyTopic.`);
    return;
  }
  const scope = event.properties.FilterPolicyScope ?? 'MessageAttributes';
  if (event.properties.FilterPolicy === undefined) return;
  try {
    compileSnsFilterPolicy(event.properties.FilterPolicy, scope as 'MessageAttributes');
  } catch (error) {
    if (!(error instanceof PatternError)) throw error;
    problems.error(at(event, scope !== 'MessageAttributes' && scope !== 'MessageBody' ? 'FilterPolicyScope' : 'FilterPolicy'), `${prefix}FilterPolicy is not valid: ${error.message}`);
  }
}
