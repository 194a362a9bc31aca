// Declares a generator once, with typed options for callers in code and declared parameters for the
// CLI, so both paths share the same defaults and checks.

import { createEventContext } from './context';
import { resolveParamValues } from './params';
import type { EventContext, EventGenerator, EventParam, EventParamValues, GeneratorKind, JsonValue } from './types';

type ParamTypeOf<T> = [T] extends [string] ? 'string' : [T] extends [number] ? 'number' : [T] extends [boolean] ? 'boolean' : 'json';

export type ParamSpecs<O> = { [K in keyof O]: { description: string; type: ParamTypeOf<O[K]>; default: O[K] } };

export interface TypedEventGenerator<O, E> extends EventGenerator<E> {
  /** Options over the declared defaults; the context defaults to now, us-east-1, random ids. */
  build(options?: Partial<O>, ctx?: Partial<EventContext>): E;
}

export interface GeneratorDefinition<O, E> {
  name: string;
  description: string;
  kind: GeneratorKind;
  params: ParamSpecs<O>;
  build(options: O, ctx: EventContext): E;
}

/**
 * Round-trips through JSON so the event is exactly what a handler receives: properties left
 * `undefined` by a builder are absent, as in Lambda's serialized payloads.
 */
function asDelivered<E>(event: E): E {
  return JSON.parse(JSON.stringify(event)) as E;
}

export function defineEventGenerator<O extends Record<string, JsonValue>, E>(
  definition: GeneratorDefinition<O, E>,
): TypedEventGenerator<O, E> {
  const params: EventParam[] = Object.entries(definition.params).map(([name, spec]) => {
    const { description, type, default: value } = spec as { description: string; type: EventParam['type']; default: JsonValue };
    return { name, description, type, default: value };
  });
  const generate = (values: EventParamValues, ctx: EventContext): E => {
    // resolveParamValues checked every value against its declared type, which ParamSpecs ties to O.
    const options = resolveParamValues(definition.name, params, values) as O;
    return asDelivered(definition.build(options, ctx));
  };
  return {
    name: definition.name,
    description: definition.description,
    kind: definition.kind,
    params,
    generate,
    build: (options = {}, ctx) => generate(options as EventParamValues, createEventContext(ctx)),
  };
}
