// `lambkin queues` and `lambkin topics`: the project's queues with their depth (read from the data folder,
// whether a runtime runs or not) and its topics; sending to a queue, purging one, publishing to a topic through
// the runtime that serves the project, with the same SQS and SNS APIs any client uses.
import { loadTemplate } from '../../template';
import { apiQueueNames, queueDepth } from '../../services/sqs/depth';
import { parseXml } from '../../services/wire/xml';
import type { LocalResource } from '../../template/resources/model';
import { COMMON_HELP, COMMON_OPTIONS, dataDirFrom, parse, templatesFrom, UsageError } from '../options';

export const QUEUES_HELP = `Usage: lambkin queues [list|send NAME BODY|purge NAME] [options]

  list (default)   Every queue (the template's and those made with CreateQueue) with its messages:
                   visible, in flight, delayed
  send NAME BODY   Send one message (--group-id for a FIFO queue)
  purge NAME       Delete every message of the queue

Options:
      --group-id ID       Message group of a FIFO queue's message
      --json              List as JSON
      --data-dir DIR      The data folder (default: .lambkin/data/ beside the template)
${COMMON_HELP}

send and purge go to the runtime serving the project (lambkin start, or VS Code), whose mappings deliver.`;

export const TOPICS_HELP = `Usage: lambkin topics [list|publish NAME MESSAGE] [options]

  list (default)        The template's topics
  publish NAME MESSAGE  Publish one message to every subscription whose filter policy matches it

Options:
      --subject TEXT      Subject of the message
      --group-id ID       Message group of a FIFO topic's message
      --data-dir DIR      The data folder (default: .lambkin/data/ beside the template)
${COMMON_HELP}

publish goes to the runtime serving the project (lambkin start, or VS Code).`;

const OPTIONS = { ...COMMON_OPTIONS, json: { type: 'boolean' }, 'data-dir': { type: 'string' }, 'group-id': { type: 'string' }, subject: { type: 'string' } } as const;

async function resourcesOf(templates: string[]): Promise<LocalResource[]> {
  const parsed = await Promise.all(templates.map((file) => loadTemplate(file)));
  return parsed.flatMap((template) => template.resources);
}

/** The endpoint of the runtime holding the data folder; a clear error when none does. */
function servingEndpoint(owner: { awsEndpoint: string } | undefined, what: string): string {
  if (!owner) throw new UsageError(`No runtime serves this project, so nothing would deliver the message: start one (lambkin start, or Start Runtime in VS Code), then ${what} again.`);
  return owner.awsEndpoint;
}

async function sqs(endpoint: string, operation: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AmazonSQS.${operation}` }, body: JSON.stringify(params) });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new UsageError(`${operation}: ${String(body.message ?? response.status)}`);
  return body;
}

async function sns(endpoint: string, params: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', Authorization: 'AWS4-HMAC-SHA256 Credential=lambkin/20260101/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=0' },
    body: new URLSearchParams({ ...params, Version: '2010-03-31' }).toString(),
  });
  const xml = parseXml(await response.text());
  if (!response.ok) {
    const error = (xml.ErrorResponse as { Error?: { Message?: string } } | undefined)?.Error;
    throw new UsageError(`${params.Action}: ${error?.Message ?? response.status}`);
  }
  return xml;
}

export async function queuesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, OPTIONS, true);
  if (values.help) {
    console.log(QUEUES_HELP);
    return 0;
  }
  const [action = 'list', name, body, ...extra] = positionals;
  if (!['list', 'send', 'purge'].includes(action)) throw new UsageError(`Unknown action "${action}": use list, send NAME BODY or purge NAME.`);
  if (action !== 'list' && !name) throw new UsageError(`lambkin queues ${action} needs the NAME of a queue (see lambkin queues).`);
  if (action === 'send' && body === undefined) throw new UsageError('lambkin queues send needs the message BODY after the queue name.');
  if (extra.length > 0 || (action === 'purge' && body !== undefined) || (action === 'list' && name)) throw new UsageError(`Unexpected argument "${extra[0] ?? body ?? name}"; see lambkin queues --help.`);
  const templates = await templatesFrom(values.template);
  const dataDir = dataDirFrom(values, templates);
  if (action === 'list') {
    const declared = (await resourcesOf(templates)).filter((resource) => resource.kind === 'queue').map((resource) => resource.name);
    const names = [...new Set([...declared, ...apiQueueNames(dataDir.root)])].sort();
    const rows = names.map((queue) => ({ name: queue, ...(queueDepth(dataDir.root, queue) ?? { visible: 0, inFlight: 0, delayed: 0 }) }));
    if (values.json) console.log(JSON.stringify({ queues: rows }, null, 2));
    else if (rows.length === 0) console.log('No queues: add an AWS::SQS::Queue to the template, or create one with the SQS API.');
    else {
      const width = Math.max(5, ...rows.map((row) => row.name.length));
      console.log([`${'QUEUE'.padEnd(width)}  VISIBLE  IN FLIGHT  DELAYED`, ...rows.map((row) => `${row.name.padEnd(width)}  ${String(row.visible).padStart(7)}  ${String(row.inFlight).padStart(9)}  ${String(row.delayed).padStart(7)}`)].join('\n'));
    }
    return 0;
  }
  const endpoint = servingEndpoint(dataDir.owner(), `lambkin queues ${action}`);
  const { QueueUrl } = await sqs(endpoint, 'GetQueueUrl', { QueueName: name });
  if (action === 'purge') {
    await sqs(endpoint, 'PurgeQueue', { QueueUrl });
    console.log(`Purged ${name}.`);
    return 0;
  }
  const groupId = values['group-id'];
  const sent = await sqs(endpoint, 'SendMessage', { QueueUrl, MessageBody: body, ...(groupId ? { MessageGroupId: groupId, MessageDeduplicationId: `${Date.now()}-${process.pid}` } : {}) });
  console.log(`Sent message ${String(sent.MessageId)} to ${name}.`);
  return 0;
}

export async function topicsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, OPTIONS, true);
  if (values.help) {
    console.log(TOPICS_HELP);
    return 0;
  }
  const [action = 'list', name, message, ...extra] = positionals;
  if (!['list', 'publish'].includes(action)) throw new UsageError(`Unknown action "${action}": use list or publish NAME MESSAGE.`);
  if (action === 'publish' && (!name || message === undefined)) throw new UsageError('lambkin topics publish needs the topic NAME and the MESSAGE.');
  if (extra.length > 0 || (action === 'list' && name)) throw new UsageError(`Unexpected argument "${extra[0] ?? name}"; see lambkin topics --help.`);
  const templates = await templatesFrom(values.template);
  const dataDir = dataDirFrom(values, templates);
  const resources = await resourcesOf(templates);
  if (action === 'list') {
    const topics = resources.filter((resource) => resource.kind === 'topic').map((resource) => resource.name).sort();
    console.log(topics.length === 0 ? 'No topics: add an AWS::SNS::Topic to the template.' : topics.join('\n'));
    return 0;
  }
  const endpoint = servingEndpoint(dataDir.owner(), 'lambkin topics publish');
  const listed = await sns(endpoint, { Action: 'ListTopics' });
  const members = (listed.ListTopicsResponse as { ListTopicsResult?: { Topics?: { member?: unknown } } }).ListTopicsResult?.Topics?.member;
  const arns = (Array.isArray(members) ? members : members ? [members] : []).map((member) => (member as { TopicArn: string }).TopicArn);
  const arn = arns.find((candidate) => candidate.endsWith(`:${name}`));
  if (!arn) throw new UsageError(`No topic named ${name}. Topics: ${arns.map((candidate) => candidate.slice(candidate.lastIndexOf(':') + 1)).join(', ') || 'none'}.`);
  const groupId = values['group-id'];
  const published = await sns(endpoint, {
    Action: 'Publish', TopicArn: arn, Message: message!, ...(values.subject ? { Subject: values.subject } : {}),
    ...(groupId ? { MessageGroupId: groupId, MessageDeduplicationId: `${Date.now()}-${process.pid}` } : {}),
  });
  const id = (published.PublishResponse as { PublishResult?: { MessageId?: string } }).PublishResult?.MessageId;
  console.log(`Published message ${id} to ${name}.`);
  return 0;
}
