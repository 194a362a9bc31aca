// Formats AWS uses in event payloads: partitions, ARNs, timestamps.

import type { EventContext } from './types';

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

/** `amazonaws.com`, or `amazonaws.com.cn` in the China regions. */
export function dnsSuffixOf(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>` in the context's region and account. */
export function regionalArn(ctx: EventContext, service: string, resource: string): string {
  return `arn:${partitionOf(ctx.region)}:${service}:${ctx.region}:${ctx.accountId}:${resource}`;
}

/** `2015-10-08T16:53:06Z`: EventBridge's `time`, without milliseconds. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `09/Apr/2015:12:34:56 +0000`: API Gateway's requestTime (common log format, UTC). */
export function requestTimeOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** The context's clock shifted by `ms`, for times that precede the event (sent, connected). */
export function shifted(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}
