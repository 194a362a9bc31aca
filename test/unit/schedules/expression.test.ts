// AWS's schedule expressions: rate's singular/plural rule, the six-field cron with ?, L, W, #, names,
// steps, years and 1 = SUN, at() in a time zone; each checked against dates worked out by hand.
import assert from 'node:assert/strict';
import { nextRuns, parseScheduleExpression, ScheduleExpressionError, type ScheduleFlavour } from '../../../runtime/schedules/expression';

const FROM = Date.parse('2026-01-01T00:00:00Z'); // a Thursday

function runs(expression: string, count = 3, options: { timezone?: string; flavour?: ScheduleFlavour; from?: number } = {}): string[] {
  const parsed = parseScheduleExpression(expression, options.flavour ?? 'rule');
  return nextRuns(parsed, options.from ?? FROM, { anchorMs: FROM, timezone: options.timezone }, count).map((ms) => new Date(ms).toISOString().replace('.000Z', 'Z'));
}

function refused(expression: string, reason: RegExp, flavour: ScheduleFlavour = 'rule'): void {
  assert.throws(() => parseScheduleExpression(expression, flavour), (error: ScheduleExpressionError) => {
    assert.ok(error instanceof ScheduleExpressionError);
    assert.match(error.reason, reason);
    return true;
  }, expression);
}

describe('schedule expressions', () => {
  it('takes rate(1 minute) and rate(5 minutes), and counts from the anchor', () => {
    assert.deepEqual(runs('rate(1 minute)'), ['2026-01-01T00:01:00Z', '2026-01-01T00:02:00Z', '2026-01-01T00:03:00Z']);
    assert.deepEqual(runs('rate(5 minutes)', 2, { from: FROM + 7 * 60_000 }), ['2026-01-01T00:10:00Z', '2026-01-01T00:15:00Z']);
    assert.deepEqual(runs('rate(1 day)', 1), ['2026-01-02T00:00:00Z']);
    assert.deepEqual(runs('rate(2 hours)', 1), ['2026-01-01T02:00:00Z']);
  });

  it('refuses the wrong number for the unit, zero, seconds, upper case and spaces', () => {
    refused('rate(1 minutes)', /singular: rate\(1 minute\)/);
    refused('rate(5 minute)', /plural: rate\(5 minutes\)/);
    refused('rate(1 hours)', /singular/);
    refused('rate(10 day)', /plural/);
    refused('rate(0 minutes)', /at least 1/);
    refused('rate(-10 minutes)', /at least 1/);
    refused('rate(10 seconds)', /minute\(s\), hour\(s\) or day\(s\)/);
    refused('rate(10 MINUTES)', /lower case/);
    refused('rate( 10 minutes )', /one space/);
    refused(' rate(10 minutes)', /spaces around/);
    refused('rate(10)', /one space/);
    refused('daily', /write rate/);
  });

  it('reads day-of-week 1 as Sunday and names as AWS writes them', () => {
    assert.deepEqual(runs('cron(0 8 ? * 1 *)', 2), ['2026-01-04T08:00:00Z', '2026-01-11T08:00:00Z']);
    assert.deepEqual(runs('cron(0 8 ? * 7 *)', 1), ['2026-01-03T08:00:00Z']);
    assert.deepEqual(runs('cron(0 18 ? * MON-FRI *)', 3), ['2026-01-01T18:00:00Z', '2026-01-02T18:00:00Z', '2026-01-05T18:00:00Z']);
    assert.deepEqual(runs('cron(0 8 ? * 2-6 *)', 3), runs('cron(0 8 ? * MON-FRI *)', 3));
    assert.deepEqual(runs('cron(0 9 ? JUL MON-WED *)', 2), ['2026-07-01T09:00:00Z', '2026-07-06T09:00:00Z']);
  });

  it('serves L, W and # as AWS documents them', () => {
    assert.deepEqual(runs('cron(15 10 ? * 6L 2026)', 2), ['2026-01-30T10:15:00Z', '2026-02-27T10:15:00Z'], 'the last Friday');
    assert.deepEqual(runs('cron(0 12 L * ? *)', 3), ['2026-01-31T12:00:00Z', '2026-02-28T12:00:00Z', '2026-03-31T12:00:00Z'], 'the last day of the month');
    assert.deepEqual(runs('cron(0 9 ? * L *)', 1), ['2026-01-03T09:00:00Z'], 'L alone in day-of-week: Saturday');
    assert.deepEqual(runs('cron(0 9 15W * ? *)', 3), ['2026-01-15T09:00:00Z', '2026-02-16T09:00:00Z', '2026-03-16T09:00:00Z'], 'the weekday nearest the 15th (Sunday 15 → Monday 16)');
    assert.deepEqual(runs('cron(0 9 1W * ? *)', 2, { from: Date.parse('2026-01-31T00:00:00Z') }), ['2026-02-02T09:00:00Z', '2026-03-02T09:00:00Z'], 'never into the previous month (Sunday 1 → Monday 2)');
    assert.deepEqual(runs('cron(0 8 LW * ? *)', 2), ['2026-01-30T08:00:00Z', '2026-02-27T08:00:00Z'], 'the last weekday of the month');
    assert.deepEqual(runs('cron(0 2 ? * SAT#3 *)', 2), ['2026-01-17T02:00:00Z', '2026-02-21T02:00:00Z'], 'the third Saturday');
    assert.deepEqual(runs('cron(0 2 ? * 2#1 *)', 1), ['2026-01-05T02:00:00Z'], 'the first Monday');
  });

  it('serves steps, lists, wrapping ranges and years', () => {
    assert.deepEqual(runs('cron(0/15 * * * ? *)', 3), ['2026-01-01T00:15:00Z', '2026-01-01T00:30:00Z', '2026-01-01T00:45:00Z']);
    assert.deepEqual(runs('cron(5/20 * * * ? *)', 3), ['2026-01-01T00:05:00Z', '2026-01-01T00:25:00Z', '2026-01-01T00:45:00Z']);
    assert.deepEqual(runs('cron(*/30 0-1 ? * * *)', 4), ['2026-01-01T00:30:00Z', '2026-01-01T01:00:00Z', '2026-01-01T01:30:00Z', '2026-01-02T00:00:00Z']);
    assert.deepEqual(runs('cron(5,35 14 * * ? *)', 2), ['2026-01-01T14:05:00Z', '2026-01-01T14:35:00Z']);
    assert.deepEqual(runs('cron(0 22-2 * * ? *)', 3), ['2026-01-01T01:00:00Z', '2026-01-01T02:00:00Z', '2026-01-01T22:00:00Z']);
    assert.deepEqual(runs('cron(0 8 1 1 ? 2026/2)', 2), ['2026-01-01T08:00:00Z', '2028-01-01T08:00:00Z']);
    assert.deepEqual(runs('cron(0/5 5 ? JAN 1-5 2022)', 1), [], 'a schedule whose years are over runs no more');
    for (const valid of ['cron(0-15/1 8-8 ? * 2,3,4,5,6,7 *)', 'cron(30-30 13-13 ? * 2,4,6 *)', 'cron(1-31/30 1-1 ? * 1,7 *)', 'cron(0-59/10 0-23/2 ? * * *)', 'cron(* * ? * SAT#3 *)']) {
      assert.equal(parseScheduleExpression(valid, 'scheduler').kind, 'cron', valid);
    }
  });

  it('refuses what EventBridge refuses, saying which field and why', () => {
    refused('cron(0 1 * * * *)', /exactly one of them must be \?/);
    refused('cron(0 1 ? * ? *)', /both day fields are \?/);
    refused('cron(0 12 * * ?)', /has 5 fields/);
    refused('cron(0 12 * * ? * *)', /has 7 fields/);
    refused('cron()', /empty/);
    refused('cron(INVALID)', /1 field/);
    refused('cron(7 20 * * NOT *)', /day-of-week "NOT": "NOT" is not a number from 1 to 7 or SUN-SAT/);
    refused('cron(0 dummy ? * MON-FRI *)', /hours "dummy"/);
    refused('cron(71 8 1 * ? *)', /minutes "71": 71 is out of range 0-59/);
    refused('cron(0 8 ? * 0 *)', /out of range 1-7 \(1 = SUN … 7 = SAT\)/);
    refused('cron(0 8 32 * ? *)', /out of range 1-31/);
    refused('cron(0 8 1 13 ? *)', /out of range 1-12/);
    refused('cron(0 12 * * ? 1969)', /out of range 1970-2199/);
    refused('cron(0 9 1,L * ? *)', /stand alone/);
    refused('cron(0 9 ? * 2#6 *)', /the week must be 1 to 5/);
    refused('cron(0 9 3 * 1 *)', /exactly one/);
    refused('cron(0 ? * * * *)', /\? is allowed only in day-of-month and day-of-week/);
    refused('cron(0 9 L-2 * ? *)', /not a number/);
    refused('cron(0/0 * * * ? *)', /at least 1/);
  });

  it('takes at() for Scheduler only, in its time zone, and never runs a past one', () => {
    refused('at(2030-01-01T09:00:00)', /belong to EventBridge Scheduler/);
    assert.deepEqual(runs('at(2026-01-01T09:00:00)', 3, { flavour: 'scheduler', timezone: 'America/New_York' }), ['2026-01-01T14:00:00Z']);
    assert.deepEqual(runs('at(2025-12-31T23:59:00)', 3, { flavour: 'scheduler' }), []);
    refused('at(2021-12-31T23:59:59Z)', /without zone/, 'scheduler');
    refused('at(2021-12-31)', /yyyy-mm-ddThh:mm:ss/, 'scheduler');
    refused('at(2026-02-30T00:00:00)', /not a date and time that exists/, 'scheduler');
  });

  it('follows the time zone across daylight saving time', () => {
    // 09:30 in Paris: 08:30 UTC in winter, 07:30 UTC after the last Sunday of March.
    assert.deepEqual(runs('cron(30 9 ? * MON *)', 2, { flavour: 'scheduler', timezone: 'Europe/Paris', from: Date.parse('2026-03-20T00:00:00Z') }), ['2026-03-23T08:30:00Z', '2026-03-30T07:30:00Z']);
  });
});
