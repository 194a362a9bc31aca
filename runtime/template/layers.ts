// A function's `Layers`: LayerVersion resources of the same template with local content, in order. On Lambda
// each layer is extracted into /opt (later layers overwriting earlier ones); locally each layer's folder
// stands in for /opt (see environments/variables.ts and bootstrap/node/launch.ts for NODE_PATH and PATH).
import type { SourceLocation } from './model';
import type { ResourceInfo } from './context';
import { entryOf, intrinsicName, type LocatedNode, type ProblemSink } from './located';
import type { IntrinsicResolver } from './intrinsics';
import { checkCodeRoot, resolveCodeRoot } from './code-location';
import { isRecord, NO_VALUE } from './resolved';

export const LAYER_TYPES = new Set(['AWS::Serverless::LayerVersion', 'AWS::Lambda::LayerVersion']);

export interface LayerReadContext {
  templatePath: string;
  resolver: IntrinsicResolver;
  problems: ProblemSink;
  resources: ReadonlyMap<string, ResourceInfo>;
  checkCode: boolean;
}

/** The local folders of the layers `Layers` names, in order; unusable entries are reported where written. */
export function readLayers(node: LocatedNode | undefined, ctx: LayerReadContext): string[] {
  if (!node) return [];
  if (node.kind !== 'seq') {
    ctx.problems.error(node.loc, 'Layers must be a list of layers, e.g. Layers: [!Ref SharedLayer].');
    return [];
  }
  if (node.items.length > 5) ctx.problems.error(node.loc, `A function can use at most 5 layers; this one lists ${node.items.length}.`);
  const folders: string[] = [];
  for (const item of node.items) {
    const folder = layerFolder(item, ctx);
    if (folder) folders.push(folder);
  }
  return folders;
}

function layerFolder(item: LocatedNode, ctx: LayerReadContext): string | undefined {
  const ref = item.kind === 'map' && intrinsicName(item) === 'Ref' ? item.entries[0].value : undefined;
  const logicalId = ref?.kind === 'scalar' && typeof ref.value === 'string' ? ref.value : undefined;
  const resource = logicalId === undefined ? undefined : ctx.resources.get(logicalId);
  if (logicalId && resource && !LAYER_TYPES.has(resource.type)) {
    ctx.problems.error(item.loc, `Layers lists !Ref ${logicalId}, which is an ${resource.type}, not a layer; refer to an AWS::Serverless::LayerVersion or AWS::Lambda::LayerVersion.`);
    return undefined;
  }
  if (!logicalId || !resource) {
    const resolved = ctx.resolver.resolve(item);
    const shown = typeof resolved === 'string' ? resolved : logicalId ?? 'this layer';
    ctx.problems.warning(item.loc, `Layer ${shown} is not declared in this template: it is not available locally (its packages will not resolve). Declare it as an AWS::Serverless::LayerVersion with a local ContentUri and use !Ref.`);
    return undefined;
  }
  const property = resource.type === 'AWS::Serverless::LayerVersion' ? 'ContentUri' : 'Content';
  const entry = resource.properties && entryOf(resource.properties, property);
  const value = entry ? ctx.resolver.resolve(entry.value) : undefined;
  const loc: SourceLocation = entry?.value.loc ?? resource.location;
  if (typeof value !== 'string' || value === '' || value.startsWith('s3://')) {
    const remote = isRecord(value) || (typeof value === 'string' && value.startsWith('s3://'));
    const how = value === undefined || value === NO_VALUE ? 'is missing' : remote ? 'points at S3' : 'is not a local folder';
    ctx.problems.warning(loc, `${property} of layer ${logicalId} ${how}: it is not available locally. Set ${property} to the local folder that holds nodejs/node_modules (and bin/, lib/).`);
    return undefined;
  }
  const folder = resolveCodeRoot(ctx.templatePath, value);
  if (ctx.checkCode && !checkCodeRoot(property, value, folder, loc, ctx.problems)) return undefined;
  return folder;
}
