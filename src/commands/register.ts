// Every command of the palette and of the Functions view.
import type { LambkinContext } from '../context';
import { register as registerFunctionTools } from './functionTools';
import { register as registerInvoke } from './invoke';
import { register as registerRuntimeCommands } from './runtimeCommands';
import { register as registerTemplateCommands } from './templateCommands';

export function register(context: LambkinContext): void {
  registerRuntimeCommands(context);
  registerTemplateCommands(context);
  registerInvoke(context);
  registerFunctionTools(context);
}
