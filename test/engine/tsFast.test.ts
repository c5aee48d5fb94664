/**
 * scripts/tsFast.ts, the `ts` the bundles give the product's modules: ts-morph's own TypeScript bundle, taken
 * without ts-morph's wrapper library, as a plain object.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ts as viaTsMorph } from 'ts-morph';
import { ts } from '../../scripts/tsFast';

describe('tsFast', () => {
  it('is the TypeScript that ts-morph ships (same version, same SyntaxKind numbers)', () => {
    assert.equal(ts.version, viaTsMorph.version);
    assert.equal(ts.SyntaxKind.CallExpression, viaTsMorph.SyntaxKind.CallExpression);
    assert.equal(ts.SyntaxKind[ts.SyntaxKind.LastToken], viaTsMorph.SyntaxKind[viaTsMorph.SyntaxKind.LastToken]);
  });

  it('parses and walks as ts-morph\'s does', () => {
    const text = "import express from 'express';\nconst app = express();\napp.post('/x', (req, res) => res.json(req.body));\n";
    const kinds = (api: typeof ts) => {
      const out: number[] = [];
      const visit = (n: import('ts-morph').ts.Node) => { out.push(n.kind); api.forEachChild(n, visit); };
      visit(api.createSourceFile('a.ts', text, api.ScriptTarget.Latest, true));
      return out;
    };
    assert.deepEqual(kinds(ts), kinds(viaTsMorph));
    assert.ok(kinds(ts).includes(ts.SyntaxKind.ArrowFunction));
  });

  it('has its functions as plain properties, not getters (the hot paths read them per node)', () => {
    for (const name of ['isIdentifier', 'forEachChild', 'isCallExpression', 'createSourceFile'] as const) {
      const d = Object.getOwnPropertyDescriptor(ts, name);
      assert.ok(d && typeof d.value === 'function' && !d.get, name);
    }
  });
});
