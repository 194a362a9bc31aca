// The nightly report: the previous day's orders as reports/<day>.csv in the bucket, and a summary on the
// topic. Invoked by the schedule (a Scheduled Event whose `time` is when it fired), or by hand with
// {"day": "2026-12-01"} to (re)make one day's report: the same day always gives the same object key.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { ScheduledEvent } from 'aws-lambda';
import { dollars, ordersCsv, summarize, type Summary } from './lib/csv';
import { dayBefore, isDay, ordersOn } from './lib/orders';

const s3 = new S3Client({});
const sns = new SNSClient({});

type ReportEvent = Partial<ScheduledEvent> & { day?: string };

export interface ReportResult extends Summary {
  day: string;
  /** Where the CSV is: s3://bucket/key. */
  location: string;
}

export async function handler(event: ReportEvent): Promise<ReportResult> {
  const bucket = process.env.REPORTS_BUCKET;
  const topic = process.env.REPORT_TOPIC;
  if (!bucket || !topic) throw new Error('REPORTS_BUCKET and REPORT_TOPIC must be set: the template passes them to the function.');
  const day = reportDay(event);
  const orders = await ordersOn(day);
  const key = `reports/${day}.csv`;
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: ordersCsv(orders), ContentType: 'text/csv; charset=utf-8' }));
  const summary = summarize(orders);
  const location = `s3://${bucket}/${key}`;
  await sns.send(new PublishCommand({
    TopicArn: topic,
    Subject: `Orders on ${day}: ${summary.orders}, $${dollars(summary.amountCents)}`,
    Message: message(day, summary, location),
    MessageAttributes: { day: { DataType: 'String', StringValue: day } },
  }));
  console.log(`Reported ${summary.orders} order(s) of ${day} to ${location}`);
  return { day, location, ...summary };
}

function reportDay(event: ReportEvent): string {
  if (event.day !== undefined) {
    if (!isDay(event.day)) throw new Error(`"day" must be a date like 2026-12-01; got ${JSON.stringify(event.day)}.`);
    return event.day;
  }
  const fired = event.time ? new Date(event.time) : new Date();
  if (Number.isNaN(fired.getTime())) throw new Error(`The event's time ${JSON.stringify(event.time)} is not a date.`);
  return dayBefore(fired);
}

function message(day: string, summary: Summary, location: string): string {
  const lines = [
    `Orders on ${day} (UTC): ${summary.orders}, ${summary.items} item(s), $${dollars(summary.amountCents)} in total.`,
  ];
  if (summary.topCustomer) lines.push(`Top customer: ${summary.topCustomer.name} ($${dollars(summary.topCustomer.amountCents)}).`);
  lines.push(`Every order: ${location}`);
  return lines.join('\n');
}
