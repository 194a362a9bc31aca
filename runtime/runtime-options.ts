// What a LambkinRuntime is made from: the CLI builds it from flags and settings, the extension's runtime process
// from its configuration, tests from what they need.
import type { IsolationMode } from './bootstrap/node/permission';
import type { AsyncPolicy } from './invoke/async-queue';
import type { ControlEvent } from './protocol/control';
import type { DataDir } from './services/data-dir';

export interface RuntimeOptions {
  templates: string[];
  region: string;
  accountId: string;
  /** Idle environments are stopped after this long. */
  idleTimeoutMs: number;
  accountConcurrency: number;
  /** The Node functions run on when their Runtime's own major is not installed (and the runtime's own Node in the CLI). */
  nodePath: string;
  /**
   * Install each nodejsNN.x Runtime's Node major from the npm registry into the user cache and run its functions
   * on it (default false: every function runs on `nodePath`, so tests never touch the network).
   */
  nodeProvision?: boolean;
  /** A Node executable per major (`{ "22": "/usr/local/node22/bin/node" }`), winning over the above. */
  nodeRuntimes?: Record<string, string>;
  /** `lambda` (default): only /tmp is writable, through Node's permission model; `off`: functions may write anywhere. */
  isolation?: IsolationMode;
  bootstrapPath?: string;
  buildDir?: string;
  asyncPolicy?: AsyncPolicy;
  parameterOverrides?: Record<string, string>;
  host?: NodeJS.ProcessEnv;
  /** Where measurements are kept: a file, or false for none. Default: `.lambkin/stats/` beside the first template. */
  statsFile?: string | false;
  /** Serve the local AWS endpoint (S3, DynamoDB, SQS, …) on this port, with data in `dataDir` (closed with the runtime). */
  aws?: { port: number; dataDir: DataDir };
  /** Or point functions at an endpoint another runtime serves (`lambkin invoke` beside a running `lambkin start`). */
  useAwsEndpoint?: string;
  /** Which AWS credentials functions get: a fixed local pair (default), or the shell's own (`passthrough`). */
  awsCredentials?: AwsCredentialsMode;
  /**
   * Provide the AWS SDK for JavaScript v3 to handlers as Lambda does: `install` (installs the pinned set into the
   * user cache on first use), or `off` (handlers bring their own; the default, so tests and `lambkin invoke` of
   * SDK-free code never touch the network).
   */
  handlerSdk?: 'install' | 'off';
  /**
   * Keep ProvisionedConcurrencyConfig's environments initialised (default true). Commands that only read the
   * project (`lambkin list`, `lambkin cost`, `lambkin schedules`) turn it off rather than start processes.
   */
  provisionedConcurrency?: boolean;
  /** A listener from the very start, so it hears what happens while the runtime starts (provisioned environments' INIT). */
  onEvent?: (event: ControlEvent) => void;
}

export type AwsCredentialsMode = 'local' | 'passthrough';
