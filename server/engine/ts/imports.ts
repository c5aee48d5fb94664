/** The module bindings of a TS/JS file: what each local name was imported or required from. */
import { ts } from 'ts-morph';

/** `name` is 'default', '*' (namespace / whole CommonJS module) or an export name. */
export interface Binding { module: string; name: string; local: string; node: ts.Node }
export interface ImportFact { module: string; start: number; end: number }

export interface FileImports {
  modules: ImportFact[];
  bindings: Map<string, Binding>;
}

function requireSpecifier(e: ts.Expression | undefined): string | undefined {
  while (e && (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e))) e = e.expression;
  if (e && ts.isCallExpression(e) && e.arguments.length >= 1 && ts.isStringLiteralLike(e.arguments[0])) {
    if (ts.isIdentifier(e.expression) && e.expression.text === 'require') return e.arguments[0].text;
    if (e.expression.kind === ts.SyntaxKind.ImportKeyword) return e.arguments[0].text;
  }
  // require('x').default / require('x').Router
  return undefined;
}

function requireMember(e: ts.Expression | undefined): { module: string; name: string } | undefined {
  if (e && ts.isPropertyAccessExpression(e)) {
    const m = requireSpecifier(e.expression);
    if (m) return { module: m, name: e.name.text === 'default' ? 'default' : e.name.text };
  }
  return undefined;
}

/** Reads import declarations, `import x = require()`, `require()` / `await import()` in variable declarations at any depth of the top-level statements, and top-level const aliases of those. */
export function collectImports(sf: ts.SourceFile): FileImports {
  const modules: ImportFact[] = [];
  const bindings = new Map<string, Binding>();
  const bind = (local: string, module: string, name: string, node: ts.Node) => bindings.set(local, { local, module, name, node });

  const fromDeclaration = (d: ts.VariableDeclaration) => {
    const spec = requireSpecifier(d.initializer);
    const member = spec ? undefined : requireMember(d.initializer);
    const module = spec ?? member?.module;
    if (!module) return;
    modules.push({ module, start: d.getStart(sf), end: d.end });
    if (ts.isIdentifier(d.name)) bind(d.name.text, module, member ? member.name : '*', d);
    else if (ts.isObjectBindingPattern(d.name) && !member) {
      for (const el of d.name.elements) {
        if (!ts.isIdentifier(el.name)) continue;
        const imported = el.propertyName && (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName)) ? el.propertyName.text : el.name.text;
        bind(el.name.text, module, imported, el);
      }
    }
  };

  const visitStatement = (st: ts.Node) => {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const module = st.moduleSpecifier.text;
      modules.push({ module, start: st.getStart(sf), end: st.end });
      const clause = st.importClause;
      if (clause?.name) bind(clause.name.text, module, 'default', clause);
      const nb = clause?.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) bind(nb.name.text, module, '*', nb);
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) bind(el.name.text, module, (el.propertyName ?? el.name).text, el);
    } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference) && ts.isStringLiteral(st.moduleReference.expression)) {
      const module = st.moduleReference.expression.text;
      modules.push({ module, start: st.getStart(sf), end: st.end });
      bind(st.name.text, module, '*', st);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) fromDeclaration(d);
    } else if (ts.isExpressionStatement(st)) {
      const spec = requireSpecifier(st.expression);
      if (spec) modules.push({ module: spec, start: st.getStart(sf), end: st.end });
    }
  };
  for (const st of sf.statements) visitStatement(st);
  // `const ctrl = bookController;`: a top-level const alias of an imported name stands for the same import
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st) || !(st.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !d.initializer || !ts.isIdentifier(d.initializer) || bindings.has(d.name.text)) continue;
      const b = bindings.get(d.initializer.text);
      if (b) bind(d.name.text, b.module, b.name, d);
    }
  }
  return { modules, bindings };
}

/** The file imports (or requires) one of these module names exactly. */
export function importsAnyOf(imports: FileImports, mods: readonly string[]): boolean {
  return imports.modules.some((m) => mods.includes(m.module));
}

/** Package name of a module specifier ('@scope/pkg/sub' -> '@scope/pkg'); undefined for relative or node: specifiers. */
export function packageName(spec: string): string | undefined {
  // Several rules and collectors ask for every import of every file: memoised (module specifiers repeat a lot).
  let name = packageNames.get(spec);
  if (name === undefined && !packageNames.has(spec)) {
    if (packageNames.size > 10_000) packageNames.clear();
    packageNames.set(spec, (name = packageNameOf(spec)));
  }
  return name;
}
const packageNames = new Map<string, string | undefined>();

function packageNameOf(spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('/')) return undefined;
  if (spec.startsWith('node:')) return spec.slice(5).split('/')[0];
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
