/** Decorators on compiler nodes, resolved to the module that exports them (`@ManyToOne` from 'typeorm'). */
import { ts } from 'ts-morph';
import type { FileImports } from './imports';
import { resolveCallee } from './helpers';

export interface ResolvedDecorator {
  node: ts.Decorator;
  module: string;
  /** Export path: ['ManyToOne'], or ['Schema'] for `@nest.Schema()`... */
  name: string;
  /** The call, when the decorator is called (`@Column()`, not `@Column`). */
  call?: ts.CallExpression;
  args: readonly ts.Expression[];
}

export function decoratorsOf(node: ts.Node): readonly ts.Decorator[] {
  return ts.canHaveDecorators(node) ? ts.getDecorators(node) ?? [] : [];
}

/** Resolves a decorator through the file's imports; undefined for local or unknown decorators. */
export function resolveDecorator(dec: ts.Decorator, imports: FileImports): ResolvedDecorator | undefined {
  const e = dec.expression;
  const call = ts.isCallExpression(e) ? e : undefined;
  const callee = resolveCallee(call ? call.expression : e, imports);
  if (!callee || callee.path.length !== 1) return undefined;
  return { node: dec, module: callee.module, name: callee.path[0], call, args: call ? call.arguments : [] };
}

/** The decorators of a node that come from one of `modules`, by export name. */
export function decoratorsFrom(node: ts.Node, imports: FileImports, modules: readonly string[]): Map<string, ResolvedDecorator> {
  const out = new Map<string, ResolvedDecorator>();
  for (const d of decoratorsOf(node)) {
    const r = resolveDecorator(d, imports);
    if (r && modules.includes(r.module) && !out.has(r.name)) out.set(r.name, r);
  }
  return out;
}
