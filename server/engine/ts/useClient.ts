import { ts } from 'ts-morph';

/** A top-level `'use client'` statement anywhere in the file (not only in the directive prologue). */
export function hasUseClient(sf: ts.SourceFile): boolean {
  return sf.statements.some((s) => ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && s.expression.text === 'use client');
}
