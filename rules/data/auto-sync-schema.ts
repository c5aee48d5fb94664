import { ts } from 'ts-morph';
import type * as jsonc from 'jsonc-parser';
import type { Fix, TsRule, TsVisitor } from '../../server/engine/types';
import { basename } from '../../server/engine/parse';
import { accessPath, asObject, calleeName, envVarName, findProperty, isTestPath, isTrue, propName, resolveCallee, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { nodeRange, quoteOf, replaceNode } from '../../server/engine/ts/edits';
import { SEQUELIZE_MODULES } from '../../server/engine/ts/orm';
import { identifierWords } from '../../server/engine/ts/words';
import { importsAnyOf } from '../../server/engine/ts/imports';

const TYPEORM_DRIVERS = new Set([
  'postgres', 'mysql', 'mariadb', 'sqlite', 'better-sqlite3', 'mssql', 'oracle', 'cockroachdb', 'mongodb', 'sqljs', 'aurora-mysql',
  'aurora-postgres', 'capacitor', 'cordova', 'react-native', 'expo', 'nativescript', 'spanner', 'sap',
]);
const MONGOOSE = ['mongoose', '@nestjs/mongoose'];
/** Words that mark a name, path or condition as about the environment (dev/test-only code, env switches). */
const ENV_WORDS = new Set(['dev', 'development', 'test', 'testing', 'local', 'e2e', 'ci', 'prod', 'production', 'staging', 'debug', 'env', 'environment', 'sync', 'synchronize', 'autoindex']);
/** Words that mark code as dev-only tooling or a per-environment branch that is not production. */
const DEV_ONLY_WORDS = new Set(['dev', 'development', 'test', 'testing', 'local', 'e2e', 'mock', 'fake', 'seed', 'seeds', 'seeder', 'seeders', 'fixture', 'fixtures', 'sandbox', 'playground', 'demo', 'example', 'examples', 'reset']);

/** A dev-only file: tests, seeds, dev/local configs, reset scripts. */
export function isDevOnlyPath(path: string): boolean {
  // Workspace rules ask it for every file at every workspace step: memoised by path.
  let dev = devOnlyPaths.get(path);
  if (dev === undefined) {
    if (devOnlyPaths.size > 50_000) devOnlyPaths.clear();
    devOnlyPaths.set(path, (dev = isTestPath(path) || path.split('/').some((seg) => identifierWords(seg).some((w) => DEV_ONLY_WORDS.has(w)))));
  }
  return dev;
}
const devOnlyPaths = new Map<string, boolean>();

/**
 * Whether a condition tests the environment or an explicit switch: `process.env.NODE_ENV`, `config.get('DB_SYNC')`,
 * `isDev`, `environment.production`, `'development'`. Reading an unrelated variable (`process.env.DATABASE_URL`) is not a gate.
 */
function mentionsEnvironment(e: ts.Node): boolean {
  const envish = (text: string) => identifierWords(text.replace(/^_+|_+$/g, '')).some((w) => ENV_WORDS.has(w));
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    const envVar = envVarName(n);
    if (envVar !== undefined) { found = envish(envVar); return; }
    if ((ts.isIdentifier(n) || ts.isPrivateIdentifier(n) || ts.isStringLiteralLike(n)) && envish(n.text)) { found = true; return; }
    ts.forEachChild(n, visit);
  };
  visit(e);
  return found;
}

/** Whether `node` only runs (or only takes this value) under an environment test, or in a dev/test-named scope. */
export function isEnvGated(node: ts.Node): boolean {
  for (let child: ts.Node = node, p = node.parent; p; child = p, p = p.parent) {
    if (ts.isIfStatement(p) && child !== p.expression && mentionsEnvironment(p.expression)) return true;
    if (ts.isConditionalExpression(p) && child !== p.condition && mentionsEnvironment(p.condition)) return true;
    if (ts.isBinaryExpression(p) && child === p.right && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(p.operatorToken.kind) && mentionsEnvironment(p.left)) return true;
    if (ts.isCaseClause(p) && child !== p.expression && (mentionsEnvironment(p.expression) || mentionsEnvironment(p.parent.parent.expression))) return true;
    if (ts.isPropertyAssignment(p) && child === p.initializer) {
      const name = propName(p.name);
      if (name && identifierWords(name).some((w) => DEV_ONLY_WORDS.has(w))) return true;
    }
    const named = (ts.isVariableDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p) || ts.isClassDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name && ts.isIdentifier(p.name) ? p.name.text : undefined;
    if (named && identifierWords(named).some((w) => DEV_ONLY_WORDS.has(w))) return true;
  }
  return false;
}

type Kind = 'synchronize' | 'dropSchema' | 'force' | 'alter' | 'autoIndex';
const MESSAGES: Record<Kind, string> = {
  synchronize: 'TypeORM `synchronize: true` runs on every start, production included: TypeORM alters the live schema to match the entities, and renaming or removing a property drops that column with its data, with no review and no rollback. Enable it only in development and ship schema changes as migrations.',
  dropSchema: 'TypeORM `dropSchema: true` drops the whole schema, data included, every time the app connects. Enable it only in tests or development.',
  force: '`sync({ force: true })` drops and re-creates every table on each start: in production that deletes all data. Run it only in development and ship schema changes as migrations.',
  alter: '`sync({ alter: true })` rewrites production tables to match the models on each start (dropping columns that left a model) with no review and no rollback. Run it only in development and ship schema changes as migrations.',
  autoIndex: 'Mongoose `autoIndex: true` builds every index on each start, production included: a new index on a large collection stalls it at boot, and index changes ship unreviewed. Build indexes at deploy (`Model.syncIndexes()`) and enable autoIndex only in development.',
};
const OFF_TITLES: Record<Kind, string> = {
  synchronize: 'Set synchronize: false (apply migrations instead)',
  dropSchema: 'Set dropSchema: false',
  force: 'Set force: false (use migrations instead)',
  alter: 'Set alter: false (use migrations instead)',
  autoIndex: 'Set autoIndex: false (build indexes at deploy)',
};

/**
 * The env var a boolean option is read from as a raw string: `process.env.X`, `process.env.X || fallback`,
 * `process.env.X ?? fallback`, `!!process.env.X`, `Boolean(process.env.X)` (not `=== 'true'`, not JSON.parse).
 */
function envString(e: ts.Expression): string | undefined {
  const u = unwrap(e);
  const p = accessPath(u);
  if (p && p.length === 3 && p[0] === 'process' && p[1] === 'env') return p[2];
  if (ts.isBinaryExpression(u) && (u.operatorToken.kind === ts.SyntaxKind.BarBarToken || u.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) return envString(u.left);
  if (ts.isPrefixUnaryExpression(u) && u.operator === ts.SyntaxKind.ExclamationToken && ts.isPrefixUnaryExpression(unwrap(u.operand)) && (unwrap(u.operand) as ts.PrefixUnaryExpression).operator === ts.SyntaxKind.ExclamationToken) return envString((unwrap(u.operand) as ts.PrefixUnaryExpression).operand);
  if (ts.isCallExpression(u) && ts.isIdentifier(u.expression) && u.expression.text === 'Boolean' && u.arguments[0]) return envString(u.arguments[0]);
  return undefined;
}

const rule: TsRule = {
  meta: {
    id: 'data/auto-sync-schema',
    category: 'data',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'ORM schema auto-sync in production code',
    fixKind: 'edit',
    effort: 'day',
    checklist: 'harden.schema',
    docs: {
      why: 'Auto-sync makes the ORM reshape the production database at boot: TypeORM `synchronize` drops columns whose property was renamed, Sequelize `sync({ force })` drops every table, `sync({ alter })` rewrites them, Mongoose `autoIndex` builds indexes on live collections during start-up. One deploy of a renamed field can delete a column of customer data, with no migration to review and nothing to roll back to.',
      checks: 'TypeORM `synchronize` / `dropSchema` given an environment variable\'s raw string (`process.env.DB_SYNC`, with or without a fallback) is reported too: any non-empty string, `false` included, is true. Seeds, tests and dev scripts are not reported.',
      bad: { files: { 'src/data-source.ts': "import { DataSource } from 'typeorm';\n\nexport const AppDataSource = new DataSource({\n  type: 'postgres',\n  url: process.env.DATABASE_URL,\n  entities: [__dirname + '/entities/*.{ts,js}'],\n  synchronize: true,\n});\n" } },
      good: { files: { 'src/data-source.ts': "import { DataSource } from 'typeorm';\n\nexport const AppDataSource = new DataSource({\n  type: 'postgres',\n  url: process.env.DATABASE_URL,\n  entities: [__dirname + '/entities/*.{ts,js}'],\n  migrations: [__dirname + '/migrations/*.{ts,js}'],\n  synchronize: process.env.NODE_ENV === 'development',\n});\n" } },
      fix: "Gate it on the environment so it fails closed (`synchronize: process.env.NODE_ENV === 'development'`), and ship schema changes as migrations (`typeorm migration:generate`, `sequelize-cli db:migrate`; for Mongoose `Model.syncIndexes()` in a deploy step).",
    },
  },
  scope: 'ts',
  kinds: ['json'],
  // Every finding is a `synchronize` / `dropSchema` / `autoIndex` key, a `.sync()` call, or `mongoose.set('autoIndex', true)`
  // (reported only in a Mongoose file); computed keys written as strings (`['synchronize']`) are in the name table too.
  triggers: { names: ['synchronize', 'dropSchema', 'autoIndex', 'sync', 'entities'], modules: ['typeorm', '@nestjs/typeorm', ...MONGOOSE] },

  check(ctx) {
    const file = ctx.file;
    if (file.kind !== 'json' || !/^ormconfig(\.[\w-]+)?\.json$/i.test(basename(file.path)) || isDevOnlyPath(file.path) || !file.ast) return;
    const objects = file.ast.type === 'array' ? file.ast.children ?? [] : [file.ast];
    for (const obj of objects) {
      if (obj.type !== 'object') continue;
      for (const prop of obj.children ?? []) {
        const [key, value] = prop.children ?? [];
        const kind = key?.value === 'synchronize' ? 'synchronize' : key?.value === 'dropSchema' ? 'dropSchema' : undefined;
        if (!kind || !value || value.type !== 'boolean' || value.value !== true) continue;
        const range = (n: jsonc.Node) => file.lines.range(n.offset, n.offset + n.length);
        ctx.report({
          message: MESSAGES[kind],
          range: range(prop),
          fixes: [{ title: OFF_TITLES[kind], safe: false, edits: [{ file: file.path, range: range(value), newText: 'false' }] }],
        });
      }
    }
  },

  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    const path = file.path;
    if (isDevOnlyPath(path)) return {};
    const q = quoteOf(sf);
    const gate = `process.env.NODE_ENV === ${q}development${q}`;
    const typeormFile = importsAnyOf(imports, ['typeorm', '@nestjs/typeorm']);
    const mongooseFile = importsAnyOf(imports, MONGOOSE);

    const fixesFor = (kind: Kind, valueNode: ts.Node, prop?: ts.ShorthandPropertyAssignment): Fix[] => {
      const write = (v: string) => (prop ? replaceNode(sf, path, prop, `${prop.name.text}: ${v}`) : replaceNode(sf, path, valueNode, v));
      const out: Fix[] = [];
      if (kind !== 'dropSchema') out.push({ title: `Enable ${kind === 'force' || kind === 'alter' ? `sync({ ${kind} })` : kind} only in development`, safe: false, edits: [write(gate)] });
      out.push({ title: OFF_TITLES[kind], safe: false, edits: [write('false')] });
      return out;
    };
    const report = (kind: Kind, at: ts.Node, valueNode: ts.Node, prop?: ts.ShorthandPropertyAssignment, range: ts.Node = at) => {
      if (isEnvGated(at)) return;
      ctx.report({ message: MESSAGES[kind], range: nodeRange(sf, range), fixes: fixesFor(kind, valueNode, prop) });
    };

    const isTypeormConfig = (obj: ts.ObjectLiteralExpression) => {
      if (typeormFile) return true;
      const type = stringValue(findProperty(obj, 'type', consts)?.value, consts);
      return !!type && TYPEORM_DRIVERS.has(type) && !!findProperty(obj, 'entities', consts);
    };
    const onProperty = (node: ts.Node) => {
      const p = node as ts.PropertyAssignment | ts.ShorthandPropertyAssignment;
      const name = propName(p.name);
      if (name !== 'synchronize' && name !== 'dropSchema' && name !== 'autoIndex') return;
      const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
      if (name !== 'autoIndex' && ts.isObjectLiteralExpression(p.parent) && isTypeormConfig(p.parent)) {
        const env = envString(value);
        if (env) {
          const exact = accessPath(unwrap(value))?.join('.') === `process.env.${env}`;
          ctx.report({
            message: `\`${name}\` gets the string in process.env.${env}${exact ? '' : ' (or its fallback)'}: TypeORM treats any non-empty string as true, so ${env}=false still turns it on, and TypeORM then ${name === 'dropSchema' ? 'drops the whole schema at every start' : 'alters the live schema to match the entities at every start (a renamed property drops its column and data)'}. Compare the value: \`process.env.${env} === ${q}true${q}\`.`,
            range: nodeRange(sf, p),
            fixes: exact ? [{ title: `Compare it: process.env.${env} === 'true'`, safe: false, edits: [replaceNode(sf, path, value, `process.env.${env} === ${q}true${q}`)] }] : [],
          });
          return;
        }
      }
      if (!isTrue(value, consts) || !ts.isObjectLiteralExpression(p.parent)) return;
      const short = ts.isShorthandPropertyAssignment(p) ? p : undefined;
      if (name === 'autoIndex') {
        if (mongooseFile) report('autoIndex', p, value, short);
        return;
      }
      if (isTypeormConfig(p.parent)) report(name, p, value, short);
    };

    return {
      PropertyAssignment: onProperty,
      ShorthandPropertyAssignment: onProperty,
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const name = calleeName(call);
        if (name === 'set' && mongooseFile && call.arguments.length >= 2 && stringValue(call.arguments[0], consts) === 'autoIndex' && isTrue(call.arguments[1], consts)) {
          const callee = resolveCallee(call.expression, imports);
          if (callee?.module === 'mongoose' || accessPath(call.expression)?.[0] === 'mongoose') report('autoIndex', call, call.arguments[1]);
          return;
        }
        if (name !== 'sync' || !ts.isPropertyAccessExpression(unwrap(call.expression))) return;
        const receiver = accessPath((unwrap(call.expression) as ts.PropertyAccessExpression).expression) ?? [];
        if (!importsAnyOf(imports, SEQUELIZE_MODULES) && !receiver.some((w) => /sequelize/i.test(w))) return;
        const opts = asObject(call.arguments[0], consts);
        if (!opts || findProperty(opts, 'match', consts)) return;
        for (const kind of ['force', 'alter'] as const) {
          const prop = findProperty(opts, kind, consts);
          if (!prop?.value) continue;
          const v = unwrap(prop.value);
          if (!(isTrue(v, consts) || (kind === 'alter' && ts.isObjectLiteralExpression(v)))) continue;
          const own = prop.node.getSourceFile() === sf && (ts.isPropertyAssignment(prop.node) || ts.isShorthandPropertyAssignment(prop.node));
          if (!own) continue;
          report(kind, call, prop.value, ts.isShorthandPropertyAssignment(prop.node) ? prop.node : undefined, call.expression);
          return;
        }
      },
    };
  },
};

export default rule;
