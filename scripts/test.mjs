#!/usr/bin/env node
// The one test command (`npm test`, and so .ci/run): installs what is missing, builds, then runs every layer:
//   1. unit, rule, engine, CLI and protocol tests (node's test runner over TypeScript through tsx);
//   2. the real-editor tests (code-server + headless Chromium; installed into .cache/ when missing).
// Flags: --unit (layer 1 only), --e2e (layer 2 only).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

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
  return r.status ?? 1;
}

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) process.exit(1);
}
if (run(process.execPath, [join(root, 'scripts', 'build.mjs')]) !== 0) process.exit(1);
// Test files run in parallel: tell them dist/ is built, so none rebuilds it while another reads it.
process.env.PRODUCTION_GAP_BUILT = '1';

let passed = 0, failed = 0;
if (only !== 'e2e') {
  // The type check: esbuild strips types without checking them, so a missing import would only fail when a rule runs.
  const tsc = run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.', '--noEmit']);
  if (tsc === 0) passed++; else failed++;
  console.log(`type check: ${tsc === 0 ? 'passed' : 'FAILED'}`);
  const files = find(join(root, 'test'), /\.test\.ts$/).filter((p) => !p.includes('/test/e2e/') && !p.includes('/test/vscode/'));
  const tap = join(mkdtempSync(join(tmpdir(), 'pg-test-')), 'report.tap');
  const status = run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2',
    '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files]);
  const report = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  passed += Number(/^# pass (\d+)/m.exec(report)?.[1] ?? 0);
  failed += Number(/^# fail (\d+)/m.exec(report)?.[1] ?? 0) + (status !== 0 && !/^# fail [1-9]/m.test(report) ? 1 : 0);
}
if (only !== 'unit' && existsSync(join(root, 'test/e2e/run.mjs'))) {
  const status = run(process.execPath, [join(root, 'test/e2e/run.mjs')]);
  if (status === 0) passed++; else failed++;
  console.log(`real-editor layer: ${status === 0 ? 'passed' : 'FAILED'}`);
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
