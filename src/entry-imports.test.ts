/**
 * Every O3 page loads the app's entry (index.ts) and the session-location switcher, so their static
 * imports must not reach what decides deactivations or the REST client: those load only when used
 * (the after-login alert, a choice in the switcher, the app's pages). `npm run bench -- --switcher`
 * measures the weight; this fails as soon as an import would bring them back.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

const src = resolve(__dirname);
const ALWAYS_LOADED = ['index.ts', 'session-location/session-location-switcher.extension.tsx'];
const forbidden = (file: string) => file.startsWith('deactivation/') || file === 'common/rest-client.ts';

function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  return candidates.find((c) => existsSync(c) && !c.endsWith('/') && /\.\w+$/.test(c)) ?? null;
}

/** The files a module imports statically: not `import()`, not `import type` / `export type`, not packages. */
function staticImports(file: string): string[] {
  if (!/\.tsx?$/.test(file)) {
    return [];
  }
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specifiers: string[] = [];
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const onlyTypes =
        clause?.isTypeOnly ||
        (clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly));
      if (!onlyTypes) {
        specifiers.push((node.moduleSpecifier as ts.StringLiteral).text);
      }
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      specifiers.push((node.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => resolveImport(file, s))
    .filter((f): f is string => !!f);
}

/** Every forbidden file the static import graph from `start` reaches, each with the chain that reaches it. */
function forbiddenReached(start: string): string[] {
  const startFile = resolve(src, start);
  const parent = new Map<string, string | null>([[startFile, null]]);
  const queue = [startFile];
  const reached: string[] = [];
  while (queue.length) {
    const file = queue.shift() as string;
    const name = relative(src, file);
    if (forbidden(name)) {
      const chain: string[] = [];
      for (let f: string | null = file; f; f = parent.get(f) ?? null) {
        chain.unshift(relative(src, f));
      }
      reached.push(chain.join(' -> '));
      continue;
    }
    for (const next of staticImports(file)) {
      if (!parent.has(next)) {
        parent.set(next, file);
        queue.push(next);
      }
    }
  }
  return reached;
}

describe('what every O3 page loads of this app', () => {
  it.each(ALWAYS_LOADED)('%s does not statically import src/deactivation/** or the REST client', (start) => {
    expect(forbiddenReached(start)).toEqual([]);
  });

  it('finds such imports where they are (the guard can fail)', () => {
    expect(forbiddenReached('session-location/apply-location-choice.ts')).toContain(
      'session-location/apply-location-choice.ts -> common/rest-client.ts',
    );
    expect(forbiddenReached('deactivation-alert-trigger.test.ts')).toEqual([
      'deactivation-alert-trigger.test.ts -> deactivation/alert/alert-if-policy-on.ts',
    ]);
  });
});
