/** Declarations by name for the route facts, with each file's top level indexed once (ts/values.ts `findDeclaration` rescans). */
import { ts } from 'ts-morph';

const K = ts.SyntaxKind;

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
