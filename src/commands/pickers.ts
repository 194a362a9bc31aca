// Turning a command's argument (a tree node, a function name, nothing) into a function, asking with a
// quick pick when the palette gave none.
import * as vscode from 'vscode';
import type { FunctionConfig } from '../../runtime/template/model';
import type { LambkinContext } from '../context';
import { Cancelled, UserError } from '../errors';
import type { FunctionsTreeNode } from '../views/nodes';

/** What commands accept as their first argument. */
export type FunctionArgument = FunctionsTreeNode | FunctionConfig | string | undefined;

function fromArgument(context: LambkinContext, argument: FunctionArgument): FunctionConfig | undefined {
  if (argument === undefined || argument === null) return undefined;
  if (typeof argument === 'string') {
    const fn = context.templates.findFunction(argument);
    if (!fn) throw new UserError(`There is no function named "${argument}" in the workspace's templates.`);
    return fn;
  }
  if ('kind' in argument) {
    switch (argument.kind) {
      case 'function': return argument.fn;
      case 'trigger':
      case 'savedEvent':
      case 'invocation': return argument.parent.fn;
      default: return undefined;
    }
  }
  if ('logicalId' in argument) return argument;
  return undefined;
}

/** The function the command is about: from its argument, else picked by the user. */
export async function resolveFunction(context: LambkinContext, argument: FunctionArgument, placeHolder: string): Promise<FunctionConfig> {
  const given = fromArgument(context, argument);
  if (given) return given;
  const functions = context.templates.functions();
  if (functions.length === 0) {
    throw new UserError(context.templates.activePaths.length
      ? 'The workspace\'s templates declare no function. Check the Problems panel for template errors.'
      : 'No SAM template found in this workspace. Open a folder with a template.yaml, or use "Lambkin: Select Template…".');
  }
  const multipleTemplates = context.templates.activePaths.length > 1;
  const picked = await vscode.window.showQuickPick(
    functions.map((fn) => ({
      label: `$(symbol-function) ${fn.name}`,
      description: `${fn.runtime} · ${fn.memorySize} MB`,
      detail: multipleTemplates ? vscode.workspace.asRelativePath(fn.templatePath) : undefined,
      fn,
    })),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) throw new Cancelled();
  return picked.fn;
}
