/** Edits that make a module export usable in a file: reuse a binding, or add a specifier to an existing import. */
import { ts } from 'ts-morph';
import type { TextEdit } from '../types';
import type { FileImports } from './imports';
import { insertAt } from './edits';

/**
 * How to refer to `name` exported by `module` in this file: an existing binding (`Index`, `orm.Index`), or a new
 * specifier added to the file's `import { ... } from 'module'`. Undefined when the file has no import of the
 * module to extend (a require, a default-only import).
 */
export function namedImportRef(sf: ts.SourceFile, file: string, imports: FileImports, module: string, name: string): { ref: string; edit?: TextEdit } | undefined {
  for (const b of imports.bindings.values()) {
    if (b.module !== module) continue;
    if (b.name === name) return { ref: b.local };
    if (b.name === '*') return { ref: `${b.local}.${name}` };
  }
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== module) continue;
    const clause = st.importClause;
    if (!clause || clause.isTypeOnly) continue;
    const nb = clause.namedBindings;
    if (nb && ts.isNamedImports(nb)) {
      if (clause.name && nb.elements.length === 0) continue;
      const taken = imports.bindings.has(name);
      if (taken) return undefined;
      const last = nb.elements[nb.elements.length - 1];
      if (!last) return { ref: name, edit: insertAt(sf, file, nb.getStart(sf) + 1, ` ${name} `) };
      return { ref: name, edit: insertAt(sf, file, last.end, `, ${name}`) };
    }
  }
  return undefined;
}
