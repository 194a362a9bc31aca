// `lambkin cost`: what the invocations measured so far (by `lambkin start`, `lambkin invoke` or the
// extension, kept in .lambkin/stats/ beside the template) would cost on Lambda.
import { readFileSync } from 'node:fs';
import { overridePrices, PriceTableError, type PriceOverrides, type PriceTable } from '../../cost';
import { LambkinRuntime } from '../../lambkin-runtime';
import { reportCsv, reportMarkdown, reportTable } from '../../stats/format';
import { COMMON_HELP, COMMON_OPTIONS, integer, parse, runtimeOptions, templatesFrom, UsageError } from '../options';

export const COST_HELP = `Usage: lambkin cost [options]

Prints what each function would cost on AWS Lambda, from the durations its local invocations really
took (p50/p95/max, billed GB-seconds, cost per 1M invocations, a monthly projection with the free tier
applied once for the account). Works during or after a run: measurements are kept in
.lambkin/stats/ beside the template.

Options:
      --format FORMAT     table (default), json, csv or markdown
      --monthly N         Invocations per month per function for the projection (default 1000000)
      --prices FILE       Price overrides (JSON, the shape of the lambkin.cost.prices setting): other
                          regions or negotiated prices
      --reset [FUNCTION]  Forget the measurements (of one function, or all) instead
${COMMON_HELP}`;

const FORMATS = ['table', 'json', 'csv', 'markdown'];

export async function costCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...COMMON_OPTIONS, format: { type: 'string' }, monthly: { type: 'string' }, prices: { type: 'string' }, reset: { type: 'boolean' } }, true);
  if (values.help) {
    console.log(COST_HELP);
    return 0;
  }
  const format = values.format ?? 'table';
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${format}".`);
  if (positionals.length > (values.reset ? 1 : 0)) throw new UsageError(`Unexpected argument "${positionals[values.reset ? 1 : 0]}".`);
  const runtime = await LambkinRuntime.create(runtimeOptions(values, await templatesFrom(values.template), { provisionedConcurrency: false }));
  try {
    if (values.reset) {
      runtime.stats?.reset(positionals[0]);
      console.log(positionals[0] ? `Forgot the measurements of ${positionals[0]}.` : 'Forgot every measurement.');
      return 0;
    }
    const prices = values.prices === undefined ? undefined : readPrices(values.prices);
    const report = runtime.costReport({ monthlyInvocations: { default: integer(values.monthly, 'monthly', 1_000_000) }, prices });
    if (format === 'json') console.log(JSON.stringify(report, null, 2));
    else if (format === 'csv') process.stdout.write(reportCsv(report));
    else if (format === 'markdown') console.log(reportMarkdown(report));
    else if (report.functions.length === 0) console.log(`No invocation measured yet: invoke a function (lambkin invoke NAME) and run lambkin cost again.`);
    else console.log(reportTable(report));
    return 0;
  } finally {
    await runtime.close();
  }
}

function readPrices(file: string): PriceTable {
  let overrides: PriceOverrides;
  try {
    overrides = JSON.parse(readFileSync(file, 'utf8')) as PriceOverrides;
  } catch (error) {
    throw new UsageError(`Cannot read the prices in ${file}: ${(error as Error).message}`);
  }
  try {
    return overridePrices(overrides);
  } catch (error) {
    if (error instanceof PriceTableError) throw new UsageError(`The prices in ${file} are not usable: ${error.problems.join('; ')}`);
    throw error;
  }
}
