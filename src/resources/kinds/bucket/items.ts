// How a bucket's folders and objects look in the Resources view.
import * as vscode from 'vscode';
import type { S3ObjectSummary } from '../../../../runtime/services/s3/calls';
import { Commands, ViewItems } from '../../../ids';
import type { DetailNode, ResourceNode } from '../../nodes';

export type BucketDetail = { type: 'folder'; bucket: string; key: string } | ({ type: 'object'; bucket: string } & S3ObjectSummary);

/** The prefix a node lists: the bucket's top for the bucket, a folder's own prefix. */
export function prefixOf(node: ResourceNode | DetailNode): string {
  return node.kind === 'detail' ? (node.data as BucketDetail).key : '';
}

/** `1.2 KB`, `3.4 MB`: sizes as the S3 console shows them. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** The last segment of a key (a folder keeps its trailing `/`). */
export function leafName(key: string): string {
  const trimmed = key.endsWith('/') ? key.slice(0, -1) : key;
  const name = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return key.endsWith('/') ? `${name}/` : name;
}

export function bucketDetailItem(node: DetailNode): vscode.TreeItem {
  const detail = node.data as BucketDetail;
  if (detail.type === 'folder') {
    const item = new vscode.TreeItem(leafName(detail.key), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `s3:${detail.bucket}/${detail.key}`;
    item.iconPath = vscode.ThemeIcon.Folder;
    item.contextValue = ViewItems.bucketFolder;
    item.tooltip = `s3://${detail.bucket}/${detail.key}`;
    return item;
  }
  const item = new vscode.TreeItem(leafName(detail.key) || detail.key, vscode.TreeItemCollapsibleState.None);
  item.id = `s3:${detail.bucket}/${detail.key}`;
  item.iconPath = vscode.ThemeIcon.File;
  item.resourceUri = vscode.Uri.parse(`lambkin-s3:/${detail.bucket}/${encodeURIComponent(detail.key)}`);
  item.description = formatSize(detail.size);
  item.contextValue = ViewItems.bucketObject;
  item.tooltip = new vscode.MarkdownString(`\`s3://${detail.bucket}/${detail.key}\`\n\n${formatSize(detail.size)} · ${detail.contentType} · ETag \`${detail.etag}\`\n\nLast modified ${new Date(detail.lastModified).toLocaleString()}`);
  item.command = { command: Commands.objectOpen, title: 'Open', arguments: [node] };
  return item;
}
