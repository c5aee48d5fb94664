#!/usr/bin/env node
// The real-editor test layers, run by `npm test` (scripts/test.mjs) after the unit tests:
//   setup  install code-server 4.100.3 + playwright-core into .cache/e2e/ (and Chromium via apt) when missing
//   build  bundle the extension, the server and the extension-host suite
//   suite  the extension-host suite (test/vscode/suite) inside code-server, on a copy of examples/mvp
//   ui     `npm run package` → .vsix → installed into code-server → what a person sees, in headless Chromium
// Options: --only=suite|ui. Env: PG_E2E_BUDGET_MS (total budget, default 10 min), PG_E2E_TRACE=1 (server trace
// and VS Code logs kept in artifacts/ui-logs). Exits non-zero on any failure or when the budget runs out.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureTools, root } from './setup.mjs';
import { running } from './codeServer.mjs';
import { runExtensionTests } from './extensionTests.mjs';
import { packageVsix, runUiTests } from './ui.mjs';

const budgetMs = Number(process.env.PG_E2E_BUDGET_MS ?? 10 * 60_000);
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const log = (msg) => console.log(`[e2e] ${msg}`);

async function stopAll() { await Promise.all([...running].map((stop) => stop().catch(() => {}))); }

async function fail(message) {
  console.error(`[e2e] FAILED: ${message}`);
  await stopAll();
  process.exit(1);
}

const budget = setTimeout(() => void fail(`over the ${secs(budgetMs)} budget`), budgetMs);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void fail(`interrupted (${sig})`));

async function stage(name, fn) {
  const t = Date.now();
  log(`── ${name}`);
  try {
    const r = await fn();
    log(`   ${name}: ok (${secs(Date.now() - t)})`);
    return r;
  } catch (e) {
    await fail(`${name}: ${e.message}`);
  }
}

function node(script) {
  const r = spawnSync(process.execPath, [join(root, script)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${script} exited ${r.status ?? r.signal}`);
}

const remaining = () => budgetMs - (Date.now() - t0);
await stage('setup (code-server, playwright-core, Chromium)', () => ensureTools());
await stage('build (extension, server, extension-host suite)', () => { node('scripts/build.mjs'); node('test/vscode/build.mjs'); });
if (!only || only === 'suite') {
  await stage('extension-host suite in code-server', () => runExtensionTests({ timeoutMs: Math.min(240_000, remaining()), log: (m) => log(`   ${m}`) }));
}
if (!only || only === 'ui') {
  const vsix = await stage('package (npm run package)', () => packageVsix((m) => log(`   ${m}`)));
  await stage('UI of the packaged extension', () => runUiTests({ vsix, timeoutMs: Math.min(240_000, remaining()), log: (m) => log(`   ${m}`) }));
}
clearTimeout(budget);
log(`all real-editor layers passed in ${secs(Date.now() - t0)}`);
