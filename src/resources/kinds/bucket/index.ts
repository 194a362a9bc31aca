// Buckets in the Resources view: each expands to its folders (common prefixes at `/`) and objects, listed by
// the running runtime's local S3, with Upload Files… on a bucket or folder, Open, Download…, Copy S3 URI and
// Delete on an object, and Reset Bucket Data. An upload notifies as any PutObject does, so the functions the
// bucket triggers run and their invocations show in the Functions view.
import type { ResourceKindView, ResourceViewHost } from '../../kinds';
import type { DetailNode, ResourceNode, ResourcesTreeNode } from '../../nodes';
import { s3Call } from './calls';
import { registerBucketCommands } from './commands';
import { bucketDetailItem, prefixOf, type BucketDetail } from './items';

/** Objects listed per level (the rest stay reachable through the API and the bucket's folder on disk). */
const PAGE = 500;

export const bucketView: ResourceKindView = {
  kind: 'bucket',
  group: 'Buckets',
  icon: 'archive',
  children: bucketChildren,
  detailItem: bucketDetailItem,
  register: registerBucketCommands,
};

async function bucketChildren(node: ResourceNode | DetailNode, host: ResourceViewHost): Promise<ResourcesTreeNode[]> {
  const session = host.session;
  if (!session) return [];
  const bucket = node.resource.name;
  const listing = await s3Call(session, 'listObjects', { bucket, prefix: prefixOf(node), maxKeys: PAGE });
  const detail = (key: string, data: BucketDetail): DetailNode => ({ kind: 'detail', resourceKind: 'bucket', resource: node.resource, key, data, parent: node });
  const children: ResourcesTreeNode[] = [
    ...listing.folders.map((key) => detail(`folder:${key}`, { type: 'folder', bucket, key })),
    ...listing.objects.map((object) => detail(`object:${object.key}`, { type: 'object', bucket, ...object })),
  ];
  if (listing.truncated) children.push({ kind: 'message', text: `Only the first ${PAGE} objects here are shown`, icon: 'info', parent: node });
  if (children.length === 0 && node.kind === 'resource') children.push({ kind: 'message', text: 'Empty: Upload Files… adds objects', icon: 'info', parent: node });
  return children;
}
