const swc = { '^.+\\.[jt]sx?$': ['@swc/jest'] };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'app',
      clearMocks: true,
      transform: swc,
      transformIgnorePatterns: ['/node_modules/(?!@openmrs|@carbon|temporal-polyfill|temporal-utils|.+\\.pnp\\.[^\\/]+$)'],
      moduleNameMapper: {
        '^@openmrs/esm-framework$': '@openmrs/esm-framework/mock',
        '\\.(s?css)$': 'identity-obj-proxy',
        '^lodash-es/(.*)$': 'lodash/$1',
        '^lodash-es$': 'lodash',
        '^dexie$': require.resolve('dexie'),
        '^dayjs$': require.resolve('dayjs'),
      },
      setupFilesAfterEnv: ['<rootDir>/tools/setup-tests.ts'],
      testEnvironment: 'jsdom',
      testEnvironmentOptions: { url: 'http://localhost/' },
      testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
    },
    {
      displayName: 'backend',
      transform: swc,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/backend/**/*.test.ts', '<rootDir>/cli/**/*.test.ts'],
    },
  ],
};
