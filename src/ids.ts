// Every identifier the extension shares with package.json. test/unit/extension/ids.test.ts checks that
// package.json contributes exactly these, so a rename here without one there (or the reverse) fails fast.

export const EXTENSION_ID = 'lambkin.lambkin';

export const Commands = {
  startRuntime: 'lambkin.startRuntime',
  stopRuntime: 'lambkin.stopRuntime',
  restartRuntime: 'lambkin.restartRuntime',
  showRuntimeLog: 'lambkin.showRuntimeLog',
  refresh: 'lambkin.refresh',
  selectTemplate: 'lambkin.selectTemplate',
  openExample: 'lambkin.openExample',
  invokeFunction: 'lambkin.invokeFunction',
  invokeFunctionWithEvent: 'lambkin.invokeFunctionWithEvent',
  openHandler: 'lambkin.openHandler',
  showFunctionLogs: 'lambkin.showFunctionLogs',
  copyInvokeUrl: 'lambkin.copyInvokeUrl',
  // The tree's own titles ("Invoke" rather than "Invoke Function…"); hidden from the palette.
  treeInvoke: 'lambkin.functions.invoke',
  treeInvokeWithEvent: 'lambkin.functions.invokeWithEvent',
  treeOpenHandler: 'lambkin.functions.openHandler',
  treeShowLogs: 'lambkin.functions.showLogs',
  treeCopyInvokeUrl: 'lambkin.functions.copyInvokeUrl',
  // Targets of tree item clicks; hidden from the palette.
  openInvocation: 'lambkin.openInvocation',
  openTemplateLocation: 'lambkin.openTemplateLocation',
  // Saved events (issue: events).
  newSavedEvent: 'lambkin.newSavedEvent',
  treeNewSavedEvent: 'lambkin.functions.newSavedEvent',
  saveInvocationEvent: 'lambkin.functions.saveInvocationEvent',
  invokeSavedEvent: 'lambkin.functions.invokeSavedEvent',
  // Debugging (src/debug) and the CodeLens above handlers (src/codelens).
  debugFunction: 'lambkin.debugFunction',
  debugServe: 'lambkin.debugServe',
  treeDebug: 'lambkin.functions.debug',
  lensEvents: 'lambkin.codelens.events',
  // The Resources view (src/resources) and the local AWS services' data.
  refreshResources: 'lambkin.resources.refresh',
  resourceShowInTemplate: 'lambkin.resources.showInTemplate',
  resourceCopyName: 'lambkin.resources.copyName',
  resetLocalData: 'lambkin.resetLocalData',
  // EventBridge buses and schedules (src/resources/kinds/eventBus, schedule).
  resourcePutEvent: 'lambkin.resources.putEvent',
  resourceRunSchedule: 'lambkin.resources.runSchedule',
  runSchedule: 'lambkin.runSchedule',
  // Buckets and their objects (src/resources/kinds/bucket).
  bucketUploadFiles: 'lambkin.resources.uploadFiles',
  bucketResetData: 'lambkin.resources.resetBucket',
  objectDownload: 'lambkin.resources.downloadObject',
  objectOpen: 'lambkin.resources.openObject',
  objectDelete: 'lambkin.resources.deleteObject',
  objectCopyUri: 'lambkin.resources.copyObjectUri',
  // Queues and topics (src/resources/kinds/queue, topic).
  resourceSendMessage: 'lambkin.resources.sendMessage',
  resourcePurgeQueue: 'lambkin.resources.purgeQueue',
  resourceRedriveQueue: 'lambkin.resources.redriveQueue',
  resourcePublish: 'lambkin.resources.publish',
  pauseSchedules: 'lambkin.pauseSchedules',
  resumeSchedules: 'lambkin.resumeSchedules',
  // DynamoDB tables (src/resources/kinds/table).
  resourceViewTableItems: 'lambkin.resources.viewTableItems',
  resourceResetTable: 'lambkin.resources.resetTable',
  dropRemovedTables: 'lambkin.dropRemovedTables',
  // Cost hints and the cost report.
  showCostReport: 'lambkin.showCostReport',
  exportCostReport: 'lambkin.exportCostReport',
  resetCostMeasurements: 'lambkin.resetCostMeasurements',
  treeResetCostMeasurements: 'lambkin.functions.resetCostMeasurements',
  // Actions on one invocation (src/invocations/actions.ts): from its document, its tree item or the palette.
  invocationInvokeAgain: 'lambkin.invocation.invokeAgain',
  invocationDebug: 'lambkin.invocation.debug',
  invocationSaveEvent: 'lambkin.invocation.saveEvent',
  invocationCopyResponse: 'lambkin.invocation.copyResponse',
  invocationCopyCliCommand: 'lambkin.invocation.copyCliCommand',
  invocationOpenLogs: 'lambkin.invocation.openLogs',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

export const ViewContainers = {
  sidebar: 'lambkin',
} as const;

export const Views = {
  functions: 'lambkin.functions',
  resources: 'lambkin.resources',
} as const;

/** `contextValue` of tree items, matched by `viewItem == …` in menus. */
export const ViewItems = {
  template: 'lambkin.template',
  function: 'lambkin.function',
  trigger: 'lambkin.trigger',
  invocation: 'lambkin.invocation',
  savedEvent: 'lambkin.savedEvent',
  problem: 'lambkin.problem',
  resourceGroup: 'lambkin.resourceGroup',
  resourceMessage: 'lambkin.resourceMessage',
  // A resource's contextValue is `lambkin.resource.<kind>` (see src/resources/tree.ts).
  resource: 'lambkin.resource',
  resourceBucket: 'lambkin.resource.bucket',
  resourceTable: 'lambkin.resource.table',
  resourceQueue: 'lambkin.resource.queue',
  resourceTopic: 'lambkin.resource.topic',
  resourceSubscription: 'lambkin.resource.subscription',
  resourceEventBus: 'lambkin.resource.eventBus',
  resourceRule: 'lambkin.resource.rule',
  resourceSchedule: 'lambkin.resource.schedule',
  /** A rule with a ScheduleExpression (Run Now applies). */
  resourceRuleScheduled: 'lambkin.resource.rule.scheduled',
  /** A bucket's folder (a common prefix) and object in the Resources view. */
  bucketFolder: 'lambkin.bucketFolder',
  bucketObject: 'lambkin.bucketObject',
} as const;

export const ContextKeys = {
  /** `stopped` | `starting` | `running` | `stopping` */
  runtimeState: 'lambkin.runtimeState',
  /** True once the first scan of the workspace for templates finished. */
  templatesScanned: 'lambkin.templatesScanned',
  hasTemplates: 'lambkin.hasTemplates',
  /** True while the schedules are paused (Pause Schedules / Resume Schedules). */
  schedulesPaused: 'lambkin.schedulesPaused',
} as const;

/** Setting keys below the `lambkin` section. */
export const SETTINGS_SECTION = 'lambkin';
export const Settings = {
  nodePath: 'nodePath',
  nodeRuntimes: 'nodeRuntimes',
  isolation: 'isolation',
  templates: 'templates',
  templateExclude: 'templateExclude',
  region: 'region',
  invokePort: 'invokePort',
  apiPort: 'apiPort',
  awsPort: 'awsPort',
  awsCredentials: 'awsCredentials',
  idleTimeout: 'idleTimeout',
  accountConcurrency: 'accountConcurrency',
  maxInvocationsShown: 'maxInvocationsShown',
  reloadOnTemplateChange: 'reloadOnTemplateChange',
  showResultAfterInvoke: 'showResultAfterInvoke',
  costHints: 'cost.hints',
  costMonthlyInvocations: 'cost.monthlyInvocations',
  costPerFunction: 'cost.perFunction',
  costNotablePerMillion: 'cost.notablePerMillion',
  costExpensivePerMillion: 'cost.expensivePerMillion',
  costPrices: 'cost.prices',
} as const;
export type SettingKey = (typeof Settings)[keyof typeof Settings];

export const Schemes = {
  invocation: 'lambkin-invocation',
  functionLogs: 'lambkin-logs',
} as const;

/** Languages (with their TextMate grammars in syntaxes/): the invocation documents, and function output. */
export const Languages = {
  invocation: 'lambkin-invocation',
  log: 'lambkin-log',
} as const;

/** Webview panel types. */
export const Webviews = {
  costReport: 'lambkin.costReport',
} as const;

export const OutputChannels = {
  runtime: 'Lambkin',
  functions: 'Lambkin Functions',
} as const;

/** Debug configuration types: Lambkin's own, and js-debug's Node type its sessions attach with. */
export const DebugTypes = {
  lambkin: 'lambkin',
  node: 'pwa-node',
} as const;

/** Saved events live in `<workspace folder>/.lambkin/events/<function name>/*.json`. */
export const SAVED_EVENTS_DIR = '.lambkin/events';
