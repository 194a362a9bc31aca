// The runtime's version, from package.json at build time (esbuild inlines just this field).
import { version } from '../package.json';

export const RUNTIME_VERSION: string = version;
