// Installs the real-editor test tools once, into .cache/e2e/ (ignored by git, reused between runs):
// code-server 4.100.3 (VS Code 1.100.3, the newest that runs on Node 20) and playwright-core, driving
// Debian's Chromium. Follows the recipe for machines without access to VS Code's download servers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export const cacheDir = join(root, '.cache/e2e');
export const CODE_SERVER_VERSION = '4.100.3';
export const PLAYWRIGHT_VERSION = '1.65.1';
export const chromiumPath = process.env.PG_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const codeServerBin = join(cacheDir, 'node_modules/code-server/out/node/entry.js');

const log = (msg) => console.log(`[e2e:setup] ${msg}`);

function sh(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function installedVersion(pkg) {
  const p = join(cacheDir, 'node_modules', pkg, 'package.json');
  try { return JSON.parse(readFileSync(p, 'utf8')).version; } catch { return undefined; }
}

/** True when everything the e2e layers need is already on this machine. */
export function isReady() {
  return existsSync(chromiumPath) && existsSync(codeServerBin)
    && installedVersion('code-server') === CODE_SERVER_VERSION && installedVersion('playwright-core') === PLAYWRIGHT_VERSION;
}

/** Installs what is missing (system packages as root via apt, npm packages into .cache/e2e). */
export function ensureTools() {
  if (isReady()) { log('tools cached in .cache/e2e'); return; }
  const t0 = Date.now();
  if (!existsSync(chromiumPath) || !existsSync('/usr/bin/rg')) {
    if (process.getuid?.() !== 0) throw new Error(`${chromiumPath} or /usr/bin/rg is missing: install chromium ripgrep libkrb5-dev g++ make python3 (apt) and rerun`);
    sh('apt-get', ['update', '-q']);
    sh('apt-get', ['install', '-y', '-q', 'chromium', 'ripgrep', 'libkrb5-dev', 'g++', 'make', 'python3'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  mkdirSync(cacheDir, { recursive: true });
  const tmp = join(cacheDir, 'tmp');
  // @vscode/ripgrep's postinstall downloads rg from GitHub: seed its download cache with Debian's rg.
  const rgCache = join(tmp, 'vscode-ripgrep-cache-1.15.11');
  mkdirSync(rgCache, { recursive: true });
  const rgTar = join(rgCache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (!existsSync(rgTar)) sh('tar', ['czf', rgTar, '-C', '/usr/bin', 'rg']);
  const pkgJson = join(cacheDir, 'package.json');
  if (!existsSync(pkgJson)) writeFileSync(pkgJson, JSON.stringify({ name: 'production-gap-e2e-tools', private: true }, null, 2) + '\n');
  sh('npm', ['install', '--no-audit', '--no-fund', '--save-exact', `code-server@${CODE_SERVER_VERSION}`, `playwright-core@${PLAYWRIGHT_VERSION}`], {
    cwd: cacheDir,
    env: { ...process.env, TMPDIR: tmp, npm_config_unsafe_perm: 'true', npm_config_yes: 'true', npm_config_nodedir: '/usr' },
  });
  if (!isReady()) throw new Error('e2e tools are still missing after the install');
  log(`installed in ${Math.round((Date.now() - t0) / 1000)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) ensureTools();
