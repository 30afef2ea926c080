import openmrs from '@openmrs/eslint-config';

// A rule's options replace those of an earlier config, so the app's restriction extends OpenMRS's own paths.
const openmrsRestrictedPaths = openmrs.flatMap((config) => config.rules?.['no-restricted-imports']?.[1]?.paths ?? []);

export default [
  { ignores: ['dist/**', 'bin/**', 'coverage/**', '**/*.d.ts', '.spa/**', '.backend-data/**'] },
  ...openmrs,
  {
    files: ['e2e/**', 'backend/**', 'tools/**'],
    rules: { 'no-console': 'off', 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['src/**'],
    ignores: ['src/common/use-translation.ts', 'src/common/use-translation.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...openmrsRestrictedPaths,
            {
              name: 'react-i18next',
              importNames: ['useTranslation'],
              message:
                "Import useTranslation from src/common/use-translation: react-i18next's own HTML-escapes interpolated values, so O'Brien shows as O&#39;Brien.",
            },
            {
              name: 'swr',
              importNames: ['mutate'],
              message:
                "Use useSWRConfig().mutate: the app shell gives each app its own SWR cache (openmrsComponentDecorator's provider), which swr's global mutate never reaches.",
            },
          ],
        },
      ],
    },
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
