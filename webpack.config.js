const openmrsWebpackConfig = require('openmrs/default-webpack-config');

const { peerDependencies } = require('./package.json');

const styleTagLoader = require.resolve('./tools/webpack/style-tag-loader');

/**
 * The peer dependencies are the libraries the O3 app shell provides to every module (esm-app-shell's
 * dependencies.json). They are consumed from the shell and never built into this module (`import:
 * false`): with a copy of our own, ours would be loaded instead of the shell's whenever it is the
 * newer version and the shell's is not loaded yet. The shell shares swr as `swr/_internal` (its cache
 * and config); `swr` itself, a thin hook over it, stays in the module's chunks.
 */
function consumeOnlyFromShell(plugin) {
  const shared = plugin._options.shared;
  delete shared['swr/'];
  shared['swr/_internal'] = { shareKey: 'swr/_internal', shareScope: 'default', singleton: true, strictVersion: false, requiredVersion: peerDependencies.swr };
  for (const options of Object.values(shared)) {
    options.import = false;
  }
}

/**
 * O3's webpack config, with the session-location switcher's weight in mind (every O3 page loads it):
 * the shell's libraries are never bundled, stylesheets carry no source map (css-loader would put each
 * one's map, as text, into the JavaScript chunk that injects it), and in production a few lines put
 * them into the page instead of style-loader's runtime (tools/webpack/style-tag-loader.js).
 */
module.exports = (env, argv) => {
  const config = openmrsWebpackConfig(env, argv);
  const scripts = config.module.rules.find((rule) => typeof rule.use === 'string' && rule.use.includes('swc-loader'));
  // ES2020, as O3's own framework packages are compiled (their .swcrc): swc otherwise compiles to ES5,
  // spelling out every ?. and ?? and template literal
  scripts.use = { loader: scripts.use, options: { jsc: { target: 'es2020' } } };
  for (const rule of config.module.rules) {
    if (!Array.isArray(rule.use)) {
      continue;
    }
    for (const use of rule.use) {
      if (typeof use === 'object' && use.loader?.includes('css-loader')) {
        use.options = { ...use.options, sourceMap: false };
      }
    }
    if (config.mode === 'production') {
      rule.use = rule.use.map((use) => (typeof use === 'string' && use.includes('style-loader') ? styleTagLoader : use));
    }
  }
  consumeOnlyFromShell(config.plugins.find((p) => p?.constructor?.name === 'ModuleFederationPlugin'));
  // `openmrs develop` serves the project folder and reloads the page when any file in it changes. The
  // browser tests write their traces there while a page loads (E2E_DEV_SERVER), which then never
  // finished loading: they turn the reloads off.
  if (process.env.USER_ACCESS_DEV_NO_RELOAD) {
    config.devServer = { ...config.devServer, liveReload: false };
  }
  return config;
};
