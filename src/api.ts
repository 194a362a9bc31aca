// What `activate()` returns to other extensions (and to the integration tests), via
// `vscode.extensions.getExtension('lambkin.lambkin').exports`: read access to what Lambkin shows,
// and the runtime's lifecycle. Everything that runs code still goes through the commands.
import type * as vscode from 'vscode';
import type { FunctionConfig, ParsedTemplate } from '../runtime/template/model';
import type { LambkinContext } from './context';
import type { ShownHint } from './cost/endOfLine';
import type { CostFeature } from './cost/register';
import type { FunctionActivity } from './invocations/store';
import type { RuntimeState } from './runtime/manager';
import type { FunctionsTreeNode } from './views/nodes';
import type { FunctionsView } from './views/register';
import type { ResourcesTreeNode } from './resources/nodes';
import type { ResourcesView } from './resources/register';

export interface LambkinApi {
  /** The Functions view's elements exactly as the tree shows them. */
  readonly functionsTree: {
    getChildren(node?: FunctionsTreeNode): FunctionsTreeNode[];
    getTreeItem(node: FunctionsTreeNode): vscode.TreeItem;
    readonly view: vscode.TreeView<FunctionsTreeNode>;
  };
  /** The Resources view's elements exactly as the tree shows them (children may need the runtime). */
  readonly resourcesTree: {
    getChildren(node?: ResourcesTreeNode): Promise<ResourcesTreeNode[]>;
    getTreeItem(node: ResourcesTreeNode): vscode.TreeItem;
    readonly view: vscode.TreeView<ResourcesTreeNode>;
  };
  readonly templates: {
    /** The templates Lambkin works from, as last read (unsaved editor text included). */
    current(): ParsedTemplate[];
    functions(): FunctionConfig[];
    /** Fires after the templates were read again (`scan`, `disk`, `editor` or `selection`). */
    readonly onDidChange: vscode.Event<string>;
  };
  readonly runtime: {
    readonly state: RuntimeState;
    /** Process id of the running runtime. */
    readonly pid: number | undefined;
    /** `http://127.0.0.1:<port>` of the running runtime's Invoke API. */
    readonly invokeEndpoint: string | undefined;
    /** `http://127.0.0.1:<port>` of the running runtime's local AWS endpoint. */
    readonly awsEndpoint: string | undefined;
    readonly onDidChangeState: vscode.Event<RuntimeState>;
    /** Shuts the runtime down (and kills it if it does not exit in time). */
    stop(): Promise<void>;
  };
  /** Warm environments, running and recent invocations of a function. */
  activity(functionName: string): FunctionActivity;
  readonly cost: {
    /** The cost hints shown at line ends in the visible editor of `uri` (`lambkin.cost.hints: endOfLine`). */
    endOfLineHints(uri: vscode.Uri): ShownHint[];
  };
}

export function createApi(context: LambkinContext, functions: FunctionsView, resources: ResourcesView, cost: CostFeature): LambkinApi {
  const { runtime, templates, invocations } = context;
  return {
    functionsTree: {
      getChildren: (node) => functions.provider.getChildren(node),
      getTreeItem: (node) => functions.provider.getTreeItem(node),
      view: functions.view,
    },
    resourcesTree: {
      getChildren: (node) => resources.provider.getChildren(node),
      getTreeItem: (node) => resources.provider.getTreeItem(node),
      view: resources.view,
    },
    templates: {
      current: () => templates.templates,
      functions: () => templates.functions(),
      onDidChange: templates.onDidChange,
    },
    runtime: {
      get state() {
        return runtime.state;
      },
      get pid() {
        return runtime.current?.process.pid;
      },
      get awsEndpoint() {
        return runtime.current?.hello.awsEndpoint;
      },
      get invokeEndpoint() {
        return runtime.current?.invokeEndpoint;
      },
      onDidChangeState: runtime.onDidChangeState,
      stop: () => runtime.stop(),
    },
    activity: (functionName) => invocations.activity(functionName),
    cost: {
      endOfLineHints: (uri) => cost.endOfLine.hintsIn(uri),
    },
  };
}
