// Options every `lambkin` command shares, parsed from the command line with clear errors.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { findTemplates } from '../template';
import type { IsolationMode } from '../bootstrap/node/permission';
import type { AwsCredentialsMode, RuntimeOptions } from '../runtime-options';
import { DataDir } from '../services/data-dir';

export class UsageError extends Error {}

export const COMMON_OPTIONS = {
  template: { type: 'string', short: 't', multiple: true },
  region: { type: 'string' },
  node: { type: 'string' },
  'node-runtime': { type: 'string', multiple: true },
  isolation: { type: 'string' },
  parameter: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const COMMON_HELP = `  -t, --template PATH     SAM template (repeatable; default: template.yaml/.yml in the current folder)
      --region REGION     AWS region the functions see (default: $AWS_REGION or us-east-1)
      --parameter K=V     Template parameter override (repeatable)
      --node PATH         Node.js for every nodejs* function (default: each Runtime's own major, installed
                          from the npm registry into the user cache on first use; else the node running lambkin)
      --node-runtime N=PATH  Node.js for nodejsN.x functions (repeatable), e.g. --node-runtime 22=/opt/node22/bin/node
      --isolation MODE    lambda (default): only /tmp is writable, code and home are read-only; off: no limits
  -h, --help              Show this help`;

export function parse<O extends ParseArgsConfig['options']>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/^TypeError \[[A-Z_]+\]: /, '') : String(error));
  }
}

export function integer(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new UsageError(`--${name} must be a whole number of at least ${min}; got "${value}".`);
  return parsed;
}

/** The templates to serve: the ones given, else the ones found in the current folder. */
export async function templatesFrom(given: string[] | undefined, cwd = process.cwd()): Promise<string[]> {
  if (given && given.length > 0) {
    return given.map((file) => {
      const absolute = path.resolve(cwd, file);
      if (!existsSync(absolute)) throw new UsageError(`Template ${file} does not exist (looked for ${absolute}).`);
      if (statSync(absolute).isDirectory()) throw new UsageError(`${file} is a folder: pass the template file inside it, e.g. ${path.join(file, 'template.yaml')}.`);
      return absolute;
    });
  }
  const found = await findTemplates(cwd);
  if (found.length === 0) throw new UsageError(`No template.yaml or template.yml in ${cwd}: pass --template PATH.`);
  return found;
}

export function parameterOverrides(values: string[] | undefined): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const value of values ?? []) {
    const at = value.indexOf('=');
    if (at <= 0) throw new UsageError(`--parameter expects NAME=VALUE; got "${value}".`);
    overrides[value.slice(0, at)] = value.slice(at + 1);
  }
  return overrides;
}

/** `--node-runtime 22=/path/node` (repeatable) → `{ "22": "/path/node" }`. */
export function nodeRuntimes(values: string[] | undefined): Record<string, string> {
  const byMajor: Record<string, string> = {};
  for (const value of values ?? []) {
    const match = /^(?:nodejs)?(\d+)(?:\.x)?=(.+)$/.exec(value);
    if (!match) throw new UsageError(`--node-runtime expects MAJOR=PATH, e.g. 22=/usr/local/bin/node22; got "${value}".`);
    byMajor[match[1]] = path.resolve(match[2]);
  }
  return byMajor;
}

export function isolationMode(value: string | undefined): IsolationMode {
  if (value === undefined || value === 'lambda' || value === 'off') return value ?? 'lambda';
  throw new UsageError(`--isolation must be lambda or off; got "${value}".`);
}

type CommonValues = { region?: string; node?: string; 'node-runtime'?: string[]; isolation?: string; parameter?: string[] };

export function runtimeOptions(values: CommonValues, templates: string[], extra: Partial<RuntimeOptions> = {}): RuntimeOptions {
  return {
    templates,
    region: values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    accountId: '123456789012',
    idleTimeoutMs: 300_000,
    accountConcurrency: 1000,
    nodePath: values.node ?? process.execPath,
    // A Node given for all functions is used for all; otherwise each Runtime gets its own major.
    nodeProvision: values.node === undefined,
    nodeRuntimes: nodeRuntimes(values['node-runtime']),
    isolation: isolationMode(values.isolation),
    parameterOverrides: parameterOverrides(values.parameter),
    ...extra,
  };
}

/** Options of the commands that serve the local AWS services (`start`). */
export const AWS_OPTIONS = {
  'no-sdk': { type: 'boolean' },
  'aws-port': { type: 'string' },
  'data-dir': { type: 'string' },
  ephemeral: { type: 'boolean' },
  'aws-credentials': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const AWS_HELP = `      --aws-port N            Local AWS endpoint port: S3, DynamoDB, SQS, SNS, EventBridge, Lambda (default 4566; 0 = any)
      --data-dir DIR          Where the local services keep their data (default: .lambkin/data/ beside the template)
      --ephemeral             Keep the data in a temporary folder, removed at exit
      --aws-credentials MODE  local (default): functions get a local credential pair and AWS_ENDPOINT_URL;
                              passthrough: functions get this shell's AWS credentials and talk to real AWS
      --no-sdk                Do not provide the AWS SDK for JavaScript v3 to handlers (they bring their own)`;

/** The data folder a command should use: `--ephemeral`, `--data-dir`, or `.lambkin/data/` beside the first template. */
export function dataDirFrom(values: { 'data-dir'?: string; ephemeral?: boolean }, templates: string[]): DataDir {
  if (values.ephemeral && values['data-dir'] !== undefined) throw new UsageError('--ephemeral and --data-dir exclude each other: pick one.');
  if (values.ephemeral) return DataDir.ephemeral();
  if (values['data-dir'] !== undefined) return DataDir.at(path.resolve(values['data-dir']));
  return DataDir.forTemplate(templates[0]);
}

export function awsCredentialsFrom(value: string | undefined): AwsCredentialsMode {
  if (value === undefined || value === 'local') return 'local';
  if (value === 'passthrough') return 'passthrough';
  throw new UsageError(`--aws-credentials must be local or passthrough; got "${value}".`);
}
