// How Lambda reads a function's answer to a batch when the mapping has `FunctionResponseTypes:
// [ReportBatchItemFailures]`: success (null, empty, or no failures listed), the identifiers that failed, or a
// malformed answer, which fails the whole batch. Without the setting, only a function error fails a batch.

export type BatchOutcome =
  | { kind: 'success' }
  | { kind: 'partial'; failed: string[] }
  | { kind: 'failed'; reason: string };

/**
 * `payload` is the function's response; `identifiers` the batch's item identifiers (SequenceNumber for
 * streams, messageId for SQS). An identifier that is empty, missing or (for SQS) not in the batch fails
 * the whole batch, as Lambda treats it.
 */
export function readBatchResponse(payload: string, identifiers: readonly string[], requireKnownIds: boolean): BatchOutcome {
  const text = payload.trim();
  if (text === '' || text === 'null') return { kind: 'success' };
  let response: unknown;
  try {
    response = JSON.parse(text);
  } catch {
    return { kind: 'failed', reason: 'the response is not JSON' };
  }
  if (response === null || typeof response !== 'object' || Array.isArray(response)) return { kind: 'success' };
  const failures = (response as Record<string, unknown>).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'failed', reason: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'success' };
  const known = new Set(identifiers);
  const failed: string[] = [];
  for (const failure of failures) {
    const id = failure !== null && typeof failure === 'object' ? (failure as Record<string, unknown>).itemIdentifier : undefined;
    if (typeof id !== 'string' || id === '') return { kind: 'failed', reason: 'a batchItemFailures entry has no itemIdentifier' };
    if (requireKnownIds && !known.has(id)) return { kind: 'failed', reason: `itemIdentifier ${id} is not in the batch` };
    if (!failed.includes(id)) failed.push(id);
  }
  return { kind: 'partial', failed };
}
