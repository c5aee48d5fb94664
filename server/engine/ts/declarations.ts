/** Scope-aware name lookup on compiler nodes (no other module of the engine): shared by helpers.ts (ConstTable) and values.ts. */
import { ts } from 'ts-morph';

const topLevelMemo = new WeakMap<ts.SourceFile, Map<string, ts.Node | null>>();

/** Where a name is declared, as seen from a use: a parameter, a variable, a binding element, an import, a function... */
export function findDeclaration(id: ts.Identifier): ts.Node | undefined {
  const name = id.text;
  const inBinding = (b: ts.BindingName): ts.Node | undefined => {
    if (ts.isIdentifier(b)) return b.text === name ? b : undefined;
    for (const el of b.elements) {
      if (ts.isOmittedExpression(el)) continue;
      const hit = inBinding(el.name);
      if (hit) return ts.isIdentifier(el.name) ? el : hit;
    }
    return undefined;
  };
  const fromList = (list: ts.VariableDeclarationList): ts.Node | undefined => {
    for (const d of list.declarations) {
      const hit = inBinding(d.name);
      if (hit) return ts.isIdentifier(d.name) ? d : hit;
    }
    return undefined;
  };
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) {
      for (const p of n.parameters) {
        const hit = inBinding(p.name);
        if (hit) return ts.isIdentifier(p.name) ? p : hit;
      }
      if ((ts.isFunctionExpression(n) || ts.isClassExpression(n)) && n.name?.text === name) return n;
    }
    if ((ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n)) && n.initializer && ts.isVariableDeclarationList(n.initializer)) {
      const hit = fromList(n.initializer);
      if (hit) return hit;
    }
    if (ts.isCatchClause(n) && n.variableDeclaration && inBinding(n.variableDeclaration.name)) return n.variableDeclaration;
    if (ts.isSourceFile(n)) {
      // The top level is searched for many names: remember each answer per file.
      let memo = topLevelMemo.get(n);
      if (!memo) topLevelMemo.set(n, (memo = new Map()));
      if (memo.has(name)) return memo.get(name) ?? undefined;
      const hit = inStatements(n.statements);
      memo.set(name, hit ?? null);
      return hit;
    }
    if (ts.isBlock(n) || ts.isModuleBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) {
      const hit = inStatements(n.statements);
      if (hit) return hit;
    }
  }
  return undefined;

  function inStatements(statements: readonly ts.Statement[]): ts.Node | undefined {
    for (const st of statements) {
      if (ts.isVariableStatement(st)) { const hit = fromList(st.declarationList); if (hit) return hit; }
      else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name?.text === name) return st;
      else if (ts.isImportDeclaration(st) && st.importClause) {
        const c = st.importClause;
        if (c.name?.text === name) return c;
        const nb = c.namedBindings;
        if (nb && ts.isNamespaceImport(nb) && nb.name.text === name) return nb;
        if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) if (el.name.text === name) return el;
      } else if (ts.isImportEqualsDeclaration(st) && st.name.text === name) return st;
    }
    return undefined;
  }
}

/** The value a `const` name was given where it is declared (local or top-level): `status` of `const status = err.status || 500`. */
export function constInitializer(id: ts.Identifier): ts.Expression | undefined {
  const d = findDeclaration(id);
  return d && ts.isVariableDeclaration(d) && ts.isVariableDeclarationList(d.parent) && d.parent.flags & ts.NodeFlags.Const ? d.initializer : undefined;
}

/**
 * The declared type name of a class's field: a constructor parameter property (`constructor(private user: UsersService)`)
 * or a typed property (`@Inject() users: UsersService`). What `this.<prop>` is, when the class says.
 */
export function declaredFieldType(cls: ts.ClassLikeDeclaration, prop: string): string | undefined {
  for (const m of cls.members) {
    let type: ts.TypeNode | undefined;
    if (ts.isConstructorDeclaration(m)) type = m.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === prop)?.type;
    else if (ts.isPropertyDeclaration(m) && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) && m.name.text === prop) type = m.type;
    if (type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) return type.typeName.text;
  }
  return undefined;
}
