// CloudFormation custom resource requests, `cloudformation-custom-resource`: Create, Update (with the
// old properties and the physical id) or Delete. CloudFormation passes every property value as a
// string, and adds the ServiceToken to the properties.

import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { dnsSuffixOf, regionalArn } from './format';
import { upperAlnum, uuid } from './ids';
import { objectParam } from './json-input';
import { EventInputError, type EventContext, type JsonObject, type JsonValue } from './types';

const NAME = 'cloudformation-custom-resource';
const REQUEST_TYPES = ['Create', 'Update', 'Delete'] as const;

export type CloudFormationCustomResourceOptions = {
  requestType: string; resourceType: string; logicalId: string; stack: string; functionName: string;
  properties: JsonValue; oldProperties: JsonValue; physicalId: string;
};

type Stringified = string | Stringified[] | { [key: string]: Stringified };

/** Numbers and booleans arrive as strings: `{"Count": 3}` in the template is `{"Count": "3"}` in the event. */
export function stringifyValues(value: JsonValue): Stringified {
  if (Array.isArray(value)) return value.map(stringifyValues);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringifyValues(v)]));
  return value === null ? '' : String(value);
}

function propertiesOf(param: string, value: JsonValue, serviceToken: string): { ServiceToken: string } & Record<string, Stringified> {
  const object: JsonObject = objectParam(NAME, param, value, '{"BucketName":"my-bucket","Retain":true}');
  return { ServiceToken: serviceToken, ...(stringifyValues(object) as Record<string, Stringified>) };
}

export const cloudFormationCustomResourceGenerator = defineEventGenerator<CloudFormationCustomResourceOptions, CloudFormationCustomResourceEvent>({
  name: NAME,
  description: 'CloudFormation custom resource request (Create, Update or Delete)',
  kind: 'cloudformation',
  params: {
    requestType: { description: `Request type (${REQUEST_TYPES.join('|')})`, type: 'string', default: 'Create' },
    resourceType: { description: 'Resource type, Custom::Name or AWS::CloudFormation::CustomResource', type: 'string', default: 'Custom::MyResource' },
    logicalId: { description: 'Logical id of the resource in the template', type: 'string', default: 'MyCustomResource' },
    stack: { description: 'Stack name', type: 'string', default: 'MyStack' },
    functionName: { description: 'Name of the function in ServiceToken', type: 'string', default: 'MyFunction' },
    properties: { description: 'The resource\'s Properties (values arrive as strings)', type: 'json', default: { Key: 'Value' } },
    oldProperties: { description: 'Previous Properties (Update; null: the same as properties)', type: 'json', default: null },
    physicalId: { description: 'PhysicalResourceId (Update, Delete; empty: one like CloudFormation\'s)', type: 'string', default: '' },
  },
  build(o, ctx) {
    const requestType = REQUEST_TYPES.find((t) => t === o.requestType);
    if (!requestType) throw new EventInputError(`Parameter "requestType" of ${NAME} must be one of ${REQUEST_TYPES.join(', ')}; got ${JSON.stringify(o.requestType)}.`);
    if (!/^(Custom::[A-Za-z0-9_@-]{1,60}|AWS::CloudFormation::CustomResource)$/.test(o.resourceType)) {
      throw new EventInputError(`Parameter "resourceType" of ${NAME}: "${o.resourceType}" is not a custom resource type (Custom::Name or AWS::CloudFormation::CustomResource).`);
    }
    if (!/^[A-Za-z0-9]{1,255}$/.test(o.logicalId)) throw new EventInputError(`Parameter "logicalId" of ${NAME}: "${o.logicalId}" is not a logical id (letters and digits).`);
    if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(o.stack)) throw new EventInputError(`Parameter "stack" of ${NAME}: "${o.stack}" is not a stack name (a letter, then letters, digits, hyphens).`);
    const serviceToken = regionalArn(ctx, 'lambda', `function:${o.functionName}`);
    const stackId = regionalArn(ctx, 'cloudformation', `stack/${o.stack}/${uuid(ctx.ids)}`);
    const requestId = uuid(ctx.ids);
    const regionId = ctx.region.replace(/-/g, '');
    const responseUrl = `https://cloudformation-custom-resource-response-${regionId}.s3.${ctx.region}.${dnsSuffixOf(ctx.region)}/` +
      `${encodeURIComponent(`${stackId}|${o.logicalId}|${requestId}`)}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${ctx.now.toISOString().replace(/[-:]|\.\d{3}/g, '')}` +
      `&X-Amz-SignedHeaders=host&X-Amz-Expires=7200&X-Amz-Signature=${ctx.ids.hex(64)}`;
    const properties = propertiesOf('properties', o.properties, serviceToken);
    const common = {
      ServiceToken: serviceToken, ResponseURL: responseUrl, StackId: stackId, RequestId: requestId,
      LogicalResourceId: o.logicalId, ResourceType: o.resourceType, ResourceProperties: properties,
    };
    if (requestType === 'Create') return { RequestType: 'Create', ...common };
    const physicalId = o.physicalId === '' ? `${o.stack}-${o.logicalId}-${upperAlnum(ctx.ids, 12)}` : o.physicalId;
    if (requestType === 'Delete') return { RequestType: 'Delete', ...common, PhysicalResourceId: physicalId };
    const old = o.oldProperties === null ? properties : propertiesOf('oldProperties', o.oldProperties, serviceToken);
    return { RequestType: 'Update', ...common, PhysicalResourceId: physicalId, OldResourceProperties: old };
  },
});

export const generateCloudFormationCustomResource = (options?: Partial<CloudFormationCustomResourceOptions>, ctx?: Partial<EventContext>): CloudFormationCustomResourceEvent =>
  cloudFormationCustomResourceGenerator.build(options, ctx);
