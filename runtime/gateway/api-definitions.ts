// What a template says about its APIs beyond the functions' own Events: explicit AWS::Serverless::Api /
// AWS::Serverless::HttpApi resources (stage, CORS, binary media types), Globals.Api / Globals.HttpApi,
// and WebSocket APIs built from AWS::ApiGatewayV2::Api / Route / Integration / Stage resources.
// The template reader exposes functions only, so the raw tree is read here with the same parser and
// intrinsic resolver, so `!Ref` and `!Sub …${Fn.Arn}` resolve exactly as they do for functions.
import { promises as fs } from 'node:fs';
import { buildContext } from '../template/context';
import { IntrinsicResolver } from '../template/intrinsics';
import { asMap, literalString, ProblemSink, valueOf, type LocatedMap } from '../template/located';
import { isRecord, type Resolved } from '../template/resolved';
import { parseTemplateTree } from '../template/yaml-tree';

export interface RestApiDefinition {
  logicalId: string;
  stage: string;
  cors?: Resolved;
  binaryMediaTypes: string[];
}

export interface HttpApiDefinition {
  logicalId: string;
  stage: string;
  corsConfiguration?: Resolved;
}

export interface WebSocketRouteDefinition {
  routeKey: string;
  /** Function name taken from the integration's IntegrationUri. */
  functionName: string;
  /** With a RouteResponseSelectionExpression the function's result is sent back to the client. */
  returnsResponse: boolean;
}

export interface WebSocketApiDefinition {
  logicalId: string;
  name: string;
  stage: string;
  routeSelectionExpression: string;
  routes: WebSocketRouteDefinition[];
}

export interface ApiDefinitions {
  restApis: Map<string, RestApiDefinition>;
  httpApis: Map<string, HttpApiDefinition>;
  /** `Globals.Api`, applied to the implicit API and to every AWS::Serverless::Api. */
  restGlobals: { cors?: Resolved; binaryMediaTypes: string[] };
  httpGlobals: { corsConfiguration?: Resolved };
  webSocketApis: WebSocketApiDefinition[];
  /** Things the gateway cannot follow, said so the user can fix the template. */
  warnings: string[];
}

export const IMPLICIT_REST_API = 'ServerlessRestApi';
export const IMPLICIT_HTTP_API = 'ServerlessHttpApi';

export function emptyDefinitions(): ApiDefinitions {
  return { restApis: new Map(), httpApis: new Map(), restGlobals: { binaryMediaTypes: [] }, httpGlobals: {}, webSocketApis: [], warnings: [] };
}

/** Reads the API resources of the templates; a template that cannot be read adds nothing (the runtime reports it). */
export async function readApiDefinitions(templatePaths: string[], options: { region: string; accountId: string }): Promise<ApiDefinitions> {
  const definitions = emptyDefinitions();
  for (const file of templatePaths) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      continue;
    }
    const problems = new ProblemSink();
    const tree = parseTemplateTree(text, file, problems);
    if (tree?.kind !== 'map') continue;
    const resolver = new IntrinsicResolver(buildContext(tree, file, options, problems), problems);
    readTemplate(tree, resolver, definitions, file);
  }
  return definitions;
}

interface RawResource {
  logicalId: string;
  type: string;
  properties: Record<string, Resolved>;
}

function readTemplate(root: LocatedMap, resolver: IntrinsicResolver, out: ApiDefinitions, file: string): void {
  const globals = asMap(valueOf(root, 'Globals'));
  const globalApi = globals && valueOf(globals, 'Api');
  if (globalApi) {
    const api = resolver.resolveValue(globalApi);
    if (isRecord(api)) {
      out.restGlobals.cors ??= api.Cors;
      out.restGlobals.binaryMediaTypes.push(...stringList(api.BinaryMediaTypes));
    }
  }
  const globalHttpApi = globals && valueOf(globals, 'HttpApi');
  if (globalHttpApi) {
    const api = resolver.resolveValue(globalHttpApi);
    if (isRecord(api)) out.httpGlobals.corsConfiguration ??= api.CorsConfiguration;
  }
  const resources: RawResource[] = [];
  for (const entry of asMap(valueOf(root, 'Resources'))?.entries ?? []) {
    const definition = asMap(entry.value);
    const type = literalString(definition && valueOf(definition, 'Type'));
    if (!definition || !type || !(type.startsWith('AWS::Serverless::') || type.startsWith('AWS::ApiGatewayV2::'))) continue;
    const propertiesNode = valueOf(definition, 'Properties');
    const properties = propertiesNode ? resolver.resolveValue(propertiesNode) : {};
    resources.push({ logicalId: entry.key, type, properties: isRecord(properties) ? properties : {} });
  }
  for (const resource of resources) {
    const p = resource.properties;
    if (resource.type === 'AWS::Serverless::Api') {
      out.restApis.set(resource.logicalId, {
        logicalId: resource.logicalId,
        stage: typeof p.StageName === 'string' && p.StageName ? p.StageName : 'Prod',
        cors: p.Cors,
        binaryMediaTypes: stringList(p.BinaryMediaTypes),
      });
      if (p.DefinitionBody !== undefined || p.DefinitionUri !== undefined) {
        out.warnings.push(`${file}: ${resource.logicalId} has an OpenAPI definition; the local gateway serves only the routes of the functions' Api events.`);
      }
    } else if (resource.type === 'AWS::Serverless::HttpApi') {
      out.httpApis.set(resource.logicalId, {
        logicalId: resource.logicalId,
        stage: typeof p.StageName === 'string' && p.StageName ? p.StageName : '$default',
        corsConfiguration: p.CorsConfiguration,
      });
    }
  }
  out.webSocketApis.push(...webSocketApis(resources, out.warnings, file));
}

function webSocketApis(resources: RawResource[], warnings: string[], file: string): WebSocketApiDefinition[] {
  const apis: WebSocketApiDefinition[] = [];
  const integrations = new Map(resources.filter((r) => r.type === 'AWS::ApiGatewayV2::Integration').map((r) => [r.logicalId, r.properties]));
  for (const api of resources) {
    if (api.type !== 'AWS::ApiGatewayV2::Api' || api.properties.ProtocolType !== 'WEBSOCKET') continue;
    const belongs = (r: RawResource) => r.properties.ApiId === api.logicalId;
    const stageResource = resources.find((r) => r.type === 'AWS::ApiGatewayV2::Stage' && belongs(r));
    const stage = typeof stageResource?.properties.StageName === 'string' ? stageResource.properties.StageName : 'production';
    const routes: WebSocketRouteDefinition[] = [];
    for (const route of resources.filter((r) => r.type === 'AWS::ApiGatewayV2::Route' && belongs(r))) {
      const routeKey = route.properties.RouteKey;
      if (typeof routeKey !== 'string') continue;
      const target = typeof route.properties.Target === 'string' ? route.properties.Target : '';
      const integrationId = /^integrations\/(.+)$/.exec(target)?.[1];
      const integration = integrationId ? integrations.get(integrationId) : undefined;
      const functionName = integration ? functionOfUri(integration.IntegrationUri) : undefined;
      if (!functionName) {
        warnings.push(`${file}: WebSocket route ${routeKey} of ${api.logicalId} (${route.logicalId}) has no Target "integrations/<Integration>" whose IntegrationUri names a Lambda function; the route is not served.`);
        continue;
      }
      routes.push({ routeKey, functionName, returnsResponse: route.properties.RouteResponseSelectionExpression !== undefined });
    }
    apis.push({
      logicalId: api.logicalId,
      name: typeof api.properties.Name === 'string' ? api.properties.Name : api.logicalId,
      stage,
      routeSelectionExpression: typeof api.properties.RouteSelectionExpression === 'string' ? api.properties.RouteSelectionExpression : '$request.body.action',
      routes,
    });
  }
  return apis;
}

/** `arn:aws:apigateway:r:lambda:path/2015-03-31/functions/arn:aws:lambda:r:a:function:NAME/invocations` (or a bare function ARN) → NAME. */
export function functionOfUri(uri: Resolved | undefined): string | undefined {
  if (typeof uri !== 'string') return undefined;
  return /:function:([^/:]+)(?::[^/]*)?(?:\/invocations)?$/.exec(uri)?.[1];
}

function stringList(value: Resolved | undefined): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}
