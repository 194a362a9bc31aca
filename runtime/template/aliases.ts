// `AWS::Lambda::Alias` resources: the alias a CloudFormation template publishes for one of its functions, and
// the provisioned concurrency set on it; `AWS::Lambda::Version` resources: the versions it publishes. Lambkin runs one version of each function, so an alias's name becomes
// a qualifier that reaches it (as AutoPublishAlias does for SAM functions), and its
// ProvisionedConcurrencyConfig keeps environments initialised for it (several aliases: their counts add up,
// as each alias keeps its own on Lambda).
import { asMap, valueOf, type LocatedEntry, type ProblemSink } from './located';
import { functionNameOf } from './function-reference';
import type { IntrinsicResolver } from './intrinsics';
import type { FunctionConfig } from './model';
import { PropertyReader } from './properties';
import { readProvisionedConcurrency } from './provisioned-concurrency';
import { containsPlaceholder } from './resolved';

export const LAMBDA_ALIAS = 'AWS::Lambda::Alias';
export const LAMBDA_VERSION = 'AWS::Lambda::Version';

/** Lambda's alias names: letters, digits, `-` and `_`, not only digits (that is a version), at most 128. */
const ALIAS_NAME = /^(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}$/;

/** A version of one of the template's functions: its numbers reach the function (there is one local version). */
export function applyVersions(versions: LocatedEntry[], functions: FunctionConfig[], resolver: IntrinsicResolver, problems: ProblemSink): void {
  for (const resource of versions) {
    const properties = asMap(valueOf(asMap(resource.value)!, 'Properties'));
    const target = properties && new PropertyReader(properties, resolver, problems).string('FunctionName');
    if (target === undefined) {
      problems.error(resource.keyLoc, `${resource.key} (${LAMBDA_VERSION}) needs FunctionName (e.g. !Ref MyFunction).`);
      continue;
    }
    const fn = functions.find((candidate) => candidate.name === functionNameOf(target));
    if (fn) fn.versioned = true;
  }
}

export function applyAliases(aliases: LocatedEntry[], functions: FunctionConfig[], resolver: IntrinsicResolver, problems: ProblemSink): void {
  for (const resource of aliases) {
    const properties = asMap(valueOf(asMap(resource.value)!, 'Properties'));
    if (!properties) {
      problems.error(resource.keyLoc, `${resource.key} (${LAMBDA_ALIAS}) needs Properties: FunctionName, FunctionVersion and Name.`);
      continue;
    }
    const reader = new PropertyReader(properties, resolver, problems);
    const target = reader.string('FunctionName');
    const name = reader.string('Name');
    if (target === undefined || name === undefined) {
      problems.error(resource.keyLoc, `${resource.key} (${LAMBDA_ALIAS}) needs FunctionName (e.g. !Ref MyFunction) and Name (e.g. live).`);
      continue;
    }
    if (containsPlaceholder(name)) continue;
    if (!ALIAS_NAME.test(name)) {
      problems.error(reader.location('Name'), `Alias name "${name}" is not one Lambda accepts: 1 to 128 letters, digits, - and _, not only digits.`);
      continue;
    }
    const fn = functions.find((candidate) => candidate.name === functionNameOf(target));
    if (!fn) {
      // An alias of a function deployed elsewhere: nothing here runs it.
      if (!containsPlaceholder(target)) problems.warning(reader.location('FunctionName'), `${resource.key}: ${target} is not a function of this template; Lambkin leaves this alias out.`);
      continue;
    }
    if (fn.alias === undefined) fn.alias = name;
    else if (fn.alias !== name && !fn.aliases?.includes(name)) fn.aliases = [...(fn.aliases ?? []), name];
    const provisioned = readProvisionedConcurrency(reader, fn);
    if (provisioned === undefined) continue;
    const total = (fn.provisionedConcurrency ?? 0) + provisioned;
    if (fn.reservedConcurrency !== undefined && total > fn.reservedConcurrency) {
      problems.error(reader.location('ProvisionedConcurrencyConfig'), `The provisioned concurrency of ${fn.logicalId}'s aliases adds up to ${total}, more than its ` +
        `ReservedConcurrentExecutions (${fn.reservedConcurrency}): Lambda refuses it. Lambkin keeps ${fn.reservedConcurrency} environments initialised meanwhile.`);
      fn.provisionedConcurrency = fn.reservedConcurrency > 0 ? fn.reservedConcurrency : undefined;
      continue;
    }
    fn.provisionedConcurrency = total;
  }
}
