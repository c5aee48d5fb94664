/**
 * Env templates (.env.example and kin) as a fix target: which template documents a package's variables,
 * and the edit (or file creation) that adds keys to it. Rules that cannot see other files (TS rules) ask for
 * it through `Fix.envKeys`; the workspace resolves that request after analysis, with every file in view.
 */
import { LineIndex } from './positions';
import type { WorkspaceFacts } from './facts/workspaceFacts';
import type { FileCreate, Finding, Fix, TextEdit } from './types';

/** What an env template file looks like to the resolver: its text and, when analysed, its keys. */
export type EnvFileLookup = (path: string) => { text: string; keys?: readonly string[] } | undefined;

const TEMPLATE_NAMES = ['.env.example', '.env.sample', '.env.template', '.env.dist', '.env.defaults'];

function dirOf(path: string): string { const i = path.lastIndexOf('/'); return i < 0 ? '' : path.slice(0, i); }
const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

/** The template that documents the variables of the package holding `near`: the nearest existing one from that package up to the root, else `<package>/.env.example` (to create). */
export function envTemplateFor(near: string, facts: WorkspaceFacts, lookup: EnvFileLookup): { path: string; exists: boolean } {
  const pkgDir = facts.packageOf(near)?.dir ?? '';
  for (let dir = pkgDir; ; dir = dirOf(dir)) {
    const here = facts.envTemplates.filter((t) => dirOf(t) === dir);
    for (const name of TEMPLATE_NAMES) {
      const p = join(dir, name);
      if (here.includes(p) || lookup(p)) return { path: p, exists: true };
    }
    if (here.length) return { path: here.sort()[0], exists: true };
    if (dir === '') break;
  }
  return { path: join(pkgDir, '.env.example'), exists: false };
}

/** The edit or creation that adds `keys` (as `KEY=`) to the template for `near`; keys already there are skipped. */
export function envKeysChange(near: string, keys: readonly string[], facts: WorkspaceFacts, lookup: EnvFileLookup): { edits: TextEdit[]; creates: FileCreate[] } {
  const target = envTemplateFor(near, facts, lookup);
  if (!target.exists) return { edits: [], creates: [{ file: target.path, content: keys.map((k) => `${k}=\n`).join('') }] };
  const f = lookup(target.path)!;
  const lines = new LineIndex(f.text);
  const present = new Set(f.keys ?? []);
  const missing = [...new Set(keys)].filter((k) => !present.has(k));
  if (!missing.length) return { edits: [], creates: [] };
  const eol = lines.eol;
  const lead = f.text === '' || /[\r\n]$/.test(f.text) ? '' : eol;
  const end = lines.positionAt(f.text.length);
  return { edits: [{ file: target.path, range: { start: end, end }, newText: lead + missing.map((k) => `${k}=${eol}`).join('') }], creates: [] };
}

/** Resolves every fix's `envKeys` request into edits/creations (findings with such fixes are copied, never mutated). */
export function resolveEnvKeys(findings: readonly Finding[], facts: WorkspaceFacts, lookup: EnvFileLookup): Finding[] {
  const resolve = (fix: Fix): Fix => {
    if (!fix.envKeys) return fix;
    const { envKeys, ...rest } = fix;
    const change = envKeysChange(envKeys.near, envKeys.keys, facts, lookup);
    const creates = [...(rest.creates ?? []), ...change.creates];
    return { ...rest, edits: [...rest.edits, ...change.edits], ...(creates.length ? { creates } : {}) };
  };
  return findings.map((f) => (f.fixes.some((x) => x.envKeys) ? { ...f, fixes: f.fixes.map(resolve) } : f));
}
