import * as assert from 'node:assert/strict';
import { compileFilterCriteria, type FilterSource } from '../../../../runtime/event-sources/filtering/index';
import { patternError } from './helpers';

// Lambda FilterCriteria over delivered records, with the per-source rules of AWS's Lambda documentation.

function criteria(...patterns: unknown[]): unknown {
  return { Filters: patterns.map((pattern) => ({ Pattern: typeof pattern === 'string' ? pattern : JSON.stringify(pattern) })) };
}

function sqsRecord(body: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
    receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1545082649183' },
    messageAttributes: {},
    md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-west-2:123456789012:my-queue',
    awsRegion: 'us-west-2',
    ...extra,
  };
}

function kinesisRecord(data: string, partitionKey = '1'): Record<string, unknown> {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey,
      sequenceNumber: '49590338271490256608559692538361571095921575989136588898',
      data: Buffer.from(data).toString('base64'),
      approximateArrivalTimestamp: 1545084650.987,
    },
    eventSource: 'aws:kinesis',
    eventID: 'shardId-000000000006:49590338271490256608559692538361571095921575989136588898',
    eventName: 'aws:kinesis:record',
  };
}

function accepts(source: FilterSource, filterCriteria: unknown, record: Record<string, unknown>): boolean {
  return compileFilterCriteria(filterCriteria, source).matches(record);
}

const JSON_BODY = '{\n "RecordNumber": 1234,\n "TimeStamp": "yyyy-mm-ddThh:mm:ss",\n "RequestCode": "AAAA"\n}';

describe('event filtering: Lambda FilterCriteria', () => {
  describe('SQS', () => {
    it('matches object patterns on the parsed JSON body', () => {
      assert.equal(accepts('sqs', criteria({ body: { RequestCode: ['AAAA'] } }), sqsRecord(JSON_BODY)), true);
      assert.equal(accepts('sqs', criteria({ body: { RequestCode: ['BBBB'] } }), sqsRecord(JSON_BODY)), false);
      assert.equal(accepts('sqs', criteria({ body: { RecordNumber: [{ numeric: ['>', 1000] }] } }), sqsRecord(JSON_BODY)), true);
    });

    it('drops a text body for an object pattern, and a JSON body for a value rule', () => {
      assert.equal(accepts('sqs', criteria({ body: { RequestCode: ['AAAA'] } }), sqsRecord('RequestCode AAAA')), false);
      assert.equal(accepts('sqs', criteria({ body: [{ exists: true }] }), sqsRecord(JSON_BODY)), false);
      assert.equal(accepts('sqs', criteria({ body: [{ prefix: '{' }] }), sqsRecord(JSON_BODY)), false);
      assert.equal(accepts('sqs', criteria({ body: ['123'] }), sqsRecord('123')), false, '123 is valid JSON');
      const noCode = criteria({ body: { RequestCode: [{ exists: false }] } });
      assert.equal(accepts('sqs', noCode, sqsRecord('{"RecordNumber": 1}')), true);
      assert.equal(accepts('sqs', noCode, sqsRecord('no code here')), false, 'a text body never meets an object pattern');
    });

    it('matches value rules on a text body', () => {
      assert.equal(accepts('sqs', criteria({ body: [{ prefix: 'Hello' }] }), sqsRecord('Hello world')), true);
      assert.equal(accepts('sqs', criteria({ body: [{ prefix: 'Hello' }] }), sqsRecord('Goodbye')), false);
      assert.equal(accepts('sqs', criteria({ body: ['Test message.'] }), sqsRecord('Test message.')), true);
    });

    it('leaves the body unchecked when no pattern names it', () => {
      const byCount = criteria({ attributes: { ApproximateReceiveCount: ['1'] } });
      assert.equal(accepts('sqs', byCount, sqsRecord(JSON_BODY)), true);
      assert.equal(accepts('sqs', byCount, sqsRecord('plain text')), true);
      assert.equal(accepts('sqs', byCount, sqsRecord('plain text', { attributes: { ApproximateReceiveCount: '2' } })), false);
    });

    it('ORs the filters, and $or branches that treat the body differently', () => {
      const two = compileFilterCriteria(criteria({ body: { RequestCode: ['AAAA'] } }, { body: [{ prefix: 'urgent:' }] }), 'sqs');
      assert.equal(two.matches(sqsRecord(JSON_BODY)), true);
      assert.equal(two.matches(sqsRecord('urgent: now')), true);
      assert.equal(two.matches(sqsRecord('later')), false);
      const branches = compileFilterCriteria(criteria({ $or: [{ body: { RequestCode: ['BBBB'] } }, { messageId: ['059f36b4-87a3-44ab-83d2-661975830a7d'] }] }), 'sqs');
      assert.equal(branches.matches(sqsRecord(JSON_BODY)), true);
      assert.equal(branches.matches(sqsRecord(JSON_BODY, { messageId: 'other' })), false);
    });

    it('leaves the record as delivered', () => {
      const record = sqsRecord(JSON_BODY);
      compileFilterCriteria(criteria({ body: { RequestCode: ['AAAA'] } }), 'sqs').matches(record);
      assert.equal(record['body'], JSON_BODY);
    });
  });

  describe('Kinesis', () => {
    it('matches data patterns on the base64-decoded JSON data', () => {
      const record = kinesisRecord('{"RecordNumber": "0001", "TimeStamp": "yyyy-mm-ddThh:mm:ss", "RequestCode": "AAAA"}');
      assert.equal(accepts('kinesis', criteria({ data: { RequestCode: ['AAAA'] } }), record), true);
      assert.equal(accepts('kinesis', criteria({ data: { RequestCode: ['BBBB'] } }), record), false);
      assert.equal(accepts('kinesis', criteria({ data: { Temperature: [{ numeric: ['>', 50, '<=', 60] }] } }), kinesisRecord('{"Temperature": 55}')), true);
    });

    it('drops records whose data is not JSON when a pattern looks inside data', () => {
      assert.equal(accepts('kinesis', criteria({ data: { RequestCode: ['AAAA'] } }), kinesisRecord('RequestCode=AAAA')), false);
      assert.equal(accepts('kinesis', criteria({ kinesis: { partitionKey: ['1'] } }), kinesisRecord('RequestCode=AAAA')), true);
      assert.equal(accepts('kinesis', criteria({ kinesis: { partitionKey: ['1'] } }), kinesisRecord('RequestCode=AAAA', '2')), false);
    });

    it('refuses a value rule for data: Lambda wants an object pattern there', () => {
      const error = patternError(() => compileFilterCriteria(criteria({ $or: [{ eventName: ['x'] }, { data: [{ prefix: 'x' }] }] }), 'kinesis'));
      assert.deepEqual(error.path, ['$or', 1, 'data']);
      assert.equal(error.filterIndex, 0);
      assert.equal(error.awsMessage, 'Invalid filter pattern definition.');
      assert.match(error.message, /must be an object pattern \(at Filters\[0\]\.Pattern, at \$or\[1\]\.data\)\. Lambda matches the record's base64-decoded JSON data/);
    });
  });

  describe('DynamoDB', () => {
    const record = {
      eventID: 'c4ca4238a0b923820dcc509a6f75849b',
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      dynamodb: {
        Keys: { Id: { N: '101' } },
        NewImage: { Message: { S: 'New item!' }, Id: { N: '101' }, status: { S: 'open' } },
        SequenceNumber: '111',
        SizeBytes: 26,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    };

    it('matches records as delivered', () => {
      assert.equal(accepts('dynamodb', criteria({ dynamodb: { Keys: { Id: { N: ['101'] } } } }), record), true);
      assert.equal(accepts('dynamodb', criteria({ dynamodb: { Keys: { Id: { N: ['102'] } } } }), record), false);
      assert.equal(accepts('dynamodb', criteria({ eventName: ['INSERT'], dynamodb: { NewImage: { status: { S: ['open'] } } } }), record), true);
      assert.equal(accepts('dynamodb', criteria({ eventName: ['MODIFY'] }, { eventName: ['REMOVE'] }), record), false);
    });

    it('refuses a value rule for dynamodb', () => {
      assert.deepEqual(patternError(() => compileFilterCriteria(criteria({ dynamodb: [{ exists: true }] }), 'dynamodb')).path, ['dynamodb']);
    });
  });

  describe('the criteria themselves', () => {
    it('let every record through without criteria or filters', () => {
      for (const none of [undefined, null, {}, { Filters: [] }]) {
        assert.equal(compileFilterCriteria(none, 'sqs').matches(sqsRecord('x')), true);
      }
    });

    it('allow 5 filters unless the quota is raised', () => {
      const six = criteria(...[1, 2, 3, 4, 5, 6].map((n) => ({ n: [n] })));
      const error = patternError(() => compileFilterCriteria(six, 'generic'));
      assert.equal(error.code, 'InvalidParameterValueException');
      assert.match(error.message, /6 filters; the quota is 5/);
      assert.equal(compileFilterCriteria(six, 'generic', { maxFilters: 10 }).matches({ n: 6 }), true);
      assert.equal(compileFilterCriteria(criteria(...[1, 2, 3, 4, 5].map((n) => ({ n: [n] }))), 'generic').matches({ n: 5 }), true);
    });

    it('name the filter of an invalid pattern', () => {
      const error = patternError(() => compileFilterCriteria(criteria({ a: [1] }, { b: 'x' }), 'generic'));
      assert.equal(error.filterIndex, 1);
      assert.deepEqual(error.path, ['b']);
      assert.equal(error.code, 'InvalidParameterValueException');
      assert.equal(error.awsMessage, 'Invalid filter pattern definition.');
      assert.match(error.message, /^"b" must be an object or an array \(at Filters\[1\]\.Pattern, at b\)/);
    });

    it('locate JSON syntax errors inside the Pattern text', () => {
      const error = patternError(() => compileFilterCriteria(criteria('{"body": {"a": [1,, 2]}}'), 'sqs'));
      assert.equal(error.filterIndex, 0);
      assert.deepEqual(error.textPosition, { line: 1, column: 19, offset: 18 });
      assert.match(error.message, /^Pattern is not valid JSON: .* \(at Filters\[0\]\.Pattern, line 1, column 19 of the pattern text\)/);
    });

    it('want a Pattern string of at most 4096 characters in each filter', () => {
      assert.equal(patternError(() => compileFilterCriteria({ Filters: [{ Pattern: { body: ['x'] } }] }, 'sqs')).filterIndex, 0);
      assert.match(patternError(() => compileFilterCriteria({ Filters: [{}] }, 'sqs')).message, /needs a Pattern/);
      assert.match(patternError(() => compileFilterCriteria({ Filters: 'x' }, 'sqs')).message, /must be a list/);
      assert.match(patternError(() => compileFilterCriteria('x', 'sqs')).message, /must be an object/);
      const long = patternError(() => compileFilterCriteria(criteria({ a: ['x'] }, { a: ['x'.repeat(4096)] }), 'sqs'));
      assert.equal(long.code, 'ValidationException');
      assert.match(long.awsMessage, /at 'filterCriteria\.filters\.2\.member\.pattern' failed to satisfy constraint/);
    });
  });
});
