/** The TypeScript bundle ts-morph ships (what `import { ts } from 'ts-morph'` is): imported by scripts/tsFast.ts. */
declare module '@ts-morph/common/dist/typescript.js' {
  import type { ts } from 'ts-morph';
  const api: typeof ts;
  export = api;
}
