/** Protocol tests of the built language server (dist/server.js over stdio) on temp workspaces. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ts } from 'ts-morph';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import type { ChecklistParams } from '../../server/lsp/protocol';
import { RULES } from '../../rules/index';
import { useServers, ROOT, makeWorkspace, uriOf, writeFile } from './lspClient';

const RULE = 'auth/jwt-no-expiry';

const SIGN_LINE = '  return jwt.sign({ sub: userId }, process.env.JWT_SECRET!);';
const AUTH = [
  "import jwt from 'jsonwebtoken';",
  '',
  'export function issue(userId: string) {',
  SIGN_LINE,
  '}',
  '',
].join('\n');
const TWO_SIGNS = [
  "import jwt from 'jsonwebtoken';",
  '',
  "export const access = (id: string) => jwt.sign({ sub: id }, process.env.JWT_SECRET!);",
  "export const refresh = (id: string) => jwt.sign({ sub: id, kind: 'refresh' }, process.env.JWT_SECRET!);",
  '',
].join('\n');
const CLEAN = "export const add = (a: number, b: number) => a + b;\n";

function smallApp(extra: Record<string, string | Buffer> = {}): string {
  return makeWorkspace({
    'package.json': JSON.stringify({ name: 'api', version: '1.0.0', scripts: { start: 'node dist/server.js' }, dependencies: { express: '^4.21.0', jsonwebtoken: '^9.0.2' } }, null, 2) + '\n',
    'src/auth.ts': AUTH,
    'src/tokens.ts': TWO_SIGNS,
    'src/clean.ts': CLEAN,
    'README.md': '# api\n',
    '.gitignore': 'node_modules\ngenerated/\n',
    ...extra,
  });
}

/** Parse errors TypeScript reports for a text (empty: the file parses). */
function parseErrors(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return ((sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

const lines = (ds: Diagnostic[] | undefined) => (ds ?? []).map((d) => d.range.start.line).sort((a, b) => a - b);

describe('language server (stdio)', { timeout: 60_000 }, () => {
  const start = useServers();

  it('publishes diagnostics for closed files after initialize, with progress and the checklist', { timeout: 40_000 }, async () => {
    const dir = smallApp();
    const c = await start({ folders: [dir] });
    const auth = path.join(dir, 'src/auth.ts');
    // The end of the progress comes after every publish of the initial analysis.
    await c.waitForAnalysis();
    const ds = c.ours(auth, RULE)!;
    assert.equal(ds?.length, 1);
    const d = ds[0];
    assert.deepEqual(d.range.start, { line: 3, character: SIGN_LINE.indexOf('jwt.sign') });
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'Production Gap');
    assert.equal(d.codeDescription?.href, `https://github.com/production-gap/production-gap/blob/main/docs/rules/${RULE}.md`);
    assert.match(String(d.message), /never expires/);
    assert.match((d.data as { fingerprint: string }).fingerprint, /^[0-9a-f]{24}$/);
    assert.deepEqual(lines(c.ours(path.join(dir, 'src/tokens.ts'), RULE)), [2, 3]);
    assert.deepEqual(c.ours(path.join(dir, 'src/clean.ts'), RULE) ?? [], []);
    const begin = c.progress.find((p) => p.kind === 'begin');
    assert.equal(begin?.title, 'Production Gap');
    assert.ok(c.progress.some((p) => p.kind === 'report' && /^Analysing \d+ files$/.test(p.message ?? '')), JSON.stringify(c.progress));

    const cl = await c.waitFor('checklist', () => c.checklists.at(-1));
    assert.deepEqual(cl.phases.map((p) => p.phase), ['audit', 'harden', 'infrastructure', 'documentation']);
    assert.deepEqual(cl.folders, [uriOf(dir)]);
    const stop = cl.phases[0].items.find((i) => i.id === 'audit.ship-stopping')!;
    const jwtFindings = stop.findings.filter((f) => f.ruleId === RULE);
    assert.equal(jwtFindings.length, 3);
    assert.ok(jwtFindings.every((f) => f.hasFix && f.fingerprint.length === 24));
    assert.ok(jwtFindings.some((f) => f.uri === uriOf(auth) && f.range.start.line === 3));
    const authItem = cl.phases[1].items.find((i) => i.id === 'harden.auth')!;
    assert.equal(authItem.status, 'fail');
    assert.ok(authItem.count >= 3);

    const watch = c.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    const globs = (watch?.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers.map((w) => w.globPattern);
    assert.ok(globs.some((g) => g.includes('prisma')) && globs.some((g) => g.includes('Dockerfile')) && globs.some((g) => g.includes('.env')), globs.join(' '));
  });

  it('keeps its analyses between sessions: a restart re-analyses only the files that changed, with the same diagnostics', { timeout: 40_000 }, async () => {
    const dir = smallApp();
    const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-store-'));
    try {
      type Stats = { folders: Array<{ parses: number; files: number }> };
      const first = await start({ folders: [dir], initializationOptions: { storageDir } });
      await first.waitForAnalysis();
      const cold = (await first.request<Stats>('productionGap/stats')).folders[0];
      assert.ok(cold.parses >= 5, `a cold start analyses every file (${cold.parses})`);
      const auth = path.join(dir, 'src/auth.ts');
      const tokens = path.join(dir, 'src/tokens.ts');
      assert.deepEqual(lines(first.ours(auth, RULE)), [3]);
      assert.deepEqual(lines(first.ours(tokens, RULE)), [2, 3]);
      await first.stop();
      assert.equal(fs.readdirSync(storageDir).filter((f) => f.endsWith('.json')).length, 1, 'one store for the folder');

      writeFile(dir, 'src/auth.ts', CLEAN); // changed while the editor was closed
      const second = await start({ folders: [dir], initializationOptions: { storageDir } });
      await second.waitForAnalysis();
      assert.ok(second.logs.some((l) => /\b\d+ stored analyses reused/.test(l) && !/\b0 stored analyses reused/.test(l)), second.logs.join('\n'));
      assert.equal((await second.request<Stats>('productionGap/stats')).folders[0].parses, 1, 'only the changed file is analysed');
      assert.deepEqual(lines(second.ours(tokens, RULE)), [2, 3], 'a reused analysis gives the same diagnostics');
      assert.deepEqual(second.ours(auth, RULE) ?? [], [], 'the changed file has its new diagnostics (none)');
      await second.stop();

      // A store that cannot be read (or comes from another build) is ignored, said in the log, and everything is analysed.
      for (const f of fs.readdirSync(storageDir)) fs.writeFileSync(path.join(storageDir, f), '{ not json');
      const third = await start({ folders: [dir], initializationOptions: { storageDir } });
      await third.waitForAnalysis();
      assert.ok(third.logs.some((l) => /0 stored analyses reused \(the stored analyses could not be read/.test(l)), third.logs.join('\n'));
      assert.equal((await third.request<Stats>('productionGap/stats')).folders[0].parses, cold.parses);
      assert.deepEqual(lines(third.ours(tokens, RULE)), [2, 3]);
    } finally {
      fs.rmSync(storageDir, { recursive: true, force: true });
    }
  });

  it('analyses a large workspace on worker threads when asked (PRODUCTION_GAP_WORKERS), with the same diagnostics', { timeout: 60_000 }, async () => {
    const extra: Record<string, string> = {};
    for (let i = 0; i < 240; i++) extra[`src/gen/f${i}.ts`] = i % 8 === 0 ? TWO_SIGNS : `export const v${i} = ${i};\n`;
    const dir = smallApp(extra);
    const diagnostics = async (workers: string) => {
      const c = await start({ folders: [dir], env: { PRODUCTION_GAP_WORKERS: workers } });
      await c.waitForAnalysis();
      const out = new Map([...c.latest].filter(([, p]) => p.diagnostics.length).map(([uri, p]) => [uri, p.diagnostics]));
      const logs = c.logs.join('\n');
      await c.stop();
      return { out, logs };
    };
    const threaded = await diagnostics('1');
    assert.match(threaded.logs, /files analysed in \d+ ms \([\d,]+ in worker threads\)/);
    const single = await diagnostics('0');
    assert.doesNotMatch(single.logs, /worker threads/);
    assert.equal(threaded.out.size, single.out.size);
    assert.ok(threaded.out.size > 30, `findings in the generated files (${threaded.out.size})`);
    assert.deepEqual(new Map([...threaded.out].sort()), new Map([...single.out].sort()));
  });

  it('analyses the editor text of open documents and publishes for the latest version', { timeout: 40_000 }, async () => {
    const dir = smallApp();
    const c = await start({ folders: [dir] });
    await c.waitForAnalysis();
    const clean = path.join(dir, 'src/clean.ts');
    c.open(clean);
    const v1 = await c.waitFor('publish for the opened version', () => c.latest.get(uriOf(clean))?.version === 1 || undefined);
    assert.ok(v1);
    assert.deepEqual(c.ours(clean, RULE), []);

    type Stats = { folders: Array<{ parses: number }> };
    const parsesBefore = (await c.request<Stats>('productionGap/stats')).folders[0].parses;
    const v2 = c.change(clean, AUTH);
    await c.waitFor('diagnostics of version 2', () => c.latest.get(uriOf(clean))?.version === v2 || undefined);
    assert.deepEqual(lines(c.ours(clean, RULE)), [3]);
    assert.equal((await c.request<Stats>('productionGap/stats')).folders[0].parses, parsesBefore + 1, 'only the edited file is parsed again');
    assert.ok(fs.readFileSync(clean, 'utf8') === CLEAN, 'the disk is untouched');

    // Two quick changes: what is finally published is the latest text, tagged with its version.
    const v3 = c.change(clean, '\n\n' + AUTH);
    const v4 = c.change(clean, TWO_SIGNS);
    await c.waitFor('diagnostics of version 4', () => c.latest.get(uriOf(clean))?.version === v4 || undefined);
    assert.deepEqual(lines(c.ours(clean, RULE)), [2, 3]);
    for (const p of c.published.filter((x) => x.uri === uriOf(clean) && x.version === v3)) {
      assert.deepEqual(lines(p.diagnostics.filter((d) => d.code === RULE)), [5], 'a publish for version 3 carries version 3\'s findings');
    }

    // A burst of changes (an extension's or a macro's edits: here 8, 3 ms apart) is analysed once it ends, not change
    // by change: the first change (analysed at once, as after any pause), the last one, and at most one more should
    // a gap stretch on a busy machine.
    const beforeBurst = (await c.request<Stats>('productionGap/stats')).folders[0].parses;
    let last = 0;
    for (let i = 0; i < 8; i++) {
      last = c.change(clean, `${TWO_SIGNS}${'\n'.repeat(i + 1)}`);
      await new Promise((r) => setTimeout(r, 3));
    }
    await c.waitFor('diagnostics of the burst\'s last version', () => c.latest.get(uriOf(clean))?.version === last || undefined);
    const burstParses = (await c.request<Stats>('productionGap/stats')).folders[0].parses - beforeBurst;
    assert.ok(burstParses >= 1 && burstParses <= 3, `8 changes in a burst analysed ${burstParses} times`);
    assert.deepEqual(lines(c.ours(clean, RULE)), [2, 3]);

    // Closing falls back to the disk content.
    c.close(clean);
    await c.waitFor('diagnostics cleared after close', () => c.ours(clean, RULE)?.length === 0 || undefined);
  });

  it('drops a result computed for a version that is no longer the latest', { timeout: 40_000 }, async () => {
    const dir = smallApp();
    // The server holds the result of these steps (as a slow analysis would) until the next change, which the test sends then.
    const c = await start({ folders: [dir], env: { PRODUCTION_GAP_TEST_HOLD: 'file@2,workspace@4' } });
    await c.waitForAnalysis();
    const clean = path.join(dir, 'src/clean.ts');
    const cleanLines = (cl: ChecklistParams) => lines(cl.phases[0].items.flatMap((i) => i.findings).filter((f) => f.uri === uriOf(clean) && f.ruleId === RULE) as unknown as Diagnostic[]);
    c.open(clean);
    await c.waitFor('publish for version 1', () => c.latest.get(uriOf(clean))?.version === 1 || undefined);
    const analysed = (step: string, v: number) => c.waitFor(`${step} analysis of version ${v}`, () => c.logs.some((l) => l.includes(`holding the ${step} result of `) && l.includes(`src/clean.ts@${v}`)) || undefined);

    // Stale after the first step (the edited document's own findings): nothing is published for version 2.
    const v2 = c.change(clean, AUTH);
    await analysed('file', v2);
    const v3 = c.change(clean, TWO_SIGNS);
    await c.waitFor('diagnostics of version 3', () => c.latest.get(uriOf(clean))?.version === v3 || undefined);
    assert.deepEqual(lines(c.ours(clean, RULE)), [2, 3]);
    assert.equal(c.published.filter((p) => p.uri === uriOf(clean) && p.version === v2).length, 0, 'the stale result for version 2 was published');
    await c.waitFor('checklist of version 3', () => JSON.stringify(cleanLines(c.checklists.at(-1)!)) === '[2,3]' || undefined);

    // Stale after the second step (the workspace): its checklist, computed on version 4, is never sent.
    const v4 = c.change(clean, AUTH);
    await c.waitFor('diagnostics of version 4', () => c.latest.get(uriOf(clean))?.version === v4 || undefined);
    assert.deepEqual(lines(c.ours(clean, RULE)), [3]);
    await analysed('workspace', v4);
    const v5 = c.change(clean, '\n' + TWO_SIGNS);
    await c.waitFor('checklist of version 5', () => JSON.stringify(cleanLines(c.checklists.at(-1)!)) === '[3,4]' || undefined);
    assert.ok(!c.checklists.some((cl) => JSON.stringify(cleanLines(cl)) === '[3]'), 'a checklist computed on a stale version was sent');
    assert.equal(c.latest.get(uriOf(clean))?.version, v5);
  });

  it('offers quick fixes whose edit removes the diagnostic and leaves the file parseable, plus docs and fix-all', { timeout: 40_000 }, async () => {
    const dir = smallApp();
    const c = await start({ folders: [dir] });
    await c.waitForAnalysis();
    const auth = path.join(dir, 'src/auth.ts');
    const doc = c.open(auth);
    await c.waitFor('publish for the opened document', () => c.latest.get(uriOf(auth))?.version === 1 || undefined);
    const [d] = c.ours(auth, RULE)!;
    const actions = await c.request('textDocument/codeAction', {
      textDocument: { uri: doc.uri }, range: d.range, context: { diagnostics: [d] },
    }) as CodeAction[];
    const fix = actions.find((a) => a.kind === 'quickfix' && a.edit);
    assert.ok(fix, JSON.stringify(actions));
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [d]);
    const docAction = actions.find((a) => a.command?.command === 'productionGap.showRuleDoc');
    assert.deepEqual(docAction?.command?.arguments, [RULE]);
    assert.equal(docAction?.title, `Show documentation for ${RULE}`);

    const edited = c.applyEdit(fix.edit!);
    const text = edited.get(auth)!;
    assert.ok(text.includes('expiresIn'), text);
    assert.deepEqual(parseErrors(auth, text), []);
    const v = c.change(auth, text);
    await c.waitFor('diagnostics after the fix', () => c.latest.get(uriOf(auth))?.version === v || undefined);
    assert.deepEqual(c.ours(auth, RULE), []);

    // Fix all: both tokens of tokens.ts in one edit.
    const tokens = path.join(dir, 'src/tokens.ts');
    const tdoc = c.open(tokens);
    await c.waitFor('publish for tokens.ts', () => c.latest.get(uriOf(tokens))?.version === 1 || undefined);
    const all = await c.request('textDocument/codeAction', {
      textDocument: { uri: tdoc.uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
    }) as CodeAction[];
    const fixAll = all.find((a) => a.kind === 'source.fixAll.productionGap');
    assert.ok(fixAll?.edit, JSON.stringify(all));
    const fixedTokens = c.applyEdit(fixAll.edit!).get(tokens)!;
    assert.deepEqual(parseErrors(tokens, fixedTokens), []);
    const tv = c.change(tokens, fixedTokens);
    await c.waitFor('diagnostics after fix-all', () => c.latest.get(uriOf(tokens))?.version === tv || undefined);
    assert.deepEqual(c.ours(tokens, RULE), []);

    // A code action asked with a stale diagnostic of an older version gets no fix.
    const stale = await c.request('textDocument/codeAction', {
      textDocument: { uri: doc.uri }, range: d.range, context: { diagnostics: [d] },
    }) as CodeAction[];
    assert.equal(stale.filter((a) => a.edit).length, 0);
  });

  it('follows files on disk: changes, creations, deletions; ignores .gitignored files', { timeout: 40_000 }, async () => {
    const dir = smallApp();
    const c = await start({ folders: [dir] });
    await c.waitForAnalysis();
    const tokens = path.join(dir, 'src/tokens.ts');
    const clean = path.join(dir, 'src/clean.ts');
    await c.waitFor('diagnostics of tokens.ts', () => c.ours(tokens, RULE)?.length === 2 || undefined);

    fs.rmSync(tokens);
    c.fileEvents([{ abs: tokens, type: 3 }]);
    await c.waitFor('diagnostics of the deleted file cleared', () => c.diagnostics(tokens)?.length === 0 || undefined);

    fs.writeFileSync(clean, AUTH);
    const ignored = path.join(dir, 'generated/client.ts');
    writeFile(dir, 'generated/client.ts', AUTH);
    const created = path.join(dir, 'src/new/issue.ts');
    writeFile(dir, 'src/new/issue.ts', TWO_SIGNS);
    c.fileEvents([{ abs: clean, type: 2 }, { abs: ignored, type: 1 }, { abs: created, type: 1 }]);
    await c.waitFor('diagnostics of the changed file', () => c.ours(clean, RULE)?.length === 1 || undefined);
    await c.waitFor('diagnostics of the created file', () => c.ours(created, RULE)?.length === 2 || undefined);
    assert.equal(c.diagnostics(ignored), undefined, 'a .gitignored file is not analysed');

    // A deleted folder arrives as one event.
    fs.rmSync(path.join(dir, 'src/new'), { recursive: true });
    c.fileEvents([{ abs: path.join(dir, 'src/new'), type: 3 }]);
    await c.waitFor('diagnostics under the deleted folder cleared', () => c.diagnostics(created)?.length === 0 || undefined);
  });

  it('keeps a committed .env that .gitignore now covers after its document is opened and closed', { timeout: 40_000 }, async () => {
    // Fake values in the real formats: the finding is that the file is committed at all.
    const dir = smallApp({ '.env': 'DATABASE_URL=postgres://app:app@localhost:5432/app\nJWT_SECRET=dev-only-not-a-secret\n' });
    const git = (...args: string[]) => {
      const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    };
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'init');
    fs.appendFileSync(path.join(dir, '.gitignore'), '.env\n');
    const env = path.join(dir, '.env');
    const c = await start({ folders: [dir] });
    await c.waitForAnalysis();
    await c.waitFor('the committed .env finding', () => c.ours(env, 'security/env-file-committed')?.length || undefined);
    const text = fs.readFileSync(env, 'utf8');
    c.open(env, text, 'dotenv');
    await c.waitFor('the publish for the opened .env', () => c.latest.get(uriOf(env))?.version === 1 || undefined);
    c.close(env);
    // The close schedules an analysis (12 ms debounce); its workspace step would publish an empty list if the file dropped out.
    await new Promise((r) => setTimeout(r, 1500));
    assert.ok(c.ours(env, 'security/env-file-committed')?.length, 'still reported after the document closed');
  });

  it('applies settings: tier overrides and rules turned off, after didChangeConfiguration', { timeout: 40_000 }, async () => {
    const dir = smallApp();
    let settings: unknown = {};
    const c = await start({ folders: [dir], settings: () => settings });
    await c.waitForAnalysis();
    const auth = path.join(dir, 'src/auth.ts');
    await c.waitFor('diagnostics of auth.ts', () => c.ours(auth, RULE)?.length === 1 || undefined);
    assert.ok(c.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));

    settings = { rules: { [RULE]: 'tech-debt' } };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitFor('severity Warning', () => c.ours(auth, RULE)?.[0]?.severity === 2 || undefined);

    settings = { rules: { [RULE]: 'accepted' } };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const hint = await c.waitFor('severity Hint', () => c.ours(auth, RULE)?.find((d) => d.severity === 4));
    assert.match(String(hint.message), / Accepted shortcut: the rule is set to "accepted" in the productionGap\.rules setting, for every finding\.$/);

    settings = { rules: { [RULE]: 'off' } };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitFor('diagnostics of the rule removed', () => c.ours(auth, RULE)?.length === 0 || undefined);
    const cl = await c.waitFor('checklist without the rule', () => {
      const last = c.checklists.at(-1);
      return last && !last.phases[0].items.some((i) => i.findings.some((f) => f.ruleId === RULE)) ? last : undefined;
    });
    assert.equal(cl.phases.length, 4);

    settings = { rules: {}, diagnostics: { tiers: ['tech-debt', 'accepted'] } };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitFor('checklist with the rule again', () => c.checklists.at(-1)?.phases[0].items.some((i) => i.findings.some((f) => f.ruleId === RULE)) || undefined);
    assert.deepEqual(c.ours(auth, RULE) ?? [], [], 'ship-stopping findings are not shown as diagnostics when the tier is hidden');

    settings = { enable: false };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const tokensTs = path.join(dir, 'src/tokens.ts');
    await c.waitFor('everything cleared when disabled', () => c.ours(tokensTs)?.length === 0 || undefined);
    await c.waitFor('an empty checklist when disabled', () => c.checklists.at(-1)?.folders.length === 0 || undefined);
    settings = { exclude: ['src/tokens.ts'] };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const tokens = path.join(dir, 'src/tokens.ts');
    await c.waitFor('auth.ts shown again', () => c.ours(auth, RULE)?.length === 1 || undefined);
    assert.deepEqual(c.ours(tokens, RULE) ?? [], [], 'an excluded file has no diagnostics');
  });

  it('a JWT secret is reported by security/hardcoded-secret once auth/hardcoded-jwt-secret is turned off, also while typing', { timeout: 40_000 }, async () => {
    // A fake value, split so that no scanner takes this test file for a leak.
    const code = `export const jwtSecret = process.env.JWT_SECRET || '${['b9vlYUzmuQI9', 'vGDplscDHh6V8Y4wH6Y5'].join('')}';\n`;
    const dir = smallApp({ 'src/secret.ts': code });
    let settings: unknown = {};
    const c = await start({ folders: [dir], settings: () => settings });
    await c.waitForAnalysis();
    const secret = path.join(dir, 'src/secret.ts');
    const rules = () => (c.latest.get(uriOf(secret))?.diagnostics ?? []).map((d) => d.code).sort();
    await c.waitFor('the JWT rule\'s finding', () => JSON.stringify(rules()) === '["auth/hardcoded-jwt-secret"]' || undefined);
    // The answer to a keystroke (the edited file alone) reports the literal once too.
    c.open(secret);
    const v1 = c.change(secret, `\n${code}`);
    await c.waitFor('diagnostics of the edit', () => c.latest.get(uriOf(secret))?.version === v1 || undefined);
    assert.deepEqual(rules(), ['auth/hardcoded-jwt-secret']);

    settings = { rules: { 'auth/hardcoded-jwt-secret': 'off' } };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitFor('the secret rule\'s finding', () => JSON.stringify(rules()) === '["security/hardcoded-secret"]' || undefined);
    const v2 = c.change(secret, `\n\n${code}`);
    await c.waitFor('diagnostics of the second edit', () => c.latest.get(uriOf(secret))?.version === v2 || undefined);
    assert.deepEqual(rules(), ['security/hardcoded-secret']);
    assert.equal(c.latest.get(uriOf(secret))?.diagnostics[0].range.start.line, 2);
  });

  it('survives a binary file and a broken TypeScript file, and logs them', { timeout: 40_000 }, async () => {
    const binary = Buffer.concat([Buffer.from('export const x = 1;\n'), Buffer.alloc(64, 0), Buffer.from([0xff, 0xfe, 0x00, 0x01])]);
    const dir = smallApp({ 'src/blob.ts': binary, 'src/broken.ts': 'export function (\n  const = {{{\n', 'config/settings.json': '{ "a": ', 'docker-compose.yml': 'services:\n  api: [\n' });
    const c = await start({ folders: [dir] });
    await c.waitForAnalysis();
    const auth = path.join(dir, 'src/auth.ts');
    await c.waitFor('diagnostics of auth.ts', () => c.ours(auth, RULE)?.length === 1 || undefined);
    assert.ok(c.logs.some((l) => l.includes('src/blob.ts') && l.includes('binary')), c.logs.join('\n'));
    assert.ok(c.logs.some((l) => l.includes('src/broken.ts') && l.includes('parse')), c.logs.join('\n'));

    // Editing the broken file, and a binary file changing on disk, keep the server answering.
    const broken = path.join(dir, 'src/broken.ts');
    c.open(broken);
    const v = c.change(broken, 'export function (\n' + SIGN_LINE + '\n');
    await c.waitFor('publish for the broken document', () => c.latest.get(uriOf(broken))?.version === v || undefined);
    fs.writeFileSync(path.join(dir, 'src/clean.ts'), binary);
    c.fileEvents([{ abs: path.join(dir, 'src/clean.ts'), type: 2 }]);
    const stats = await c.request('productionGap/stats') as { memory: { rss: number }; folders: Array<{ files: number }> };
    assert.ok(stats.memory.rss > 0 && stats.folders[0].files > 0);
    assert.ok(c.alive);
  });

  it('keeps workspace findings on opened documents; a multi-file fix creates a file and clears the finding', { timeout: 40_000 }, async (t) => {
    if (!RULES.some((r) => r.meta.id === 'deploy/no-ci')) return t.skip('deploy/no-ci is not registered');
    const dir = smallApp();
    const c = await start({ folders: [dir] });
    await c.waitForAnalysis();
    const pkg = path.join(dir, 'package.json');
    const noCi = () => c.ours(pkg, 'deploy/no-ci') ?? [];
    assert.equal(noCi().length, 1, 'a workspace finding anchored on package.json');
    c.open(pkg, undefined, 'json');
    await c.waitFor('publish for the opened package.json', () => c.latest.get(uriOf(pkg))?.version === 1 || undefined);
    assert.equal(noCi().length, 1, 'the workspace finding stays when the document is opened');

    // An unsaved CI workflow in the editor counts: the finding anchored in another file goes away.
    const workflow = path.join(dir, '.github/workflows/ci.yml');
    c.open(workflow, 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n', 'yaml');
    await c.waitFor('no-ci cleared by an open document', () => noCi().length === 0 || undefined);
    c.close(workflow);
    await c.waitFor('no-ci back once the unsaved workflow is closed', () => noCi().length === 1 || undefined);

    const [d] = noCi();
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uriOf(pkg) }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a) => a.edit?.documentChanges?.some((x) => 'kind' in x && x.kind === 'create'));
    assert.ok(fix, JSON.stringify(actions));
    const created = fix.edit!.documentChanges!.find((x) => 'kind' in x && x.kind === 'create') as { uri: string };
    const files = c.applyEdit(fix.edit!);
    const onDisk = [...files.keys()].filter((abs) => abs !== pkg);
    for (const abs of onDisk) writeFile('/', abs, files.get(abs)!);
    if (files.has(pkg)) c.change(pkg, files.get(pkg)!);
    c.fileEvents(onDisk.map((abs) => ({ abs, type: abs === new URL(created.uri).pathname ? 1 as const : 2 as const })));
    await c.waitFor('no-ci cleared by the created workflow', () => noCi().length === 0 || undefined);
  });

  it('merges the checklist of a multi-root workspace and answers the custom requests', { timeout: 40_000 }, async () => {
    const a = smallApp();
    const mvp = path.join(ROOT, 'examples/mvp');
    const b = fs.existsSync(mvp) ? copyDir(mvp) : smallApp();
    const c = await start({ folders: [a, b] });
    await c.waitForAnalysis();
    const cl = await c.waitFor('checklist of both folders', () => {
      const last = c.checklists.at(-1);
      return last?.folders.length === 2 ? last : undefined;
    });
    assert.deepEqual(cl.folders, [uriOf(a), uriOf(b)]);
    const findings = cl.phases[0].items.find((i) => i.id === 'audit.ship-stopping')!.findings.filter((f) => f.ruleId === RULE);
    assert.ok(findings.some((f) => f.uri.startsWith(uriOf(a) + '/')) && findings.some((f) => f.uri.startsWith(uriOf(b) + '/')), JSON.stringify(findings));
    const authB = path.join(b, 'src/lib/auth.ts');
    if (fs.existsSync(authB)) await c.waitFor('diagnostics in the second folder', () => c.ours(authB, RULE)?.length || undefined);

    const report = await c.request('productionGap/auditReport', { format: 'markdown' }) as { content: string };
    assert.match(report.content, /^# Production readiness audit: /);
    assert.ok(report.content.includes(RULE) && report.content.includes(path.basename(b)));

    const re = await c.request('productionGap/reanalyse') as { files: number; findings: number };
    assert.ok(re.files >= 10 && re.findings >= 3, JSON.stringify(re));
  });
});

function copyDir(src: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pg-lsp-mvp-')));
  fs.cpSync(src, dir, { recursive: true });
  return dir;
}
