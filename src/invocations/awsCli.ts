// "Copy as `aws lambda invoke` command": the same invocation, replayable from a terminal against the local
// Invoke API (or, without --endpoint-url, against AWS). No vscode here.
import type { InvocationType } from '../../runtime/protocol/control';

export interface CliInvocation {
  functionName: string;
  /** The event as it was sent. */
  event: string;
  invocationType: InvocationType;
  /** `http://127.0.0.1:3001` */
  endpoint: string;
  region: string;
}

/** POSIX shell quoting: one single-quoted word; a `'` inside becomes `'\''`. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** JSON events are sent compact (one line in the terminal); anything else exactly as it was. */
function compact(event: string): string {
  try {
    return JSON.stringify(JSON.parse(event));
  } catch {
    return event;
  }
}

/**
 * `aws lambda invoke --endpoint-url … --region … --function-name … --cli-binary-format raw-in-base64-out
 * --payload '…' response.json`, for a POSIX shell. `--cli-binary-format` makes AWS CLI v2 take the payload as
 * text, as v1 always did.
 */
export function awsInvokeCommand(invocation: CliInvocation): string {
  const args = [
    'aws', 'lambda', 'invoke',
    '--endpoint-url', invocation.endpoint,
    '--region', invocation.region,
    '--function-name', invocation.functionName,
    ...(invocation.invocationType === 'RequestResponse' ? [] : ['--invocation-type', invocation.invocationType]),
    '--cli-binary-format', 'raw-in-base64-out',
    '--payload', compact(invocation.event),
    'response.json',
  ];
  return args.map(shellQuote).join(' ');
}
