#!/usr/bin/env node
// Bundles the headless sweep (cli/bin.ts, with the policy engine it shares with the pages) into one
// ES module that plain Node runs: bin/esm-user-access.mjs, the package's `esm-user-access` command.
// Part of `npm run build`; `node tools/build-cli.mjs --outfile=<file>` writes it elsewhere.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outfile: { type: 'string', default: resolve(root, 'bin/esm-user-access.mjs') } } });

await build({
  entryPoints: [resolve(root, 'cli/bin.ts')],
  outfile: resolve(values.outfile),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync(resolve(values.outfile), 0o755);
