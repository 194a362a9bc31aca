// Which notifications an object change sends, and where: the bucket's NotificationConfiguration in the
// template (Lambda, queue and topic configurations), SAM `Events: Type: S3` of functions, and what
// PutBucketNotificationConfiguration set. Each configuration names event types (wildcards allowed) and
// optional prefix/suffix rules on the key.
import type { FunctionConfig } from '../../template/model';
import { functionArnOf, type LocalScope } from '../../template/local-values';
import { isRecord } from '../../template/resolved';
import type { BucketResource } from '../../template/resources/model';

export type DestinationKind = 'function' | 'queue' | 'topic';

export interface NotificationRule {
  /** `configurationId` of the events it sends. */
  id: string;
  destination: DestinationKind;
  arn: string;
  /** As written: `s3:ObjectCreated:*`, `s3:ObjectRemoved:Delete`, … */
  events: string[];
  prefix?: string;
  suffix?: string;
  /** Where it comes from, for the tree and the log. */
  origin: 'template' | 'api';
}

/** True when the event (`ObjectCreated:Put`) is among the configuration's types. */
export function matchesEvent(rule: NotificationRule, eventName: string): boolean {
  return rule.events.some((pattern) => {
    const bare = pattern.replace(/^s3:/, '');
    return bare.endsWith('*') ? eventName.startsWith(bare.slice(0, -1)) : bare === eventName;
  });
}

export function matchesKey(rule: NotificationRule, key: string): boolean {
  return (rule.prefix === undefined || key.startsWith(rule.prefix)) && (rule.suffix === undefined || key.endsWith(rule.suffix));
}

/** `Filter: { S3Key: { Rules: [{ Name: prefix, Value: … }] } }` (template) → prefix and suffix. */
function keyFilter(filter: unknown): Pick<NotificationRule, 'prefix' | 'suffix'> {
  const rules = isRecord(filter) && isRecord(filter.S3Key) ? filter.S3Key.Rules : undefined;
  const result: Pick<NotificationRule, 'prefix' | 'suffix'> = {};
  for (const rule of Array.isArray(rules) ? rules : []) {
    if (!isRecord(rule) || typeof rule.Value !== 'string') continue;
    const name = String(rule.Name).toLowerCase();
    if (name === 'prefix') result.prefix = rule.Value;
    if (name === 'suffix') result.suffix = rule.Value;
  }
  return result;
}

function eventList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

const CONFIGURATION_LISTS: ReadonlyArray<[string, string, DestinationKind]> = [
  ['LambdaConfigurations', 'Function', 'function'],
  ['QueueConfigurations', 'Queue', 'queue'],
  ['TopicConfigurations', 'Topic', 'topic'],
];

/** The template's rules for one bucket: its own NotificationConfiguration and the functions' S3 events. */
export function templateRules(bucket: BucketResource, functions: readonly FunctionConfig[], scope: LocalScope): NotificationRule[] {
  const rules: NotificationRule[] = [];
  const configuration = bucket.properties.NotificationConfiguration;
  if (isRecord(configuration)) {
    for (const [list, field, destination] of CONFIGURATION_LISTS) {
      const entries = configuration[list];
      (Array.isArray(entries) ? entries : []).forEach((entry, index) => {
        if (!isRecord(entry) || typeof entry[field] !== 'string') return;
        rules.push({
          id: typeof entry.Id === 'string' ? entry.Id : `${bucket.logicalId}${list}${index + 1}`,
          destination, arn: entry[field] as string, events: eventList(entry.Event), ...keyFilter(entry.Filter), origin: 'template',
        });
      });
    }
  }
  for (const fn of functions) {
    for (const event of fn.events) {
      if (event.type !== 'S3' || event.properties.Bucket !== bucket.name) continue;
      rules.push({
        id: `${fn.logicalId}${event.name}`, destination: 'function', arn: functionArnOf(fn.name, scope),
        events: eventList(event.properties.Events), ...keyFilter(event.properties.Filter), origin: 'template',
      });
    }
  }
  return rules;
}

/** S3 form-encodes keys in events: space → `+`, `/` kept, other bytes `%XX` (as Java's URLEncoder does). */
export function eventKey(key: string): string {
  let out = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9.*_/-]/.test(char)) out += char;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
