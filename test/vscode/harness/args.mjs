// Command line shared by the code-server runner and the desktop (@vscode/test-electron) runner.

/**
 * @param {string[]} argv arguments after the script name
 * @param {string} script the runner's file name, for the usage line
 * @returns {{ grep: string | undefined, help: boolean, skipExtensionBuild: boolean, vsix: string | undefined }}
 */
export function parseSuiteArgs(argv, script) {
  const usage = `usage: node test/vscode/harness/${script} [--grep PATTERN] [--skip-extension-build] [--vsix FILE]`;
  const options = { grep: undefined, help: false, skipExtensionBuild: false, vsix: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--grep' || arg === '-g') {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a pattern, e.g. --grep workbench\n${usage}`);
      options.grep = argv[++i];
    } else if (arg.startsWith('--grep=')) {
      options.grep = arg.slice('--grep='.length);
    } else if (arg === '--skip-extension-build') {
      // For when `npm run watch` already keeps dist/ fresh.
      options.skipExtensionBuild = true;
    } else if (arg === '--vsix') {
      // The packaged-extension suite (test/vscode/packaged) against this .vsix, installed with --install-extension.
      if (i + 1 >= argv.length) throw new Error(`--vsix needs a file, e.g. --vsix out/package/lambkin-linux-x64-0.1.0.vsix\n${usage}`);
      options.vsix = argv[++i];
    } else if (arg === '--help' || arg === '-h') {
      console.log(usage);
      options.help = true;
    } else {
      throw new Error(`unknown argument ${JSON.stringify(arg)}\n${usage}`);
    }
  }
  return options;
}
