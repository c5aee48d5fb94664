/**
 * Runs inside the real extension host on a temp copy of the example workspace, against the bundled
 * extension and language server: diagnostics, quick fixes, the checklist tree, the status bar, commands.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProductionGapApi } from '../../../client/extension';
import { codeActionsAt } from '../../../client/codeActions';
import type { ChecklistNode } from '../../../client/checklistTree';
import type { E2eContext, ExpectedFinding } from '../prepare';

const ctx: E2eContext = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'e2e-context.json'), 'utf8'));
const SOURCE = 'Production Gap';
const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  'ship-stopping': vscode.DiagnosticSeverity.Error,
  'tech-debt': vscode.DiagnosticSeverity.Warning,
  accepted: vscode.DiagnosticSeverity.Hint,
};

/** Polls `probe` until it returns a truthy value (never a fixed sleep); fails with `what` and the last value. */
async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
      last = v;
    } catch (e) { last = e; }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const folder = () => vscode.workspace.workspaceFolders![0].uri;
const uriOf = (file: string) => vscode.Uri.joinPath(folder(), file);
const relOf = (uri: vscode.Uri) => path.posix.relative(folder().path, uri.path);
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const key = (f: { file: string; ruleId: string; line: number }) => `${f.file}:${f.line + 1} ${f.ruleId}`;

/** Every diagnostic of ours in the workspace, as "file:line rule" keys. */
function ourDiagnostics(): Array<{ file: string; ruleId: string; line: number; d: vscode.Diagnostic }> {
  const out = [];
  for (const [uri, ds] of vscode.languages.getDiagnostics()) {
    for (const d of ds) if (d.source === SOURCE) out.push({ file: relOf(uri), ruleId: codeOf(d), line: d.range.start.line, d });
  }
  return out;
}

function sameKeys(actual: string[], expected: string[]): boolean {
  const a = [...actual].sort(), e = [...expected].sort();
  return a.length === e.length && a.every((k, i) => k === e[i]);
}

let api: ProductionGapApi;

describe('Production Gap in a real VS Code', () => {
  before(async () => {
    assert.equal(folder().fsPath, ctx.workspace, 'the test window must open the prepared workspace copy');
    const ext = vscode.extensions.getExtension<ProductionGapApi>('production-gap.production-gap');
    assert.ok(ext, 'the extension is installed in this host');
    api = await ext.activate();
    await waitFor('the first checklist notification', () => api.checklist());
  });

  it('publishes every engine finding as a diagnostic, on the right file and line, with rule id and severity', async () => {
    const expected = ctx.findings.map(key);
    assert.ok(expected.length > 0, `the engine finds gaps in ${ctx.source}`);
    await waitFor(`diagnostics ${JSON.stringify(expected)}`, () => sameKeys(ourDiagnostics().map(key), expected)).catch((e) => {
      assert.deepEqual(ourDiagnostics().map(key).sort(), [...expected].sort(), (e as Error).message);
    });
    const byKey = new Map(ourDiagnostics().map((x) => [key(x), x.d]));
    for (const f of ctx.findings) {
      const d = byKey.get(key(f))!;
      assert.equal(d.severity, SEVERITY[f.tier], `${key(f)} severity for tier ${f.tier}`);
      assert.equal(d.message, f.message);
      assert.equal(d.range.start.character, f.character, `${key(f)} column`);
      assert.ok(typeof d.code === 'object' && d.code.target.toString().includes(f.ruleId), `${key(f)} links to its rule documentation`);
    }
  });

  it(`finds the known gaps of the example`, () => {
    const have = new Set(ourDiagnostics().map(key));
    for (const k of ctx.mustHave) assert.ok(have.has(key(k)), `expected ${key(k)} among ${[...have].join(', ')}`);
  });

  it('shows the four phases with their open counts, remaining effort and readiness in the checklist tree', () => {
    const phases = api.tree.getChildren();
    assert.deepEqual(phases.map((p) => api.tree.getTreeItem(p).label), ['Audit', 'Harden', 'Infrastructure', 'Documentation']);
    phases.forEach((p, i) => {
      const { open, effort, score, title } = ctx.phases[i];
      assert.equal(api.tree.getTreeItem(p).description, open === 0 ? `nothing open · ${score}% ready` : `${open} open · ${effort} · ${score}% ready`, `${title} description`);
    });
    assert.match(String(api.tree.getTreeItem(phases[1]).tooltip), /^Harden: \d+ applicable items, \d+ open findings, about .+ of work; readiness \d+%/);
    const audit = api.tree.getChildren(phases[0]);
    assert.deepEqual(audit.map((n) => api.tree.getTreeItem(n).label), ['Ship-stopping issues', 'Technical debt (fix within 30 days)', 'Acceptable shortcuts']);
    const shipStopping = audit[0];
    assert.equal(api.tree.getChildren(shipStopping).length, ctx.totals['ship-stopping']);
    const items = phases.flatMap((p) => api.tree.getChildren(p));
    for (const item of items) {
      const t = api.tree.getTreeItem(item);
      assert.ok(t.iconPath instanceof vscode.ThemeIcon, `${t.label} has a status icon`);
      assert.ok(t.description !== undefined && t.description !== '', `${t.label} has a count or status`);
    }
  });

  it('links each finding of the tree to its file and range, with a context value the menus target', async () => {
    const findings = api.tree.getChildren().flatMap((p) => api.tree.getChildren(p)).flatMap((i) => api.tree.getChildren(i));
    assert.ok(findings.length >= ctx.findings.length, 'every finding appears under some item');
    const target = ctx.fix ?? ctx.findings[0];
    const node = findings.find((n) => n.kind === 'finding' && n.finding.fingerprint === target.fingerprint)!;
    assert.ok(node, `the tree lists ${key(target)}`);
    const item = api.tree.getTreeItem(node);
    assert.equal(item.label, target.message);
    assert.equal(item.description, `${target.file}:${target.line + 1}`);
    assert.equal(item.contextValue, target.fixTitle ? 'finding.fixable' : 'finding');
    assert.equal(item.command?.command, 'vscode.open');
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const editor = await waitFor('the finding to open in an editor', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === uriOf(target.file).fsPath ? vscode.window.activeTextEditor : undefined);
    assert.equal(editor.selection.start.line, target.line);
    assert.equal(editor.selection.start.character, target.character);
  });

  it('summarises ship-stopping gaps in the status bar', () => {
    const n = ctx.totals['ship-stopping'];
    const { text, tooltip } = api.statusBar();
    assert.equal(text, n === 0 ? '$(check) Production ready' : `$(shield) ${n} ship-stopping`);
    assert.match(tooltip, /Click to open the readiness checklist/);
  });

  it('registers its commands, and reveals the checklist view', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of ['reanalyse', 'exportReport', 'showOutput', 'showRuleDoc', 'applyFix', 'revealChecklist', 'acceptShortcut', 'attest']) {
      assert.ok(all.has(`productionGap.${c}`), `productionGap.${c} is registered`);
    }
    await vscode.commands.executeCommand('productionGap.revealChecklist');
    await vscode.commands.executeCommand('productionGap.showOutput');
  });

  it('re-analyses on request and exports the audit report as Markdown', async () => {
    const r = await vscode.commands.executeCommand<{ files: number; findings: number }>('productionGap.reanalyse');
    assert.ok(r && r.files > 0, `re-analysed files: ${JSON.stringify(r)}`);
    assert.equal(r.findings, ctx.findings.length);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('productionGap.exportReport');
    assert.ok(doc, 'a document is opened');
    assert.equal(doc.languageId, 'markdown');
    assert.ok(doc.isUntitled);
    const text = doc.getText();
    for (const f of ctx.mustHave) assert.ok(text.includes(f.ruleId), `the report mentions ${f.ruleId}`);
  });

  it('restarts the language server when it dies, and publishes again', async () => {
    const c = api.client()!;
    const old = c.serverProcess;
    assert.ok(old?.pid, 'the server runs in its own process');
    const before = api.restarts();
    let fresh: unknown;
    const sub = api.onChecklist((p) => { fresh = p; });
    try {
      process.kill(old.pid!, 'SIGKILL');
      await waitFor('a new server process', () => c.serverProcess?.pid !== undefined && c.serverProcess.pid !== old.pid && c.isRunning());
      await waitFor('a checklist from the restarted server', () => fresh);
    } finally { sub.dispose(); }
    assert.equal(api.restarts(), before + 1, 'the crash was noticed (and logged)');
    await waitFor('the diagnostics again', () => sameKeys(ourDiagnostics().map(key), ctx.findings.map(key)));
  });

  describe('quick fixes', () => {
    it('offers the quick fix through the code-action provider; applying its edit removes the diagnostic', async function () {
      const f = ctx.fix;
      if (!f) this.skip();
      await fixVia(f!, async (uri, d) => {
        await vscode.workspace.openTextDocument(uri); // providers answer for documents the editor holds
        // Retries only when VS Code cancels the request because another extension registered a provider meanwhile.
        // Polls (bounded): right after a restart the server may answer before its first analysis of the document.
        let asked = 0;
        const actions = await waitFor('quick fixes from the server', async () => {
          asked++;
          const a = await step('asking for code actions', () => codeActionsAt(uri, d.range)) as vscode.CodeAction[];
          return a.some((x) => x.title === f!.fixTitle) ? a : undefined;
        }, 10_000).catch(() => [] as vscode.CodeAction[]);
        if (asked > 1) note(`the server offered the quick fix only at request ${asked}`);
        const titles = actions.map((a) => a.title);
        const fix = actions.find((a) => a.title === f!.fixTitle);
        assert.ok(fix, `quick fix "${f!.fixTitle}" among ${JSON.stringify(titles)}`);
        assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind));
        assert.ok(titles.includes(`Show documentation for ${f!.ruleId}`), 'a documentation action is offered too');
        assert.ok(fix.edit, 'the fix carries a workspace edit');
        assert.ok(await step('applying the edit', () => vscode.workspace.applyEdit(fix.edit!)), 'the edit applies');
      });
    });

    it('applies a fix from the checklist ("Apply fix" on a finding)', async function () {
      const f = ctx.secondFix;
      if (!f) this.skip();
      await fixVia(f!, async () => {
        const node = api.tree.getChildren().flatMap((p) => api.tree.getChildren(p)).flatMap((i) => api.tree.getChildren(i))
          .find((n): n is Extract<ChecklistNode, { kind: 'finding' }> => n.kind === 'finding' && n.finding.fingerprint === f!.fingerprint);
        assert.ok(node, `the tree lists ${key(f!)}`);
        assert.equal(api.tree.getTreeItem(node).contextValue, 'finding.fixable');
        assert.equal(await vscode.commands.executeCommand('productionGap.applyFix', node), true);
      });
    });
  });

  // The prompts (input boxes, quick pick) are exercised by hand; here the answers are passed to the commands.
  describe('triage', () => {
    const fixed = new Set([ctx.fix?.file, ctx.secondFix?.file]);
    const ledgerUri = () => uriOf('production-gap.json');
    const findingNodes = () => api.tree.getChildren().flatMap((p) => api.tree.getChildren(p)).flatMap((i) => api.tree.getChildren(i))
      .filter((n): n is Extract<ChecklistNode, { kind: 'finding' }> => n.kind === 'finding');
    const itemNode = (id: string) => api.tree.getChildren().flatMap((p) => api.tree.getChildren(p))
      .find((n): n is Extract<ChecklistNode, { kind: 'item' }> => n.kind === 'item' && n.item.id === id);

    it('"Accept as a shortcut…" from the quick fix records it in production-gap.json; the diagnostic becomes a Hint with the reason', async function () {
      const f = ctx.findings.find((x) => x.workspace && x.ruleId === 'deploy/no-staging') ?? ctx.findings.find((x) => x.workspace && !fixed.has(x.file));
      if (!f) this.skip();
      const uri = uriOf(f!.file);
      const d = vscode.languages.getDiagnostics(uri).find((x) => x.source === SOURCE && codeOf(x) === f!.ruleId && x.range.start.line === f!.line);
      assert.ok(d, `diagnostic ${key(f!)}`);
      await vscode.workspace.openTextDocument(uri);
      const actions = await waitFor('the accept action', async () => {
        const a = await step('asking for code actions', () => codeActionsAt(uri, d.range)) as vscode.CodeAction[];
        return a.filter((x) => x.command?.command === 'productionGap.acceptShortcut' && x.command.arguments?.[0]?.ruleId === f!.ruleId);
      }, 10_000).then((a) => (a.length ? a : undefined));
      const action = actions![0];
      assert.match(action.title, /^Accept as a shortcut…/);
      assert.equal(action.command!.arguments![0].inline, false, 'a workspace finding is accepted in production-gap.json only');
      const reason = 'single-tenant pilot: staging comes with the second customer';
      const recorded = await vscode.commands.executeCommand<vscode.Uri>(action.command!.command, ...action.command!.arguments!, { reason, revisit: '2099-01-31' });
      assert.equal(recorded?.fsPath, ledgerUri().fsPath, 'the command returns the file that records the decision');
      // Saved to disk, where the CLI and CI read it.
      const json = JSON.parse(fs.readFileSync(ledgerUri().fsPath, 'utf8'));
      const entry = json.accepted.find((e: { rule: string }) => e.rule === f!.ruleId);
      assert.ok(entry, JSON.stringify(json));
      assert.equal(entry.reason, reason);
      assert.equal(entry.revisit, '2099-01-31');
      assert.match(entry.date, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(entry.by, 'who accepted it');
      const hint = await waitFor(`${key(f!)} as a Hint`, () => vscode.languages.getDiagnostics(uri).find((x) => x.source === SOURCE && codeOf(x) === f!.ruleId && x.severity === vscode.DiagnosticSeverity.Hint));
      assert.equal(hint.message, `${f!.message} Accepted shortcut: ${reason} (by ${entry.by} on ${entry.date}, revisit 2099-01-31).`);
      // The Audit phase's "Acceptable shortcuts" bucket lists it with its reason.
      const bucket = await waitFor('the acceptable shortcuts bucket', () => {
        const n = itemNode('audit.accepted');
        return n && n.item.findings.length > 0 ? n : undefined;
      });
      assert.equal(api.tree.getTreeItem(bucket).description, `${bucket.item.findings.length} accepted`);
      const listed = api.tree.getChildren(bucket).find((n) => n.kind === 'finding' && n.finding.fingerprint === f!.fingerprint)!;
      assert.ok(listed, 'the bucket lists the accepted finding');
      const t = api.tree.getTreeItem(listed);
      assert.equal(t.description, `${reason} · revisit 2099-01-31 · ${f!.file}:${f!.line + 1}`);
      assert.equal(t.contextValue, 'finding.accepted');
      assert.match((t.tooltip as vscode.MarkdownString).value, /Accepted shortcut/);
    });

    it('"Accept as a shortcut…" on a checklist finding writes an inline comment above it', async function () {
      const f = ctx.findings.find((x) => !x.workspace && /\.ts$/.test(x.file) && !fixed.has(x.file) && x.tier !== 'accepted');
      if (!f) this.skip();
      const uri = uriOf(f!.file);
      const node = findingNodes().find((n) => n.finding.fingerprint === f!.fingerprint && n.finding.tier !== 'accepted');
      assert.ok(node, `the tree lists ${key(f!)}`);
      assert.equal(node.finding.inlineAccept, true);
      const reason = 'demo tenant only, fixed before the public launch';
      const recorded = await vscode.commands.executeCommand<vscode.Uri>('productionGap.acceptShortcut', node, { reason, where: 'inline' });
      assert.equal(recorded?.fsPath, uri.fsPath);
      const doc = await vscode.workspace.openTextDocument(uri);
      const comment = doc.lineAt(f!.line).text;
      assert.equal(comment.trim(), `// production-gap-accept ${f!.ruleId} -- ${reason}`);
      assert.ok(!doc.isDirty, 'the file had no unsaved changes: it is saved');
      const hint = await waitFor(`${key(f!)} as a Hint one line down`, () => vscode.languages.getDiagnostics(uri)
        .find((x) => x.source === SOURCE && codeOf(x) === f!.ruleId && x.range.start.line === f!.line + 1 && x.severity === vscode.DiagnosticSeverity.Hint));
      assert.match(hint.message, new RegExp(`Accepted shortcut: ${reason} \\(comment in this file\\)\\.$`));
    });

    it('"Attest…" on an item a scan cannot see records the evidence; the tree shows who and when', async () => {
      const cfg = vscode.workspace.getConfiguration('productionGap', folder());
      // examples/mvp has a finding under every item: turning the rollback rule off leaves "Rollback path" to a person.
      await cfg.update('rules', { 'deploy/no-rollback-path': 'off' }, vscode.ConfigurationTarget.WorkspaceFolder);
      try {
        const unknown = await waitFor('"Rollback path" unknown', () => (itemNode('infra.rollback')?.item.status === 'unknown' ? itemNode('infra.rollback') : undefined));
        const before = api.tree.getTreeItem(unknown);
        assert.equal(before.description, 'unknown');
        assert.equal(before.contextValue, 'item.unknown.attestable');
        const evidence = 'https://wiki.example.com/ops/rollback (image tags kept 30 days, tested 2026-01-10)';
        const recorded = await vscode.commands.executeCommand<vscode.Uri>('productionGap.attest', unknown, { evidence, expires: '2099-12-31' });
        assert.equal(recorded?.fsPath, ledgerUri().fsPath);
        const json = JSON.parse(fs.readFileSync(ledgerUri().fsPath, 'utf8'));
        const att = json.attestations?.find((a: { item: string }) => a.item === 'infra.rollback');
        assert.ok(att, JSON.stringify(json));
        assert.equal(att.evidence, evidence);
        assert.ok(att.by);
        assert.ok(json.accepted?.length, 'the accepted shortcut recorded before is kept');
        const attested = await waitFor('"Rollback path" attested', () => (itemNode('infra.rollback')?.item.status === 'attested' ? itemNode('infra.rollback') : undefined));
        assert.deepEqual(attested.item.attestation, { evidence, by: att.by, date: att.date, expires: '2099-12-31', uri: attested.item.attestation!.uri });
        assert.equal(vscode.Uri.parse(attested.item.attestation!.uri).fsPath, ledgerUri().fsPath);
        const t = api.tree.getTreeItem(attested);
        assert.equal(t.description, `attested by ${att.by} on ${att.date}`);
        assert.equal(t.contextValue, 'item.attested.attestable');
        assert.match((t.tooltip as vscode.MarkdownString).value, /Evidence/);
        assert.equal(vscode.languages.getDiagnostics(ledgerUri()).filter((x) => x.source === SOURCE).length, 0, 'no problem in production-gap.json');
      } finally {
        await cfg.update('rules', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      }
    });
  });
});

/** Adds a line to the suite's report (results.txt), for things worth a look that do not fail a test. */
function note(line: string): void {
  ((globalThis as Record<string, unknown>).__productionGapNotes as string[] | undefined)?.push(line);
}

/** Runs one step of a test, naming it in the error. */
async function step<T>(what: string, fn: () => Thenable<T>): Promise<T> {
  try { return await fn(); } catch (e) { throw new Error(`${what}: ${(e as Error).message}`); }
}

/** Runs `apply` on a finding's diagnostic, then waits until that diagnostic and its checklist entry are gone. */
async function fixVia(f: ExpectedFinding, apply: (uri: vscode.Uri, d: vscode.Diagnostic) => Promise<void>): Promise<void> {
  const uri = uriOf(f.file);
  const here = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && codeOf(d) === f.ruleId);
  const d = here().find((x) => x.range.start.line === f.line);
  assert.ok(d, `diagnostic ${key(f)} is present before the fix`);
  const before = here().length;
  await apply(uri, d);
  await waitFor(`${key(f)} to disappear after the fix`, () => here().length === before - 1 && !here().some((x) => x.range.start.line === f.line));
  await waitFor(`the checklist to drop ${key(f)}`, () => !api.checklist()!.phases.some((p) => p.items.some((i) => i.findings.some((x) => x.fingerprint === f.fingerprint))));
  const doc = vscode.workspace.textDocuments.find((t) => t.uri.fsPath === uri.fsPath);
  if (doc?.isDirty) await doc.save();
}
