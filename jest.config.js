/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
  // Calendar dates are the spreadsheet's; tests run in a zone with DST to catch off-by-one-hour bugs.
  globalSetup: '<rootDir>/test/globalSetup.js',
};
