// The template reader's public surface: find templates, read them into FunctionConfigs + problems.
export type {
  Architecture,
  EventSourceConfig,
  FunctionConfig,
  FunctionUrlConfig,
  LogFormat,
  LoggingConfig,
  ParsedTemplate,
  ProblemSeverity,
  SourceLocation,
  TemplateProblem,
} from './model';
export { findTemplates, TEMPLATE_FILE_NAMES } from './find';
export { loadTemplate, parseTemplate } from './load';
export { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, LOCAL_STACK_NAME, type TemplateOptions } from './context';
export { SUPPORTED_RUNTIMES, splitNodeHandler } from './code-location';
export { containsPlaceholder } from './resolved';
