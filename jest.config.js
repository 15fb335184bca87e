// Two projects: fast unit tests beside the code, and end-to-end tests in test/ that start
// real PostgreSQL, Temporal and Orthanc (see test/setup/global-setup.ts).
const moduleNameMapper = {
  '^@cacscreen/db$': '<rootDir>/prisma/src',
  '^@cacscreen/(dicom|scoring|risk|phantom|phantom-independent|local-stack)$': '<rootDir>/packages/$1/src',
  '^@cacscreen/(worker|api|cli)$': '<rootDir>/apps/$1/src',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] };
const testEnvironment = '<rootDir>/test/setup/node-environment.js';
const common = { rootDir: __dirname, testEnvironment, transform, moduleNameMapper };

module.exports = {
  // The default output, then the list of skipped tests and why they are skipped (test/setup/skipped-tests-reporter.js).
  reporters: ['default', '<rootDir>/test/setup/skipped-tests-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/packages/*/src/**/*.test.ts',
        '<rootDir>/apps/*/src/**/*.test.ts',
        '<rootDir>/prisma/src/**/*.test.ts',
        '<rootDir>/test/infra/**/*.test.ts',
      ],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/e2e-timeout.ts'],
    },
  ],
};
