// CloudWatch Logs subscription filter deliveries, `cloudwatch-logs`: the DATA_MESSAGE JSON, gzipped and
// base64-encoded into `awslogs.data`, as CloudWatch Logs sends it.

import { gzipSync } from 'node:zlib';
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent, CloudWatchLogsLogEvent } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { shifted } from './format';
import { digits } from './ids';
import { EventInputError, type EventContext, type JsonValue } from './types';

const NAME = 'cloudwatch-logs';

export type CloudWatchLogsOptions = { logGroup: string; logStream: string; filterName: string; messages: JsonValue };

function messageList(value: JsonValue): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((m) => typeof m !== 'string')) {
    throw new EventInputError(`Parameter "messages" of ${NAME} must be a non-empty JSON array of strings, e.g. ["[ERROR] disk full"].`);
  }
  return value as string[];
}

/** Lambda's log stream names: `2015/04/09/[$LATEST]<32 hex>`. */
function defaultLogStream(ctx: EventContext): string {
  const day = ctx.now.toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[$LATEST]${ctx.ids.hex(32)}`;
}

/** What `awslogs.data` holds once base64-decoded and gunzipped. */
export function buildLogsData(o: CloudWatchLogsOptions, ctx: EventContext): CloudWatchLogsDecodedData {
  const messages = messageList(o.messages);
  if (!/^[\w./#-]{1,512}$/.test(o.logGroup)) {
    throw new EventInputError(`Parameter "logGroup" of ${NAME}: "${o.logGroup}" is not a log group name (letters, digits, _ - / . #).`);
  }
  if (o.filterName === '') throw new EventInputError(`Parameter "filterName" of ${NAME} must not be empty: deliveries name their subscription filter.`);
  // Event ids are 56-digit decimal strings that grow with each event.
  const firstId = BigInt(digits(ctx.ids, 56));
  const logEvents: CloudWatchLogsLogEvent[] = messages.map((message, i) => ({
    id: String(firstId + BigInt(i)),
    timestamp: shifted(ctx.now, -1000 + i).getTime(),
    message,
  }));
  return {
    messageType: 'DATA_MESSAGE',
    owner: ctx.accountId,
    logGroup: o.logGroup,
    logStream: o.logStream === '' ? defaultLogStream(ctx) : o.logStream,
    subscriptionFilters: [o.filterName],
    logEvents,
  };
}

export const cloudWatchLogsGenerator = defineEventGenerator<CloudWatchLogsOptions, CloudWatchLogsEvent>({
  name: NAME,
  description: 'CloudWatch Logs subscription filter delivery (awslogs.data: gzip + base64 of the log events)',
  kind: 'cloudwatch-logs',
  params: {
    logGroup: { description: 'Log group name', type: 'string', default: '/aws/lambda/MyFunction' },
    logStream: { description: 'Log stream name (empty: a Lambda-style stream of today)', type: 'string', default: '' },
    filterName: { description: 'Subscription filter name', type: 'string', default: 'MySubscriptionFilter' },
    messages: { description: 'Log event messages (JSON array of strings)', type: 'json', default: ['[ERROR] First test message', '[ERROR] Second test message'] },
  },
  build(o, ctx) {
    const data = buildLogsData(o, ctx);
    return { awslogs: { data: gzipSync(Buffer.from(JSON.stringify(data), 'utf8')).toString('base64') } };
  },
});

export const generateCloudWatchLogs = (options?: Partial<CloudWatchLogsOptions>, ctx?: Partial<EventContext>): CloudWatchLogsEvent =>
  cloudWatchLogsGenerator.build(options, ctx);
