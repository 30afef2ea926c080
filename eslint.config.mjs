import openmrs from '@openmrs/eslint-config';

export default [
  { ignores: ['dist/**', 'coverage/**', '**/*.d.ts', '.spa/**', '.backend-data/**'] },
  ...openmrs,
  {
    files: ['e2e/**', 'backend/**', 'tools/**', 'bin/**'],
    rules: { 'no-console': 'off', 'react-hooks/rules-of-hooks': 'off' },
  },
];
