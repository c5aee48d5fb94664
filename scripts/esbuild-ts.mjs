// esbuild plugin: the product's modules get `ts` from scripts/tsFast.ts (a plain-object copy of ts-morph's compiler
// API) instead of through getters; ts-morph itself, and tsFast.ts's own import, resolve as usual.
import { join } from 'node:path';
import { build } from 'esbuild';

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

/** Bundles a benchmark worker (scripts/<name>.ts) like the product (with fastTs, unminified for readable profiles) to dist/<name>.js. */
export async function buildWorker(root, name) {
  const outfile = join(root, 'dist', `${name}.js`);
  await build({ absWorkingDir: root, entryPoints: [`scripts/${name}.ts`], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', mainFields: ['module', 'main'], plugins: [fastTs(root)] });
  return outfile;
}
