import ignore from 'ignore';
import type { Fix, WorkspaceRule } from '../../server/engine/types';
import { basename, isEnvTemplate } from '../../server/engine/parse';
import { isTestPath } from '../../server/engine/ts/helpers';

/** Env files meant to be committed: test settings, dotenv-vault's encrypted file. */
const COMMITTED_BY_DESIGN = /^\.env\.(test|testing|ci|e2e|vault)$/i;
/** Keys that hold no secret: values shipped to browsers anyway, and plain settings. */
const PUBLIC_KEY = /^(NEXT_PUBLIC_|VITE_|REACT_APP_|PUBLIC_|EXPO_PUBLIC_|NUXT_PUBLIC_|GATSBY_|VUE_APP_)/;
const PLAIN_KEYS = new Set(['NODE_ENV', 'PORT', 'HOST', 'LOG_LEVEL', 'TZ', 'APP_ENV', 'DEBUG']);
/** Packages a server loads its .env with (Next.js and Vite load .env too, but by their convention it holds committed defaults). */
const DOTENV_LOADERS = new Set(['dotenv', 'dotenv-flow', 'dotenv-expand', '@nestjs/config', 'dotenv-cli', 'env-cmd', '@dotenvx/dotenvx']);

/** The .gitignore lines that keep env files out of git and their templates in. */
function ignoreLines(existing: readonly string[], templates: readonly string[], path: string): string[] {
  const lines: string[] = [];
  const addStar = !existing.includes('.env.*');
  if (!existing.includes('.env')) lines.push('.env');
  if (addStar) lines.push('.env.*');
  for (const t of templates) if (addStar || !existing.includes(`!${t}`)) lines.push(`!${t}`);
  if (!ignore().add([...existing, ...lines]).ignores(path)) {
    const name = basename(path);
    lines.push(/\.env$/.test(name) && name !== '.env' ? '*.env' : name);
  }
  return lines;
}

const rule: WorkspaceRule = {
  meta: {
    id: 'security/env-file-committed',
    category: 'security',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'A real .env file is committed or not ignored',
    fixKind: 'edit',
    effort: 'hour',
    checklist: 'harden.secrets',
    docs: {
      why: 'A .env file holds the keys to production: database passwords, payment and API secrets. Once committed, every clone, fork, CI cache and former collaborator has them, and deleting the file later does not remove them from git history. A .env that .gitignore does not cover is one `git add .` away from the same fate.',
      bad: { files: { '.env': 'DATABASE_URL=postgres://app:app@localhost:5432/app\nJWT_SECRET=change-me\n', '.gitignore': 'node_modules\n' } },
      good: { files: { '.env': 'DATABASE_URL=postgres://app:app@localhost:5432/app\nJWT_SECRET=change-me\n', '.gitignore': 'node_modules\n.env\n', '.env.example': 'DATABASE_URL=\nJWT_SECRET=\n' } },
      fix: 'Ignore env files (`.env`, `.env.*`, keeping templates such as `!.env.example`), commit a template without values instead, and if the file was ever committed: run `git rm --cached <file>` and rotate every secret it held, since they remain in git history.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts } = ctx;
    const templates = [...new Set(facts.envTemplates.map(basename))].sort();
    if (!templates.includes('.env.example')) templates.unshift('.env.example');
    const gitignoreFix = (path: string): Fix[] => {
      const root = ctx.files.get('.gitignore');
      const existing = root?.kind === 'gitignore' ? root.facts.ignorePatterns ?? [] : [];
      const lines = ignoreLines(existing, templates, path);
      const eol = root?.text.includes('\r\n') ? '\r\n' : '\n';
      const block = `# Env files hold secrets: commit templates only${eol}${lines.join(eol)}${eol}`;
      if (!root) return [{ title: 'Create a .gitignore that keeps env files out', safe: true, edits: [], creates: [{ file: '.gitignore', content: block }] }];
      const text = root.text;
      const lead = text === '' ? '' : /\r?\n$/.test(text) ? eol : eol + eol;
      const lastLine = text.split(/\r?\n/);
      const end = { line: lastLine.length - 1, character: lastLine[lastLine.length - 1].length };
      return [{ title: 'Add env files to .gitignore', safe: true, edits: [{ file: '.gitignore', range: { start: end, end }, newText: lead + block }] }];
    };
    // No .env here yet, but the server loads one (dotenv, @nestjs/config, --env-file) and .gitignore would not keep it
    // out: the first developer who creates it, as the template says, commits its secrets with `git add .`.
    const rootIgnore = ctx.files.get('.gitignore');
    const envFiles = [...ctx.files].filter(([path, f]) => f.kind === 'env' && !isEnvTemplate(path));
    if (rootIgnore?.kind === 'gitignore' && !envFiles.length) {
      let loader: string | undefined;
      let envPath = '.env';
      for (const p of facts.packages) {
        const at = p.dir ? `${p.dir}/.env` : '.env';
        if (facts.gitIgnores(at)) continue;
        const l = [...p.manifest.dependencies, ...p.manifest.devDependencies].find((d) => DOTENV_LOADERS.has(d))
          ?? (Object.values(p.manifest.scripts).some((sc) => /--env-file[= ]\.env\b/.test(sc)) ? '--env-file' : undefined);
        if (l) { loader = l; envPath = at; break; }
      }
      if (loader) {
        const first = rootIgnore.text.split(/\r?\n/, 1)[0];
        ctx.report({
          file: '.gitignore',
          tier: 'tech-debt',
          message: `.gitignore does not cover ${envPath}, which this app loads (${loader}): the first developer who creates it${facts.envTemplates.length ? ` from ${basename(facts.envTemplates[0])}` : ''} commits its secrets with the next \`git add .\`. Add .env (and .env.*, keeping the templates) to .gitignore.`,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: first.length } },
          fixes: gitignoreFix(envPath),
        });
      }
    }
    for (const [path, f] of ctx.files) {
      if (f.kind !== 'env' || isEnvTemplate(path) || isTestPath(path) || COMMITTED_BY_DESIGN.test(basename(path))) continue;
      if (!(f.facts.envKeys ?? []).some((k) => !PUBLIC_KEY.test(k) && !PLAIN_KEYS.has(k))) continue;
      const tracked = facts.gitTracked?.has(path) ?? false;
      const ignored = facts.gitIgnores(path);
      if (ignored && !tracked) continue;
      const untrack = `\`git rm --cached ${path}\``;
      let message: string;
      if (tracked && ignored) message = `${path} is still tracked by git although .gitignore covers it (ignoring a file does not untrack it): its secrets are in the repository and its history. Run ${untrack}, then rotate every secret it holds.`;
      else if (tracked) message = `${path} is committed to git and not covered by .gitignore: every clone, fork and CI cache of the repository has its secrets, and they stay in git history. Rotate every secret it holds, add it to .gitignore and run ${untrack}.`;
      else if (facts.gitTracked) message = `${path} is not covered by .gitignore: the next \`git add .\` commits its secrets. Add it to .gitignore.`;
      else message = `${path} is not covered by .gitignore: one \`git add .\` commits its secrets. Add it to .gitignore; if it was ever committed, run ${untrack} and rotate every secret it holds.`;
      const fixes = ignored ? undefined : gitignoreFix(path);
      const first = f.text.split(/\r?\n/, 1)[0];
      ctx.report({ file: path, message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: first.length } }, fixes });
    }
  },
};

export default rule;
