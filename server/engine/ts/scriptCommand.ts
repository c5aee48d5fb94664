import type { Pm } from '../deploy/shell';

/** The shell command that runs a package.json script: `npm start` / `npm test` / `npm run x`, `bun run x`, `pnpm x`, `yarn x`. */
export function scriptCommand(pm: Pm, script: string): string {
  if (pm === 'npm') return script === 'start' || script === 'test' ? `npm ${script}` : `npm run ${script}`;
  return pm === 'bun' ? `bun run ${script}` : `${pm} ${script}`;
}
