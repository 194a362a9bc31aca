// The Invoke API judged by @aws-sdk/client-lambda: what a user's code or the AWS CLI would see.
import { InvokeCommand, ResourceNotFoundException, TooManyRequestsException, InvalidRequestContentException, RequestTooLargeException } from '@aws-sdk/client-lambda';
import assert from 'node:assert/strict';
import { decodeLog, json, startTestRuntime, type TestRuntime } from './support';

describe('Invoke API (through @aws-sdk/client-lambda)', function () {
  let t: TestRuntime;
  before(async () => (t = await startTestRuntime()));
  after(async () => t.close());

  it('answers a RequestResponse invoke with the handler result and Lambda headers', async () => {
    const out = await t.client.send(new InvokeCommand({ FunctionName: 'Echo', Payload: Buffer.from(JSON.stringify({ hello: 'world' })) }));
    assert.equal(out.StatusCode, 200);
    assert.equal(out.ExecutedVersion, '$LATEST');
    assert.equal(out.FunctionError, undefined);
    const body = json(out.Payload) as Record<string, unknown>;
    assert.deepEqual(body.event, { hello: 'world' });
    assert.equal(body.memoryLimitInMB, '128', 'memoryLimitInMB is a string, as in Lambda');
    assert.equal(body.functionName, 'Echo');
    assert.equal(body.stage, 'test');
    assert.equal(body.tz, ':UTC');
    assert.match(String(body.cwd), /runtime-app\/src$/);
  });

  it('accepts an ARN (and :$LATEST) as the function name', async () => {
    const out = await t.client.send(new InvokeCommand({ FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:Echo:$LATEST', Payload: Buffer.from('{"by":"arn"}') }));
    assert.equal(out.StatusCode, 200);
    assert.equal(out.FunctionError, undefined);
    const body = json(out.Payload) as { event: unknown; functionName: string };
    assert.deepEqual([body.functionName, body.event], ['Echo', { by: 'arn' }], 'Echo itself ran, with the event');
    const plain = await t.client.send(new InvokeCommand({ FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:Echo', Payload: Buffer.from('{}') }));
    assert.equal((json(plain.Payload) as { functionName: string }).functionName, 'Echo', 'without the qualifier too');
  });

  it('returns the last 4 KB of the log, base64, with LogType Tail', async () => {
    const out = await t.client.send(new InvokeCommand({ FunctionName: 'Echo', Payload: Buffer.from('{"n":1}'), LogType: 'Tail' }));
    const log = decodeLog(out.LogResult);
    const requestId = (json(out.Payload) as { requestId: string }).requestId;
    assert.match(log, new RegExp(`START RequestId: ${requestId} Version: \\$LATEST`));
    assert.match(log, new RegExp(`\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${requestId}\\tINFO\\techo {"n":1}`));
    assert.match(log, new RegExp(`END RequestId: ${requestId}`));
    assert.match(log, /REPORT RequestId: \S+\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB/);
  });

  it('marks function errors with X-Amz-Function-Error: Unhandled and Node\'s error body', async () => {
    const out = await t.client.send(new InvokeCommand({ FunctionName: 'Behave', Payload: Buffer.from('{"fail":"boom"}') }));
    assert.equal(out.StatusCode, 200);
    assert.equal(out.FunctionError, 'Unhandled');
    const body = json(out.Payload) as { errorType: string; errorMessage: string; trace: string[] };
    assert.equal(body.errorType, 'Error');
    assert.equal(body.errorMessage, 'boom');
    assert.ok(Array.isArray(body.trace) && body.trace[0].startsWith('Error: boom'));
  });

  it('answers DryRun with 204 and Event with 202', async () => {
    const dry = await t.client.send(new InvokeCommand({ FunctionName: 'Echo', InvocationType: 'DryRun' }));
    assert.equal(dry.StatusCode, 204);
    const finished = t.nextFinished((result) => result.invocationType === 'Event');
    const event = await t.client.send(new InvokeCommand({ FunctionName: 'Echo', InvocationType: 'Event', Payload: Buffer.from('{"async":true}') }));
    assert.equal(event.StatusCode, 202);
    const result = await finished;
    assert.equal(result.status, 'success');
    assert.equal(result.attempt, 1);
  });

  it('rejects unknown functions with ResourceNotFoundException', async () => {
    await assert.rejects(t.client.send(new InvokeCommand({ FunctionName: 'Nope' })), (error: unknown) => {
      assert.ok(error instanceof ResourceNotFoundException);
      assert.equal(error.message, 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:Nope');
      assert.equal(error.$metadata.httpStatusCode, 404);
      return true;
    });
  });

  it('rejects a qualifier other than $LATEST', async () => {
    await assert.rejects(t.client.send(new InvokeCommand({ FunctionName: 'Echo', Qualifier: 'prod' })), ResourceNotFoundException);
  });

  it('rejects a payload that is not JSON with InvalidRequestContentException', async () => {
    await assert.rejects(t.client.send(new InvokeCommand({ FunctionName: 'Echo', Payload: Buffer.from('{not json') })), (error: unknown) => {
      assert.ok(error instanceof InvalidRequestContentException);
      assert.match(error.message, /^Could not parse request body into json/);
      return true;
    });
  });

  it('rejects a request over 6 MB with 413 RequestEntityTooLargeException', async () => {
    const big = Buffer.from(JSON.stringify({ data: 'x'.repeat(6_300_000) }));
    await assert.rejects(t.client.send(new InvokeCommand({ FunctionName: 'Echo', Payload: big })), (error: unknown) => {
      const e = error as RequestTooLargeException & { $metadata: { httpStatusCode?: number } };
      assert.equal(e.$metadata.httpStatusCode, 413);
      assert.equal(e.name, 'RequestEntityTooLargeException');
      assert.match(e.message, /Request must be smaller than 6291456 bytes for the InvokeFunction operation/);
      return true;
    });
  });

  it('turns a response over 6 MB into Function.ResponseSizeTooLarge', async () => {
    // LongTimeout, not Behave (1 s): building and posting 7 MB can take longer than 1 s on a busy machine,
    // and the timeout then won (Sandbox.Timedout, seen under load).
    const out = await t.client.send(new InvokeCommand({ FunctionName: 'LongTimeout', Payload: Buffer.from('{"bigResponse":true}') }));
    assert.equal(out.FunctionError, 'Unhandled');
    assert.deepEqual(json(out.Payload), { errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).', errorType: 'Function.ResponseSizeTooLarge' });
  });

  it('throttles a function whose reserved concurrency is 0', async () => {
    await assert.rejects(t.client.send(new InvokeCommand({ FunctionName: 'Disabled' })), (error: unknown) => {
      assert.ok(error instanceof TooManyRequestsException);
      assert.equal(error.Reason, 'ReservedFunctionConcurrentInvocationLimitExceeded');
      assert.equal(error.$metadata.httpStatusCode, 429);
      assert.equal(error.retryAfterSeconds, '1');
      return true;
    });
  });

  it('throttles beyond reserved concurrency and serves within it', async () => {
    const slow = () => t.client.send(new InvokeCommand({ FunctionName: 'Limited', Payload: Buffer.from('{"sleepMs":600}') }));
    const outcomes = await Promise.allSettled([slow(), slow(), slow()]);
    const ok = outcomes.filter((o) => o.status === 'fulfilled');
    const throttled = outcomes.filter((o) => o.status === 'rejected');
    assert.equal(ok.length, 2);
    assert.equal(throttled.length, 1);
    assert.ok((throttled[0] as PromiseRejectedResult).reason instanceof TooManyRequestsException);
  });

  it('passes the base64 client context to the handler', async () => {
    const clientContext = Buffer.from(JSON.stringify({ custom: { tenant: 'a' }, env: {}, client: {} })).toString('base64');
    const out = await t.client.send(new InvokeCommand({ FunctionName: 'Echo', ClientContext: clientContext, Payload: Buffer.from('{}') }));
    assert.deepEqual((json(out.Payload) as { clientContext: { custom: unknown } }).clientContext.custom, { tenant: 'a' });
  });

  it('runs a provided.al2023 function through its own bootstrap', async () => {
    const out = await t.client.send(new InvokeCommand({ FunctionName: 'Custom', Payload: Buffer.from('{"say":"hi"}') }));
    assert.deepEqual(json(out.Payload), { upper: '{"SAY":"HI"}', handler: 'upper' });
  });
});
