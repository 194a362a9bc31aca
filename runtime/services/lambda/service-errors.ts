// Lambda's service errors as the Invoke API returns them: the type in `x-amzn-ErrorType`, a JSON body with
// `Type` and `Message` (the SDK reads both), and for throttles the `Reason` and a `Retry-After` header.
import type { ThrottleReason } from '../../environments/concurrency';

export interface ServiceError {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export function serviceError(status: number, type: string, message: string, faultType: 'User' | 'Service' = 'User'): ServiceError {
  return {
    status,
    headers: { 'x-amzn-ErrorType': `${type}:http://internal.amazon.com/coral/com.amazonaws.awslambda.api/` },
    body: { Type: faultType, Message: message },
  };
}

/** 429 TooManyRequestsException, with the reason Lambda gives and a hint to retry after a second. */
export function throttleError(reason: ThrottleReason): ServiceError {
  return {
    status: 429,
    headers: { 'x-amzn-ErrorType': 'TooManyRequestsException', 'Retry-After': '1' },
    body: { Reason: reason, Type: 'User', message: 'Rate Exceeded.' },
  };
}
