/** Install units of a workspace (packages installed on their own), their lockfile and package manager. Shared by the deploy rules. */
import type { PackageInfo, WorkspaceFacts } from '../facts/workspaceFacts';

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'yarn-berry' | 'bun';

/** Lockfile names, the package manager's first. */
export const LOCKFILE_NAMES = ['pnpm-lock.yaml', 'yarn.lock', 'package-lock.json', 'npm-shrinkwrap.json', 'bun.lock', 'bun.lockb'] as const;

/** A package installed on its own: the root, a package with its own lockfile, or one not nested in another package. */
export interface InstallUnit { dir: string; pkg: PackageInfo; pm: PackageManager; lockfile?: string }

export const joinPath = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

/** The lockfile at the root of `dir`, if any. */
export function lockfileIn(dir: string, has: (path: string) => boolean): string | undefined {
  return LOCKFILE_NAMES.map((n) => joinPath(dir, n)).find(has);
}

/** The package manager of a package: its lockfile first, then the `packageManager` field (its own, then the root's). */
export function packageManagerOf(pkg: PackageInfo, lockfile: string | undefined, root: PackageInfo | undefined, has: (path: string) => boolean): PackageManager {
  const declared = (pkg.manifest.packageManager ?? root?.manifest.packageManager ?? '').split('@');
  const name = lockfile?.slice(lockfile.lastIndexOf('/') + 1);
  if (name === 'pnpm-lock.yaml' || (!name && declared[0] === 'pnpm')) return 'pnpm';
  if (name?.startsWith('bun.') || (!name && declared[0] === 'bun')) return 'bun';
  if (name === 'yarn.lock' || (!name && declared[0] === 'yarn')) {
    const berry = (declared[0] === 'yarn' && Number(declared[1]?.split('.')[0]) >= 2) || has(joinPath(pkg.dir, '.yarnrc.yml')) || has('.yarnrc.yml');
    return berry ? 'yarn-berry' : 'yarn';
  }
  return 'npm';
}

/** The root package, or the shallowest one when there is no root package.json. */
export function anchorPackage(facts: WorkspaceFacts): PackageInfo | undefined {
  return facts.packages.find((p) => p.dir === '') ?? [...facts.packages].sort((a, b) => a.dir.split('/').length - b.dir.split('/').length || a.dir.localeCompare(b.dir))[0];
}

/** The packages that are installed on their own (workspace members share their root's install). */
export function installUnits(facts: WorkspaceFacts, has: (path: string) => boolean): InstallUnit[] {
  const root = facts.packages.find((p) => p.dir === '');
  const units: InstallUnit[] = [];
  const sorted = [...facts.packages].sort((a, b) => a.dir.localeCompare(b.dir));
  for (const pkg of sorted) {
    const lockfile = lockfileIn(pkg.dir, has);
    const outer = sorted.find((o) => o !== pkg && (o.dir === '' || pkg.dir.startsWith(o.dir + '/')));
    if (pkg === root || lockfile || !outer) units.push({ dir: pkg.dir, pkg, pm: packageManagerOf(pkg, lockfile ?? (pkg === root ? undefined : lockfileIn('', has)), root, has), lockfile });
  }
  return units;
}
