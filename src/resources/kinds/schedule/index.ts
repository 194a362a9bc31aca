// Schedules in the Resources view (AWS::Scheduler::Schedule and SAM ScheduleV2), each with its next run;
// Run Now on them and on scheduled rules; Pause Schedules / Resume Schedules for all of them at once.
import path from 'node:path';
import * as vscode from 'vscode';
import { SchedulesStateFile } from '../../../../runtime/schedules/state';
import { DataDir } from '../../../../runtime/services/data-dir';
import type { LocalResource } from '../../../../runtime/template/resources/model';
import type { LambkinContext } from '../../../context';
import { requireTrust } from '../../../errors';
import { Commands, ContextKeys } from '../../../ids';
import type { ResourceKindView, ResourceViewHost } from '../../kinds';
import type { ResourcesTreeNode } from '../../nodes';
import { schedulerCall } from './calls';
import { describeSchedule, scheduleInfo } from './info';

/** How often the descriptions' "next in 4 min" is brought up to date. */
const REFRESH_MS = 30_000;

export const scheduleView: ResourceKindView = {
  kind: 'schedule',
  group: 'Schedules',
  icon: 'watch',
  describe: (resource, host) => {
    const info = scheduleInfo(resource, host.dataFolder);
    return info && describeSchedule(info);
  },
  register: registerScheduleCommands,
};

function scheduledResources(context: LambkinContext): LocalResource[] {
  return context.templates.templates.flatMap((template) => template.resources).filter((resource) => resource.kind === 'schedule' || (resource.kind === 'rule' && resource.rule.scheduleExpression !== undefined));
}

function isPaused(host: ResourceViewHost): boolean {
  return host.dataFolder ? new SchedulesStateFile(path.join(host.dataFolder, 'scheduler')).read().paused : false;
}

function registerScheduleCommands(context: LambkinContext, host: ResourceViewHost): void {
  const publishPaused = (paused = isPaused(host)) => void vscode.commands.executeCommand('setContext', ContextKeys.schedulesPaused, paused);
  const redraw = () => {
    publishPaused();
    host.refresh();
  };
  publishPaused();
  // The runtime writes the schedules' state on every run and pause: redraw when it does, and keep "next in
  // N min" current while schedules exist.
  const watcher = context.track(vscode.workspace.createFileSystemWatcher('**/.lambkin/data/scheduler/schedules.json'));
  context.track(watcher.onDidChange(redraw));
  context.track(watcher.onDidCreate(redraw));
  context.track(watcher.onDidDelete(redraw));
  const timer = setInterval(() => {
    if (scheduledResources(context).length > 0) redraw();
  }, REFRESH_MS);
  context.track({ dispose: () => clearInterval(timer) });

  const runNow = async (resource: LocalResource) => {
    requireTrust('run schedules');
    const info = scheduleInfo(resource, host.dataFolder);
    if (!info) throw new Error(`${resource.name} has no schedule: it runs when an event matches its pattern (use Put Event… on its bus).`);
    const session = await context.runtime.ensureRunning();
    const status = await schedulerCall(session, 'runSchedule', { id: info.id });
    redraw();
    const invoked = status.invocations.length;
    void vscode.window.showInformationMessage(`Ran ${status.name} (${status.expression})${invoked > 0 ? `: ${invoked} function invocation${invoked === 1 ? '' : 's'}, shown under ${invoked === 1 ? 'its function' : 'their functions'}` : ''}.`);
    return status;
  };
  context.registerCommand(Commands.resourceRunSchedule, 'Running the schedule', async (node?: ResourcesTreeNode) => {
    if (node?.kind !== 'resource') return undefined;
    return runNow(node.resource);
  });
  context.registerCommand(Commands.runSchedule, 'Running a schedule', async () => {
    const picked = await vscode.window.showQuickPick(scheduledResources(context).map((resource) => {
      const info = scheduleInfo(resource, host.dataFolder);
      return { label: resource.name, description: info && describeSchedule(info), detail: resource.kind === 'rule' ? 'EventBridge rule' : 'EventBridge Scheduler schedule', resource };
    }), { title: 'Run a schedule now', placeHolder: 'The schedule runs as if its time had come' });
    return picked && runNow(picked.resource);
  });

  const setPaused = async (paused: boolean) => {
    const session = context.runtime.current;
    if (session) {
      paused = (await schedulerCall(session, 'setPaused', { paused })).paused;
    } else {
      const first = context.templates.activePaths[0];
      if (!first) throw new Error('No template: there are no schedules to pause.');
      const owner = DataDir.forTemplate(first).owner();
      if (owner) throw new Error(`Another Lambkin runtime (pid ${owner.pid}) runs these schedules: use "lambkin schedules ${paused ? 'pause' : 'resume'}" in its project.`);
      const file = new SchedulesStateFile(path.join(DataDir.forTemplate(first).service('scheduler')));
      const state = file.read();
      state.paused = paused;
      await file.write(state);
    }
    publishPaused(paused);
    host.refresh();
    context.log.info(paused ? 'Schedules paused: none runs on its own until resumed (Run Now still works).' : 'Schedules resumed.');
    return paused;
  };
  context.registerCommand(Commands.pauseSchedules, 'Pausing the schedules', () => setPaused(true));
  context.registerCommand(Commands.resumeSchedules, 'Resuming the schedules', () => setPaused(false));
}
