// SNS subscription filter policies: the pattern language's SNS subset over either the message attributes
// (FilterPolicyScope MessageAttributes, the default) or the JSON message body (MessageBody).

import { PatternError, invalid } from './errors';
import { parseJsonText } from './json-text';
import { checkSnsPolicyLimits } from './limits';
import { isPlainObject } from './match-expression';
import { parsePattern } from './pattern';
import { RuleSet } from './rule-set';

export type SnsFilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/** As in SNS's Lambda records: `Type` String, String.Array, Number (custom suffixes allowed) or Binary. */
export interface SnsMessageAttribute {
  readonly Type: string;
  readonly Value: string;
}

export interface SnsMessage {
  readonly body: string;
  readonly attributes: Readonly<Record<string, SnsMessageAttribute>>;
}

export interface SnsFilter {
  matches(message: SnsMessage): boolean;
}

const SCOPES: readonly string[] = ['MessageAttributes', 'MessageBody'];
const NESTED_ATTRIBUTES = 'Filter policy scope MessageAttributes does not support nested filter policy';

/** An attribute as the JSON value SNS matches; undefined for attributes SNS ignores (Binary). */
function attributeValue(attribute: SnsMessageAttribute): unknown {
  const type = attribute.Type;
  if (type === 'Binary' || type.startsWith('Binary.')) return undefined;
  if (type === 'String.Array') {
    try {
      const values: unknown = JSON.parse(attribute.Value);
      return Array.isArray(values) ? values : undefined;
    } catch {
      return undefined;
    }
  }
  if (type === 'Number' || type.startsWith('Number.')) {
    const number = Number(attribute.Value);
    return attribute.Value.trim() !== '' && Number.isFinite(number) ? number : attribute.Value;
  }
  return attribute.Value;
}

function attributesAsEvent(attributes: Readonly<Record<string, SnsMessageAttribute>>): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const value = attributeValue(attribute);
    if (value !== undefined) event[name] = value;
  }
  return event;
}

/** MessageAttributes policies are flat: a key's value is a list, or `$or` branches that are flat too. */
function refuseNesting(policy: Record<string, unknown>, path: Array<string | number>): void {
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or' && Array.isArray(value)) {
      value.forEach((branch, index) => {
        if (isPlainObject(branch)) refuseNesting(branch, [...path, key, index]);
      });
    } else if (isPlainObject(value)) {
      throw new PatternError({
        dialect: 'sns',
        reason: NESTED_ATTRIBUTES,
        path: [...path, key],
        hint: 'Nest keys only with FilterPolicyScope: MessageBody; attributes are matched by name',
        awsMessage: `Invalid parameter: ${NESTED_ATTRIBUTES}`,
      });
    }
  }
}

function parsedPolicy(policy: unknown): unknown {
  if (typeof policy !== 'string') return policy;
  const parsed = parseJsonText(policy);
  if (parsed.ok) return parsed.value;
  throw new PatternError({
    dialect: 'sns',
    reason: `Filter policy is not valid JSON: ${parsed.error.reason}`,
    path: [],
    textPosition: parsed.error.position,
  });
}

/** `policy`: parsed JSON (a template's FilterPolicy) or JSON text (the API's attribute). Throws PatternError. */
export function compileSnsFilterPolicy(policy: unknown, scope: SnsFilterPolicyScope = 'MessageAttributes'): SnsFilter {
  if (!SCOPES.includes(scope)) {
    throw new PatternError({
      dialect: 'sns',
      reason: `FilterPolicyScope must be MessageAttributes or MessageBody, not ${JSON.stringify(scope)}`,
      path: [],
      awsMessage: `Invalid parameter: FilterPolicyScope: Invalid value [${String(scope)}]. Please use either MessageBody or MessageAttributes`,
    });
  }
  const value = parsedPolicy(policy);
  if (!isPlainObject(value)) throw invalid('sns', 'Filter is not an object', [], 'A filter policy is a JSON object, e.g. {"store": ["example_corp"]}');
  checkSnsPolicyLimits(value);
  // AWS reports a malformed policy before a nested one.
  const rules = new RuleSet(parsePattern(value, 'sns'));
  if (scope === 'MessageAttributes') refuseNesting(value, []);
  if (scope === 'MessageAttributes') {
    return { matches: (message) => rules.matches(attributesAsEvent(message.attributes)) };
  }
  return {
    matches: (message) => {
      let body: unknown;
      try {
        body = JSON.parse(message.body);
      } catch {
        return false; // SNS matches body policies against JSON objects only
      }
      return rules.matches(body);
    },
  };
}
