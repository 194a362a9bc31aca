// package.json's contributions must match src/ids.ts exactly, and every contributed command must be
// registered by the extension's source.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Commands, ContextKeys, SETTINGS_SECTION, Settings, ViewContainers, ViewItems, Views } from '../../../src/ids';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes;

interface MenuEntry { command: string; when?: string; group?: string }
const menuEntries: MenuEntry[] = Object.values(contributes.menus as Record<string, MenuEntry[]>).flat();
const commandIds = new Set<string>(Object.values(Commands));
const viewIds = new Set<string>(Object.values(Views));
const viewItems = new Set<string>(Object.values(ViewItems));
const contextKeys = new Set<string>(Object.values(ContextKeys));
const treeOnly = [Commands.treeInvoke, Commands.treeInvokeWithEvent, Commands.treeOpenHandler, Commands.treeShowLogs, Commands.treeCopyInvokeUrl, Commands.openInvocation, Commands.openTemplateLocation];

function whenClauses(): string[] {
  const welcome = (contributes.viewsWelcome as { when?: string }[]).map((entry) => entry.when);
  return [...menuEntries.map((entry) => entry.when), ...welcome].filter((when): when is string => Boolean(when));
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const file = path.join(directory, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : file.endsWith('.ts') ? [file] : [];
  });
}

describe('package.json contributions match src/ids.ts', () => {
  it('contributes exactly the commands of Commands, each in the Lambkin category', () => {
    const contributed = (contributes.commands as { command: string; category: string }[]);
    assert.deepEqual(new Set(contributed.map((command) => command.command)), commandIds);
    for (const command of contributed) assert.equal(command.category, 'Lambkin', command.command);
  });

  it('contributes exactly the views and view container of Views', () => {
    const containers = (contributes.viewsContainers.activitybar as { id: string; icon: string }[]);
    assert.deepEqual(containers.map((container) => container.id), Object.values(ViewContainers));
    for (const container of containers) assert.ok(existsSync(path.join(root, container.icon)), `${container.icon} exists`);
    const views = (Object.values(contributes.views) as { id: string }[][]).flat().map((view) => view.id);
    assert.deepEqual(new Set(views), viewIds);
    assert.deepEqual(Object.keys(contributes.views), [ViewContainers.sidebar]);
  });

  it('contributes exactly the settings of Settings, each typed and described', () => {
    const sections = contributes.configuration as { title: string; properties: Record<string, { type: string; markdownDescription?: string; description?: string }> }[];
    const keys = sections.flatMap((section) => Object.keys(section.properties));
    assert.deepEqual(new Set(keys), new Set(Object.values(Settings).map((key) => `${SETTINGS_SECTION}.${key}`)));
    for (const section of sections) {
      assert.ok(section.title, 'every configuration section has a title');
      for (const [key, property] of Object.entries(section.properties)) {
        assert.ok(property.type, `${key} has a type`);
        assert.ok(property.markdownDescription ?? property.description, `${key} is described`);
      }
    }
  });

  it('menus reference only known commands', () => {
    for (const entry of menuEntries) assert.ok(commandIds.has(entry.command), `menu command ${entry.command}`);
  });

  it('hides the tree-only commands from the command palette', () => {
    const palette = contributes.menus.commandPalette as MenuEntry[];
    for (const command of treeOnly) {
      assert.ok(palette.some((entry) => entry.command === command && entry.when === 'false'), `${command} hidden`);
    }
  });

  it('when clauses use known view ids, view items and context keys', () => {
    for (const when of whenClauses()) {
      for (const [, view] of when.matchAll(/\bview\s*==\s*([\w.-]+)/g)) assert.ok(viewIds.has(view!), `view ${view} in "${when}"`);
      for (const [, item] of when.matchAll(/\bviewItem\s*==\s*([\w.-]+)/g)) assert.ok(viewItems.has(item!), `viewItem ${item} in "${when}"`);
      for (const [key] of when.matchAll(/\blambkin\.[\w.]+/g)) {
        const isValue = viewIds.has(key) || viewItems.has(key);
        assert.ok(isValue || contextKeys.has(key), `context key ${key} in "${when}"`);
      }
    }
  });

  it('the Functions view has an inline Invoke and the context menu of the issue', () => {
    const items = contributes.menus['view/item/context'] as MenuEntry[];
    const forFunctions = items.filter((entry) => entry.when === `view == ${Views.functions} && viewItem == ${ViewItems.function}`);
    assert.ok(forFunctions.some((entry) => entry.command === Commands.treeInvoke && entry.group?.startsWith('inline')));
    for (const command of [Commands.treeInvokeWithEvent, Commands.treeOpenHandler, Commands.treeShowLogs, Commands.treeCopyInvokeUrl]) {
      assert.ok(forFunctions.some((entry) => entry.command === command), command);
    }
  });

  it('welcome view links run known Lambkin commands', () => {
    for (const entry of contributes.viewsWelcome as { view: string; contents: string }[]) {
      assert.ok(viewIds.has(entry.view));
      for (const [, command] of entry.contents.matchAll(/\(command:([\w.-]+)/g)) {
        if (command!.startsWith('lambkin.')) assert.ok(commandIds.has(command!), command);
      }
    }
  });

  it('has no redundant activation events', () => {
    const events = pkg.activationEvents as string[];
    // Commands, views and languages activate implicitly; debug types do not (VS Code derives nothing from `debuggers`).
    assert.deepEqual(events, ['workspaceContains:**/template.{yaml,yml}', 'onDebugResolve:lambkin', 'onDebugDynamicConfigurations:lambkin']);
  });

  it('runs no code in untrusted workspaces and restricts only known settings', () => {
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.ok(trust.description);
    assert.deepEqual(trust.restrictedConfigurations, [`${SETTINGS_SECTION}.${Settings.nodePath}`, `${SETTINGS_SECTION}.${Settings.nodeRuntimes}`]);
  });

  it('registers every contributed command in src/', () => {
    const source = sourceFiles(path.join(root, 'src')).map((file) => readFileSync(file, 'utf8')).join('\n');
    const registered = new Set([...source.matchAll(/registerCommand\(\s*Commands\.(\w+)/g)].map(([, key]) => Commands[key as keyof typeof Commands]));
    assert.deepEqual(registered, commandIds);
  });
});
