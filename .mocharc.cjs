// Mocha settings for `npm run test:unit` and plain `npx mocha` (unit and runtime tests).
// fresh-dist builds dist/ first: runtime tests run the bundles, never a stale one (test/support/fresh-dist.ts).
// A `.only` left in a test file would silently skip every other test: CI refuses it.
const ci = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

module.exports = {
  require: ['tsx/cjs', 'test/support/fresh-dist.ts'],
  extension: ['ts'],
  spec: ['test/unit/**/*.test.ts', 'test/runtime/**/*.test.ts'],
  timeout: 20000,
  reporter: 'spec',
  forbidOnly: ci,
};
