#!/usr/bin/env node
// Runs every test layer: unit/rule/engine/CLI tests (node's test runner over TypeScript through tsx),
// then the language-server protocol tests and the real-editor tests when their files exist.
// `--unit` runs only the first layer.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const only = args.includes('--unit') ? 'unit' : args.includes('--e2e') ? 'e2e' : 'all';

function find(dir, re, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures' || name.startsWith('.')) continue;
    if (statSync(p).isDirectory()) find(p, re, out);
    else if (re.test(p)) out.push(p);
  }
  return out.sort();
}

function run(cmd, argv, opts = {}) {
  console.log(`\n$ ${cmd} ${argv.join(' ')}`);
  const r = spawnSync(cmd, argv, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) { console.error(`failed: ${cmd} ${argv.join(' ')} (exit ${r.status ?? r.signal})`); process.exit(r.status || 1); }
}

if (only !== 'e2e') {
  const unit = find(join(root, 'test'), /\.test\.ts$/).filter((p) => !p.includes('/test/e2e/') && !p.includes('/test/vscode/'));
  run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...unit]);
}
if (only === 'unit') process.exit(0);
if (existsSync(join(root, 'test/e2e/run.mjs'))) run(process.execPath, [join(root, 'test/e2e/run.mjs')]);
