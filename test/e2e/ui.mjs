// Layer 3: the PACKAGED extension as a person sees it. `npm run package` builds the .vsix, code-server installs it
// into a fresh extensions dir, and headless Chromium opens a copy of the example workspace. Asserts on the DOM:
// the status bar, the Problems panel, the checklist in the sidebar, a finding's click-through and the quick-fix
// menu; then applies the fix from the menu. Screenshots: artifacts/checklist.png, artifacts/quick-fix.png;
// on failure artifacts/ui-failure.{png,html} and the code-server log.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { root } from './setup.mjs';
import { installExtension, launchBrowser, makeHome, removeHome, startCodeServer, workbenchUrl } from './codeServer.mjs';

const require = createRequire(import.meta.url);
const artifacts = join(root, 'artifacts');
const PHASES = ['Audit', 'Harden', 'Infrastructure', 'Documentation'];
const TIER_ITEM = { 'ship-stopping': 'Ship-stopping issues', 'tech-debt': 'Technical debt (fix within 30 days)' };

/** `npm run package`: the .vsix exactly as it would be published. */
export function packageVsix(log = console.log) {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const vsix = join(root, `${name}-${version}.vsix`);
  rmSync(vsix, { force: true });
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(vsix)) throw new Error(`npm run package failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  log(`packaged ${basename(vsix)} (${r.stdout.match(/\((\d+ files, [\d.]+ [KM]B)\)/)?.[1] ?? '?'})`);
  return vsix;
}

export async function runUiTests({ vsix, timeoutMs = 180_000, log = console.log } = {}) {
  const { prepareWorkspace } = require(join(root, 'dist/test/vscode/prepare.js'));
  const ctx = prepareWorkspace();
  log(`workspace: copy of ${ctx.source} (${ctx.findings.length} engine findings, ${ctx.totals['ship-stopping']} ship-stopping)`);
  const home = makeHome('ui');
  mkdirSync(artifacts, { recursive: true });
  let server, browser, page;
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1000, deadline - Date.now());
  const step = () => Math.min(45_000, left());
  try {
    await installExtension(home, vsix);
    const installed = readdirSync(home.extensions).filter((d) => d.startsWith('production-gap.production-gap-'));
    if (installed.length !== 1) throw new Error(`the .vsix did not install: ${readdirSync(home.extensions).join(', ')}`);
    log(`installed ${installed[0]} into a fresh extensions dir`);
    // Every file the manifest points at is in the package: the bundles and the JSON schema of production-gap.json.
    const extDir = join(home.extensions, installed[0]);
    const manifest = JSON.parse(readFileSync(join(extDir, 'package.json'), 'utf8'));
    const needed = [manifest.main, 'dist/server.js', ...(manifest.contributes?.jsonValidation ?? []).map((j) => j.url)];
    const missing = needed.filter((p) => !existsSync(join(extDir, p)));
    if (missing.length) throw new Error(`the installed .vsix lacks ${missing.join(', ')}`);
    log(`the package holds ${needed.join(', ')}`);
    server = await startCodeServer(home);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    await page.goto(workbenchUrl(server, ctx.workspace));
    await page.locator('.monaco-workbench').waitFor({ timeout: step() });

    // Status bar: the server analysed the workspace.
    const n = ctx.totals['ship-stopping'];
    const statusText = n === 0 ? 'Production ready' : `${n} ship-stopping`;
    const status = page.locator('.statusbar-item', { hasText: /ship-stopping|Production ready/ });
    await expectText(status, statusText, left(), 'status bar');
    log(`status bar: "${(await status.innerText()).trim()}"`);

    // Problems panel: the badge counts every finding shown (hints excluded, as VS Code does); the filter finds each known gap.
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 300 } });
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel .monaco-list-row');
    await problems.first().waitFor({ timeout: step() });
    const shown = ctx.findings.filter((f) => f.tier !== 'accepted').length;
    await expectText(page.locator('.badge[aria-label^="Problems"]'), String(shown), step(), 'Problems badge');
    const filter = page.locator('input[aria-label="Filter Problems"]');
    const wanted = ctx.mustHave.length ? ctx.mustHave : ctx.findings.slice(0, 1);
    for (const f of wanted) {
      await filter.fill(f.ruleId);
      await expectText(problems, f.ruleId, step(), `Problems panel entry for ${f.ruleId}`);
      await expectText(problems, `[Ln ${f.line + 1}, `, step(), `Problems panel line of ${f.ruleId}`);
    }
    await filter.fill('');
    log(`Problems panel: ${shown} problems; found ${wanted.map((f) => f.ruleId).join(', ')} with the filter`);

    // Sidebar: the container, the four phases with their open counts.
    await page.locator('.activitybar a.action-label[aria-label^="Production Gap"]').first().click();
    // Widen the sidebar (drag its sash) so the checklist's labels and counts are readable in the screenshot.
    const side = await page.locator('.part.sidebar').boundingBox();
    if (side) {
      await page.mouse.move(side.x + side.width + 1, side.y + side.height / 2);
      await page.mouse.down();
      await page.mouse.move(side.x + 560, side.y + side.height / 2, { steps: 5 });
      await page.mouse.up();
    }
    const tree = page.locator('.pane-body .monaco-list-row');
    for (let i = 0; i < PHASES.length; i++) {
      const open = ctx.phases[i].open;
      const row = tree.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${PHASES[i]}$`) }) });
      await expectText(row, open === 0 ? 'nothing open' : `${open} open`, step(), `checklist phase ${PHASES[i]}`);
    }
    log(`checklist: ${ctx.phases.map((p) => `${p.title} ${p.open} open`).join(', ')}`);

    // Expand the item holding the fixable finding, click the finding: the editor opens it at the range.
    const fix = ctx.fix;
    if (!fix) throw new Error('the example has no fixable finding: the quick-fix check needs one');
    const itemRow = tree.filter({ has: page.locator('.label-name', { hasText: ctx.fixItem ?? TIER_ITEM[fix.tier] }) }).first();
    if ((await itemRow.getAttribute('aria-expanded')) !== 'true') await itemRow.click();
    const findingRow = tree.filter({ has: page.locator('.label-description', { hasText: `${fix.file}:${fix.line + 1}` }) }).first();
    await findingRow.waitFor({ timeout: step() });
    await findingRow.click();
    const tab = page.locator('.tabs-container .tab.active', { hasText: basename(fix.file) });
    await tab.waitFor({ timeout: step() });
    const squiggle = page.locator(fix.tier === 'ship-stopping' ? '.squiggly-error' : '.squiggly-warning').first();
    await squiggle.waitFor({ timeout: step() });
    // Opening a .ts file activates VS Code's TypeScript extension; while it registers its providers VS Code cancels
    // code-action requests ("No code actions available"). Let activation finish (bounded) before going on.
    await page.locator('.statusbar-item', { hasText: /Activating Extensions|Analyzing/ }).first().waitFor({ state: 'hidden', timeout: Math.min(20_000, left()) }).catch(() => {});
    await page.screenshot({ path: join(artifacts, 'checklist.png') });
    log('saved artifacts/checklist.png');

    // Quick-fix menu on the finding (the click selected its range; Ctrl+1 focuses the editor), offering the fix; apply it.
    await page.keyboard.press('Control+1');
    await page.keyboard.press('ArrowLeft'); // a caret at the finding's start, as after a click: no selection refactorings
    const menu = page.locator('.action-widget');
    const answer = page.locator('.action-widget .monaco-list-row.action, .monaco-editor-overlaymessage');
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+.');
      await answer.first().waitFor({ timeout: step() });
      const texts = (await answer.allInnerTexts()).join(' | ');
      if (texts.includes(fix.fixTitle)) break;
      if (attempt >= 5) throw new Error(`quick-fix menu: expected "${fix.fixTitle}", saw ${JSON.stringify(texts)}`);
      log(`quick-fix menu attempt ${attempt} did not offer the fix yet (${JSON.stringify(texts)}): retrying`);
      await page.keyboard.press('Escape');
      await answer.first().waitFor({ state: 'hidden', timeout: step() }).catch(() => {});
    }
    await expectText(menu, `Show documentation for ${fix.ruleId}`, step(), 'quick-fix menu');
    // Keyboard, as a person would: move the focus to the fix (the preferred fix comes first), then Enter.
    for (let i = 0; i < 10 && !(await menu.locator('.monaco-list-row.action.focused').innerText().catch(() => '')).includes(fix.fixTitle); i++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.screenshot({ path: join(artifacts, 'quick-fix.png') });
    log(`saved artifacts/quick-fix.png (menu: ${JSON.stringify((await menu.innerText()).split('\n').filter(Boolean))})`);
    await page.keyboard.press('Enter');
    let left1 = n;
    if (fix.tier === 'ship-stopping') {
      left1 = n - 1;
      await expectText(status, left1 === 0 ? 'Production ready' : `${left1} ship-stopping`, step(), 'status bar after the fix');
      log(`fix applied from the menu: status bar now "${(await status.innerText()).trim()}"`);
    }

    // "Accept as a shortcut…" through its real prompts: the reason, where to record it, a revisit date.
    const other = ctx.findings.find((f) => f.file === fix.file && f.tier === 'ship-stopping' && f.ruleId !== fix.ruleId && !f.workspace);
    if (other) {
      await page.keyboard.press('Control+g');
      await page.locator('.quick-input-widget input').waitFor({ timeout: step() });
      await page.keyboard.type(`${other.line + 1}:${other.character + 2}`);
      await page.keyboard.press('Enter');
      const acceptRow = menu.locator('.monaco-list-row.action', { hasText: 'Accept as a shortcut' });
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('Control+.');
        await answer.first().waitFor({ timeout: step() });
        if (await acceptRow.count()) break;
        if (attempt >= 5) throw new Error(`quick-fix menu: no "Accept as a shortcut…" on ${other.ruleId}, saw ${JSON.stringify((await answer.allInnerTexts()).join(' | '))}`);
        await page.keyboard.press('Escape');
        await answer.first().waitFor({ state: 'hidden', timeout: step() }).catch(() => {});
      }
      for (let i = 0; i < 10 && !(await menu.locator('.monaco-list-row.action.focused').innerText().catch(() => '')).includes('Accept as a shortcut'); i++) {
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      const input = page.locator('.quick-input-widget');
      const reason = 'pilot with two design partners; rotated before the public launch';
      await expectText(input, `Accept ${other.ruleId} as a shortcut (1/3)`, step(), 'the reason prompt');
      await page.keyboard.type(reason);
      await page.keyboard.press('Enter');
      await expectText(input, '(2/3)', step(), 'the where prompt');
      await page.keyboard.press('Enter'); // the first choice: production-gap.json
      await expectText(input, '(3/3)', step(), 'the revisit prompt');
      await page.keyboard.type('2099-01-15');
      await page.keyboard.press('Enter');
      const left2 = left1 - 1;
      await expectText(status, left2 === 0 ? 'Production ready' : `${left2} ship-stopping`, step(), 'status bar after accepting');
      const ledger = JSON.parse(readFileSync(join(ctx.workspace, 'production-gap.json'), 'utf8'));
      const entry = ledger.accepted?.find((e) => e.rule === other.ruleId);
      if (!entry || entry.reason !== reason || entry.revisit !== '2099-01-15' || entry.file !== other.file || !entry.by || !entry.date) {
        throw new Error(`production-gap.json after accepting: ${JSON.stringify(ledger)}`);
      }
      log(`accepted ${other.ruleId} through the prompts: production-gap.json records it (by ${entry.by}, revisit ${entry.revisit}); status bar now "${(await status.innerText()).trim()}"`);
    }
  } catch (e) {
    if (page) {
      await page.screenshot({ path: join(artifacts, 'ui-failure.png') }).catch(() => {});
      writeFileSync(join(artifacts, 'ui-failure.html'), await page.content().catch(() => ''));
    }
    if (existsSync(home.log)) copyFileSync(home.log, join(artifacts, 'ui-code-server.log'));
    if (existsSync(join(home.userData, 'logs'))) cpSync(join(home.userData, 'logs'), join(artifacts, 'ui-logs'), { recursive: true });
    throw new Error(`${e.message.split('\n')[0]} (see artifacts/ui-failure.png, ui-failure.html, ui-code-server.log)`);
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (process.env.PG_E2E_TRACE && existsSync(join(home.userData, 'logs'))) cpSync(join(home.userData, 'logs'), join(artifacts, 'ui-logs'), { recursive: true });
    removeHome(home);
    rmSync(dirname(ctx.workspace), { recursive: true, force: true });
  }
}

/** Waits until `locator` shows `text` (polling the DOM); fails naming `what` and what it showed. */
async function expectText(locator, text, timeout, what) {
  const end = Date.now() + timeout;
  let last = '';
  for (;;) {
    try {
      last = (await locator.allInnerTexts()).join(' | ');
      if (last.includes(text)) return;
    } catch { /* detached while re-rendering */ }
    if (Date.now() > end) throw new Error(`${what}: expected "${text}", saw ${JSON.stringify(last.slice(0, 400))}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
