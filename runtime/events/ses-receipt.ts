// SES email receiving, `ses-receipt`: a receipt rule's Lambda action with the mail's headers,
// common headers and the receipt's verdicts.

import type { SESEvent, SESMailHeader } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { dnsSuffixOf, regionalArn, shifted } from './format';
import { lowerAlnum } from './ids';
import { EventInputError, type EventContext } from './types';

const NAME = 'ses-receipt';
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const VERDICTS = ['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED'] as const;

export type SesReceiptOptions = { from: string; to: string; subject: string; functionName: string; spamVerdict: string };

/** `Thu, 9 Apr 2015 12:34:56 +0000`: an email Date header (RFC 5322). */
export function mailDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** `Jane Doe <jane@example.com>` → `jane@example.com`. */
function addressOf(mailbox: string): string {
  return /<([^>]+)>/.exec(mailbox)?.[1] ?? mailbox.trim();
}

const ADDRESS = /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/;

export const sesReceiptGenerator = defineEventGenerator<SesReceiptOptions, SESEvent>({
  name: NAME,
  description: 'SES email receiving: a receipt rule\'s Lambda action',
  kind: 'ses',
  params: {
    from: { description: 'Sender (From header)', type: 'string', default: 'Jane Doe <janedoe@example.com>' },
    to: { description: 'Recipients, comma-separated', type: 'string', default: 'johndoe@example.com' },
    subject: { description: 'Subject', type: 'string', default: 'Test Subject' },
    functionName: { description: 'Name of the function the rule invokes', type: 'string', default: 'MyFunction' },
    spamVerdict: { description: `Spam verdict (${VERDICTS.join('|')})`, type: 'string', default: 'PASS' },
  },
  build(o, ctx) {
    const source = addressOf(o.from);
    const recipients = o.to.split(',').map((r) => r.trim()).filter((r) => r !== '');
    if (!ADDRESS.test(source)) throw new EventInputError(`Parameter "from" of ${NAME}: "${o.from}" has no email address, e.g. "Jane Doe <jane@example.com>".`);
    if (recipients.length === 0 || recipients.some((r) => !ADDRESS.test(addressOf(r)))) {
      throw new EventInputError(`Parameter "to" of ${NAME} must list recipient addresses, comma-separated, e.g. "a@example.com, b@example.com"; got "${o.to}".`);
    }
    const spam = VERDICTS.find((v) => v === o.spamVerdict);
    if (!spam) throw new EventInputError(`Parameter "spamVerdict" of ${NAME} must be one of ${VERDICTS.join(', ')}; got ${JSON.stringify(o.spamVerdict)}.`);
    const sent = shifted(ctx.now, -600);
    const date = mailDate(sent);
    const messageId = lowerAlnum(ctx.ids, 40);
    const headerMessageId = `<${lowerAlnum(ctx.ids, 20)}@${source.split('@')[1]}>`;
    const headers: SESMailHeader[] = [
      { name: 'Return-Path', value: `<${source}>` },
      { name: 'Received', value: `from mail.${source.split('@')[1]} by inbound-smtp.${ctx.region}.${dnsSuffixOf(ctx.region)} with SMTP id ${messageId} for ${recipients.join(', ')}; ${date}` },
      { name: 'MIME-Version', value: '1.0' },
      { name: 'From', value: o.from },
      { name: 'Date', value: date },
      { name: 'Message-ID', value: headerMessageId },
      { name: 'Subject', value: o.subject },
      { name: 'To', value: recipients.join(', ') },
      { name: 'Content-Type', value: 'text/plain; charset=UTF-8' },
    ];
    return {
      Records: [{
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp: sent.toISOString(),
            source,
            messageId,
            destination: recipients.map(addressOf),
            headersTruncated: false,
            headers,
            commonHeaders: { returnPath: source, from: [o.from], date, to: recipients, messageId: headerMessageId, subject: o.subject },
          },
          receipt: {
            timestamp: sent.toISOString(),
            processingTimeMillis: 574,
            recipients: recipients.map(addressOf),
            spamVerdict: { status: spam },
            virusVerdict: { status: 'PASS' },
            spfVerdict: { status: 'PASS' },
            dkimVerdict: { status: 'PASS' },
            dmarcVerdict: { status: 'PASS' },
            action: { type: 'Lambda', functionArn: regionalArn(ctx, 'lambda', `function:${o.functionName}`), invocationType: 'Event' },
          },
        },
      }],
    };
  },
});

export const generateSesReceipt = (options?: Partial<SesReceiptOptions>, ctx?: Partial<EventContext>): SESEvent => sesReceiptGenerator.build(options, ctx);
