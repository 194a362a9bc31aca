// Options every `lambkin` command shares, parsed from the command line with clear errors.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { findTemplates } from '../template';
import type { AwsCredentialsMode, RuntimeOptions } from '../lambkin-runtime';
import { DataDir } from '../services/data-dir';

export class UsageError extends Error {}

export const COMMON_OPTIONS = {
  template: { type: 'string', short: 't', multiple: true },
  region: { type: 'string' },
  node: { type: 'string' },
  parameter: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const COMMON_HELP = `  -t, --template PATH     SAM template (repeatable; default: template.yaml/.yml in the current folder)
      --region REGION     AWS region the functions see (default: $AWS_REGION or us-east-1)
      --parameter K=V     Template parameter override (repeatable)
      --node PATH         Node.js used for nodejs* functions (default: the node running lambkin)
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

export function runtimeOptions(values: { region?: string; node?: string; parameter?: string[] }, templates: string[], extra: Partial<RuntimeOptions> = {}): RuntimeOptions {
  return {
    templates,
    region: values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    accountId: '123456789012',
    idleTimeoutMs: 300_000,
    accountConcurrency: 1000,
    nodePath: values.node ?? process.execPath,
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
