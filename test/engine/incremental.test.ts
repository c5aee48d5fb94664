import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ts } from 'ts-morph';
import { Workspace } from '../../server/engine/workspace';
import type { EngineLog, Rule, TsRule, WorkspaceRule } from '../../server/engine/types';

const meta = (id: string) => ({
  id, category: 'errors' as const, phase: 'harden' as const, tier: 'tech-debt' as const, title: 'test rule', fixKind: 'none' as const, effort: 'hour' as const,
  checklist: 'harden.error-tracking', docs: { why: '', bad: { files: {} }, good: { files: {} }, fix: '' },
});

/** A workspace rule that reads only facts: fires on the entry of a server package that initialises no tracker. */
const noTracker: WorkspaceRule = {
  meta: meta('test/no-tracker'), scope: 'workspace',
  check(ctx) {
    for (const p of ctx.facts.packages) {
      if (p.serverEntries.length && !p.errorTrackers.length) {
        ctx.report({ file: p.serverEntries[0], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'no tracker' });
      }
    }
  },
};
const everyCall: TsRule = {
  meta: meta('test/every-call'), scope: 'ts',
  create(ctx) {
    return { CallExpression: (n) => ctx.report({ range: { start: ctx.sf.getLineAndCharacterOfPosition(n.getStart(ctx.sf)), end: ctx.sf.getLineAndCharacterOfPosition(n.end) }, message: 'call' }) };
  },
};
const throwing: TsRule = {
  meta: meta('test/throws'), scope: 'ts',
  create() { return { Identifier: () => { throw new Error('boom'); } }; },
};

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4' } }),
  'src/server.ts': "import express from 'express';\nimport { routes } from './routes';\nconst app = express();\napp.use(routes);\napp.listen(3000);\n",
  'src/routes.ts': "import { Router } from 'express';\nexport const routes = Router();\n",
  'src/util.ts': 'export const add = (a: number, b: number) => a + b;\n',
};

function make(rules: Rule[], log?: (l: EngineLog) => void) {
  const ws = new Workspace({ rules, log });
  for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
  return ws;
}

describe('incremental analysis', () => {
  it('re-parses only the edited file and re-derives workspace facts from cached facts', () => {
    const ws = make([noTracker, everyCall]);
    const first = ws.analyze();
    assert.equal(ws.stats.parses, 4);
    assert.deepEqual(first.findings.filter((f) => f.ruleId === 'test/no-tracker').map((f) => f.file), ['src/server.ts']);

    // Adding a tracker in another file clears the workspace finding anchored on server.ts.
    ws.setFile('src/routes.ts', files['src/routes.ts'] + "import * as Sentry from '@sentry/node';\nSentry.init({ dsn: process.env.SENTRY_DSN });\n");
    const second = ws.analyze();
    assert.equal(ws.stats.parses, 5, 'only the edited file was parsed again');
    assert.deepEqual(second.findings.filter((f) => f.ruleId === 'test/no-tracker'), []);
    assert.deepEqual(second.facts.packages[0].errorTrackers, [{ file: 'src/routes.ts', name: 'Sentry' }]);

    // Setting identical text, or reverting to a text seen before, parses nothing.
    ws.setFile('src/util.ts', files['src/util.ts']);
    ws.setFile('src/routes.ts', files['src/routes.ts']);
    const third = ws.analyze();
    assert.equal(ws.stats.parses, 5);
    assert.equal(third.findings.filter((f) => f.ruleId === 'test/no-tracker').length, 1);
  });

  it('forgets a deleted file and its findings', () => {
    const ws = make([everyCall]);
    assert.ok(ws.analyze().findings.some((f) => f.file === 'src/server.ts'));
    ws.deleteFile('src/server.ts');
    const r = ws.analyze();
    assert.ok(!r.findings.some((f) => f.file === 'src/server.ts'));
    assert.deepEqual(r.facts.packages[0].serverEntries, []);
  });

  it('keeps fingerprints stable when lines are added above a finding', () => {
    const ws = make([everyCall]);
    const before = ws.analyze().findings.filter((f) => f.file === 'src/server.ts').map((f) => f.fingerprint);
    ws.setFile('src/server.ts', '// a comment\n\n' + files['src/server.ts']);
    const after = ws.analyze().findings.filter((f) => f.file === 'src/server.ts');
    assert.deepEqual(after.map((f) => f.fingerprint), before);
    assert.equal(after[0].range.start.line, 4);
  });

  it('reports a rule that throws (rule id + file) and still runs the others', () => {
    const logs: EngineLog[] = [];
    const ws = make([throwing, everyCall], (l) => logs.push(l));
    const r = ws.analyze();
    assert.ok(r.findings.some((f) => f.ruleId === 'test/every-call'));
    const errs = logs.filter((l) => l.level === 'error');
    assert.ok(errs.length >= 1);
    assert.ok(errs.every((l) => l.ruleId === 'test/throws' && !!l.file));
  });

  it('applies config: rules off and tier overrides', () => {
    const ws = make([everyCall, noTracker]);
    ws.setConfig({ rules: { 'test/every-call': 'off', 'test/no-tracker': 'ship-stopping' } });
    const r = ws.analyze();
    assert.ok(!r.findings.some((f) => f.ruleId === 'test/every-call'));
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.tier]), [['test/no-tracker', 'ship-stopping']]);
  });

  it('logs a file with broken syntax and keeps analysing it and the others', () => {
    const logs: EngineLog[] = [];
    const ws = make([everyCall], (l) => logs.push(l));
    ws.setFile('src/broken.ts', 'export function (( {\n  call(\n');
    const r = ws.analyze();
    assert.ok(logs.some((l) => l.file === 'src/broken.ts' && /parse/.test(l.message)));
    assert.ok(r.findings.some((f) => f.file === 'src/server.ts'));
  });
});

describe('incremental re-parsing of edited files', () => {
  const strip = (fs: readonly { ruleId: string; file: string; range: unknown; message: string; fixes: unknown }[]) => fs.map((f) => ({ ruleId: f.ruleId, file: f.file, range: f.range, message: f.message, fixes: f.fixes }));

  it('gives, edit after edit, exactly the findings of a fresh analysis of the same texts', async () => {
    const { RULES } = await import('../../rules');
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const rel = 'src/routes/projects.ts';
    const original = readFileSync(join(__dirname, '../../examples/mvp', rel), 'utf8');
    const edited = new Workspace({ rules: RULES, today: () => '2026-01-01' });
    edited.setFile(rel, original);
    edited.analyzeFile(rel);
    // Typing, deleting, pasting a block, breaking the syntax and repairing it: each version re-parsed from the last tree.
    const versions: string[] = [];
    let text = original;
    const at = (needle: string) => { const i = text.indexOf(needle); assert.ok(i >= 0, needle); return i; };
    text = text.slice(0, at('projectsRouter.get')) + '// a comment\n' + text.slice(at('projectsRouter.get')); versions.push(text);
    text = text.replace('// a comment\n', '// another one\n'); versions.push(text);
    text = text + "\nprojectsRouter.get('/extra/:id', async (req, res) => {\n  res.json(await prisma.$queryRawUnsafe(`SELECT * FROM t WHERE id = ${req.params.id}`));\n});\n"; versions.push(text);
    text = text.slice(0, at('/extra')) + ' ((( ' + text.slice(at('/extra')); versions.push(text);
    text = text.replace(' ((( ', ' '); versions.push(text);
    text = text.replace(/res\.json/g, 'res.send'); versions.push(text);
    for (const v of versions) {
      edited.setFile(rel, v);
      const fresh = new Workspace({ rules: RULES, today: () => '2026-01-01' });
      fresh.setFile(rel, v);
      assert.deepEqual(strip(edited.analyzeFile(rel)!.findings), strip(fresh.analyzeFile(rel)!.findings));
      assert.equal(edited.analyzeFile(rel)!.logs.length, fresh.analyzeFile(rel)!.logs.length);
    }
    // The first edit is parsed whole (a file keeps its tree once it has been edited), the next ones incrementally.
    assert.equal(edited.stats.incrementalParses, versions.length - 1);
    assert.ok(versions.some((v) => { const w = new Workspace({ rules: RULES }); w.setFile(rel, v); return w.analyzeFile(rel)!.findings.some((f) => f.ruleId === 'security/sql-injection' && f.range.start.line > 20); }), 'the appended route is analysed');
  });

  it('re-parses random edits (inserts, deletions, pastes across 256-character blocks) into the tree a fresh parse gives', async () => {
    const { parseTs } = await import('../../server/engine/parse');
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dump = (sf: ts.SourceFile): string => {
      const out: string[] = [];
      const visit = (n: ts.Node): void => {
        out.push(`${n.kind}@${n.pos}-${n.end}${ts.isIdentifier(n) || ts.isLiteralExpression(n) ? `:${n.text}` : ''}`);
        ts.forEachChild(n, visit);
      };
      visit(sf);
      return out.join(' ');
    };
    let seed = 42;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    let text = readFileSync(join(__dirname, '../../examples/mvp/src/routes/projects.ts'), 'utf8');
    const pool = ['x', ' ', '\n', 'const a = 1;\n', '})', "'", '/* c */', 'await prisma.user.findMany({ where: { id } });\n'.repeat(12)];
    let tree = parseTs('src/a.ts', text);
    for (let i = 0; i < 120; i++) {
      const at = i % 10 === 0 ? Math.floor(text.length / 256) * 256 : rand(text.length + 1);
      const del = i % 7 === 0 ? rand(600) : rand(4);
      const ins = i % 5 === 0 ? '' : pool[rand(pool.length)];
      text = text.slice(0, at) + ins + text.slice(at + del);
      tree = parseTs('src/a.ts', text, tree);
      assert.equal(tree.text, text);
      assert.equal(dump(tree), dump(ts.createSourceFile('src/a.ts', text, ts.ScriptTarget.Latest, true)), `edit ${i}: ${del} deleted and ${JSON.stringify(ins.slice(0, 20))} inserted at ${at}`);
    }
  });

  it('an analysis that defers its facts (the editor\'s answer to a keystroke) completes them before the workspace step', async () => {
    const { RULES } = await import('../../rules');
    const { loadWorkspace } = await import('../../server/engine/load');
    const { join } = await import('node:path');
    const root = join(__dirname, '../../examples/mvp');
    const rel = 'src/server.ts';
    const routesRel = 'src/routes/projects.ts';
    const ws = loadWorkspace(root, { rules: RULES, today: () => '2026-01-01' });
    ws.analyze();
    const edits: Record<string, string> = {
      [routesRel]: ws.getText(routesRel)!.replace("projectsRouter.get('/search'", "projectsRouter.get('/find'"),
      [rel]: ws.getText(rel)!.replace('app.listen(', 'const port = process.env.EXTRA_PORT;\napp.listen('),
    };
    const fresh = loadWorkspace(root, { rules: RULES, today: () => '2026-01-01' });
    for (const [p, t] of Object.entries(edits)) {
      ws.setFile(p, t);
      const quick = ws.analyzeFile(p, { deferFacts: true })!;
      assert.equal(quick.factsPending, true);
      assert.equal(quick.facts.routes, undefined);
      assert.equal(quick.facts.envReads, undefined, 'no facts collected yet');
      fresh.setFile(p, t);
      assert.deepEqual(strip(quick.findings), strip(fresh.analyzeFile(p)!.findings), 'the same file findings');
    }
    const full = ws.analyze();
    for (const p of Object.keys(edits)) {
      const a = ws.analyzeFile(p)!;
      assert.equal(a.factsPending, undefined);
      assert.deepEqual(a.facts, fresh.analyzeFile(p)!.facts, `the facts of ${p}, completed, are those of a fresh analysis`);
    }
    assert.ok(ws.analyzeFile(rel)!.facts.envReads?.some((r) => r.name === 'EXTRA_PORT'), 'the new environment read is a fact');
    assert.ok(full.facts.routes.some((r) => r.path.endsWith('/find')), 'the edited route is in the route map');
    assert.deepEqual(strip(full.findings), strip(fresh.analyze().findings));
  });

  it('reports time per rule, parse and facts when asked (for benchmarks)', () => {
    const timing = new Map<string, number>();
    const ws = new Workspace({ rules: [everyCall, noTracker], timing });
    for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
    ws.analyze();
    assert.deepEqual([...timing.keys()].sort(), ['(facts)', '(parse)', '(workspace facts)', 'test/every-call', 'test/no-tracker']);
    for (const ms of timing.values()) assert.ok(ms >= 0);
  });
});
