/** One jest run, one project per part of the system (the app joins with the next issue). */
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/server', '<rootDir>/common'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/server/his-contract/'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': swc },
    },
    {
      displayName: 'his-contract',
      testEnvironment: 'node',
      roots: ['<rootDir>/server/his-contract'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': swc },
    },
    ...require('./test/jest.projects'),
  ],
};
