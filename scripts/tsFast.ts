/**
 * Bundled in place of `ts-morph` for the product's own modules (see scripts/esbuild-ts.mjs). All they import from
 * ts-morph is `ts`, the compiler API, whose every export is a property getter (esbuild's CommonJS interop in our bundle,
 * then TypeScript's own bundle): each `ts.isIdentifier(node)` costs two or three getter calls. This module reads
 * them all once into a plain object, so the hot paths (one walk of every node, for every rule) pay a property load.
 */
import { ts as api } from 'ts-morph';

export const ts: typeof api = { ...api };
