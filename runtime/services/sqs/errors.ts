// SQS's errors in both of its protocols: the JSON protocol names the error by its shape
// (`com.amazonaws.sqs#QueueDoesNotExist`) and repeats the query protocol's code in `x-amzn-query-error`, which
// SDK v3 copies into `error.Code`; the query protocol answers the same code in an XML ErrorResponse.

/** JSON shape name → the query protocol's code, where they differ. */
const QUERY_CODES: Readonly<Record<string, string>> = {
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  QueueNameExists: 'QueueAlreadyExists',
  InvalidParameterValueException: 'InvalidParameterValue',
  MissingRequiredParameterException: 'MissingParameter',
  AccessDeniedException: 'AccessDenied',
  UnsupportedOperation: 'AWS.SimpleQueueService.UnsupportedOperation',
  MessageNotInflight: 'AWS.SimpleQueueService.MessageNotInflight',
  PurgeQueueInProgress: 'AWS.SimpleQueueService.PurgeQueueInProgress',
  QueueDeletedRecently: 'AWS.SimpleQueueService.QueueDeletedRecently',
  TooManyEntriesInBatchRequest: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  EmptyBatchRequest: 'AWS.SimpleQueueService.EmptyBatchRequest',
  BatchEntryIdsNotDistinct: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  BatchRequestTooLong: 'AWS.SimpleQueueService.BatchRequestTooLong',
  InvalidBatchEntryId: 'AWS.SimpleQueueService.InvalidBatchEntryId',
};

export class SqsError extends Error {
  constructor(
    /** The JSON protocol's shape name (`QueueDoesNotExist`, `InvalidParameterValueException`, …). */
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly fault: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }

  /** The code the query protocol (and `x-amzn-query-error`) uses. */
  get queryCode(): string {
    return QUERY_CODES[this.code] ?? this.code;
  }
}

export const noSuchQueue = (): SqsError => new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');

export const invalidParameter = (message: string): SqsError => new SqsError('InvalidParameterValueException', message);

export const missingParameter = (name: string): SqsError => new SqsError('MissingRequiredParameterException', `The request must contain the parameter ${name}.`);

/** `Value 11 for parameter MaxNumberOfMessages is invalid. Reason: …` */
export function invalidValue(name: string, value: unknown, reason: string): SqsError {
  return invalidParameter(`Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`);
}
