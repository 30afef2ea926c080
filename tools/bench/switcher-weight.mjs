// The session-location switcher's weight for npm run bench: every file of this module a page load
// fetched because of the switcher, with its size and the source files it holds (from the
// production build's source maps), summed per case beside core's location changer.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The goal for the module's entry and the switcher's chunks, JS and CSS, translations apart. */
export const SWITCHER_GZIP_GOAL = 12000;

const gzipSize = (buffer) => gzipSync(buffer, { level: 9 }).length;

/** Libraries the app shell shares through module federation: the module must not load its own copy. */
const SHELL_SHARED = ['react', 'react-dom', 'react-i18next', 'i18next', 'swr/_internal', '@openmrs/esm-framework', 'scheduler'];

/** `./node_modules/@scope/pkg/dist/x.js` -> `@scope/pkg`; a source of this module stays its path. */
function sourceName(source) {
  const path = source.replace(/^webpack:\/\/(@[^/]+\/)?[^/]+\//, '').replace(/^\.\//, '').replace(/\?.*$/, '');
  const at = path.lastIndexOf('node_modules/');
  if (at < 0) {
    return path;
  }
  const parts = path.slice(at + 'node_modules/'.length).split('/');
  if (parts[0] === 'swr' && parts[2] === '_internal') {
    return 'swr/_internal'; // what the shell shares of swr
  }
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** The translation file a chunk without a source map holds: translations/<lang>.json, by its first and last key. */
function translationOf(text, translationsDir) {
  for (const file of readdirSync(translationsDir).filter((f) => f.endsWith('.json'))) {
    const keys = Object.keys(JSON.parse(readFileSync(join(translationsDir, file), 'utf8')));
    if (keys.length && [keys[0], keys[keys.length - 1]].every((k) => text.includes(`"${k}":`))) {
      return `translations/${file}`;
    }
  }
  return null;
}

/** Every .js and .css file of the build: bytes, gzipped bytes, and the source files or packages it holds. */
export function buildFiles(buildDir, root) {
  const translationsDir = resolve(root, 'translations');
  return readdirSync(buildDir)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((file) => {
      const buffer = readFileSync(join(buildDir, file));
      const mapFile = join(buildDir, `${file}.map`);
      const sources = existsSync(mapFile)
        ? [...new Set(JSON.parse(readFileSync(mapFile, 'utf8')).sources.filter((s) => !/webpack\/(runtime|bootstrap|startup|container-entry)/.test(s)).map(sourceName))]
        : [];
      const translation = sources.length ? null : translationOf(buffer.toString('utf8'), translationsDir);
      return { file, bytes: buffer.length, gzip: gzipSize(buffer), sources: translation ? [translation] : sources, translation: !!translation };
    });
}

/** What one measured case loaded of this module: its files, the total without translations, shell libraries shipped. */
export function switcherWeight(measurement, files, moduleDirName) {
  const loaded = [
    ...new Set(
      measurement.added
        .filter((k) => k.includes(`/${moduleDirName}/`) && /\.(js|css)(\?|$)/.test(k))
        .map((k) => k.split('/').pop().replace(/\?.*$/, '')),
    ),
  ];
  const rows = loaded.map((f) => files.find((b) => b.file === f) ?? { file: f, bytes: 0, gzip: 0, sources: ['(not in the build)'] });
  const code = rows.filter((r) => !r.translation);
  const translations = rows.filter((r) => r.translation);
  const shellLibraries = [...new Set(code.flatMap((r) => r.sources.filter((s) => SHELL_SHARED.includes(s))))];
  return {
    files: rows,
    gzip: code.reduce((s, r) => s + r.gzip, 0),
    bytes: code.reduce((s, r) => s + r.bytes, 0),
    translations,
    shellLibraries,
  };
}

const fmt = (n) => n.toLocaleString('en-US');

/**
 * The REST/FHIR requests a page load gained, by whose they are: the after-login alert's (the policy,
 * then with the policy on the REST module's version and the user pages), the app shell's GET /session
 * (seen added or removed at random between loads), and the switcher's own.
 */
export function requestsByOwner(added) {
  const data = added.filter((k) => /\/ws\/(rest|fhir2)\//.test(k));
  const alert = data.filter((k) => /\/ws\/rest\/v1\/(systemsetting\/useraccess\.deactivationPolicy|user\?|module\/webservices\.rest\?)/.test(k));
  const shell = data.filter((k) => /\/ws\/rest\/v1\/session(\?|$)/.test(k));
  const own = data.filter((k) => !alert.includes(k) && !shell.includes(k));
  return { own, alert, shell };
}

/** Prints each case's files (entry first), their sources, the sums, the translation line and the requests. */
export function printSwitcherWeight(cases, core, printTable) {
  for (const c of cases) {
    const w = c.weight;
    const ordered = [...w.files].sort((a, b) => Number(b.file.startsWith('openmrs-')) - Number(a.file.startsWith('openmrs-')) || b.gzip - a.gzip);
    printTable(
      `Switcher weight: ${c.label}`,
      ['file', 'gzipped', 'raw', 'holds'],
      ordered.map((r) => [r.file, fmt(r.gzip), fmt(r.bytes), r.sources.join(', ') || '(webpack runtime: the module container)']),
    );
    console.log(
      `JS and CSS: ${fmt(w.gzip)} B gzipped (${fmt(w.bytes)} raw) in ${w.files.length - w.translations.length} file(s); ` +
        (c.policyOn && c.loads === 1
          ? 'the policy-on case, where the after-login alert runs the engine: no size goal'
          : `goal <= ${fmt(SWITCHER_GZIP_GOAL)} B: ${w.gzip <= SWITCHER_GZIP_GOAL ? 'met' : 'MISSED'}`) +
        `; core's location changer ${fmt(core.gzip)} B (${core.file})`,
    );
    console.log(
      `Translation file: ${w.translations.map((t) => `${t.sources[0]} as ${t.file}, ${fmt(t.gzip)} B gzipped (${fmt(t.bytes)} raw)`).join('; ') || 'none fetched'}`,
    );
    console.log(`Shell-shared libraries in these files: ${w.shellLibraries.join(', ') || 'none (react, react-i18next, swr and the framework come from the app shell)'}`);
    const { own, alert, shell } = requestsByOwner(c.added);
    const list = (keys) => (keys.length ? `: ${keys.map((k) => k.replace(/^GET \/openmrs\/ws\//, '')).join(' ; ')}` : '');
    console.log(`Switcher's own REST/FHIR requests: ${own.length}${list(own)}`);
    console.log(`After-login alert's requests: ${alert.length}${alert.length > 3 ? ` (${alert.length - 3} user pages among them)` : list(alert)}`);
    if (shell.length) {
      console.log(`The app shell's session refresh: ${shell.length} (not the module's)`);
    }
  }
}
