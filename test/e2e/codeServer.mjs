// Starts code-server (a real VS Code with a Node extension host) on a free loopback port, isolated in a temp
// folder (user data, extensions, XDG dirs), and opens it in headless Chromium through playwright-core.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { cacheDir, chromiumPath, codeServerBin } from './setup.mjs';

const require = createRequire(join(cacheDir, 'package.json'));

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  // The example workspace has no node_modules: keep the TypeScript extension's "cannot find module" errors out.
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

/** A temp home for one code-server: user data (with settings), extensions, XDG dirs, config, log. */
export function makeHome(name) {
  const dir = mkdtempSync(join(tmpdir(), `pg-e2e-${name}-`));
  const home = {
    dir,
    userData: join(dir, 'user-data'),
    extensions: join(dir, 'extensions'),
    xdg: { XDG_CONFIG_HOME: join(dir, 'xdg/config'), XDG_DATA_HOME: join(dir, 'xdg/data'), XDG_CACHE_HOME: join(dir, 'xdg/cache') },
    config: join(dir, 'config.yaml'),
    log: join(dir, 'code-server.log'),
  };
  for (const d of [join(home.userData, 'User'), home.extensions, ...Object.values(home.xdg)]) mkdirSync(d, { recursive: true });
  const settings = { ...SETTINGS, ...(process.env.PG_E2E_TRACE ? { 'productionGap.trace.server': 'verbose' } : {}) };
  writeFileSync(join(home.userData, 'User/settings.json'), JSON.stringify(settings, null, 2));
  writeFileSync(home.config, 'auth: none\ncert: false\n');
  return home;
}

function env(home) {
  const e = { ...process.env, ...home.xdg, TMPDIR: home.dir };
  for (const k of ['PASSWORD', 'HASHED_PASSWORD', 'VSCODE_PROXY_URI', 'VSCODE_IPC_HOOK_CLI']) delete e[k];
  return e;
}

function commonArgs(home) {
  return ['--config', home.config, '--user-data-dir', home.userData, '--extensions-dir', home.extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ...(process.env.PG_E2E_TRACE ? ['--log', 'trace'] : [])];
}

/** Runs `code-server --install-extension <vsix>` into the home's extensions dir. */
export function installExtension(home, vsix) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [codeServerBin, ...commonArgs(home), '--install-extension', vsix], { env: env(home), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { out += d; });
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`--install-extension failed (exit ${code}):\n${out}`))));
  });
}

/** Stops of the code-servers still running: run.mjs calls them when its budget runs out or it is interrupted. */
export const running = new Set();

/** Starts code-server; resolves once /healthz answers. `stop()` kills its whole process group. */
export async function startCodeServer(home, { timeoutMs = 30_000 } = {}) {
  const port = await freePort();
  const logStream = createWriteStream(home.log);
  const proc = spawn(process.execPath, [codeServerBin, ...commonArgs(home), '--bind-addr', `127.0.0.1:${port}`], {
    env: env(home), stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  proc.stdout.pipe(logStream);
  proc.stderr.pipe(logStream);
  let exited = null;
  proc.on('exit', (code, signal) => { exited = code ?? signal; });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    running.delete(stop);
    if (exited !== null) return;
    const gone = new Promise((r) => proc.once('exit', r));
    try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ }
    const t = setTimeout(() => { try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ } }, 3000);
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
    clearTimeout(t);
    try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ }
  };
  running.add(stop);
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before answering: see ${home.log}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch { /* not yet */ }
    if (Date.now() > end) { await stop(); throw new Error(`code-server did not answer /healthz within ${timeoutMs} ms: see ${home.log}`); }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, url, proc, stop };
}

/** Headless Debian Chromium driven by playwright-core (never `playwright install`). */
export async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

export function removeHome(home) {
  try { rmSync(home.dir, { recursive: true, force: true }); } catch { /* best effort */ }
}

/** The workbench URL for a folder, optionally with a payload (extension development / tests). */
export function workbenchUrl(server, folder, payload) {
  let u = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return u;
}

export const remoteUri = (server, absPath) => `vscode-remote://127.0.0.1:${server.port}${absPath}`;
