// Layer 2: the extension-host suite (dist/test/vscode) inside code-server, loaded through the workbench URL's
// payload (extensionDevelopmentPath + extensionTestsPath). VS Code calls window.codeAutomationExit(code) when
// mocha finishes: a non-zero code or a timeout fails the layer.
import { createRequire } from 'node:module';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root } from './setup.mjs';
import { launchBrowser, makeHome, remoteUri, removeHome, startCodeServer, workbenchUrl } from './codeServer.mjs';

const require = createRequire(import.meta.url);

export async function runExtensionTests({ timeoutMs = 180_000, log = console.log } = {}) {
  const { prepareWorkspace, writeContext } = require(join(root, 'dist/test/vscode/prepare.js'));
  const ctx = prepareWorkspace();
  writeContext(ctx);
  const resultsFile = join(root, 'dist/test/vscode/results.txt');
  rmSync(resultsFile, { force: true });
  log(`workspace: copy of ${ctx.source} at ${ctx.workspace} (${ctx.findings.length} engine findings)`);
  const home = makeHome('suite');
  let server, browser;
  const hostLines = [];
  try {
    server = await startCodeServer(home);
    log(`code-server on ${server.url}`);
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let done;
    const exited = new Promise((resolve) => { done = resolve; });
    await page.exposeFunction('codeAutomationExit', (code, logs) => done({ code, logs }));
    await page.exposeFunction('codeAutomationLog', (level, message) => {
      if (level === 'error' || level === 'warn') hostLines.push(`[window ${level}] ${message}`);
    });
    // The extension host's console is forwarded to the page console: kept for the failure artifacts.
    page.on('console', (m) => {
      const text = m.text().replace(/%c/g, '').replace(/\s*color: [^;]+;?/g, '');
      if (/Extension Host/.test(text)) {
        const line = text.replace(/^\s*\[Extension Host\]\s*/, '');
        hostLines.push(line);
      }
    });
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server, root)],
      ['extensionTestsPath', remoteUri(server, join(root, 'dist/test/vscode'))],
    ];
    await page.goto(workbenchUrl(server, ctx.workspace, payload));
    let timer;
    const result = await Promise.race([
      exited,
      new Promise((resolve) => { timer = setTimeout(() => resolve({ code: 'timeout' }), timeoutMs); }),
    ]);
    clearTimeout(timer);
    if (existsSync(resultsFile)) for (const line of readFileSync(resultsFile, 'utf8').trimEnd().split('\n')) log(line);
    if (result.code !== 0) {
      const dir = join(root, 'artifacts/e2e-suite');
      mkdirSync(dir, { recursive: true });
      for (const l of result.logs ?? []) {
        const p = join(dir, 'logs', l.relativePath);
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, l.contents);
      }
      writeFileSync(join(dir, 'host-console.txt'), hostLines.join('\n'));
      copyFileSync(home.log, join(dir, 'code-server.log'));
      if (existsSync(join(home.userData, 'logs'))) cpSync(join(home.userData, 'logs'), join(dir, 'server-logs'), { recursive: true });
      await page.screenshot({ path: join(dir, 'failure.png') }).catch(() => {});
      throw new Error(result.code === 'timeout'
        ? `the extension-host suite did not finish within ${timeoutMs / 1000} s (logs in artifacts/e2e-suite/)`
        : `the extension-host suite failed (exit ${result.code}); logs in artifacts/e2e-suite/`);
    }
    return { findings: ctx.findings.length };
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    removeHome(home);
    rmSync(dirname(ctx.workspace), { recursive: true, force: true });
  }
}
