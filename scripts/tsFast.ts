/**
 * Bundled in place of `ts-morph` for the product's own modules (see scripts/esbuild-ts.mjs). All they import from
 * ts-morph is `ts`, the compiler API. Two costs are avoided here:
 * - ts-morph's own wrapper library, and @ts-morph/common's main module (its in-memory file system carries the lib
 *   .d.ts files as strings: some 3 MB), which the product never uses: only the TypeScript bundle that ts-morph
 *   ships (@ts-morph/common/dist/typescript.js, the `ts` that `import { ts } from 'ts-morph'` gives) is taken;
 * - getters: every export of that bundle is a property getter once bundled (esbuild's CommonJS interop), so each
 *   `ts.isIdentifier(node)` would cost two or three getter calls. This module reads them all once into a plain
 *   object, so the hot paths (one walk of every node, for every rule) pay a property load.
 * test/engine/tsFast.test.ts checks that this is the same TypeScript as ts-morph's.
 */
import type { ts as api } from 'ts-morph';
import * as bundled from '@ts-morph/common/dist/typescript.js';

export const ts: typeof api = { ...bundled };
