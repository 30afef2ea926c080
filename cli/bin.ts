/** The entry point of the published `esm-user-access` command; `npm run build` bundles it into bin/. */
import { run } from './main';

run(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
