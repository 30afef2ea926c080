#!/usr/bin/env node
// The headless deactivation sweep. The CLI is TypeScript (it shares the policy engine with the app's
// pages), so it is loaded through tsx's CommonJS hook (the package is not "type": "module", so tsx
// compiles these .ts files as CommonJS); tsx is therefore a runtime dependency.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
const require = createRequire(import.meta.url);
const { run } = require('../cli/main.ts');
process.exitCode = await run(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
