/** The folder to audit: the bundled example by default, and why a given path cannot be audited. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The bundled example workspace: ../examples/mvp from dist/cli.js (../../ when run from server/cli/ through tsx). */
export function bundledExample(): string {
  const candidates = [path.resolve(__dirname, '../examples/mvp'), path.resolve(__dirname, '../../examples/mvp')];
  return candidates.find((p) => fs.existsSync(p)) ?? candidates[0];
}

/** Why `root` cannot be audited, or undefined when it is a readable folder. `given` is the path as typed. */
export function unreadable(root: string, given: string | undefined): string | undefined {
  const shown = given ?? `the bundled example workspace (${root})`;
  let st: fs.Stats;
  try { st = fs.statSync(root); } catch (e) { return `cannot read ${shown}: ${reason(e)}`; }
  if (!st.isDirectory()) return `${shown} is not a folder: give the folder of the repository to audit`;
  try { fs.readdirSync(root); } catch (e) { return `cannot read ${shown}: ${reason(e)}`; }
  return undefined;
}

/** A file-system error in a few words. */
export function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const byCode: Record<string, string> = { ENOENT: 'no such file or folder', EACCES: 'permission denied', EPERM: 'permission denied', ENOTDIR: 'not a folder', EISDIR: 'is a folder' };
  return (err.code && byCode[err.code]) ?? err.message ?? String(e);
}
