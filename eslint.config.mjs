import openmrs from '@openmrs/eslint-config';

export default [
  { ignores: ['dist/**', 'coverage/**', '**/*.d.ts', '.spa/**', '.backend-data/**'] },
  ...openmrs,
  {
    files: ['e2e/**', 'backend/**', 'tools/**', 'bin/**'],
    rules: { 'no-console': 'off', 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    // The same specs run against a real OpenMRS (E2E_BASE_URL), whose data and modules differ from the
    // local backend's: a spec may skip what the server cannot do (no LBAC module) and adapt to what it finds.
    files: ['e2e/specs/**'],
    rules: {
      'playwright/no-skipped-test': ['warn', { allowConditional: true }],
      'playwright/no-conditional-in-test': 'off',
      'playwright/no-conditional-expect': 'off',
    },
  },
];
