// Lambda's file system for Node functions, through Node's permission model: everything may be read, only
// /tmp may be written (the code, the project and the home folder are read-only, as /var/task is on Lambda).
// Child processes, worker threads, native addons and WASI stay allowed, as on Lambda (sharp must load).
import type { NodeBinary } from '../../node-versions/function-nodes';

export type IsolationMode = 'lambda' | 'off';

export interface PermissionChoice {
  flags: string[];
  /** Why the model does not apply to this environment, to say once in the log. */
  notApplied?: string;
}

/**
 * The command-line flags that make `writable` the only writable folders, for what this Node supports.
 * The model is off under the debugger: Node refuses the inspector to a process under the permission model.
 */
export function permissionFlags(node: NodeBinary, writable: string[], options: { isolation: IsolationMode; debugging: boolean }): PermissionChoice {
  if (options.isolation === 'off') return { flags: [] };
  if (!node.permissionFlag) {
    return { flags: [], notApplied: `Node ${node.version} has no permission model: functions on it can write outside /tmp (on Lambda, only /tmp is writable).` };
  }
  if (options.debugging) {
    return { flags: [], notApplied: 'Under the debugger the permission model is off (Node refuses the inspector to a process under it): functions being debugged can write outside /tmp.' };
  }
  const flags = [node.permissionFlag, '--allow-fs-read=*', ...writable.map((folder) => `--allow-fs-write=${folder}`)];
  for (const allow of ['--allow-child-process', '--allow-worker', '--allow-addons', '--allow-wasi']) {
    if (node.knownFlags.has(allow)) flags.push(allow);
  }
  if (node.knownFlags.has('--disable-warning')) {
    // Lambkin's choice, not the function's: its log should not open with warnings about the model itself
    // (experimental before Node 22.13; "--allow-* must be used with extreme caution").
    flags.push('--disable-warning=SecurityWarning');
    if (node.permissionFlag === '--experimental-permission') flags.push('--disable-warning=ExperimentalWarning');
  }
  return { flags };
}

