// AWS AppSync direct Lambda resolvers, `appsync-resolver`: the field's arguments, the caller's identity
// for the API's authorization mode, the request headers and the selection set.

import type { AppSyncIdentity, AppSyncResolverEvent } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { dnsSuffixOf } from './format';
import { traceHeader, lowerAlnum, uuid } from './ids';
import { objectParam, stringMapParam } from './json-input';
import { EventInputError, type EventContext, type JsonObject, type JsonValue } from './types';

const NAME = 'appsync-resolver';
const AUTH_MODES = ['API_KEY', 'AMAZON_COGNITO_USER_POOLS', 'AWS_IAM'] as const;

export type AppSyncSample = AppSyncResolverEvent<JsonObject, JsonObject | null>;

export type AppSyncResolverOptions = {
  typeName: string; fieldName: string; arguments: JsonValue; selectionSet: JsonValue; source: JsonValue; authMode: string; headers: JsonValue;
};

function identityFor(mode: (typeof AUTH_MODES)[number], ctx: EventContext): AppSyncIdentity {
  if (mode === 'API_KEY') return null;
  if (mode === 'AWS_IAM') {
    return {
      accountId: ctx.accountId, cognitoIdentityPoolId: '', cognitoIdentityId: '', sourceIp: ['127.0.0.1'],
      username: `AROA${lowerAlnum(ctx.ids, 17).toUpperCase()}:session`, userArn: `arn:aws:sts::${ctx.accountId}:assumed-role/MyRole/session`,
      cognitoIdentityAuthType: '', cognitoIdentityAuthProvider: '',
    };
  }
  const sub = uuid(ctx.ids);
  const issuer = `https://cognito-idp.${ctx.region}.${dnsSuffixOf(ctx.region)}/${ctx.region}_${lowerAlnum(ctx.ids, 9)}`;
  const issued = Math.floor(ctx.now.getTime() / 1000) - 60;
  return {
    sub, issuer, username: 'jdoe', sourceIp: ['127.0.0.1'], defaultAuthStrategy: 'ALLOW', groups: null,
    claims: {
      sub, iss: issuer, 'cognito:username': 'jdoe', aud: lowerAlnum(ctx.ids, 26), token_use: 'id', auth_time: issued,
      exp: issued + 3600, iat: issued, email: 'jdoe@example.com', email_verified: true, event_id: uuid(ctx.ids),
    },
  };
}

/** `["id","author/name"]` → `["id","author","author/name"]`: AppSync lists each parent field too. */
export function selectionSetList(fields: string[]): string[] {
  const out: string[] = [];
  for (const path of fields) {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (!out.includes(prefix)) out.push(prefix);
    }
  }
  return out;
}

/** `["id","author/name"]` → `{\n  id\n  author {\n    name\n  }\n}`, as AppSync prints the selection. */
export function selectionSetGraphQL(fields: string[]): string {
  type Tree = Map<string, Tree>;
  const root: Tree = new Map();
  for (const path of fields) {
    let node = root;
    for (const part of path.split('/')) {
      let child = node.get(part);
      if (!child) node.set(part, (child = new Map()));
      node = child;
    }
  }
  const print = (tree: Tree, indent: string): string =>
    [...tree].map(([name, children]) => children.size === 0 ? `${indent}${name}` : `${indent}${name} {\n${print(children, `${indent}  `)}\n${indent}}`).join('\n');
  return `{\n${print(root, '  ')}\n}`;
}

export const appSyncResolverGenerator = defineEventGenerator<AppSyncResolverOptions, AppSyncSample>({
  name: NAME,
  description: 'AWS AppSync direct Lambda resolver (arguments, identity, selection set)',
  kind: 'appsync',
  params: {
    typeName: { description: 'Parent type of the field (Query, Mutation, or an object type)', type: 'string', default: 'Query' },
    fieldName: { description: 'Field the resolver is attached to', type: 'string', default: 'getPost' },
    arguments: { description: 'The field\'s arguments', type: 'json', default: { id: '1' } },
    selectionSet: { description: 'Selected fields; nested ones as a/b', type: 'json', default: ['id', 'title', 'author/name'] },
    source: { description: 'The parent object (null for Query and Mutation fields)', type: 'json', default: null },
    authMode: { description: `Authorization mode (${AUTH_MODES.join('|')})`, type: 'string', default: 'API_KEY' },
    headers: { description: 'Extra request headers, e.g. {"x-tenant":"acme"}', type: 'json', default: {} },
  },
  build(o, ctx) {
    const mode = AUTH_MODES.find((m) => m === o.authMode);
    if (!mode) throw new EventInputError(`Parameter "authMode" of ${NAME} must be one of ${AUTH_MODES.join(', ')}; got ${JSON.stringify(o.authMode)}.`);
    if (!/^[_A-Za-z][_0-9A-Za-z]*$/.test(o.typeName) || !/^[_A-Za-z][_0-9A-Za-z]*$/.test(o.fieldName)) {
      throw new EventInputError(`Parameters "typeName" and "fieldName" of ${NAME} must be GraphQL names, e.g. Query and getPost.`);
    }
    const selection = o.selectionSet;
    if (!Array.isArray(selection) || selection.length === 0 || selection.some((f) => typeof f !== 'string' || !/^[_A-Za-z][\w/]*$/.test(f))) {
      throw new EventInputError(`Parameter "selectionSet" of ${NAME} must be a non-empty JSON array of field names, e.g. ["id","author/name"].`);
    }
    if (o.source !== null) objectParam(NAME, 'source', o.source, '{"id":"1"}');
    const host = `${lowerAlnum(ctx.ids, 26)}.appsync-api.${ctx.region}.${dnsSuffixOf(ctx.region)}`;
    const headers = {
      'content-type': 'application/json', host, 'user-agent': 'curl/8.5.0', 'x-amzn-trace-id': traceHeader(ctx.ids, ctx.now),
      'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'https', 'x-forwarded-port': '443',
      ...(mode === 'API_KEY' ? { 'x-api-key': `da2-${lowerAlnum(ctx.ids, 26)}` } : {}),
      ...Object.fromEntries(Object.entries(stringMapParam(NAME, 'headers', o.headers, '{"x-tenant":"acme"}')).map(([k, v]) => [k.toLowerCase(), v])),
    };
    return {
      arguments: objectParam(NAME, 'arguments', o.arguments, '{"id":"1"}'),
      identity: identityFor(mode, ctx),
      source: o.source as JsonObject | null,
      request: { headers, domainName: null },
      prev: null,
      info: {
        selectionSetList: selectionSetList(selection as string[]),
        selectionSetGraphQL: selectionSetGraphQL(selection as string[]),
        parentTypeName: o.typeName,
        fieldName: o.fieldName,
        variables: {},
      },
      stash: {},
    };
  },
});

export const generateAppSyncResolver = (options?: Partial<AppSyncResolverOptions>, ctx?: Partial<EventContext>): AppSyncSample =>
  appSyncResolverGenerator.build(options, ctx);
