#!/usr/bin/env node
// Bundles the four entries with esbuild into dist/: the VS Code client, the language server, the CLI and their analysis worker.
import { build } from 'esbuild';
import { fastTs } from './esbuild-ts.mjs';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const entries = [
  { in: 'client/extension.ts', out: 'client', external: ['vscode'] },
  { in: 'server/lsp/main.ts', out: 'server' },
  { in: 'server/cli/main.ts', out: 'cli' },
  // The analysis worker thread that the server and the CLI start for large analyses (server/engine/parallel.ts).
  { in: 'server/worker/main.ts', out: 'worker' },
].filter((e) => existsSync(root + e.in));

const watch = process.argv.includes('--watch');
await Promise.all(entries.map((e) => build({
  absWorkingDir: root,
  entryPoints: [e.in],
  outfile: `dist/${e.out}.js`,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // Whitespace and syntax minified, identifiers kept: the .vsix and the CLI stay small and stack traces stay readable.
  // (Not `keepNames`: it wraps every closure the rules create in a defineProperty call, a few percent of the analysis.)
  minifyWhitespace: !process.argv.includes('--dev'),
  minifySyntax: !process.argv.includes('--dev'),
  external: e.external ?? [],
  logLevel: watch ? 'info' : 'warning',
  legalComments: 'none',
  // Prefer ESM builds: jsonc-parser's UMD build requires its own files dynamically, which a bundle cannot follow.
  mainFields: ['module', 'main'],
  // The compiler API as a plain object rather than through getters (scripts/tsFast.ts).
  plugins: [fastTs(root)],
})));
if (!watch) console.log(`built ${entries.map((e) => `dist/${e.out}.js`).join(', ')}`);
