/**
 * Protocol tests of the team's triage in the built language server (dist/server.js over stdio): "Accept as a
 * shortcut…" (ledger and inline), accepted findings as Hints or hidden, attestations, and the problems of the
 * team's controls (production-gap.json, accept comments) as diagnostics.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { localToday } from '../../server/engine/dates';
import type { AcceptTarget, ChecklistParams, TriageEditResult } from '../../server/lsp/protocol';
import { whoAmI } from '../../server/lsp/triage';
import { LspClient, useServers, makeWorkspace, uriOf } from './lspClient';
import { JWT_SIGN_NO_EXPIRY } from '../helpers/samples';

const RULE = 'auth/jwt-no-expiry';
const AUTH = JWT_SIGN_NO_EXPIRY;

function app(extra: Record<string, string> = {}): string {
  return makeWorkspace({
    'package.json': JSON.stringify({ name: 'api', version: '1.0.0', dependencies: { express: '^4.21.0', jsonwebtoken: '^9.0.2' } }, null, 2) + '\n',
    'src/auth.ts': AUTH,
    'README.md': '# api\n',
    '.env.example': 'JWT_SECRET=\n',
    ...extra,
  });
}

const HINT = 4;
const items = (cl: ChecklistParams | undefined) => (cl?.phases ?? []).flatMap((p) => p.items);
const item = (cl: ChecklistParams | undefined, id: string) => items(cl).find((i) => i.id === id);

describe('triage in the language server (stdio)', { timeout: 60_000 }, () => {
  const start = useServers();

  /** The "Accept as a shortcut…" code action of a diagnostic, and its target. */
  async function acceptAction(c: LspClient, abs: string, d: Diagnostic): Promise<AcceptTarget> {
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri: uriOf(abs) }, range: d.range, context: { diagnostics: [d] } }) as CodeAction[];
    const a = actions.find((x) => x.title === 'Accept as a shortcut…');
    assert.ok(a, JSON.stringify(actions.map((x) => x.title)));
    assert.equal(a.kind, 'quickfix');
    assert.equal(a.command?.command, 'productionGap.acceptShortcut');
    return a.command!.arguments![0] as AcceptTarget;
  }

  /** Applies an edit as VS Code does: the files it touches end up open in the editor with the new text (and saved). */
  function applyAsEditor(c: LspClient, edit: WorkspaceEdit): void {
    for (const [abs, text] of c.applyEdit(edit)) {
      fs.writeFileSync(abs, text);
      let open = false;
      try { c.doc(abs); open = true; } catch { /* not open */ }
      if (open) c.change(abs, text);
      else c.open(abs, text, abs.endsWith('.json') ? 'json' : 'typescript');
    }
  }

  it('accepts in production-gap.json (created): the diagnostic becomes a Hint with the reason, the checklist lists it with who and when', { timeout: 40_000 }, async () => {
    const dir = app();
    const c = await start({ folders: [dir] });
    await c.waitForAnalysis();
    const auth = path.join(dir, 'src/auth.ts');
    const [d] = c.ours(auth, RULE)!;
    assert.equal(d.severity, 1);
    const before = (await c.waitFor('checklist', () => c.checklists.at(-1))).totals;
    const target = await acceptAction(c, auth, d);
    assert.deepEqual({ ...target, range: undefined }, { uri: uriOf(auth), ruleId: RULE, fingerprint: (d.data as { fingerprint: string }).fingerprint, range: undefined, message: d.message, inline: true });

    // Invalid answers: no edit, a reason why.
    const noReason = await c.request<TriageEditResult>('productionGap/acceptShortcut', { target, reason: '  ' });
    assert.match(noReason.error!, /needs a reason/);
    const past = await c.request<TriageEditResult>('productionGap/acceptShortcut', { target, reason: 'r', revisit: '2001-01-01' });
    assert.match(past.error!, /in the past/);
    const badDate = await c.request<TriageEditResult>('productionGap/acceptShortcut', { target, reason: 'r', revisit: '2030-02-30' });
    assert.match(badDate.error!, /YYYY-MM-DD/);
    const gone = await c.request<TriageEditResult>('productionGap/acceptShortcut', { target: { ...target, fingerprint: 'x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }, reason: 'r' });
    assert.match(gone.error!, /gone/);

    const r = await c.request<TriageEditResult>('productionGap/acceptShortcut', { target, reason: 'internal pilot, sessions end with the browser', revisit: '2099-01-31', where: 'ledger' });
    assert.equal(r.error, undefined);
    const ledger = path.join(dir, 'production-gap.json');
    assert.equal(r.uri, uriOf(ledger));
    assert.deepEqual((r.edit!.documentChanges![0] as { kind: string }).kind, 'create');
    applyAsEditor(c, r.edit!);
    const json = JSON.parse(fs.readFileSync(ledger, 'utf8'));
    const today = localToday();
    const by = whoAmI(dir);
    assert.ok(by, 'someone records it');
    assert.deepEqual(json.accepted, [{ rule: RULE, file: 'src/auth.ts', fingerprint: target.fingerprint, reason: 'internal pilot, sessions end with the browser', by, date: today, revisit: '2099-01-31' }]);

    const hint = await c.waitFor('the accepted finding as a Hint', () => c.ours(auth, RULE)?.find((x) => x.severity === HINT));
    assert.equal(hint.message, `${d.message} Accepted shortcut: internal pilot, sessions end with the browser (by ${by} on ${today}, revisit 2099-01-31).`);
    assert.deepEqual(c.ours(ledger), [], 'no problem in the new production-gap.json');
    const cl = await c.waitFor('the accepted bucket', () => item(c.checklists.at(-1), 'audit.accepted')?.findings.length === 1 && c.checklists.at(-1));
    const bucket = item(cl, 'audit.accepted')!;
    assert.deepEqual(bucket.findings[0].acceptance, { reason: 'internal pilot, sessions end with the browser', by, date: today, revisit: '2099-01-31', source: 'ledger' });
    assert.deepEqual(cl.totals, { ...before, 'ship-stopping': before['ship-stopping'] - 1, accepted: 1 });

    // Accepted: no second "Accept as a shortcut…", and asking anyway says so.
    const again = await c.request('textDocument/codeAction', { textDocument: { uri: uriOf(auth) }, range: hint.range, context: { diagnostics: [hint] } }) as CodeAction[];
    assert.ok(!again.some((a) => a.title.startsWith('Accept')), JSON.stringify(again.map((a) => a.title)));
    const twice = await c.request<TriageEditResult>('productionGap/acceptShortcut', { target, reason: 'r' });
    assert.match(twice.error!, /already accepted/);
  });

  it('accepts inline in an open document (versioned edit); showAccepted=false hides the Hint, the checklist keeps it', { timeout: 40_000 }, async () => {
    const dir = app();
    let settings: Record<string, unknown> = {};
    const c = await start({ folders: [dir], settings: () => settings });
    await c.waitForAnalysis();
    const auth = path.join(dir, 'src/auth.ts');
    c.open(auth);
    await c.waitFor('publish for the opened document', () => c.latest.get(uriOf(auth))?.version === 1 || undefined);
    const [d] = c.ours(auth, RULE)!;
    const target = await acceptAction(c, auth, d);
    const r = await c.request<TriageEditResult>('productionGap/acceptShortcut', { target, reason: 'demo build', where: 'inline' });
    assert.equal(r.uri, uriOf(auth));
    assert.deepEqual(r.edit, { documentChanges: [{ textDocument: { uri: uriOf(auth), version: 1 }, edits: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: `  // production-gap-accept ${RULE} -- demo build\n` }] }] });
    const text = c.applyEdit(r.edit!).get(auth)!;
    const v = c.change(auth, text);
    // The quick answer to the edit (before the workspace step) already shows it accepted: no Error flicker.
    const first = await c.waitFor('the publish of the edited version', () => c.published.find((p) => p.uri === uriOf(auth) && p.version === v));
    assert.deepEqual(first.diagnostics.filter((x) => x.code === RULE).map((x) => [x.severity, x.range.start.line]), [[HINT, 4]]);
    assert.match(first.diagnostics.find((x) => x.code === RULE)!.message as string, /Accepted shortcut: demo build \(comment in this file\)\.$/);
    await c.waitFor('the checklist bucket', () => item(c.checklists.at(-1), 'audit.accepted')?.findings[0]?.acceptance?.source === 'inline' || undefined);

    settings = { showAccepted: false };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitFor('the Hint hidden', () => c.ours(auth)?.length === 0 || undefined);
    assert.ok(c.ours(path.join(dir, 'package.json'))!.length > 0, 'the other findings stay');
    assert.equal(item(c.checklists.at(-1), 'audit.accepted')?.findings.length, 1, 'the checklist still lists the accepted shortcut');
    // An edit of the document answers with the setting applied too.
    const v2 = c.change(auth, text + '\n');
    const quick = await c.waitFor('the publish of the next version', () => c.published.find((p) => p.uri === uriOf(auth) && p.version === v2));
    assert.deepEqual(quick.diagnostics, []);

    settings = { showAccepted: true, diagnostics: { tiers: ['ship-stopping', 'tech-debt'] } };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(c.ours(auth), [], 'diagnostics.tiers without accepted hides them too');
    settings = {};
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitFor('the Hint back', () => c.ours(auth, RULE)?.[0]?.severity === HINT || undefined);
  });

  it('attests a checklist item: the edit adds it to production-gap.json, the checklist shows who and when', { timeout: 40_000 }, async () => {
    const dir = app({ 'production-gap.json': '{\n  // decisions of the team\n  "rules": {}\n}\n' });
    const c = await start({ folders: [dir] });
    await c.waitForAnalysis();
    const cl = await c.waitFor('checklist', () => c.checklists.at(-1));
    assert.equal(item(cl, 'infra.staging')?.status, 'unknown');
    assert.equal(item(cl, 'infra.staging')?.attestable, true);
    assert.equal(item(cl, 'audit.accepted')?.attestable, undefined);

    const bad = await c.request<TriageEditResult>('productionGap/attest', { item: 'audit.accepted', evidence: 'x' });
    assert.match(bad.error!, /not a checklist item that can be attested/);
    const empty = await c.request<TriageEditResult>('productionGap/attest', { item: 'infra.staging', evidence: ' ' });
    assert.match(empty.error!, /needs evidence/);

    const r = await c.request<TriageEditResult>('productionGap/attest', { item: 'infra.staging', evidence: 'https://staging.example.com (deployed from main)', expires: '2099-12-31', folder: uriOf(dir) });
    assert.equal(r.error, undefined);
    const ledger = path.join(dir, 'production-gap.json');
    assert.equal(r.uri, uriOf(ledger));
    applyAsEditor(c, r.edit!);
    const text = fs.readFileSync(ledger, 'utf8');
    assert.ok(text.startsWith('{\n  // decisions of the team\n  "rules": {},\n  "attestations": ['), text);
    const today = localToday();
    const by = whoAmI(dir)!;
    const attested = await c.waitFor('the attested item', () => item(c.checklists.at(-1), 'infra.staging')?.status === 'attested' && item(c.checklists.at(-1), 'infra.staging'));
    assert.deepEqual(attested.attestation, { evidence: 'https://staging.example.com (deployed from main)', by, date: today, expires: '2099-12-31', uri: uriOf(ledger) });
    assert.deepEqual(c.ours(ledger), []);
  });

  it('offers to remove a stale ledger entry or accept comment; applying the edit clears the warning', { timeout: 40_000 }, async () => {
    const ledgerText = `{\n  "accepted": [\n    { "rule": "${RULE}", "file": "src/gone.ts", "reason": "x" }\n  ]\n}\n`;
    const withComment = `// production-gap-accept ${RULE} -- an old decision\nexport const x = 1;\n`;
    const dir = app({ 'production-gap.json': ledgerText, 'src/old.ts': withComment });
    const c = await start({ folders: [dir] });
    await c.waitForAnalysis();
    for (const [file, title] of [['production-gap.json', 'Remove this stale entry from production-gap.json'], ['src/old.ts', 'Remove this stale accept comment']] as const) {
      const abs = path.join(dir, file);
      const d = await c.waitFor(`the stale warning in ${file}`, () => c.ours(abs)?.find((x) => x.code === 'triage/stale'));
      const actions = await c.request('textDocument/codeAction', { textDocument: { uri: uriOf(abs) }, range: d.range, context: { diagnostics: [d] } }) as CodeAction[];
      const remove = actions.find((a) => a.title === title);
      assert.ok(remove?.edit, JSON.stringify(actions.map((a) => a.title)));
      assert.equal(remove.kind, 'quickfix');
      applyAsEditor(c, remove.edit);
      await c.waitFor(`no stale warning left in ${file}`, () => c.ours(abs)?.length === 0 || undefined);
    }
    assert.equal(fs.readFileSync(path.join(dir, 'production-gap.json'), 'utf8'), '{\n  "accepted": []\n}\n');
    assert.equal(fs.readFileSync(path.join(dir, 'src/old.ts'), 'utf8'), 'export const x = 1;\n');
  });

  it('publishes the problems of production-gap.json and of accept comments on their files, merged with findings, and clears them when fixed', { timeout: 40_000 }, async () => {
    const ledgerText = [
      '{',
      '  "accepted": [',
      `    { "rule": "${RULE}", "file": "src/gone.ts", "reason": "x" },`,
      '    { "rule": "auth/nope", "reason": "x" }',
      '  ],',
      '  "attestations": [{ "item": "infra.staging", "evidence": "x", "by": "a", "date": "2020-01-01", "expires": "2020-06-01" }]',
      '}',
      '',
    ].join('\n');
    const noReason = AUTH.replace('  return jwt.sign', `  // production-gap-accept ${RULE}\n  return jwt.sign`);
    const dir = app({ 'production-gap.json': ledgerText, 'src/auth.ts': noReason });
    const c = await start({ folders: [dir] });
    await c.waitForAnalysis();
    const ledger = path.join(dir, 'production-gap.json');
    const auth = path.join(dir, 'src/auth.ts');
    const brief = (ds: Diagnostic[] | undefined) => (ds ?? []).map((d) => `${d.range.start.line + 1} ${d.severity} ${d.code}`).sort();
    await c.waitFor('problems of production-gap.json', () => c.ours(ledger)?.length === 3 || undefined);
    assert.deepEqual(brief(c.ours(ledger)), ['3 2 triage/stale', '4 1 triage/unknown-rule', '6 2 triage/expired']);
    const stale = c.ours(ledger)!.find((d) => d.code === 'triage/stale')!;
    assert.deepEqual(stale.tags, [1]);
    assert.deepEqual(stale.data, { problem: 'stale' });
    assert.deepEqual(brief(c.ours(auth)), ['4 1 triage/no-reason', `5 1 ${RULE}`], 'the finding and the problem of the comment, in one publish');
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri: uriOf(auth) }, range: c.ours(auth)![0].range, context: { diagnostics: c.ours(auth) } }) as CodeAction[];
    assert.ok(!actions.some((a) => a.title.includes('triage/')), 'no documentation action for a problem');

    // Typing the reason: the quick answer to the edit already clears the problem and accepts the finding.
    c.open(auth, noReason);
    await c.waitFor('publish for the opened document', () => c.latest.get(uriOf(auth))?.version === 1 || undefined);
    const v = c.change(auth, noReason.replace(`accept ${RULE}`, `accept ${RULE} -- pilot`));
    const quick = await c.waitFor('the quick publish', () => c.published.find((p) => p.uri === uriOf(auth) && p.version === v));
    assert.deepEqual(brief(quick.diagnostics), [`5 4 ${RULE}`]);

    // Fixing production-gap.json in the editor: the problems go, one by one.
    c.open(ledger, ledgerText, 'json');
    const fixed = ledgerText.replace('    { "rule": "auth/nope", "reason": "x" }\n', '').replace('"reason": "x" },', '"reason": "x" }');
    const lv = c.change(ledger, fixed);
    const quickLedger = await c.waitFor('the quick publish of production-gap.json', () => c.published.find((p) => p.uri === uriOf(ledger) && p.version === lv));
    assert.deepEqual(brief(quickLedger.diagnostics), ['3 2 triage/stale', '5 2 triage/expired'], 'the edited file keeps its stale and expired warnings');
    await c.waitFor('the workspace step', () => brief(c.ours(ledger)).join() === '3 2 triage/stale,5 2 triage/expired' || undefined);
    const clean = '{\n  "accepted": []\n}\n';
    c.change(ledger, clean);
    await c.waitFor('no problem left', () => c.ours(ledger)?.length === 0 || undefined);
    await new Promise((r) => setTimeout(r, 400));
    assert.deepEqual(c.ours(ledger), []);

    // Invalid JSON: a problem, and the analysis goes on.
    c.change(ledger, '{ "accepted": [ }');
    await c.waitFor('invalid JSON reported', () => c.ours(ledger)?.some((d) => d.code === 'triage/invalid') || undefined);
    assert.equal(c.ours(auth, RULE)?.[0]?.severity, HINT, 'the inline accept still applies');
  });
});
