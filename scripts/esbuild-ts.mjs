// esbuild plugin: the product's modules get `ts` from scripts/tsFast.ts (a plain-object copy of ts-morph's compiler
// API) instead of through getters; ts-morph itself, and tsFast.ts's own import, resolve as usual.
import { join } from 'node:path';

export function fastTs(root) {
  const shim = join(root, 'scripts', 'tsFast.ts');
  return {
    name: 'fast-ts',
    setup(build) {
      build.onResolve({ filter: /^ts-morph$/ }, (args) => {
        if (args.importer === shim || args.importer.includes('/node_modules/')) return undefined;
        return { path: shim };
      });
    },
  };
}
