import * as jsonc from 'jsonc-parser';
import { ts } from 'ts-morph';
import * as YAML from 'yaml';
import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import type { FileRuleContext, Fix, Range, Report, TsRule } from '../../server/engine/types';
import { basename, type ParsedOf } from '../../server/engine/parse';
import { CI_PATH } from '../../server/engine/facts/workspaceFacts';
import { isTestPath } from '../../server/engine/ts/helpers';
import { decodeJsonString, invocation, scriptReferences, shellCommands, type ShellWord } from '../../server/engine/shell';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import { tomlLeaves } from '../../server/engine/toml';
import { isDevOnlyPath } from './auto-sync-schema';

type Kind = 'db-push' | 'migrate-dev' | 'migrate-reset' | 'accept-data-loss' | 'drizzle-push' | 'typeorm-sync' | 'typeorm-drop' | 'knex-rollback' | 'sequelize-undo' | 'sequelize-drop' | 'sequelize-sync';

/** A dangerous command found in a command line: what it is, where, and the words that replace its subcommand. */
interface Problem {
  kind: Kind;
  command: string;
  dataLoss: boolean;
  start: number;
  end: number;
  replace?: { start: number; end: number; words: string[]; kept: ShellWord[] };
}

const MESSAGES: Record<Kind, (cmd: string, where: string, dataLoss: boolean) => string> = {
  'db-push': (c, w, loss) => `\`${c}\` ${w}: it forces the production schema to match schema.prisma with no migration history to review or roll back, and a renamed field or changed type becomes a dropped column${loss ? ' (`--accept-data-loss` makes Prisma drop it without asking)' : ''}. Commit migrations (\`prisma migrate dev\` locally) and apply them with \`prisma migrate deploy\`.`,
  'accept-data-loss': (c, w) => `\`${c}\` ${w}: \`--accept-data-loss\` lets Prisma drop columns and tables of the production database without asking. Apply committed migrations with \`prisma migrate deploy\`.`,
  'migrate-dev': (c, w) => `\`${c}\` ${w}: \`migrate dev\` is a development command. Against production it creates migrations on the fly, needs a shadow database, and when it detects drift it resets the database, dropping every table. Use \`prisma migrate deploy\`, which only applies committed migrations.`,
  'migrate-reset': (c, w) => `\`${c}\` ${w}: \`migrate reset\` drops the database and re-creates it from the migrations, so every deploy deletes all production data. Use \`prisma migrate deploy\`.`,
  'drizzle-push': (c, w) => `\`${c}\` ${w}: \`drizzle-kit push\` applies the schema diff straight to production with no migration files to review, and drops columns it believes were removed. Generate migrations (\`drizzle-kit generate\`) and apply them with \`drizzle-kit migrate\`.`,
  'typeorm-sync': (c, w) => `\`${c}\` ${w}: \`schema:sync\` makes TypeORM alter the production schema to match the entities, dropping the columns of renamed properties. Run committed migrations with \`migration:run\`.`,
  'typeorm-drop': (c, w) => `\`${c}\` ${w}: \`schema:drop\` drops every table of the production database. Remove it from the deploy path.`,
  'knex-rollback': (c, w) => `\`${c}\` ${w}: it undoes the latest migrations (whose \`down\` usually drops what \`up\` created) on every deploy. Run \`knex migrate:latest\` on deploy and keep rollbacks a deliberate, manual step.`,
  'sequelize-undo': (c, w) => `\`${c}\` ${w}: it undoes migrations (whose \`down\` usually drops what \`up\` created) on every deploy. Run \`sequelize db:migrate\` on deploy and keep rollbacks a deliberate, manual step.`,
  'sequelize-drop': (c, w) => `\`${c}\` ${w}: \`db:drop\` drops the production database. Remove it from the deploy path.`,
  'sequelize-sync': (c, w) => `\`${c}\` ${w}: \`sequelize.sync()\` reshapes the production tables to match the models (\`force\` drops and re-creates them, \`alter\` rewrites them). Write migrations and run \`sequelize db:migrate\` on deploy.`,
};
const TITLES: Partial<Record<Kind, string>> = {
  'db-push': 'prisma migrate deploy', 'accept-data-loss': 'prisma migrate deploy', 'migrate-dev': 'prisma migrate deploy', 'migrate-reset': 'prisma migrate deploy',
  'drizzle-push': 'drizzle-kit migrate', 'typeorm-sync': 'migration:run',
};

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash']);
/** A package script a deploy job runs (`npm run db:push`), kept for the workspace pass (which has the package.json). */
interface ScriptRef { script: string; run: string; where: string; range: Range }
const SCRIPT_REFS = 'data/unsafe-deploy-migration#scripts';
/** Every name is a script, for finding the names a command runs before the package is known. */
const ANY_SCRIPT: Readonly<Record<string, string>> = new Proxy({}, { get: () => '' });
const TYPEORM_BIN = /^typeorm(-ts-node-(commonjs|esm))?$/;

/** Values of flags kept when the subcommand is replaced: `--schema x`, `--schema=x`. */
function keptFlags(args: readonly ShellWord[], names: readonly string[]): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (names.includes(v) && args[i + 1]) { out.push(args[i], args[i + 1]); i++; } else if (names.some((n) => v.startsWith(n + '='))) out.push(args[i]);
  }
  return out;
}

/** The dangerous command in one command's words, if any (following `sh -c "..."` when its text is verbatim in `src`). */
function problemIn(words: readonly ShellWord[], src: string): Problem[] {
  const inv = invocation(words);
  if (!inv) return [];
  const a = inv.args;
  const v = a.map((w) => w.value);
  if (SHELLS.has(inv.bin) && v[0] === '-c' && a[1]) {
    const w = a[1];
    const inner = src.slice(w.start + 1, w.end - 1);
    if (inner !== w.value) return [];
    return shellCommands(inner, w.start + 1).flatMap((c) => problemIn(c, src));
  }
  const last = a.length ? a[a.length - 1] : inv.binWord;
  const base = { start: inv.binWord.start, end: last.end, command: [inv.bin, ...v].join(' '), dataLoss: v.includes('--accept-data-loss') };
  const whole = (kind: Kind, replacement?: string[], keep: string[] = []): Problem[] => [{
    ...base, kind, replace: replacement && a.length ? { start: a[0].start, end: last.end, words: replacement, kept: keptFlags(a, keep) } : undefined,
  }];
  if (inv.bin === 'prisma') {
    if (v[0] === 'db' && v[1] === 'push') return whole('db-push', ['migrate', 'deploy'], ['--schema']);
    if (v[0] === 'migrate' && v[1] === 'dev') return whole('migrate-dev', ['migrate', 'deploy'], ['--schema']);
    if (v[0] === 'migrate' && v[1] === 'reset') return whole('migrate-reset', ['migrate', 'deploy'], ['--schema']);
    if (base.dataLoss) return whole('accept-data-loss', ['migrate', 'deploy'], ['--schema']);
    return [];
  }
  if (inv.bin === 'drizzle-kit' && (v[0] === 'push' || v[0]?.startsWith('push:'))) return whole('drizzle-push', ['migrate'], ['--config']);
  if (TYPEORM_BIN.test(inv.bin) || (inv.bin === 'ts-node' && v[0]?.endsWith('typeorm/cli.js'))) {
    const sub = a.find((w) => w.value.startsWith('schema:'));
    if (sub?.value === 'schema:sync') return [{ ...base, kind: 'typeorm-sync', replace: { start: sub.start, end: sub.end, words: ['migration:run'], kept: [] } }];
    if (sub?.value === 'schema:drop') return [{ ...base, kind: 'typeorm-drop' }];
    return [];
  }
  if (inv.bin === 'knex' && (v[0] === 'migrate:rollback' || v[0] === 'migrate:down')) return whole('knex-rollback');
  if (inv.bin === 'node' && (v[0] === '-e' || v[0] === '--eval' || v[0] === '-p') && a[1] && callsSequelizeSync(a[1].value)) {
    return [{ ...base, command: `node ${v[0]} "…sync()…"`, kind: 'sequelize-sync' }];
  }
  if (inv.bin === 'sequelize' || inv.bin === 'sequelize-cli') {
    if (v[0] === 'db:migrate:undo' || v[0] === 'db:migrate:undo:all') return whole('sequelize-undo');
    if (v[0] === 'db:drop') return whole('sequelize-drop');
  }
  return [];
}

/** Whether inline JavaScript (`node -e "..."`) calls `<x>.sync(...)` on a Sequelize instance. */
function callsSequelizeSync(code: string): boolean {
  const sf = ts.createSourceFile('eval.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'sync') {
      const recv = n.expression.expression;
      const name = ts.isPropertyAccessExpression(recv) ? recv.name.text : ts.isIdentifier(recv) ? recv.text : ts.isCallExpression(recv) ? 'sequelize' : '';
      if (/sequelize|^db$|^models$/i.test(name) || /require\(['"][^'"]*(models|db|sequelize)/.test(recv.getText(sf))) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

const wordsOf = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_\-.:/]+/).filter(Boolean).map((w) => w.toLowerCase());
const DEV_WORDS = new Set(['dev', 'develop', 'development', 'local', 'test', 'tests', 'testing', 'e2e', 'watch', 'debug', 'storybook', 'seed', 'studio', 'preview', 'review', 'staging', 'stage', 'sandbox', 'ci', 'pr', 'ephemeral', 'qa', 'lint', 'check', 'reset', 'rollback', 'down', 'undo', 'revert']);
const DEPLOY_SCRIPT_HEADS = new Set(['start', 'build', 'deploy', 'release', 'postinstall', 'preinstall', 'install', 'prepare', 'prestart', 'poststart', 'prebuild', 'postbuild', 'predeploy', 'postdeploy', 'prerelease', 'postrelease', 'heroku', 'vercel', 'render', 'netlify', 'railway', 'serve']);
const DEPLOY_WORDS = new Set(['deploy', 'deployment', 'release', 'publish', 'ship', 'production', 'prod', 'live', 'promote']);

/** A package script that runs when the app is built, installed, started or deployed (not a dev / test / rollback helper). */
export function isDeployScript(name: string): boolean {
  const w = wordsOf(name);
  if (!w.length || w.some((x) => DEV_WORDS.has(x))) return false;
  return DEPLOY_SCRIPT_HEADS.has(w[0]) || w.some((x) => DEPLOY_WORDS.has(x));
}

/** A CI job / step / environment name that deploys to production. */
function isDeployName(name: string | undefined): boolean {
  if (!name) return false;
  const w = wordsOf(name);
  return w.some((x) => DEPLOY_WORDS.has(x)) && !w.some((x) => DEV_WORDS.has(x));
}

const ID = 'data/unsafe-deploy-migration';
const PRISMA_PUSH: readonly Kind[] = ['db-push', 'accept-data-loss'];

const rule: TsRule = {
  meta: {
    id: ID,
    category: 'data',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'Schema push, reset or dev migrations in the deploy path',
    fixKind: 'edit',
    effort: 'hour',
    checklist: 'harden.schema',
    docs: {
      why: '`prisma db push`, `prisma migrate dev`, `prisma migrate reset`, `drizzle-kit push` and `typeorm schema:sync` are made for a developer\'s database: they diff the schema against the live database and change it on the spot, with no reviewed migration, no history and no rollback, and `migrate reset` / `--accept-data-loss` drop data outright. Wired into `build`, `start`, `postinstall`, a Dockerfile CMD, a Procfile `release:` line or a CI deploy job, they run against production on every deploy: one renamed field and a column of customer data is gone.',
      checks: 'Scripts for development, tests, previews and manual rollbacks are not reported.',
      bad: { files: { 'package.json': '{\n  "name": "api",\n  "scripts": {\n    "build": "prisma generate && prisma db push && tsc",\n    "start": "node dist/server.js"\n  },\n  "dependencies": { "@prisma/client": "^5.22.0" }\n}\n' } },
      good: { files: { 'package.json': '{\n  "name": "api",\n  "scripts": {\n    "build": "prisma generate && tsc",\n    "start": "prisma migrate deploy && node dist/server.js",\n    "db:push": "prisma db push"\n  },\n  "dependencies": { "@prisma/client": "^5.22.0" }\n}\n' } },
      fix: 'Check migrations in (`prisma migrate dev` / `drizzle-kit generate` / `typeorm migration:generate` on a developer machine), and apply them on deploy with the command made for it: `prisma migrate deploy`, `drizzle-kit migrate`, `typeorm migration:run`, `knex migrate:latest`, `sequelize db:migrate`. A project that only ever used `db push` needs a baseline migration first (`prisma migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script` and `prisma migrate resolve --applied`). Keep push / reset commands in scripts named for development (`db:push`, `db:reset`).',
    },
  },
  scope: 'ts',
  create: () => ({}),
  kinds: ['package-json', 'dockerfile', 'text', 'yaml', 'json', 'toml'],

  /** Findings are kept in the file's facts and reported by the workspace pass, which knows whether the Prisma datasource is MongoDB (where `db push` is the only way to sync indexes). */
  check(ctx) {
    const file = ctx.file;
    if (isTestPath(file.path)) return;
    switch (file.kind) {
      case 'package-json': return packageJson(ctx, file);
      case 'dockerfile': return dockerfile(ctx, file);
      case 'text': return basename(file.path) === 'Procfile' ? procfile(ctx, file) : undefined;
      case 'yaml': return CI_PATH.test(file.path) || basename(file.path) === 'render.yaml' ? yamlFile(ctx, file) : undefined;
      case 'json': return platformJson(ctx, file);
      case 'toml': return platformToml(ctx, file);
    }
  },

  checkWorkspace(ctx) {
    const providers = [...ctx.files.values()].map((f) => (f.kind === 'prisma' ? f.facts.deploy?.datasource?.provider : undefined)).filter((p): p is string => !!p);
    const mongoOnly = providers.length > 0 && providers.every((p) => p === 'mongodb');
    for (const [path, f] of ctx.files) {
      for (const r of getRuleData<Array<Report & { kind: Kind }>>(f.facts, ID) ?? []) {
        if (mongoOnly && PRISMA_PUSH.includes(r.kind)) continue;
        ctx.report({ file: path, workspace: false, message: r.message, range: r.range, fixes: r.fixes });
      }
      // a deploy job's `npm run db:push`: what the script (and the scripts it runs) does
      for (const ref of getRuleData<ScriptRef[]>(f.facts, SCRIPT_REFS) ?? []) {
        const owners = ctx.facts.packages.filter((p) => p.manifest.scripts[ref.script] !== undefined);
        const pkg = owners.find((p) => p.dir === '') ?? (owners.length === 1 ? owners[0] : undefined);
        if (!pkg) continue;
        const scripts = pkg.manifest.scripts;
        const seen = new Set([ref.script]);
        const queue = [ref.script];
        const found: Array<{ p: Problem; script: string }> = [];
        while (queue.length) {
          const name = queue.shift()!;
          for (const cmd of shellCommands(scripts[name], 0)) {
            for (const p of problemIn(cmd, scripts[name])) found.push({ p, script: name });
            for (const next of scriptReferences(cmd, scripts)) if (!seen.has(next)) { seen.add(next); queue.push(next); }
          }
        }
        for (const { p, script } of found) {
          if (mongoOnly && PRISMA_PUSH.includes(p.kind)) continue;
          const via = `(${pkg.manifestPath}'s \`${script}\` script, run by \`${ref.run}\`) ${ref.where}`;
          ctx.report({ file: path, workspace: false, message: MESSAGES[p.kind](p.command, via, p.dataLoss), range: ref.range });
        }
      }
    }
  },
};

function report(ctx: FileRuleContext, problems: readonly Problem[], where: string, format: 'shell' | 'json-array' = 'shell') {
  const { path, lines, text } = ctx.file;
  for (const p of problems) {
    const fixes: Fix[] = [];
    const title = TITLES[p.kind];
    if (p.replace && title) {
      const words = format === 'json-array' ? [...p.replace.words, ...p.replace.kept.map((w) => w.value)] : p.replace.words;
      const newText = format === 'json-array'
        ? words.map((w) => JSON.stringify(w)).join(', ')
        : [words.join(' '), ...p.replace.kept.map((w) => text.slice(w.start, w.end))].join(' ');
      fixes.push({ title: `Replace with ${p.kind === 'typeorm-sync' ? `typeorm ${title}` : title}`, safe: false, edits: [{ file: path, range: lines.range(p.replace.start, p.replace.end), newText }] });
    }
    ruleDataOf(ctx.facts, ID, () => [] as Array<Report & { kind: Kind }>).push({ kind: p.kind, message: MESSAGES[p.kind](p.command, where, p.dataLoss), range: lines.range(p.start, p.end), fixes });
  }
}

function packageJson(ctx: FileRuleContext, file: ParsedOf<'package-json' | 'json'>) {
  const scriptsNode = file.ast && jsonc.findNodeAtLocation(file.ast, ['scripts']);
  if (!scriptsNode || scriptsNode.type !== 'object') return;
  const nodes = new Map<string, jsonc.Node>();
  const values: Record<string, string> = {};
  for (const prop of scriptsNode.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k?.type === 'string' && v?.type === 'string') { nodes.set(k.value, v); values[k.value] = v.value; }
  }
  const commandsOf = (name: string) => {
    const node = nodes.get(name)!;
    const { value, offsets } = decodeJsonString(file.text, node.offset, node.offset + node.length);
    return shellCommands(value, 0, offsets);
  };
  const reachedFrom = new Map<string, string>();
  const queue: string[] = [];
  for (const name of nodes.keys()) if (isDeployScript(name)) { reachedFrom.set(name, name); queue.push(name); }
  while (queue.length) {
    const name = queue.shift()!;
    for (const cmd of commandsOf(name)) {
      for (const ref of scriptReferences(cmd, values)) {
        if (!reachedFrom.has(ref) && !wordsOf(ref).some((w) => ['rollback', 'down', 'undo', 'revert'].includes(w))) { reachedFrom.set(ref, reachedFrom.get(name)!); queue.push(ref); }
      }
    }
  }
  for (const [name, root] of reachedFrom) {
    const problems = commandsOf(name).flatMap((c) => problemIn(c, file.text));
    const where = name === root ? `in the \`${name}\` script runs on every deploy` : `in the \`${name}\` script (run by \`${root}\`) runs on every deploy`;
    report(ctx, problems, where);
  }
}

function procfile(ctx: FileRuleContext, file: ParsedOf<'lockfile' | 'text'>) {
  let offset = 0;
  for (const line of file.text.split('\n')) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (name && !name.startsWith('#') && !/\s/.test(name) && !wordsOf(name).some((w) => DEV_WORDS.has(w))) {
      const start = offset + colon + 1;
      const problems = shellCommands(line.slice(colon + 1).replace(/\r$/, ''), start).flatMap((c) => problemIn(c, file.text));
      report(ctx, problems, `in the Procfile's \`${name}\` process runs on every deploy`);
    }
    offset += line.length + 1;
  }
}

function dockerfile(ctx: FileRuleContext, file: ParsedOf<'dockerfile'>) {
  if (isDevOnlyPath(file.path) || file.path.split('/').includes('.devcontainer')) return;
  const { text, lines } = file;
  let devStage = false;
  for (const ins of file.ast.getInstructions() as Instruction[]) {
    const kw = ins.getKeyword();
    if (kw === 'FROM') {
      const stage = (ins as unknown as { getBuildStage(): string | null }).getBuildStage();
      devStage = !!stage && wordsOf(stage).some((w) => DEV_WORDS.has(w));
      continue;
    }
    if (devStage || (kw !== 'RUN' && kw !== 'CMD' && kw !== 'ENTRYPOINT')) continue;
    const r = ins.getArgumentsRange();
    if (!r) continue;
    const start = lines.offsetAt(r.start);
    const end = lines.offsetAt(r.end);
    const where = `in the Dockerfile's ${kw} runs ${kw === 'RUN' ? 'in every image build' : 'every time the container starts'}`;
    const json = text[start] === '[' ? (ins as unknown as JSONInstruction).getJSONStrings?.() : undefined;
    if (json?.length) {
      const words: ShellWord[] = json.map((j) => {
        const jr = j.getRange();
        const s = lines.offsetAt(jr.start);
        const e = lines.offsetAt(jr.end);
        return { value: decodeJsonString(text, s, e).value, start: s, end: e };
      });
      if (SHELLS.has(words[0]?.value) && words[1]?.value === '-c' && words[2]) {
        const { value, offsets } = decodeJsonString(text, words[2].start, words[2].end);
        report(ctx, shellCommands(value, 0, offsets).flatMap((c) => problemIn(c, text)), where);
      } else {
        report(ctx, problemIn(words, text), where, 'json-array');
      }
      continue;
    }
    report(ctx, shellCommands(text.slice(start, end), start).flatMap((c) => problemIn(c, text)), where);
  }
}

/**
 * A problem found in a decoded string value (YAML scalar, TOML string) moved to file offsets: where its text is verbatim
 * in the source; else anchored on the whole value, without a fix.
 */
function inSource(p: Problem, text: string, from: number, to: number, value: string): Problem {
  const shift = shiftIn(text, from, to, value, p.start, p.end);
  if (shift === undefined) return { ...p, start: from, end: to, replace: undefined };
  return { ...p, start: p.start + shift, end: p.end + shift, replace: p.replace && { ...p.replace, start: p.replace.start + shift, end: p.replace.end + shift, kept: p.replace.kept.map((w) => ({ ...w, start: w.start + shift, end: w.end + shift })) } };
}

/** Finds `segment` of a decoded YAML scalar verbatim in the scalar's source, returning the shift from value offsets to file offsets. */
function shiftIn(text: string, from: number, to: number, value: string, segStart: number, segEnd: number): number | undefined {
  const seg = value.slice(segStart, segEnd);
  const at = text.slice(from, to).indexOf(seg);
  return at < 0 ? undefined : from + at - segStart;
}

function yamlFile(ctx: FileRuleContext, file: ParsedOf<'yaml'>) {
  const { text } = file;
  const render = basename(file.path) === 'render.yaml';
  const COMMAND_KEYS = new Set(render ? ['buildCommand', 'startCommand', 'preDeployCommand'] : ['run', 'script', 'before_script', 'after_script', 'command', 'commands']);
  const scalarText = (n: unknown) => (YAML.isScalar(n) && typeof n.value === 'string' ? n.value : undefined);
  const check = (node: YAML.Scalar, label: string) => {
    const value = node.value as string;
    const [from, to] = node.range ?? [0, 0];
    for (const cmd of shellCommands(value, 0)) {
      // `npm run db:push`: the package's script is read in the workspace pass
      for (const script of scriptReferences(cmd, ANY_SCRIPT)) {
        const start = cmd[0].start, end = cmd[cmd.length - 1].end;
        const shift = shiftIn(text, from, to, value, start, end);
        const range = shift === undefined ? file.lines.range(from, to) : file.lines.range(start + shift, end + shift);
        ruleDataOf(ctx.facts, SCRIPT_REFS, () => [] as ScriptRef[]).push({ script, run: value.slice(start, end), where: label, range });
      }
      for (const p of problemIn(cmd, value)) report(ctx, [inSource(p, text, from, to, value)], label);
    }
  };
  const walk = (node: unknown, deploy: string | undefined, key: string | undefined): void => {
    if (YAML.isMap(node)) {
      let here = deploy;
      const get = (k: string) => node.items.find((p) => YAML.isScalar(p.key) && p.key.value === k)?.value;
      const jobLike = ['steps', 'script', 'run', 'runs-on', 'stage', 'environment', 'deployment', 'command'].some((k) => get(k) !== undefined);
      if (jobLike || render) {
        const envNode = get('environment');
        const env = scalarText(envNode) ?? (YAML.isMap(envNode) ? scalarText(envNode.items.find((p) => YAML.isScalar(p.key) && p.key.value === 'name')?.value) : undefined);
        const names = [key, scalarText(get('name')), env, scalarText(get('deployment')), scalarText(get('stage'))].filter((x): x is string => !!x);
        if (names.some((n) => wordsOf(n).some((w) => DEV_WORDS.has(w)))) here = undefined;
        else if (render) here = `in ${file.path} runs on every deploy`;
        else if (names.some(isDeployName)) here = `in the \`${key ?? scalarText(get('name')) ?? 'deploy'}\` ${key ? 'job' : 'step'} of ${file.path} runs against production`;
      }
      for (const p of node.items) walk(p.value, here, YAML.isScalar(p.key) ? String(p.key.value) : undefined);
      return;
    }
    if (YAML.isSeq(node)) { for (const item of node.items) walk(item, deploy, YAML.isScalar(item) ? key : undefined); return; }
    if (deploy && key && COMMAND_KEYS.has(key) && YAML.isScalar(node) && typeof node.value === 'string') check(node, deploy);
  };
  for (const doc of file.ast) walk(doc.contents, undefined, undefined);
}

/** Deploy commands of platform TOML files: what runs on each deploy, by file name and key path. */
const TOML_COMMANDS: Record<string, (path: readonly (string | number)[]) => string | undefined> = {
  'fly.toml': (p) => (p[0] === 'deploy' && p[1] === 'release_command' ? 'release_command' : p[0] === 'processes' && typeof p[1] === 'string' ? `\`${p[1]}\` process` : p[0] === 'experimental' && p[1] === 'cmd' ? 'cmd' : undefined),
  'netlify.toml': (p) => (p[0] === 'build' && p[1] === 'command' && p.length === 2 ? 'build command' : undefined),
  'nixpacks.toml': (p) => (p[0] === 'start' && p[1] === 'cmd' ? 'start command' : p[0] === 'phases' && (p[2] === 'cmds' || p[2] === 'cmd') ? `${String(p[1])} phase` : undefined),
  'railway.toml': (p) => (p[0] === 'deploy' && (p[1] === 'startCommand' || p[1] === 'preDeployCommand') ? String(p[1]) : p[0] === 'build' && p[1] === 'buildCommand' ? 'buildCommand' : undefined),
};

function platformToml(ctx: FileRuleContext, file: ParsedOf<'toml'>) {
  const name = basename(file.path);
  const keyOf = TOML_COMMANDS[name];
  if (!keyOf || !file.ast) return;
  const { text } = file;
  for (const leaf of tomlLeaves(file.ast)) {
    const v = leaf.value;
    if (v.kind !== 'string') continue;
    const key = keyOf(leaf.path.filter((x) => typeof x === 'string'));
    if (!key) continue;
    const value = v.value;
    const [from, to] = v.range;
    const where = `in ${name}'s ${key} runs on every deploy`;
    for (const cmd of shellCommands(value, 0)) {
      for (const p of problemIn(cmd, value)) report(ctx, [inSource(p, text, from, to, value)], where);
    }
  }
}

function platformJson(ctx: FileRuleContext, file: ParsedOf<'package-json' | 'json'>) {
  const name = basename(file.path);
  const paths: Record<string, string[][]> = {
    'vercel.json': [['buildCommand'], ['installCommand']],
    'railway.json': [['build', 'buildCommand'], ['deploy', 'startCommand'], ['deploy', 'preDeployCommand']],
  };
  if (!file.ast || !paths[name]) return;
  for (const p of paths[name]) {
    const node = jsonc.findNodeAtLocation(file.ast, p);
    const strings = node?.type === 'string' ? [node] : node?.type === 'array' ? (node.children ?? []).filter((c) => c.type === 'string') : [];
    for (const s of strings) {
      const { value, offsets } = decodeJsonString(file.text, s.offset, s.offset + s.length);
      report(ctx, shellCommands(value, 0, offsets).flatMap((c) => problemIn(c, file.text)), `in ${name}'s \`${p[p.length - 1]}\` runs on every deploy`);
    }
  }
}

export default rule;
