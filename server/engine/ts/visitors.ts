/** TsVisitor keys (SyntaxKind names) to the kinds' numbers, for the walks that dispatch on `node.kind`. */
import { ts } from 'ts-morph';
import type { TsVisitor } from '../types';

const KINDS = ts.SyntaxKind as unknown as Record<string, number | string>;

/** The kind a visitor key names (aliases such as `FirstStatement` included); throws on a key that names none. */
export function kindOf(name: string): number {
  const k = KINDS[name];
  if (typeof k !== 'number') throw new Error(`visitor key '${name}' is not a ts.SyntaxKind name`);
  return k;
}

/** A visitor's handlers indexed by kind number (onEnd left out). */
export function handlersByKind(v: TsVisitor): Array<((n: ts.Node) => void) | undefined> {
  const out: Array<((n: ts.Node) => void) | undefined> = [];
  for (const name in v) {
    if (name === 'onEnd') continue;
    out[kindOf(name)] = (v as Record<string, (n: ts.Node) => void>)[name];
  }
  return out;
}
