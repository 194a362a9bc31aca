// `ProvisionedConcurrencyConfig` of a SAM function: how many environments Lambda keeps initialised ahead of
// traffic. SAM attaches it to the alias AutoPublishAlias publishes, so it means nothing without one (SAM
// refuses the template); Globals.Function may set it for every function.
import type { FunctionConfig } from './model';
import type { PropertyReader } from './properties';

export function readProvisionedConcurrency(reader: PropertyReader, fn: FunctionConfig): number | undefined {
  const config = reader.nested('ProvisionedConcurrencyConfig');
  if (!config) return undefined;
  const where = reader.location('ProvisionedConcurrencyConfig');
  if (!config.entry('ProvisionedConcurrentExecutions')) {
    reader.problems.error(where, 'ProvisionedConcurrencyConfig needs ProvisionedConcurrentExecutions: the number of environments to keep initialised.');
    return undefined;
  }
  const count = config.integer('ProvisionedConcurrentExecutions', { min: 1, unit: '' });
  if (count === undefined) return undefined;
  if (fn.alias === undefined) {
    reader.problems.error(where, 'ProvisionedConcurrencyConfig needs AutoPublishAlias on the function: SAM sets provisioned concurrency on that alias. ' +
      'Add AutoPublishAlias (e.g. live); Lambkin starts no provisioned environments meanwhile.');
    return undefined;
  }
  if (fn.reservedConcurrency !== undefined && count > fn.reservedConcurrency) {
    reader.problems.error(config.location('ProvisionedConcurrentExecutions'),
      `ProvisionedConcurrentExecutions (${count}) cannot exceed ReservedConcurrentExecutions (${fn.reservedConcurrency}): Lambda refuses it. ` +
      `Lambkin keeps ${fn.reservedConcurrency} environments initialised meanwhile.`);
    return fn.reservedConcurrency > 0 ? fn.reservedConcurrency : undefined;
  }
  return count;
}
