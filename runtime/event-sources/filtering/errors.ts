// PatternError: an invalid event pattern, filter criterion or filter policy, told two ways: in AWS's words
// (`code` + `awsMessage`, what an emulated API answers) and in the user's (`message`: what is wrong, where in
// the pattern, what to do). Template readers map `path` (and `filterIndex`) to a file, line and column.

export type PatternDialect = 'eventbridge' | 'lambda' | 'sns';

/** Keys and array indices from the root of the pattern to the offending part. */
export type PatternPath = ReadonlyArray<string | number>;

/** Where in a pattern given as JSON text (1-based line and column, 0-based offset). */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export interface PatternErrorInit {
  readonly dialect: PatternDialect;
  /** What is wrong, in AWS's own words where AWS has them (the text after "Reason:"). */
  readonly reason: string;
  readonly path: PatternPath;
  /** What to do about it, when the reason alone does not say. */
  readonly hint?: string | undefined;
  /** Only for errors AWS reports differently from an invalid pattern (limits, the shape of FilterCriteria). */
  readonly code?: string;
  readonly awsMessage?: string;
  readonly textPosition?: TextPosition | undefined;
  /** Lambda: which of `FilterCriteria.Filters` holds the pattern. */
  readonly filterIndex?: number | undefined;
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `detail.state[0]["a.b"]`: how a path reads in messages. */
export function formatPatternPath(path: PatternPath): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else if (IDENTIFIER.test(step)) text += text === '' ? step : `.${step}`;
    else text += `[${JSON.stringify(step)}]`;
  }
  return text === '' ? 'the top level' : text;
}

function defaultCode(dialect: PatternDialect): string {
  if (dialect === 'eventbridge') return 'InvalidEventPatternException';
  if (dialect === 'lambda') return 'InvalidParameterValueException';
  return 'InvalidParameter';
}

function defaultAwsMessage(dialect: PatternDialect, reason: string): string {
  if (dialect === 'eventbridge') return `Event pattern is not valid. Reason: ${reason}`;
  // Lambda says no more than this whatever is wrong; `message` says the rest.
  if (dialect === 'lambda') return 'Invalid filter pattern definition.';
  // SetSubscriptionAttributes; Subscribe puts "Attributes Reason: " after "Invalid parameter: ".
  return `Invalid parameter: FilterPolicy: ${reason}`;
}

function whereText(init: PatternErrorInit): string {
  const parts: string[] = [];
  if (init.filterIndex !== undefined) parts.push(`Filters[${init.filterIndex}].Pattern`);
  if (init.path.length > 0 || init.textPosition === undefined) parts.push(formatPatternPath(init.path));
  let where = parts.join(', at ');
  if (init.textPosition) where += `${where === '' ? '' : ', '}line ${init.textPosition.line}, column ${init.textPosition.column} of the pattern text`;
  return where;
}

export class PatternError extends Error {
  override readonly name = 'PatternError';
  readonly dialect: PatternDialect;
  readonly reason: string;
  readonly path: PatternPath;
  readonly hint: string | undefined;
  /** The AWS error code an emulated API answers with. */
  readonly code: string;
  /** The message AWS gives for this error (Lambda's is always the same sentence). */
  readonly awsMessage: string;
  readonly textPosition: TextPosition | undefined;
  readonly filterIndex: number | undefined;

  constructor(init: PatternErrorInit) {
    super(`${init.reason} (at ${whereText(init)})${init.hint ? `. ${init.hint}` : ''}`);
    this.dialect = init.dialect;
    this.reason = init.reason;
    this.path = init.path;
    this.hint = init.hint;
    this.code = init.code ?? defaultCode(init.dialect);
    this.awsMessage = init.awsMessage ?? defaultAwsMessage(init.dialect, init.reason);
    this.textPosition = init.textPosition;
    this.filterIndex = init.filterIndex;
  }

  /** The same error, placed inside a larger document (a filter of FilterCriteria, a pattern text). */
  relocated(extra: { filterIndex?: number; textPosition?: TextPosition }): PatternError {
    const init: PatternErrorInit = {
      dialect: this.dialect,
      reason: this.reason,
      path: this.path,
      code: this.code,
      awsMessage: this.awsMessage,
      hint: this.hint,
      textPosition: extra.textPosition ?? this.textPosition,
      filterIndex: extra.filterIndex ?? this.filterIndex,
    };
    return new PatternError(init);
  }
}

/** The error of an invalid part of a pattern, in the words of the caller's dialect. */
export function invalid(dialect: PatternDialect, reason: string, path: PatternPath, hint?: string): PatternError {
  return new PatternError({ dialect, reason, path, hint });
}
