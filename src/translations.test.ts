/**
 * Every string of the app is in translations/en.json, en.json is what the source says, and every other
 * locale in translations/ (French, fr.json) translates exactly the same keys with the same {{placeholders}}.
 *
 * "What the source says" comes from running the project's own extractor (npm run extract-translations,
 * i18next-parser with tools/i18next-parser.config.js) into a temporary directory: en.json must have the
 * same keys and, as the parser keeps an existing value when a default in the code changes, the same values.
 * After changing a string in the code: delete its key from en.json, run `npm run extract-translations`,
 * then update the other locales.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Catalog = Record<string, string>;

const root = path.resolve(__dirname, '..');
const translationsDir = path.join(root, 'translations');
const readCatalog = (file: string): Catalog => JSON.parse(fs.readFileSync(file, 'utf8'));

const en = readCatalog(path.join(translationsDir, 'en.json'));
const otherLocales = fs
  .readdirSync(translationsDir)
  .filter((file) => file.endsWith('.json') && file !== 'en.json')
  .map((file) => ({ locale: path.basename(file, '.json'), catalog: readCatalog(path.join(translationsDir, file)) }));

/** The interpolation names in a string, sorted: "{{count}} of {{ total }}" → ["count", "total"]. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((match) => match[1]).sort();
}

/** Problems of `catalog` against the reference `en`: missing and extra keys, placeholder differences, blanks. */
function catalogProblems(reference: Catalog, catalog: Catalog): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(reference)) {
    if (!(key in catalog)) {
      problems.push(`missing key "${key}"`);
    } else if (typeof catalog[key] !== 'string' || !catalog[key].trim()) {
      problems.push(`empty value for "${key}"`);
    } else if (placeholders(reference[key]).join() !== placeholders(catalog[key]).join()) {
      problems.push(
        `placeholders of "${key}" differ: en {${placeholders(reference[key]).join(', ')}}, here {${placeholders(catalog[key]).join(', ')}}`,
      );
    }
  }
  for (const key of Object.keys(catalog)) {
    if (!(key in reference)) {
      problems.push(`extra key "${key}" (not in en.json)`);
    }
  }
  return problems;
}

describe('catalogProblems (the checker itself)', () => {
  const reference = { a: 'Hello {{name}}', b_one: '{{count}} item', b_other: '{{count}} items' };

  it('accepts a complete translation', () => {
    expect(
      catalogProblems(reference, { a: 'Bonjour {{name}}', b_one: '{{count}} élément', b_other: '{{count}} éléments' }),
    ).toEqual([]);
  });

  it('reports a missing key, an extra key, a changed placeholder and a blank value', () => {
    expect(catalogProblems(reference, { a: 'Bonjour {{nom}}', b_one: ' ', c: 'x' })).toEqual([
      'placeholders of "a" differ: en {name}, here {nom}',
      'empty value for "b_one"',
      'missing key "b_other"',
      'extra key "c" (not in en.json)',
    ]);
  });
});

describe('translations', () => {
  it('has at least one complete locale besides English', () => {
    expect(otherLocales.map((l) => l.locale)).toContain('fr');
  });

  it.each(otherLocales)(
    '$locale.json translates exactly the keys of en.json, with the same placeholders',
    ({ catalog }) => {
      expect(catalogProblems(en, catalog)).toEqual([]);
    },
  );

  it.each(otherLocales)('$locale.json is translated, not copied from English', ({ catalog }) => {
    // a few words are the same in both languages ("Actions", "Patients"); most are not
    const same = Object.keys(en).filter((key) => catalog[key] === en[key]);
    expect(same.length).toBeLessThan(Object.keys(en).length * 0.05);
  });

  it('en.json has no blank values', () => {
    expect(Object.keys(en).filter((key) => !en[key]?.trim())).toEqual([]);
  });

  describe('en.json against the source', () => {
    let extracted: Catalog;
    let parserOutput = '';

    beforeAll(() => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'user-access-i18n-'));
      try {
        parserOutput = execFileSync(
          process.execPath,
          [
            path.join(root, 'node_modules/i18next-parser/bin/cli.js'),
            'src/**/*.{ts,tsx}',
            '--config',
            './tools/i18next-parser.config.js',
            '--output',
            path.join(out, '$LOCALE.json'),
          ],
          { cwd: root, stdio: 'pipe', timeout: 60_000, encoding: 'utf8' },
        );
        extracted = readCatalog(path.join(out, 'en.json'));
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    }, 90_000);

    it('uses each key with one default text only (two texts for one key: one of them is never shown)', () => {
      // i18next-parser warns "Found same keys with different values: translations:<key>"
      const conflicts = [...parserOutput.matchAll(/same keys with different values: \S*?:(\S+)/g)].map((m) => m[1]);
      expect([...new Set(conflicts)]).toEqual([]);
    });

    it('has every key the code uses and no key it does not (run npm run extract-translations)', () => {
      const missing = Object.keys(extracted).filter((key) => !(key in en));
      const unused = Object.keys(en).filter((key) => !(key in extracted));
      expect({ missing, unused }).toEqual({ missing: [], unused: [] });
    });

    it("has the code's current English text (delete changed keys, then run npm run extract-translations)", () => {
      const stale = Object.keys(extracted)
        .filter((key) => key in en && extracted[key] !== en[key])
        .map((key) => `${key}: en.json "${en[key]}", code "${extracted[key]}"`);
      expect(stale).toEqual([]);
    });
  });
});
