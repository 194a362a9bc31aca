// AWS IoT rule actions, `iot-rule`: the function receives what the rule's SQL SELECT makes of the
// MQTT message. Evaluated here: `*`, payload fields (a.b.c), literals and topic(), topic(n),
// clientid(), timestamp(), principal(), accountid(), newuuid(), each optionally `AS` a name; the
// WHERE clause is not evaluated (the sample is the message the rule let through).

import { defineEventGenerator } from './define';
import { uuid } from './ids';
import { isJsonObject } from './json-input';
import { EventInputError, type EventContext, type JsonObject, type JsonValue } from './types';

const NAME = 'iot-rule';

export type IotRuleOptions = { sql: string; payload: JsonValue; topic: string; clientId: string };

export interface ParsedSql {
  items: string[];
  topicFilter: string;
}

/** `SELECT a, b AS c FROM 'x/#' WHERE …` → the select items and the topic filter. */
export function parseIotSql(sql: string): ParsedSql {
  const match = /^\s*SELECT\s+(.+?)\s+FROM\s+'([^']+)'(\s+WHERE\s+.*)?\s*$/is.exec(sql);
  if (!match) {
    throw new EventInputError(`Parameter "sql" of ${NAME}: "${sql}" is not a rule query of the form SELECT … FROM 'topic/filter' [WHERE …].`);
  }
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const char of match[1] ?? '') {
    if (char === "'") quoted = !quoted;
    if (!quoted && char === '(') depth++;
    if (!quoted && char === ')') depth--;
    if (!quoted && depth === 0 && char === ',') {
      items.push(current.trim());
      current = '';
    } else current += char;
  }
  items.push(current.trim());
  return { items, topicFilter: match[2] ?? '' };
}

/** Whether `topic` matches an MQTT filter (`+` one level, `#` the rest). */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

interface Evaluation {
  payload: JsonObject;
  topic: string;
  clientId: string;
  ctx: EventContext;
}

function evaluate(expression: string, e: Evaluation): JsonValue | undefined {
  const fn = /^([a-z]+)\(\s*(\d*)\s*\)$/i.exec(expression);
  if (fn) {
    const [, name = '', arg = ''] = fn;
    switch (name.toLowerCase()) {
      case 'topic': return arg === '' ? e.topic : e.topic.split('/')[Number(arg) - 1];
      case 'clientid': return e.clientId;
      case 'timestamp': return e.ctx.now.getTime();
      case 'principal': return e.ctx.ids.hex(64);
      case 'accountid': return e.ctx.accountId;
      case 'newuuid': return uuid(e.ctx.ids);
    }
  }
  if (/^'[^']*'$/.test(expression)) return expression.slice(1, -1);
  if (/^-?\d+(\.\d+)?$/.test(expression)) return Number(expression);
  if (/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(expression)) {
    let value: JsonValue | undefined = e.payload;
    for (const key of expression.split('.')) value = isJsonObject(value) ? value[key] : undefined;
    return value;
  }
  throw new EventInputError(`Parameter "sql" of ${NAME}: the sample cannot evaluate "${expression}"; use fields, literals and topic(), clientid(), timestamp(), principal(), accountid(), newuuid().`);
}

export const iotRuleGenerator = defineEventGenerator<IotRuleOptions, JsonObject>({
  name: NAME,
  description: 'AWS IoT rule action: the MQTT message as the rule\'s SQL SELECT shapes it',
  kind: 'free-form',
  params: {
    sql: { description: 'The rule\'s SQL, e.g. SELECT *, topic() AS topic FROM \'sensors/+/data\'', type: 'string', default: "SELECT * FROM 'sdk/test/js'" },
    payload: { description: 'The MQTT message (a JSON object)', type: 'json', default: { message: 'Hello from AWS IoT console' } },
    topic: { description: 'Topic the message was published on (empty: one the FROM filter matches)', type: 'string', default: '' },
    clientId: { description: 'MQTT client id of the publisher', type: 'string', default: 'sdk-nodejs-sample' },
  },
  build(o, ctx) {
    if (!isJsonObject(o.payload)) throw new EventInputError(`Parameter "payload" of ${NAME} must be a JSON object, e.g. {"temperature":21}.`);
    const sql = parseIotSql(o.sql);
    const topic = o.topic === '' ? sql.topicFilter.replace(/\+/g, 'sample').replace(/#$/, 'sample') : o.topic;
    if (!topicMatches(sql.topicFilter, topic)) {
      throw new EventInputError(`Parameter "topic" of ${NAME}: "${topic}" does not match the rule's FROM '${sql.topicFilter}', so the rule would not fire.`);
    }
    const e: Evaluation = { payload: o.payload, topic, clientId: o.clientId, ctx };
    const out: JsonObject = {};
    for (const item of sql.items) {
      if (item === '*') {
        Object.assign(out, o.payload);
        continue;
      }
      const aliased = /^(.+?)\s+AS\s+([A-Za-z_]\w*)$/is.exec(item);
      const expression = (aliased?.[1] ?? item).trim();
      const name = aliased?.[2] ?? (/^[A-Za-z_][\w.]*$/.test(expression) ? expression.split('.').pop() : undefined);
      if (name === undefined) {
        throw new EventInputError(`Parameter "sql" of ${NAME}: name "${expression}" with AS, e.g. ${expression} AS value.`);
      }
      const value = evaluate(expression, e);
      // A field the message lacks is left out of the result, as IoT does.
      if (value !== undefined) out[name] = value;
    }
    return out;
  },
});

export const generateIotRule = (options?: Partial<IotRuleOptions>, ctx?: Partial<EventContext>): JsonObject => iotRuleGenerator.build(options, ctx);
