import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.cache/**', 'artifacts/**', 'examples/**', 'test/fixtures/**', 'bench/app/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // The runtime is a standalone program: the extension talks to it only over the control protocol.
    files: ['runtime/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'runtime/ never imports vscode: talk to the extension through runtime/protocol/control.ts.' }],
        patterns: [{ group: ['**/src/**', '../src/*', '../../src/*'], message: 'runtime/ must not depend on the extension (src/).' }],
      }],
    },
  },
);
