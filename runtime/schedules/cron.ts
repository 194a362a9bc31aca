// AWS's six-field cron (`minutes hours day-of-month month day-of-week year`), checked field by field as
// EventBridge checks it, then handed to croner for the date arithmetic. croner speaks Quartz's dialect with
// the options set in `cronerOptions` (year field, 1 = SUN weekdays, `L`, `W`, `#`, `0/15` steps); what AWS
// writes differently (`?`, `L` alone or `5L` in day-of-week, wrapping ranges) is rewritten here.

/** What one field accepts. */
interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** `?` (one of the two day fields must hold it). */
  question?: boolean;
  /** Day-of-month's `L`, `LW`, `15W`. */
  monthDays?: boolean;
  /** Day-of-week's `L`, `5L`, `2#3`. */
  weekDays?: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, question: true, monthDays: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: WEEKDAYS, question: true, weekDays: true },
  { name: 'year', min: 1970, max: 2199 },
];

export interface CronFields {
  /** The six fields as written. */
  fields: string[];
  /** The same schedule as a croner 7-part pattern (seconds first). */
  pattern: string;
}

export class CronError extends Error {}

/** Checks the text between `cron(` and `)`; throws CronError saying which field is wrong and why. */
export function parseAwsCron(body: string): CronFields {
  if (body.trim() === '') throw new CronError('it is empty; write six fields: minutes hours day-of-month month day-of-week year, e.g. cron(0 12 * * ? *)');
  if (body !== body.trim()) throw new CronError('it has spaces just inside the parentheses; remove them');
  const fields = body.split(/ +/);
  if (fields.length !== 6) {
    throw new CronError(`it has ${fields.length} field${fields.length === 1 ? '' : 's'}; AWS cron has six: minutes hours day-of-month month day-of-week year (e.g. cron(0 12 * * ? *))`);
  }
  const translated = fields.map((field, index) => translateField(field, FIELDS[index]));
  const [dayOfMonth, dayOfWeek] = [fields[2], fields[4]];
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    throw new CronError(`${dayOfMonth === '?' ? 'both day fields are ?' : 'day-of-month and day-of-week are both set'}: exactly one of them must be ? (e.g. cron(0 12 * * ? *) every day, cron(0 12 ? * MON *) every Monday)`);
  }
  return { fields, pattern: `0 ${translated.join(' ')}` };
}

function translateField(field: string, spec: FieldSpec): string {
  if (field === '?') {
    if (!spec.question) throw new CronError(`? is allowed only in day-of-month and day-of-week, not in ${spec.name}`);
    return '*';
  }
  const items = field.split(',');
  if (items.length > 1 && items.some((item) => isSpecial(item, spec))) throw new CronError(`${spec.name} "${field}": L, W and # stand alone, not in a list`);
  return items.map((item) => translateItem(item, spec, field)).join(',');
}

/** `L`, `LW`, `15W` (day-of-month); `L`, `5L`, `FRI#2` (day-of-week). */
function isSpecial(item: string, spec: FieldSpec): boolean {
  if (spec.monthDays) return /^(L|LW|\d+W)$/.test(item);
  if (spec.weekDays) return /^(L|([A-Za-z]{3}|\d+)L|([A-Za-z]{3}|\d+)#\d+)$/.test(item);
  return false;
}

function translateItem(item: string, spec: FieldSpec, field: string): string {
  const bad = (why: string): never => {
    throw new CronError(`${spec.name} "${field}": ${why}`);
  };
  if (item === '') bad('an empty item in the list');
  if (spec.monthDays) {
    if (item === 'L' || item === 'LW') return item;
    const weekday = /^(\d+)W$/.exec(item);
    if (weekday) return `${value(weekday[1], spec, field)}W`;
  }
  if (spec.weekDays) {
    if (item === 'L') return '7';
    const last = /^([A-Za-z]+|\d+)L$/.exec(item);
    if (last) return `${value(last[1], spec, field)}#L`;
    const nth = /^([A-Za-z]+|\d+)#(\d+)$/.exec(item);
    if (nth) {
      const week = Number(nth[2]);
      if (week < 1 || week > 5) bad(`#${nth[2]}: the week must be 1 to 5`);
      return `${value(nth[1], spec, field)}#${week}`;
    }
  }
  if (item.includes('#')) bad(spec.weekDays ? 'write n#k: weekday n (1-7 or SUN-SAT), k-th of the month (1-5)' : `# is allowed only in day-of-week`);
  const slash = item.split('/');
  if (slash.length > 2) bad('one / at most');
  const [base, step] = slash;
  if (step !== undefined) {
    if (!/^\d+$/.test(step) || Number(step) < 1) bad(`the step after / must be a whole number of at least 1, not "${step}"`);
    if (Number(step) > spec.max) bad(`the step ${step} is larger than ${spec.name} goes (${spec.max})`);
  }
  if (base === '*') return item;
  const range = base.split('-');
  if (range.length > 2) bad(`"${base}" is not a value or a range`);
  const from = value(range[0], spec, field);
  if (range.length === 1) return step === undefined ? `${from}` : `${from}/${step}`;
  const to = value(range[1], spec, field);
  if (from <= to) return step === undefined ? `${from}-${to}` : `${from}-${to}/${step}`;
  // A range that wraps (FRI-MON, 22-2) means the end of one cycle and the start of the next.
  if (step !== undefined) bad(`a range that wraps around (${base}) cannot take a step`);
  return `${from}-${spec.max},${spec.min}-${to}`;
}

function value(text: string, spec: FieldSpec, field: string): number {
  const byName = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (byName !== -1) return byName + 1;
  if (!/^\d+$/.test(text)) {
    const names = spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : '';
    throw new CronError(`${spec.name} "${field}": "${text}" is not a number from ${spec.min} to ${spec.max}${names}`);
  }
  const number = Number(text);
  if (number < spec.min || number > spec.max) {
    const hint = spec.weekDays ? ' (1 = SUN … 7 = SAT)' : '';
    throw new CronError(`${spec.name} "${field}": ${number} is out of range ${spec.min}-${spec.max}${hint}`);
  }
  return number;
}

/** The croner options that make its Quartz dialect read AWS's fields as AWS does. */
export function cronerOptions(timezone: string): { timezone: string; mode: '7-part'; alternativeWeekdays: true; domAndDow: true; sloppyRanges: true; paused: true } {
  // domAndDow: one day field is always `*` (from `?`), so AND leaves the other in charge, as AWS reads it.
  return { timezone, mode: '7-part', alternativeWeekdays: true, domAndDow: true, sloppyRanges: true, paused: true };
}
