/** Inputs several test layers share: a small source with one finding, and the realistic workspaces in the repo. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');

/** One `auth/jwt-no-expiry` finding, at line 4 (`jwt.sign` without expiresIn). */
export const JWT_SIGN_NO_EXPIRY = [
  "import jwt from 'jsonwebtoken';",
  '',
  'export function issue(userId: string) {',
  '  return jwt.sign({ sub: userId }, process.env.JWT_SECRET!);',
  '}',
  '',
].join('\n');

/** The example MVP and its hardened twin, and the precision apps' variants (`gaps`, `hardened`), as absolute paths. */
export function realisticWorkspaces(variants: ReadonlyArray<'gaps' | 'hardened'> = ['gaps', 'hardened']): string[] {
  const apps = path.join(REPO, 'test', 'fixtures', 'apps');
  return [
    path.join(REPO, 'examples', 'mvp'),
    path.join(REPO, 'examples', 'hardened'),
    ...fs.readdirSync(apps, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => variants.map((v) => path.join(apps, d.name, v))),
  ].filter((p) => fs.existsSync(p));
}
