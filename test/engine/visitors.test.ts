/** Rule visitors are keyed by SyntaxKind names (types.ts TsVisitor): how the engine maps them, and what a bad key does. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ts } from 'ts-morph';
import { Workspace } from '../../server/engine/workspace';
import { handlersByKind, kindOf } from '../../server/engine/ts/visitors';
import type { EngineLog, TsRule } from '../../server/engine/types';

const meta = (id: string) => ({ id, category: 'errors', phase: 'harden', tier: 'tech-debt', title: id, fixKind: 'none', effort: 'minutes', checklist: 'harden.errors', docs: { why: '', bad: { files: {} }, good: { files: {} }, fix: '' } }) as unknown as TsRule['meta'];

describe('visitor keys', () => {
  it('name kinds, aliases included; a key that names none is an error', () => {
    assert.equal(kindOf('CallExpression'), ts.SyntaxKind.CallExpression);
    assert.equal(kindOf('FirstStatement'), ts.SyntaxKind.VariableStatement);
    assert.throws(() => kindOf('Callexpression'), /not a ts.SyntaxKind name/);
    const h = () => {};
    const table = handlersByKind({ StringLiteral: h, onEnd: () => {} });
    assert.equal(table[ts.SyntaxKind.StringLiteral], h);
    assert.equal(table.filter(Boolean).length, 1);
  });

  it('the engine calls handlers by name; a rule with a bad key is logged and skipped, the others run', () => {
    const seen: string[] = [];
    const good: TsRule = { meta: meta('errors/test-good'), scope: 'ts', create: (ctx) => ({ StringLiteral: (n) => { seen.push((n as ts.StringLiteral).text); ctx.report({ message: 'string', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }); }, onEnd: () => seen.push('end') }) };
    const bad: TsRule = { meta: meta('errors/test-bad'), scope: 'ts', create: () => ({ StringLiteral: () => seen.push('never'), Stringliteral: () => seen.push('never'), onEnd: () => seen.push('never') }) as never };
    const logs: EngineLog[] = [];
    const ws = new Workspace({ rules: [bad, good], log: (l) => logs.push(l) });
    ws.setFile('src/a.ts', "export const a = 'x';\nexport const b = 'y';\n");
    const r = ws.analyze();
    assert.deepEqual(seen, ['x', 'y', 'end']);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['errors/test-good', 'errors/test-good']);
    assert.ok(logs.some((l) => l.level === 'error' && /errors\/test-bad/.test(l.message) && /Stringliteral/.test(l.message)), JSON.stringify(logs));
  });
});
