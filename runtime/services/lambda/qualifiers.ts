// Which qualifiers reach a function locally. Lambkin keeps one version of each function (the code on disk),
// so `$LATEST`, the function's aliases (`AutoPublishAlias`, `AWS::Lambda::Alias`) and the version numbers they
// publish all reach it;
// any other qualifier gets Lambda's 404, as an alias or version that does not exist would.
import type { FunctionConfig } from '../../template/model';

export function acceptsQualifier(fn: FunctionConfig, qualifier: string | undefined): boolean {
  if (qualifier === undefined || qualifier === '$LATEST') return true;
  if (/^[1-9]\d*$/.test(qualifier)) return fn.alias !== undefined || fn.versioned === true;
  return qualifier === fn.alias || fn.aliases?.includes(qualifier) === true;
}

/** `X-Amz-Executed-Version`: `$LATEST` unqualified, the number asked for, or version 1 behind the alias. */
export function executedVersion(qualifier: string | undefined): string {
  if (qualifier === undefined || qualifier === '$LATEST') return '$LATEST';
  return /^\d+$/.test(qualifier) ? qualifier : '1';
}
