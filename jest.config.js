// Two projects: pure unit tests (no database) and database/HTTP tests that
// share one embedded PostgreSQL and, when available, one real PostgreSQL.
const swc = ['@swc/jest', require('./test/helpers/swc-options')];
const common = {
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
};
module.exports = {
  // Database and browser tests drive whole lifecycles; a global option (projects cannot set it).
  testTimeout: 300000,
  // scripts/test.js runs the suites as side-by-side processes; this splits them by duration.
  testSequencer: '<rootDir>/test/setup/sequencer.js',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{src,workflows,templates}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'db',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
