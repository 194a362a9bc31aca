// SAM function events of type S3 (`Bucket: !Ref UploadsBucket`, `Events`, `Filter.S3Key.Rules`): checked once
// every resource is read, because SAM requires the bucket to be declared in the same template. The local S3
// turns each into a notification rule of the bucket (runtime/services/s3/notifications.ts).
import type { ProblemSink } from '../located';
import type { EventSourceConfig, FunctionConfig, SourceLocation } from '../model';
import { isRecord } from '../resolved';
import { resourcesOfKind, type LocalResource } from '../resources/model';

/** `s3:ObjectCreated:*`, `s3:ObjectRemoved:Delete`, … (the families S3 notifies about). */
export const S3_EVENT_NAME = /^s3:(ObjectCreated|ObjectRemoved|ObjectRestore|ObjectTagging|ObjectAcl|Replication|LifecycleExpiration|LifecycleTransition|IntelligentTiering|ReducedRedundancyLostObject)(:[A-Za-z*]+)?$/;

export function checkS3Events(functions: readonly FunctionConfig[], resources: readonly LocalResource[], problems: ProblemSink): void {
  const buckets = new Set(resourcesOfKind(resources, 'bucket').map((bucket) => bucket.name));
  for (const fn of functions) {
    for (const event of fn.events) {
      if (event.type === 'S3') checkEvent(event, fn.location, buckets, problems);
    }
  }
}

function checkEvent(event: EventSourceConfig, fallback: SourceLocation, buckets: ReadonlySet<string>, problems: ProblemSink): void {
  const at = (property: string) => event.propertyLocations?.[property] ?? event.location ?? fallback;
  const prefix = `Event ${event.name} (S3)`;
  const bucket = event.properties.Bucket;
  if (bucket === undefined) problems.error(event.location ?? fallback, `${prefix} needs Bucket: !Ref <an AWS::S3::Bucket of this template>.`);
  else if (typeof bucket !== 'string' || !buckets.has(bucket)) {
    problems.error(at('Bucket'), `${prefix}: Bucket must be !Ref of an AWS::S3::Bucket declared in this template (SAM requires it); ${typeof bucket === 'string' ? `there is no bucket "${bucket}"` : 'this is not a bucket reference'}.`);
  }
  const events = event.properties.Events;
  const list = typeof events === 'string' ? [events] : Array.isArray(events) ? events : undefined;
  if (!list || list.length === 0) problems.error(at('Events'), `${prefix} needs Events, e.g. Events: s3:ObjectCreated:*.`);
  for (const name of list ?? []) {
    if (typeof name !== 'string' || !S3_EVENT_NAME.test(name)) problems.error(at('Events'), `${prefix}: "${String(name)}" is not an S3 event type; use e.g. s3:ObjectCreated:*, s3:ObjectCreated:Put or s3:ObjectRemoved:Delete.`);
  }
  const filter = event.properties.Filter;
  if (filter === undefined) return;
  const rules = isRecord(filter) && isRecord(filter.S3Key) ? filter.S3Key.Rules : undefined;
  if (!Array.isArray(rules)) {
    problems.error(at('Filter'), `${prefix}: Filter must be { S3Key: { Rules: [{ Name: prefix|suffix, Value: … }] } }.`);
    return;
  }
  for (const rule of rules) {
    const name = isRecord(rule) ? String(rule.Name).toLowerCase() : '';
    if (name !== 'prefix' && name !== 'suffix') problems.error(at('Filter'), `${prefix}: each filter rule needs Name: prefix or suffix, and a Value.`);
  }
}
