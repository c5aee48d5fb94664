#!/usr/bin/env node
// Bundles the extension-host test suite (index + suite/*.test.ts), its desktop runner and the workspace
// preparation into dist/test/vscode/. `vscode` and `mocha` stay external: the host provides the first,
// and mocha loads the suite files itself (it must set its globals before they run).
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';

const root = new URL('../..', import.meta.url).pathname;
const suite = readdirSync(root + 'test/vscode/suite').filter((f) => f.endsWith('.test.ts')).map((f) => `test/vscode/suite/${f}`);
await build({
  absWorkingDir: root,
  entryPoints: ['test/vscode/index.ts', 'test/vscode/runTest.ts', 'test/vscode/prepare.ts', ...suite],
  outdir: 'dist/test/vscode',
  outbase: 'test/vscode',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  external: ['vscode', 'mocha', '@vscode/test-electron', './prepare'],
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  legalComments: 'none',
});
console.log(`built dist/test/vscode/ (index, runTest, prepare, ${suite.length} suite file(s))`);
