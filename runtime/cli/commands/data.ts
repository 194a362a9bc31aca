// `lambkin data`: where the local AWS services keep their data, and clearing it.
import path from 'node:path';
import { DataDir } from '../../services/data-dir';
import { emptyTableOnDisk } from '../../services/dynamodb/backend';
import { COMMON_HELP, COMMON_OPTIONS, parse, templatesFrom, UsageError } from '../options';

export const DATA_HELP = `Usage: lambkin data <path|reset> [options]

  path                      Print the folder the local AWS services keep their data in
  reset                     Delete the local services' data: every bucket's objects, table, queue, …
                            (the resources of the template are created again, empty, at the next start)

Options:
      --service NAME        reset only one service's data (s3, dynamodb, sqs, sns, events, scheduler)
      --bucket NAME         reset only one bucket's objects
      --table NAME          reset only one DynamoDB table's items and stream records (the table stays)
      --data-dir DIR        the data folder (default: .lambkin/data/ beside the template)
${COMMON_HELP}

A running runtime holds its data folder: stop it first, or use VS Code's "Lambkin: Reset Local Data…",
which resets through the runtime.`;

const SERVICES = ['s3', 'dynamodb', 'sqs', 'sns', 'events', 'scheduler'];

export async function dataCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...COMMON_OPTIONS,
    service: { type: 'string' },
    bucket: { type: 'string' },
    table: { type: 'string' },
    'data-dir': { type: 'string' },
  }, true);
  if (values.help || positionals.length === 0) {
    console.log(DATA_HELP);
    return values.help ? 0 : 2;
  }
  const [action, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"; see lambkin data --help.`);
  const dir = values['data-dir'] !== undefined ? DataDir.at(path.resolve(values['data-dir'])) : DataDir.forTemplate((await templatesFrom(values.template))[0]);
  if (action === 'path') {
    console.log(dir.root);
    return 0;
  }
  if (action !== 'reset') throw new UsageError(`Unknown action "${action}": use path or reset.`);
  if (values.service !== undefined && !SERVICES.includes(values.service)) {
    throw new UsageError(`--service must be one of ${SERVICES.join(', ')}; got "${values.service}".`);
  }
  if (values.bucket !== undefined && values.service !== undefined && values.service !== 's3') {
    throw new UsageError('--bucket resets an S3 bucket: leave out --service, or use --service s3.');
  }
  if (values.bucket !== undefined && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(values.bucket)) {
    throw new UsageError(`"${values.bucket}" is not a bucket name (3–63 lower-case letters, digits, dots and hyphens).`);
  }
  if (values.table !== undefined && (values.bucket !== undefined || (values.service !== undefined && values.service !== 'dynamodb'))) {
    throw new UsageError('--table resets a DynamoDB table: leave out --bucket and --service (or use --service dynamodb).');
  }
  const owner = dir.owner();
  if (owner) {
    process.stderr.write(`lambkin: ${dir.root} is in use by a running Lambkin runtime (pid ${owner.pid}); stop it first, or reset from VS Code (Lambkin: Reset Local Data…).\n`);
    return 1;
  }
  if (values.table !== undefined) {
    await emptyTableOnDisk(dir.service('dynamodb'), values.table);
    console.log(`Reset the items of DynamoDB table ${values.table} in ${dir.root}.`);
    return 0;
  }
  const part = values.bucket !== undefined ? path.join('s3', values.bucket) : values.service;
  dir.reset(part);
  console.log(`Reset ${values.bucket !== undefined ? `bucket ${values.bucket}` : values.service ? `the ${values.service} data` : 'all local data'} in ${dir.root}.`);
  return 0;
}
