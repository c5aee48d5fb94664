/**
 * Hot-path node helpers for the route facts: same results as unwrap / accessPath / calleeName / resolveCallee
 * (ts/helpers.ts) and findDeclaration (ts/values.ts), but reading the compiler API through one local binding.
 * Why: bundled, `import { ts } from 'ts-morph'` goes through esbuild's CommonJS interop, so every `ts.isX` read
 * costs two property getters; on a route-heavy workspace that was a third of the route facts' time.
 */
import { ts } from 'ts-morph';
import type { FileImports } from '../ts/imports';
import type { ResolvedCallee } from '../ts/helpers';

const K = ts.SyntaxKind;

/** Strips parentheses, `as`, `!`, `satisfies`, type assertions and `await` (ts/helpers.ts `unwrap`). */
export function uw(e: ts.Expression): ts.Expression {
  for (;;) {
    switch (e.kind) {
      case K.ParenthesizedExpression: case K.AsExpression: case K.NonNullExpression: case K.SatisfiesExpression: case K.TypeAssertionExpression: case K.AwaitExpression:
        e = (e as ts.ParenthesizedExpression).expression; continue;
      default: return e;
    }
  }
}

/** `a.b['c']` -> ['a', 'b', 'c'] (ts/helpers.ts `accessPath`). */
export function pathOf(e: ts.Expression): string[] | undefined {
  const out: string[] = [];
  for (e = uw(e); ; e = uw(e)) {
    switch (e.kind) {
      case K.Identifier: out.push((e as ts.Identifier).text); return out.reverse();
      case K.ThisKeyword: out.push('this'); return out.reverse();
      case K.PropertyAccessExpression: out.push((e as ts.PropertyAccessExpression).name.text); e = (e as ts.PropertyAccessExpression).expression; continue;
      case K.ElementAccessExpression: {
        const arg = (e as ts.ElementAccessExpression).argumentExpression;
        if (arg.kind !== K.StringLiteral && arg.kind !== K.NoSubstitutionTemplateLiteral) return undefined;
        out.push((arg as ts.StringLiteral).text); e = (e as ts.ElementAccessExpression).expression; continue;
      }
      default: return undefined;
    }
  }
}

/** The name called: `a.b.sign(...)` -> 'sign' (ts/helpers.ts `calleeName`). */
export function nameOf(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = uw(call.expression);
  if (e.kind === K.Identifier) return (e as ts.Identifier).text;
  if (e.kind === K.PropertyAccessExpression) return (e as ts.PropertyAccessExpression).name.text;
  if (e.kind === K.ElementAccessExpression) {
    const arg = (e as ts.ElementAccessExpression).argumentExpression;
    if (arg.kind === K.StringLiteral || arg.kind === K.NoSubstitutionTemplateLiteral) return (arg as ts.StringLiteral).text;
  }
  return undefined;
}

/** What a callee refers to in terms of modules (ts/helpers.ts `resolveCallee`). */
export function resolveFast(callee: ts.Expression, imports: FileImports): ResolvedCallee | undefined {
  let root = uw(callee);
  while (root.kind === K.PropertyAccessExpression || root.kind === K.ElementAccessExpression) root = uw((root as ts.PropertyAccessExpression).expression);
  if (root.kind !== K.Identifier || !imports.bindings.has((root as ts.Identifier).text)) return undefined;
  const path = pathOf(callee);
  if (!path) return undefined;
  const b = imports.bindings.get(path[0])!;
  const head = b.name === '*' || b.name === 'default' ? [] : [b.name];
  const rest = path.slice(1);
  if (rest[0] === 'default' && (b.name === '*' || b.name === 'default')) rest.shift();
  return { module: b.module, path: [...head, ...rest] };
}

const isFunctionLike = (n: ts.Node): n is ts.SignatureDeclaration => {
  switch (n.kind) {
    case K.FunctionDeclaration: case K.FunctionExpression: case K.ArrowFunction: case K.MethodDeclaration: case K.Constructor: case K.GetAccessor: case K.SetAccessor: return true;
    default: return false;
  }
};

/** Declarations by name with the file's top level indexed once (ts/values.ts `findDeclaration`, without rescanning the file per lookup). */
export class Scopes {
  private top?: Map<string, ts.Node>;
  constructor(private readonly sf: ts.SourceFile) {}

  private inBinding(b: ts.BindingName, name: string): ts.Node | undefined {
    if (b.kind === K.Identifier) return (b as ts.Identifier).text === name ? b : undefined;
    for (const el of (b as ts.BindingPattern).elements) {
      if (el.kind === K.OmittedExpression) continue;
      const hit = this.inBinding((el as ts.BindingElement).name, name);
      if (hit) return (el as ts.BindingElement).name.kind === K.Identifier ? el : hit;
    }
    return undefined;
  }

  private fromStatements(stmts: readonly ts.Statement[], name: string): ts.Node | undefined {
    for (const st of stmts) {
      if (st.kind === K.VariableStatement) {
        for (const d of (st as ts.VariableStatement).declarationList.declarations) { const hit = this.inBinding(d.name, name); if (hit) return d.name.kind === K.Identifier ? d : hit; }
      } else if ((st.kind === K.FunctionDeclaration || st.kind === K.ClassDeclaration || st.kind === K.EnumDeclaration) && (st as ts.FunctionDeclaration).name?.text === name) return st;
      else if (st.kind === K.ImportDeclaration && (st as ts.ImportDeclaration).importClause) {
        const c = (st as ts.ImportDeclaration).importClause!;
        if (c.name?.text === name) return c;
        const nb = c.namedBindings;
        if (nb && nb.kind === K.NamespaceImport && nb.name.text === name) return nb;
        if (nb && nb.kind === K.NamedImports) for (const el of nb.elements) if (el.name.text === name) return el;
      } else if (st.kind === K.ImportEqualsDeclaration && (st as ts.ImportEqualsDeclaration).name.text === name) return st;
    }
    return undefined;
  }

  private topLevel(name: string): ts.Node | undefined {
    if (!this.top) {
      this.top = new Map();
      const names = new Set<string>();
      const collect = (b: ts.BindingName) => { if (b.kind === K.Identifier) names.add((b as ts.Identifier).text); else for (const el of (b as ts.BindingPattern).elements) if (el.kind !== K.OmittedExpression) collect((el as ts.BindingElement).name); };
      for (const st of this.sf.statements) {
        if (st.kind === K.VariableStatement) for (const d of (st as ts.VariableStatement).declarationList.declarations) collect(d.name);
        else if ((st as ts.FunctionDeclaration).name && (st.kind === K.FunctionDeclaration || st.kind === K.ClassDeclaration || st.kind === K.EnumDeclaration)) names.add((st as ts.FunctionDeclaration).name!.text);
        else if (st.kind === K.ImportDeclaration) {
          const c = (st as ts.ImportDeclaration).importClause;
          if (c?.name) names.add(c.name.text);
          const nb = c?.namedBindings;
          if (nb && nb.kind === K.NamespaceImport) names.add(nb.name.text);
          if (nb && nb.kind === K.NamedImports) for (const el of nb.elements) names.add(el.name.text);
        } else if (st.kind === K.ImportEqualsDeclaration) names.add((st as ts.ImportEqualsDeclaration).name.text);
      }
      for (const n of names) { const d = this.fromStatements(this.sf.statements, n); if (d) this.top.set(n, d); }
    }
    return this.top.get(name);
  }

  /** Where `id` is declared, seen from its use: a parameter, a variable, a binding element, an import, a function. */
  declOf(id: ts.Identifier): ts.Node | undefined {
    const name = id.text;
    for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
      if (isFunctionLike(n)) {
        for (const p of n.parameters) { const hit = this.inBinding(p.name, name); if (hit) return p.name.kind === K.Identifier ? p : hit; }
        if ((n.kind === K.FunctionExpression) && (n as ts.FunctionExpression).name?.text === name) return n;
      }
      if ((n.kind === K.ForStatement || n.kind === K.ForOfStatement || n.kind === K.ForInStatement) && (n as ts.ForStatement).initializer?.kind === K.VariableDeclarationList) {
        for (const d of ((n as ts.ForStatement).initializer as ts.VariableDeclarationList).declarations) { const hit = this.inBinding(d.name, name); if (hit) return d.name.kind === K.Identifier ? d : hit; }
      }
      if (n.kind === K.CatchClause && (n as ts.CatchClause).variableDeclaration && this.inBinding((n as ts.CatchClause).variableDeclaration!.name, name)) return (n as ts.CatchClause).variableDeclaration;
      if (n.kind === K.SourceFile) return this.topLevel(name);
      if (n.kind === K.Block || n.kind === K.ModuleBlock || n.kind === K.CaseClause || n.kind === K.DefaultClause) {
        const hit = this.fromStatements((n as ts.Block).statements, name);
        if (hit) return hit;
      }
    }
    return undefined;
  }
}
