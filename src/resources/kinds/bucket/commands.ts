// The commands on buckets and their objects: Upload Files… (a bucket or a folder; folders given to it are
// uploaded whole), Open (read-only copy: text in an editor, images in the image viewer), Download…,
// Copy S3 URI, Delete, and Reset Bucket Data (through the runtime when it runs, else on disk).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { DataDir } from '../../../../runtime/services/data-dir';
import type { LambkinContext } from '../../../context';
import { requireTrust } from '../../../errors';
import { Commands } from '../../../ids';
import type { ResourceViewHost } from '../../kinds';
import type { DetailNode, ResourcesTreeNode } from '../../nodes';
import { s3Call } from './calls';
import { prefixOf, type BucketDetail } from './items';

type ObjectDetail = Extract<BucketDetail, { type: 'object' }>;

function objectOf(node: ResourcesTreeNode | undefined): ObjectDetail | undefined {
  return node?.kind === 'detail' && node.resourceKind === 'bucket' && (node.data as BucketDetail).type === 'object' ? (node.data as ObjectDetail) : undefined;
}

/** Every file under the given paths, with the key it gets (relative to what was picked, `/`-separated). */
async function filesToUpload(paths: readonly string[]): Promise<Array<{ file: string; relative: string }>> {
  const found: Array<{ file: string; relative: string }> = [];
  const visit = async (file: string, relative: string): Promise<void> => {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) {
      for (const name of (await fs.readdir(file)).sort()) await visit(path.join(file, name), `${relative}/${name}`);
    } else if (stat.isFile()) {
      found.push({ file, relative });
    }
  };
  for (const picked of paths) await visit(picked, path.basename(picked));
  return found;
}

export function registerBucketCommands(context: LambkinContext, host: ResourceViewHost): void {
  context.registerCommand(Commands.bucketUploadFiles, 'Uploading', async (node?: ResourcesTreeNode, given?: string[]) => {
    if (node?.kind !== 'resource' && !(node?.kind === 'detail' && node.resourceKind === 'bucket')) return undefined;
    requireTrust('upload objects');
    const bucket = node.resource.name;
    const prefix = prefixOf(node);
    const picked = given ?? (await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: 'Upload', title: `Upload to s3://${bucket}/${prefix}` }))?.map((uri) => uri.fsPath);
    if (!picked || picked.length === 0) return undefined;
    const session = await context.runtime.ensureRunning();
    const uploaded: string[] = [];
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Uploading to s3://${bucket}/${prefix}`, cancellable: false }, async (progress) => {
      const files = await filesToUpload(picked);
      for (const { file, relative } of files) {
        progress.report({ message: relative, increment: 100 / files.length });
        uploaded.push((await s3Call(session, 'putObject', { bucket, key: prefix + relative, file })).key);
      }
    });
    host.refresh(node);
    context.log.info(`Uploaded ${uploaded.length} object${uploaded.length === 1 ? '' : 's'} to s3://${bucket}/${prefix}: ${uploaded.join(', ')}`);
    return uploaded;
  });

  context.registerCommand(Commands.objectDownload, 'Downloading', async (node?: ResourcesTreeNode, target?: string) => {
    const object = objectOf(node);
    if (!object) return undefined;
    const session = await context.runtime.ensureRunning();
    const file = target ?? (await vscode.window.showSaveDialog({ title: `Download s3://${object.bucket}/${object.key}`, defaultUri: vscode.Uri.file(path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir(), path.posix.basename(object.key))) }))?.fsPath;
    if (!file) return undefined;
    await s3Call(session, 'getObject', { bucket: object.bucket, key: object.key, file });
    return file;
  });

  context.registerCommand(Commands.objectOpen, 'Opening the object', async (node?: ResourcesTreeNode) => {
    const object = objectOf(node);
    if (!object) return undefined;
    const session = await context.runtime.ensureRunning();
    // A read-only copy: editing it would not change the object.
    const file = path.join(os.tmpdir(), 'lambkin-s3', object.bucket, ...object.key.split('/').map((segment) => segment.replace(/[<>:"\\|?*]/g, '_') || '_'));
    await fs.rm(file, { force: true });
    await s3Call(session, 'getObject', { bucket: object.bucket, key: object.key, file });
    await fs.chmod(file, 0o444);
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file), { preview: true });
    return file;
  });

  context.registerCommand(Commands.objectCopyUri, 'Copying the S3 URI', async (node?: ResourcesTreeNode) => {
    const detail = node?.kind === 'detail' && node.resourceKind === 'bucket' ? (node.data as BucketDetail) : undefined;
    const uri = detail ? `s3://${detail.bucket}/${detail.key}` : node?.kind === 'resource' ? `s3://${node.resource.name}` : undefined;
    if (uri) await vscode.env.clipboard.writeText(uri);
    return uri;
  });

  context.registerCommand(Commands.objectDelete, 'Deleting the object', async (node?: ResourcesTreeNode, confirmed?: boolean) => {
    const object = objectOf(node);
    if (!object) return undefined;
    requireTrust('delete objects');
    if (!confirmed && (await vscode.window.showWarningMessage(`Delete s3://${object.bucket}/${object.key}? This cannot be undone.`, { modal: true }, 'Delete')) !== 'Delete') return false;
    const session = await context.runtime.ensureRunning();
    const { deleted } = await s3Call(session, 'deleteObject', { bucket: object.bucket, key: object.key });
    host.refresh((node as DetailNode).parent);
    return deleted;
  });

  context.registerCommand(Commands.bucketResetData, 'Resetting the bucket', async (node?: ResourcesTreeNode, confirmed?: boolean) => {
    if (node?.kind !== 'resource' || node.resource.kind !== 'bucket') return undefined;
    requireTrust('reset local data');
    const bucket = node.resource.name;
    if (!confirmed && (await vscode.window.showWarningMessage(`Delete every object of ${bucket} (and its uploads in progress)? The bucket stays, empty. This cannot be undone.`, { modal: true }, 'Reset')) !== 'Reset') return false;
    const session = context.runtime.current;
    if (session) {
      await session.request('resetData', { service: 's3', resource: bucket });
    } else {
      const dir = DataDir.forTemplate(node.resource.templatePath);
      const owner = dir.owner();
      if (owner) throw new Error(`The data folder is in use by another Lambkin runtime (pid ${owner.pid}); stop it first.`);
      dir.reset(path.join('s3', bucket));
    }
    context.log.info(`Reset the objects of bucket ${bucket}.`);
    host.refresh(node);
    return true;
  });
}
