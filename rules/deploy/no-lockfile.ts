import type { Fix, Range, WorkspaceRule, WorkspaceRuleContext } from '../../server/engine/types';
import { LineIndex, START } from '../../server/engine/positions';
import { jsonKeyRange } from '../../server/engine/jsonEdits';
import { installUnits, joinPath, type PackageManager } from '../../server/engine/deploy/packages';
import { installOf, simpleCommands, innerCommands, type Install, type Pm, type SimpleCommand } from '../../server/engine/deploy/shell';
import { ciFilesOf } from '../../server/engine/deploy/signals';
import { valueRange } from '../../server/engine/deploy/yamlEdits';

const LOCKFILE: Record<PackageManager, string> = { npm: 'package-lock.json', pnpm: 'pnpm-lock.yaml', yarn: 'yarn.lock', 'yarn-berry': 'yarn.lock', bun: 'bun.lock' };
const LOCKS_OF: Record<Pm, RegExp> = { npm: /(^|\/)(package-lock|npm-shrinkwrap)\.json$/, pnpm: /(^|\/)pnpm-lock\.yaml$/, yarn: /(^|\/)yarn\.lock$/, bun: /(^|\/)bun\.lockb?$/ };
const INSTALL: Record<PackageManager, string> = { npm: 'npm install', pnpm: 'pnpm install', yarn: 'yarn install', 'yarn-berry': 'yarn install', bun: 'bun install' };

/** Every simple command of a snippet with its nesting (commands inside `sh -c` cannot be edited in place). */
function commandsOf(script: string): Array<{ cmd: SimpleCommand; nested: boolean }> {
  const out: Array<{ cmd: SimpleCommand; nested: boolean }> = [];
  for (const c of simpleCommands(script)) {
    out.push({ cmd: c, nested: false });
    for (const inner of innerCommands(c)) out.push({ cmd: inner, nested: true });
  }
  return out;
}

function ciMessage(install: Install, text: string): string {
  if (install.pm === 'npm') return `\`${text}\` in CI does not install the lockfile as committed: it re-resolves ranges that package-lock.json does not pin exactly and may rewrite the lockfile, so CI can test different dependency versions than the ones you reviewed. Use \`npm ci\`: it installs exactly package-lock.json and fails when it is out of date.`;
  if (install.pm === 'bun') return `\`${text}\` in CI may update bun.lock instead of failing when it is out of date, so CI can test different dependency versions than the ones committed. Add \`--frozen-lockfile\` (or use \`bun ci\`).`;
  if (install.optOut) return `\`${install.optOut.text}\` lets CI rewrite the ${install.pm === 'pnpm' ? 'pnpm-lock.yaml' : 'yarn.lock'} it installs from, so CI can test different dependency versions than the ones committed. Drop it: in CI, ${install.pm === 'pnpm' ? 'pnpm installs the lockfile frozen' : 'Yarn installs the lockfile immutably'} by default and fails when it is out of date.`;
  return `\`${text}\` in CI (Yarn 1) updates yarn.lock instead of failing when it no longer matches package.json, so CI can test different dependency versions than the ones committed. Add \`--frozen-lockfile\`.`;
}

/** Installs in CI files and Dockerfiles that need the lockfile of `pm` (`npm ci`, `yarn install --frozen-lockfile`...). */
function strictInstalls(ctx: WorkspaceRuleContext, pm: PackageManager): Array<{ file: string; shown: string; docker?: true }> {
  const out: Array<{ file: string; shown: string; docker?: true }> = [];
  const scan = (file: string, text: string, docker: boolean) => {
    for (const { cmd } of commandsOf(text)) {
      const install = installOf(cmd);
      if (!install || install.strict !== 'yes' || install.pm !== (pm === 'yarn-berry' ? 'yarn' : pm)) continue;
      out.push({ file, shown: install.words.map((w) => w.text).join(' '), ...(docker ? { docker: true as const } : {}) });
    }
  };
  for (const { path, ci } of ciFilesOf(ctx)) for (const c of ci.commands) scan(path, c.text, false);
  for (const [path, f] of ctx.files) for (const run of f.kind === 'dockerfile' ? f.facts.deploy?.dockerfile?.runs ?? [] : []) scan(path, run, true);
  return out;
}

const rule: WorkspaceRule = {
  meta: {
    id: 'deploy/no-lockfile',
    category: 'deploy',
    phase: 'infrastructure',
    tier: 'tech-debt',
    title: 'No lockfile, or CI installs without it',
    fixKind: 'edit',
    effort: 'minutes',
    checklist: 'infra.container',
    docs: {
      why: 'Without a committed lockfile every install resolves the version ranges of package.json again: a teammate, CI and the production build each get whatever was published that day, so a transitive release can break production with no change of yours and "it works on my machine" cannot be reproduced. An install in CI that may rewrite the lockfile (`npm install`, `yarn install` without `--frozen-lockfile`) has the same effect even when the lockfile is there.',
      checks: 'A missing lockfile is ship-stopping when CI or a Dockerfile installs with `npm ci` (or a frozen install): that command refuses to run without it, so the pipeline or the image build fails outright.',
      bad: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.2"\n  }\n}\n',
      } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.2"\n  }\n}\n',
        'package-lock.json': '{\n  "name": "api",\n  "lockfileVersion": 3\n}\n',
        '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm test\n',
      } },
      fix: 'Commit the lockfile your package manager writes (`npm install` writes package-lock.json; pnpm-lock.yaml, yarn.lock, bun.lock likewise) and make sure .gitignore does not exclude it. In CI and Dockerfiles install from it: `npm ci`, `yarn install --frozen-lockfile` (Yarn 1), `bun install --frozen-lockfile`; pnpm and Yarn 2+ already refuse to change the lockfile in CI unless told `--no-frozen-lockfile` / `--no-immutable`. The quick fix rewrites the CI install command.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts, files } = ctx;
    const has = (p: string) => files.has(p);
    const units = installUnits(facts, has);
    for (const unit of units) {
      if (unit.lockfile) continue;
      const m = unit.pkg.manifest;
      if (!m.dependencies.length && !m.devDependencies.length) continue;
      const lock = joinPath(unit.dir, LOCKFILE[unit.pm]);
      const text = files.get(unit.pkg.manifestPath)?.text ?? '';
      const ignored = facts.gitIgnores(lock) ? ` ${lock} is listed in .gitignore: remove that line.` : '';
      // `npm ci` (or a frozen install) in CI or a Dockerfile refuses to run without the lockfile: the build fails outright
      const strict = strictInstalls(ctx, unit.pm);
      const breaks = strict.length ? ` \`${strict[0].shown}\` in ${strict[0].file} fails without it, so ${strict.some((x) => x.docker) && strict.some((x) => !x.docker) ? 'the pipeline and the image build fail' : strict[0].docker ? 'the image build fails' : 'the pipeline fails'} before anything runs.` : '';
      ctx.report({
        message: `No lockfile is committed${unit.dir ? ` for ${unit.dir}` : ''}: every install re-resolves the version ranges in ${unit.pkg.manifestPath}, so CI, a teammate and the production build can each get different dependency versions, and a bad transitive release breaks production with no change of yours.${breaks} Run \`${INSTALL[unit.pm]}\` and commit the ${LOCKFILE[unit.pm]} it writes.${ignored}`,
        ...(strict.length ? { tier: 'ship-stopping' as const } : {}),
        file: unit.pkg.manifestPath,
        range: jsonKeyRange(text, ['dependencies']) ?? jsonKeyRange(text, ['devDependencies']) ?? (text ? new LineIndex(text).lineRange(0) : START),
      });
    }

    const paths = [...files.keys()];
    const lockExists = (pm: Pm) => paths.some((p) => LOCKS_OF[pm].test(p));
    const berry = units.some((u) => u.pm === 'yarn-berry');
    for (const { path, ci } of ciFilesOf(ctx)) {
      const text = files.get(path)?.text ?? '';
      for (const command of ci.commands) {
        for (const { cmd, nested } of commandsOf(command.text)) {
          const install = installOf(cmd, berry);
          if (!install || install.strict !== 'no' || !lockExists(install.pm)) continue;
          const first = install.words[0];
          const last = install.words[install.words.length - 1];
          const shown = command.text.slice(first.start, last.end);
          const whole = nested ? undefined : valueRange(text, command.range, command.text, first.start, last.end);
          const range: Range = whole ?? command.range;
          const fixes: Fix[] = [];
          const edit = (word: { start: number; end: number }, newText: string, title: string) => {
            const r = nested ? undefined : valueRange(text, command.range, command.text, word.start, word.end);
            if (r) fixes.push({ title, safe: true, edits: [{ file: path, range: r, newText }] });
          };
          if (install.optOut) edit(install.optOut, install.pm === 'pnpm' ? '--frozen-lockfile' : install.optOut.text === '--no-immutable' ? '--immutable' : '--frozen-lockfile', `Install the lockfile as committed`);
          else if (install.pm === 'npm') edit(install.verb, 'ci', 'Use `npm ci`');
          else {
            const r = nested ? undefined : valueRange(text, command.range, command.text, install.verb.start, install.verb.end);
            if (r) fixes.push({ title: 'Add `--frozen-lockfile`', safe: true, edits: [{ file: path, range: { start: r.end, end: r.end }, newText: ' --frozen-lockfile' }] });
          }
          ctx.report({ message: ciMessage(install, shown), file: path, range, fixes });
        }
      }
    }
  },
};

export default rule;
