// Recursive loop detection as Lambda does it for S3, SQS and SNS: each invocation caused by an event carries a
// lineage (origin and count) in its X-Ray trace header; the AWS SDK inside the function copies that header
// into every request it makes (middleware-recursion-detection), SQS keeps it as the AWSTraceHeader of a message,
// so an event caused by an invocation tells how deep the chain already is. Lambda stops a chain after about
// 16 invocations unless the function says `RecursiveLoop: Allow`.
import { randomBytes } from 'node:crypto';
import { newTraceId } from '../environments/variables';
import type { FunctionConfig } from '../template/model';

/** Invocations one originating event may cause through S3, SQS and SNS before Lambda stops the chain. */
export const RECURSION_LIMIT = 16;

/** Where an invocation sits in a chain of invocations caused by one originating event. */
export interface InvocationChain {
  /** Identifies the originating event (8 hex digits). */
  origin: string;
  /** How many invocations of the chain have run before this point (the first triggered invocation is 1). */
  depth: number;
}

/** The services through which Lambda detects loops. */
export type LoopService = 's3' | 'sqs' | 'sns';

const LINEAGE = /(?:^|;)\s*Lineage=([0-9a-f]{8}):(\d{1,6})(?:;|$)/;

/** The chain a request or message was made in, from its `X-Amzn-Trace-Id` / `AWSTraceHeader`; undefined outside any. */
export function chainFromTraceHeader(header: string | undefined): InvocationChain | undefined {
  if (!header) return undefined;
  const match = LINEAGE.exec(header);
  return match ? { origin: match[1], depth: Number(match[2]) } : undefined;
}

/** A fresh trace header for an invocation at `chain`'s position, carrying the lineage on. */
export function traceHeaderFor(chain: InvocationChain): string {
  return `${newTraceId()};Lineage=${chain.origin}:${chain.depth}`;
}

export interface LoopStopped {
  functionName: string;
  via: LoopService;
  depth: number;
}

export type Admission = { admitted: true; chain: InvocationChain; traceId: string } | { admitted: false; stop: LoopStopped };

/**
 * Decides whether an event may invoke `fn`: the event was caused by an invocation at `parent` (or by nothing,
 * when undefined). Past the limit the chain is stopped, unless the function allows recursive loops.
 */
export function admitInvocation(fn: FunctionConfig, parent: InvocationChain | undefined, via: LoopService): Admission {
  const chain: InvocationChain = parent ? { origin: parent.origin, depth: parent.depth + 1 } : { origin: randomBytes(4).toString('hex'), depth: 1 };
  if (chain.depth > RECURSION_LIMIT && fn.recursiveLoop !== 'Allow') {
    return { admitted: false, stop: { functionName: fn.name, via, depth: chain.depth } };
  }
  return { admitted: true, chain, traceId: traceHeaderFor(chain) };
}

/** What Lambda says (in the log and the notification) when it stops a loop. */
export function loopStoppedMessage(stop: LoopStopped): string {
  const source = { s3: 'Amazon S3', sqs: 'Amazon SQS', sns: 'Amazon SNS' }[stop.via];
  return `Lambda stopped a recursive loop: ${stop.functionName} was invoked ${stop.depth - 1} times in a chain through ${source} caused by one event; the event was not processed. Set RecursiveLoop: Allow on the function if the loop is intended.`;
}
