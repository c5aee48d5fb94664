/**
 * A table-driven rule tester in the spirit of ESLint's RuleTester, over in-memory workspaces.
 * Invalid cases assert rule id, position, message and, for fixes, the exact output of every edited or
 * created file; every fix is also re-analysed: the files must still parse and the finding must be gone.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { Workspace } from '../../server/engine/workspace';
import { applyFix } from '../../server/engine/fixes';
import { parseFile } from '../../server/engine/parse';
import type { EngineConfig, Finding, Rule, Tier } from '../../server/engine/types';

/** A case: one TS/JS source (put in `src/app.ts`, or `filename`) or a whole in-memory workspace. */
export type Case = string | { name?: string; code?: string; filename?: string; files?: Record<string, string>; config?: EngineConfig; gitTracked?: string[] };

export interface ExpectedError {
  /** 1-based, as editors show them. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  file?: string;
  message?: string | RegExp;
  tier?: Tier;
}

export type InvalidCase = Exclude<Case, string> & {
  errors: ExpectedError[];
  /** Expected content of every file the fix edits or creates (path -> text). A string means the single edited file. */
  output?: Record<string, string> | string | null;
  /** Which fix of the first finding to apply (default 0). */
  fixIndex?: number;
};

export function filesOf(c: Case, defaultFile = 'src/app.ts'): Record<string, string> {
  if (typeof c === 'string') return { [defaultFile]: c };
  const files = { ...(c.files ?? {}) };
  if (c.code !== undefined) files[c.filename ?? defaultFile] = c.code;
  return files;
}

export function runOn(rules: readonly Rule[], files: Record<string, string>, config?: EngineConfig, gitTracked?: string[]): Finding[] {
  const run = (ignoreTriggers: boolean) => {
    const errors: string[] = [];
    const ws = new Workspace({ rules, config, ignoreTriggers, log: (l) => { if (l.level === 'error') errors.push(l.message); } });
    for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
    if (gitTracked) ws.setGitTracked(new Set(gitTracked));
    const result = ws.analyze();
    if (errors.length) throw new Error(`rule errors:\n${errors.join('\n')}`);
    const facts = Object.fromEntries(Object.keys(files).map((p) => [p, ws.analyzeFile(p)?.facts]));
    return { findings: result.findings, facts };
  };
  const gated = run(false);
  // A rule's `triggers` and its early exits on names (ctx.hasName, ctx.someName) only save time: the same files
  // analysed with every rule on every file, and every name taken as present, give the same result.
  if (rules.some((r) => r.scope === 'ts')) {
    const all = run(true);
    assert.deepEqual(gated.findings.map(describeFinding), all.findings.map(describeFinding), 'the rule\'s triggers hid a finding');
    assert.deepEqual(gated.facts, all.facts, 'the rule\'s triggers changed the facts');
  }
  return gated.findings;
}

function label(c: Case, i: number): string {
  if (typeof c === 'string') return `#${i}: ${c.split('\n').find((l) => l.trim() && !/^import|require\(/.test(l))?.trim().slice(0, 70) ?? c.slice(0, 70)}`;
  return `#${i}: ${c.name ?? Object.keys(filesOf(c)).join(', ')}`;
}

export function ruleTester(rule: Rule, cases: { valid: Case[]; invalid: InvalidCase[]; defaultFile?: string }): void {
  const defaultFile = cases.defaultFile ?? 'src/app.ts';
  describe(rule.meta.id, () => {
    describe('valid', () => {
      cases.valid.forEach((c, i) => it(label(c, i), () => {
        const findings = runOn([rule], filesOf(c, defaultFile), typeof c === 'string' ? undefined : c.config, typeof c === 'string' ? undefined : c.gitTracked);
        assert.deepEqual(findings.map(describeFinding), []);
      }));
    });
    describe('invalid', () => {
      cases.invalid.forEach((c, i) => it(label(c, i), () => {
        const files = filesOf(c, defaultFile);
        const findings = runOn([rule], files, c.config, c.gitTracked);
        assert.equal(findings.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${findings.map(describeFinding).join('\n')}`);
        c.errors.forEach((e, j) => {
          const f = findings[j];
          assert.equal(f.ruleId, rule.meta.id);
          const got = { file: f.file, line: f.range.start.line + 1, column: f.range.start.character + 1 } as Record<string, unknown>;
          const want = { file: e.file ?? (Object.keys(files).length === 1 ? Object.keys(files)[0] : f.file), line: e.line, column: e.column } as Record<string, unknown>;
          if (e.endLine !== undefined) { got.endLine = f.range.end.line + 1; want.endLine = e.endLine; }
          if (e.endColumn !== undefined) { got.endColumn = f.range.end.character + 1; want.endColumn = e.endColumn; }
          assert.deepEqual(got, want, `position of finding ${j}: ${f.message}`);
          if (typeof e.message === 'string') assert.equal(f.message, e.message);
          else if (e.message) assert.match(f.message, e.message);
          if (e.tier) assert.equal(f.tier, e.tier);
        });
        if (c.output === undefined) return;
        const first = findings[0];
        if (c.output === null) { assert.equal(first.fixes.length, 0, 'expected no fix'); return; }
        const fix = first.fixes[c.fixIndex ?? 0];
        assert.ok(fix, `finding has no fix #${c.fixIndex ?? 0}`);
        const changed = applyFix(new Map(Object.entries(files)), fix);
        const expected = typeof c.output === 'string' ? { [first.file]: c.output } : c.output;
        assert.deepEqual(Object.fromEntries(changed), expected);
        // The fixed workspace must parse and no longer have this finding.
        const after = { ...files, ...Object.fromEntries(changed) };
        for (const [p, t] of changed) {
          const parsed = parseFile(p, t);
          assert.equal(parsed?.parseError, undefined, `${p} no longer parses after the fix`);
        }
        const again = runOn([rule], after, c.config, c.gitTracked);
        assert.ok(!again.some((f) => f.fingerprint === first.fingerprint || (f.file === first.file && f.range.start.line === first.range.start.line && f.message === first.message)),
          `the finding is still there after the fix:\n${again.map(describeFinding).join('\n')}`);
      }));
    });
  });
}

export function describeFinding(f: Finding): string {
  return `${f.ruleId} ${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`;
}
