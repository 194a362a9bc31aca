// "Lambkin: Reset Local Data…": clears what the local AWS services keep on disk (everything, or one service's),
// through the running runtime when there is one (so it forgets its in-memory state too), else on disk.
import * as vscode from 'vscode';
import { DataDir } from '../../runtime/services/data-dir';
import type { LambkinContext } from '../context';
import { Commands } from '../ids';

const PARTS = [
  { label: 'All local data', description: 'every bucket, table, queue, topic and schedule', service: undefined },
  { label: 'S3', description: 'the objects of every bucket', service: 's3' },
  { label: 'DynamoDB', description: 'every table\'s items and stream records', service: 'dynamodb' },
  { label: 'SQS', description: 'every queue\'s messages', service: 'sqs' },
  { label: 'SNS', description: 'subscriptions made at run time', service: 'sns' },
  { label: 'EventBridge', description: 'rules and buses made at run time, schedule state', service: 'events' },
] as const;

export function registerResetData(context: LambkinContext, refresh: () => void): void {
  context.registerCommand(Commands.resetLocalData, 'Resetting the local data', async (service?: string) => {
    const part = service !== undefined ? PARTS.find((candidate) => candidate.service === service) : await vscode.window.showQuickPick([...PARTS], { title: 'Reset local AWS data', placeHolder: 'What should be cleared? The template\'s resources are kept, empty.' });
    if (!part) return false;
    const confirm = service !== undefined ? 'Reset' : await vscode.window.showWarningMessage(`Delete ${part.label.toLowerCase()} (${part.description})? This cannot be undone.`, { modal: true }, 'Reset');
    if (confirm !== 'Reset') return false;
    const session = context.runtime.current;
    if (session) {
      await session.request('resetData', { service: part.service });
    } else {
      const template = context.templates.activePaths[0];
      if (!template) throw new Error('No template: there is no local data to reset.');
      const dir = DataDir.forTemplate(template);
      const owner = dir.owner();
      if (owner) throw new Error(`The data folder is in use by another Lambkin runtime (pid ${owner.pid}); stop it first.`);
      dir.reset(part.service);
    }
    context.log.info(`Reset ${part.label.toLowerCase()}.`);
    refresh();
    return true;
  });
}
