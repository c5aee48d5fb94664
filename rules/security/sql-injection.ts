import { ts } from 'ts-morph';
import type { Fix, TextEdit, TsRule, TsVisitor } from '../../server/engine/types';
import { accessPath, asObject, calleeName, findProperty, isTestPath, resolveCallee, stringValue, unwrap, type ConstTable } from '../../server/engine/ts/helpers';
import { packageName } from '../../server/engine/ts/imports';
import { addProperty, insertArgument, nodeRange, offsetRange, quoteOf } from '../../server/engine/ts/edits';
import { RequestScope } from '../../server/engine/ts/requestInput';
import { StaticValues, findDeclaration, readsRequest, returnedExpressions, variableSources } from '../../server/engine/ts/values';

type Family = 'pg' | 'mysql' | 'sqlite' | 'knex' | 'prisma' | 'prismaRaw' | 'drizzle' | 'sequelize' | 'typeorm' | 'typeormQb' | 'postgresjs';
type Style = 'dollar' | 'qmark' | 'qmarkChain' | 'sequelize' | 'prismaTag' | 'drizzleTag';
type Via = 'template' | 'concat';
type Pos = 'quoted' | 'value' | 'limit' | 'list' | 'other';

const FAMILY_OF_PACKAGE: Record<string, Family> = {
  pg: 'pg', 'pg-pool': 'pg', '@neondatabase/serverless': 'pg', '@vercel/postgres': 'pg',
  mysql2: 'mysql', mysql: 'mysql', mariadb: 'mysql', '@planetscale/database': 'mysql',
  'better-sqlite3': 'sqlite', sqlite3: 'sqlite', sqlite: 'sqlite', 'bun:sqlite': 'sqlite',
  knex: 'knex', objection: 'knex',
  '@prisma/client': 'prisma',
  'drizzle-orm': 'drizzle',
  sequelize: 'sequelize', 'sequelize-typescript': 'sequelize', '@nestjs/sequelize': 'sequelize',
  typeorm: 'typeorm', '@nestjs/typeorm': 'typeorm',
  postgres: 'postgresjs',
};
const DRIVER_FAMILIES: readonly Family[] = ['pg', 'mysql', 'sqlite', 'sequelize', 'typeorm', 'drizzle', 'knex', 'postgresjs'];
const KNEX_RAW = new Set(['whereRaw', 'orWhereRaw', 'andWhereRaw', 'whereNotRaw', 'havingRaw', 'orHavingRaw', 'andHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'fromRaw', 'selectRaw', 'onRaw']);
/**
 * Query-builder methods (TypeORM, MikroORM) whose first argument is SQL text: a condition, or the columns to sort or
 * group by. Their values go in named parameters (`:name` and an object), so only what is pasted into the text counts.
 */
const QB_TEXT = new Set(['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving', 'orderBy', 'addOrderBy', 'groupBy', 'addGroupBy']);
/** Of those, the ones whose argument is always SQL text (a column list), even when it is a plain variable. */
const QB_COLUMNS = new Set(['orderBy', 'addOrderBy', 'groupBy', 'addGroupBy']);
const QB_TYPE = /^(SelectQueryBuilder|UpdateQueryBuilder|DeleteQueryBuilder|QueryBuilder|WhereExpressionBuilder)$/;
const GENERIC = new Set(['query', 'execute', 'exec', 'prepare', 'all', 'get', 'run', 'each', 'any', 'many', 'one', 'none', 'oneOrNone', 'manyOrNone', 'unsafe', 'raw']);
const WEAK = new Set(['get', 'run', 'all', 'each', 'any', 'many', 'one', 'none', 'oneOrNone', 'manyOrNone']);
const CHAIN_RUNNERS = new Set(['get', 'all', 'run', 'iterate']);

const ADVICE: Record<Family | 'none', string> = {
  pg: 'Send values as parameters: `$1, $2` placeholders and a values array.',
  postgresjs: 'Use the tagged template sql`...${value}`, or sql.unsafe(text, values) with `$1` placeholders.',
  mysql: 'Send values as parameters: `?` placeholders and a values array.',
  sqlite: 'Send values as parameters: `?` placeholders, with the values passed to the statement.',
  knex: 'Send values as bindings: `?` placeholders (`??` for identifiers) and a bindings array.',
  prisma: 'Use the tagged template $queryRaw`...${value}` (or $executeRaw), which sends values as parameters.',
  prismaRaw: 'Build it with Prisma.sql`...${value}`, which sends values as parameters; keep Prisma.raw for constant SQL.',
  drizzle: 'Use the sql`...${value}` tagged template, which sends values as parameters; keep sql.raw for constant SQL.',
  sequelize: 'Send values with `replacements` (`?` placeholders) or `bind`.',
  typeorm: 'Send values as the second argument, with the placeholders your driver expects (`$1` for Postgres, `?` for MySQL and SQLite).',
  typeormQb: 'Send values as named parameters: `.where(\'user.name = :name\', { name })`.',
  none: 'Send values as query parameters (placeholders plus a values array), never inside the SQL text.',
};

const SQL_START = /^(select|insert|update|delete|with|merge|replace|upsert|create|alter|drop|truncate|grant|revoke|call|exec|execute|pragma|show|describe|explain|copy|lock|vacuum|analyze|set|declare)\s/i;
const SQL_BODY = /\b(from|into|set|where|values|table|join|returning)\s/i;
const SQL_ANYWHERE = /\bselect\s[\s\S]*\bfrom\s|\binsert\s+into\s|\bupdate\s[\s\S]*\bset\s|\bdelete\s+from\s/i;
const HOLE = '\u0000';
/** Developer-run scripts and seeds: no request input reaches them. */
const DEV_SCRIPT = /(^|\/)(scripts?|seeds?|seeders?)\/|(^|\/)seed\.[cm]?[jt]s$/i;

function looksLikeSql(skel: string, weak: boolean): boolean {
  const s = skel.replace(/^(\s|\(|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '');
  if (SQL_START.test(s)) return !weak || SQL_BODY.test(s);
  return s.startsWith(HOLE) && SQL_ANYWHERE.test(s);
}

/** Where a hole sits in the SQL text: inside a quoted literal, in a value position, a LIMIT, an IN list, or elsewhere (identifiers, clauses). */
function positionAt(skel: string, at: number): Pos {
  const before = skel.slice(0, at);
  const after = skel.slice(at + 1);
  if ((before.match(/'/g)?.length ?? 0) % 2 === 1) return 'quoted';
  const b = before.replace(/\s+$/, '').toLowerCase();
  const glued = /^[\w.]/.test(after);
  if (/(=|<>|!=|<|>)$/.test(b) || /\b(not\s+)?i?like$/.test(b) || /\bbetween$/.test(b) || /\bbetween\s+\S+\s+and$/.test(b)) return glued ? 'other' : 'value';
  if (/\b(limit|offset)$/.test(b)) return glued ? 'other' : 'limit';
  if (/\b(in|any|all)\s*\($/.test(b)) return 'list';
  if (/[(,]$/.test(b) && /\bvalues\s*\(([^()']|'[^']*')*$/.test(b)) return glued ? 'other' : 'value';
  return 'other';
}

interface Hole { part: ts.Expression; culprit: ts.Expression; at: number; via?: Via }
interface Shape { skel: string; holes: Hole[] }

function isBuilt(e: ts.Expression): boolean {
  const u = unwrap(e);
  return ts.isTemplateExpression(u) || ts.isStringLiteralLike(u) || (ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.PlusToken) || isConcatCall(u);
}

function isConcatCall(e: ts.Expression): e is ts.CallExpression & { expression: ts.PropertyAccessExpression } {
  return ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'concat' && isBuilt(e.expression.expression);
}

/** Flattens the SQL argument into text and holes (non-constant parts), following local variables that accumulate SQL. */
class SqlShaper {
  constructor(private readonly values: StaticValues, private readonly consts: ConstTable) {}

  shape(e: ts.Expression): Shape {
    const s: Shape = { skel: '', holes: [] };
    this.add(e, s, undefined, new Set(), 0);
    return s;
  }

  private localSources(e: ts.Expression, seen: Set<ts.Node>, depth: number): { decl: ts.VariableDeclaration; sources: ts.Expression[] } | undefined {
    if (!ts.isIdentifier(e) || depth > 4) return undefined;
    const decl = findDeclaration(e);
    if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return undefined;
    if (seen.has(decl)) return { decl, sources: [] };
    return { decl, sources: variableSources(decl) };
  }

  /** The SQL fragments a `.join(sep)` glues: a local array's elements and pushes, or what a `.map()` callback returns. */
  private joined(e: ts.Expression, seen = new Set<ts.Node>(), depth = 0): ts.Expression[] | undefined {
    const u = unwrap(e);
    if (!ts.isCallExpression(u) || calleeName(u) !== 'join' || !ts.isPropertyAccessExpression(u.expression)) return undefined;
    if (u.arguments[0] && !this.values.isStatic(u.arguments[0])) return undefined;
    const recv = unwrap(u.expression.expression);
    if (ts.isCallExpression(recv) && (calleeName(recv) === 'map' || calleeName(recv) === 'flatMap')) {
      const fn = recv.arguments[0] && unwrap(recv.arguments[0]);
      return fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) ? returnedExpressions(fn) : undefined;
    }
    const arr = this.localSources(recv, seen, depth);
    if (!arr) return undefined;
    seen.add(arr.decl);
    return arr.sources.flatMap((x) => { const v = unwrap(x); return ts.isArrayLiteralExpression(v) ? v.elements.map((el) => (ts.isSpreadElement(el) ? el.expression : el)) : [v]; });
  }

  /** Parameters of a same-file SQL helper being shaped, bound to the call's arguments (see `helper`). */
  private readonly args = new Map<ts.Node, ts.Expression>();

  /**
   * `const query = Raiting(id)` with `function Raiting(idProducts) { return \`SELECT ... = ${idProducts}\` }` in the same
   * file: the function and its one returned SQL text, whose parameters stand for the call's arguments.
   */
  private helper(e: ts.Expression, seen: Set<ts.Node>): { fn: ts.SignatureDeclaration; text: ts.Expression } | undefined {
    if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression)) return undefined;
    let fn: ts.Node | undefined = findDeclaration(e.expression);
    if (fn && ts.isVariableDeclaration(fn) && fn.initializer) fn = unwrap(fn.initializer);
    if (!fn || seen.has(fn) || !(ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
    const returned = returnedExpressions(fn);
    if (returned?.length !== 1 || !isBuilt(returned[0])) return undefined;
    return { fn, text: returned[0] };
  }

  private add(e0: ts.Expression, s: Shape, via: Via | undefined, seen: Set<ts.Node>, depth: number): void {
    const e = unwrap(e0);
    if (ts.isStringLiteralLike(e)) { s.skel += e.text; return; }
    if (ts.isIdentifier(e) && this.args.size) {
      const d = findDeclaration(e);
      const arg = d && this.args.get(d);
      if (arg) { this.add(arg, s, via, seen, depth + 1); return; }
    }
    const h = depth < 4 ? this.helper(e, seen) : undefined;
    if (h) {
      const call = e as ts.CallExpression;
      seen.add(h.fn);
      h.fn.parameters.forEach((p, i) => { if (call.arguments[i]) this.args.set(p, call.arguments[i]); });
      this.add(h.text, s, via, seen, depth + 1);
      for (const p of h.fn.parameters) this.args.delete(p);
      return;
    }
    if (ts.isTemplateExpression(e)) {
      s.skel += e.head.text;
      for (const span of e.templateSpans) { this.add(span.expression, s, 'template', seen, depth); s.skel += span.literal.text; }
      return;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      this.add(e.left, s, 'concat', seen, depth);
      this.add(e.right, s, 'concat', seen, depth);
      return;
    }
    if (isConcatCall(e)) {
      this.add(e.expression.expression, s, via, seen, depth);
      for (const a of e.arguments) this.add(a, s, 'concat', seen, depth);
      return;
    }
    if (this.values.isStatic(e)) { s.skel += stringValue(e, this.consts) ?? '0'; return; }
    const local = this.localSources(e, seen, depth);
    if (local && (local.sources.length === 0 || local.sources.some((x) => isBuilt(x) || !!this.helper(unwrap(x), seen)) || (local.sources.length === 1 && this.joined(local.sources[0])))) {
      seen.add(local.decl);
      for (const src of local.sources) this.add(src, s, via, seen, depth + 1);
      return;
    }
    const items = this.joined(e, seen, depth);
    if (items) {
      const sep = stringValue((e as ts.CallExpression).arguments[0], this.consts) ?? ',';
      items.forEach((item, i) => { if (i) s.skel += sep; this.add(item, s, via ?? 'concat', seen, depth + 1); });
      return;
    }
    s.holes.push({ part: e, culprit: this.values.dynamicPart(e) ?? e, at: s.skel.length, via });
    s.skel += HOLE;
  }
}

interface Sink {
  family?: Family;
  sqlArg: ts.Expression;
  needsText: boolean;
  weak: boolean;
  style?: Style;
  hasValues: boolean;
  /** The SQL is the call's first argument itself (not a property of an options object). */
  direct: boolean;
  label: string;
  /** The argument itself is SQL text even when it is one variable (a query builder's `orderBy(sort)`). */
  whole?: boolean;
}

/** The database's own list of tables, as SQL reads it (in the file's string literals). */
const CATALOG = /information_schema\.(tables|columns)|\bshow\s+(full\s+)?tables\b|\bpg_(catalog\.)?(tables|class)\b|\bsqlite_(master|schema)\b/i;

const REQUEST_ROOTS = new Set(['req', 'request', 'ctx', 'c', 'context', 'event']);
const REQUEST_PARTS = new Set(['url', 'nextUrl', 'searchParams', 'body', 'query', 'params', 'headers', 'cookies', 'json', 'formData', 'text']);

/** Whether a value comes from the request (`req.query.q`, `new URL(request.url).searchParams.get('q')`), following local variables. */
function fromRequest(e: ts.Node, depth = 0): boolean {
  if (readsRequest(e)) return true;
  let root = false;
  let part = false;
  const locals: ts.Identifier[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) {
      if (REQUEST_ROOTS.has(n.text)) root = true;
      else if (!(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) locals.push(n);
    }
    if (ts.isPropertyAccessExpression(n) && REQUEST_PARTS.has(n.name.text)) part = true;
    ts.forEachChild(n, visit);
  };
  visit(e);
  if (root && part) return true;
  if (depth >= 3) return false;
  return locals.some((id) => {
    const d = findDeclaration(id);
    if (!d) return false;
    if (ts.isVariableDeclaration(d)) return !!d.initializer && fromRequest(d.initializer, depth + 1);
    if (ts.isBindingElement(d)) {
      let decl: ts.Node = d;
      while (ts.isBindingElement(decl) || ts.isObjectBindingPattern(decl) || ts.isArrayBindingPattern(decl)) decl = decl.parent;
      return ts.isVariableDeclaration(decl) && !!decl.initializer && fromRequest(decl.initializer, depth + 1);
    }
    return false;
  });
}

/** A callback argument: a function literal, or a name that says so (`cb`, `done`). */
function isFunction(e: ts.Expression | undefined): boolean {
  const u = e && unwrap(e);
  return !!u && (ts.isArrowFunction(u) || ts.isFunctionExpression(u) || (ts.isIdentifier(u) && /^(cb|callback|done|next|handler|fn)$/i.test(u.text)));
}

/**
 * Whether a method call's receiver is a query builder: a chain from `createQueryBuilder()` (`repo.createQueryBuilder('u')
 * .leftJoin(...)`), a variable holding one, a parameter typed as one, or the builder a `new Brackets((qb) => ...)` hands in.
 */
function isQueryBuilder(e: ts.Expression, depth = 0): boolean {
  let cur = unwrap(e);
  for (let i = 0; i < 40; i++) {
    if (ts.isCallExpression(cur)) {
      const n = calleeName(cur);
      if (n === 'createQueryBuilder' || n === 'subQuery') return true;
      cur = unwrap(cur.expression);
    } else if (ts.isPropertyAccessExpression(cur)) cur = unwrap(cur.expression);
    else break;
  }
  if (!ts.isIdentifier(cur) || depth > 3) return false;
  const d = findDeclaration(cur);
  if (d && ts.isVariableDeclaration(d)) return !!d.initializer && isQueryBuilder(d.initializer, depth + 1);
  if (!d || !ts.isParameter(d)) return false;
  if (d.type) return ts.isTypeReferenceNode(d.type) && QB_TYPE.test(ts.isQualifiedName(d.type.typeName) ? d.type.typeName.right.text : d.type.typeName.text);
  const fn = d.parent;
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isNewExpression(fn.parent) && ts.isIdentifier(fn.parent.expression) && fn.parent.expression.text === 'Brackets';
}

function only<T>(set: Set<T>, among: readonly T[]): T | undefined {
  const hits = among.filter((x) => set.has(x));
  return hits.length === 1 ? hits[0] : undefined;
}

const rule: TsRule = {
  meta: {
    id: 'security/sql-injection',
    category: 'security',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'SQL is built from strings with non-constant values',
    fixKind: 'edit',
    effort: 'hour',
    checklist: 'harden.validation',
    docs: {
      checks: 'Values pasted into SQL text are reported wherever they come from, in query builders\' conditions too (TypeORM `createQueryBuilder()` `.where()`, `.andWhere()`, `.having()`); a builder\'s column names (`.orderBy()`, `.groupBy()`, aliases in a condition) only when they come from the request. Table and column names next to a values array are reported when they come from the request, or (tech-debt) when they are the keys of an object the function was handed (`` Object.keys(data).map((k, i) => `${k} = $${i + 1}`) ``) with no allowlist filter: whoever shapes that object picks the columns. Quoted table names in a file that lists the tables from the database\'s catalog (a dump: `information_schema.tables`, `SHOW TABLES`, `pg_tables`, `sqlite_master`) are not reported, unless they come from the request.',
      why: 'When a value is pasted into SQL text (concatenation or `${}` in a template), whoever controls that value controls the query: one quote in a search box or an id is enough to read every table, bypass a login or drop data. Drivers and ORMs all offer parameters that keep values out of the SQL text.',
      bad: { files: { 'src/users.ts': "import { Pool } from 'pg';\n\nconst pool = new Pool();\n\nexport async function findUser(email: string) {\n  const { rows } = await pool.query(`SELECT * FROM users WHERE email = '${email}'`);\n  return rows[0];\n}\n" } },
      good: { files: { 'src/users.ts': "import { Pool } from 'pg';\n\nconst pool = new Pool();\n\nexport async function findUser(email: string) {\n  const { rows } = await pool.query('SELECT * FROM users WHERE email = $1', [email]);\n  return rows[0];\n}\n" } },
      fix: 'Parameterise: `$1, $2` and a values array for pg, `?` and a values array for mysql2, SQLite and knex, `replacements` for Sequelize, the tagged templates `$queryRaw`...`` (Prisma) and sql`...` (Drizzle) instead of their Unsafe/raw forms. Table or column names cannot be parameters: pick them from a fixed allowlist. The quick fix rewrites a template literal passed straight to the driver when every value sits in a value position.',
    },
  },
  scope: 'ts',
  // Every sink is a call named one of these (sinkOf): a method, `query`/`execute`, or `x['query']`; or a query builder's
  // condition or column list, on a builder that one of the last names makes or types.
  triggers: { names: [...GENERIC, ...KNEX_RAW, '$queryRawUnsafe', '$executeRawUnsafe', 'literal', 'createQueryBuilder', 'subQuery', 'Brackets', 'SelectQueryBuilder', 'UpdateQueryBuilder', 'DeleteQueryBuilder', 'QueryBuilder', 'WhereExpressionBuilder'] },
  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    if (isTestPath(file.path) || DEV_SCRIPT.test(file.path)) return {};
    const families = new Set<Family>();
    for (const m of imports.modules) {
      const f = FAMILY_OF_PACKAGE[packageName(m.module) ?? ''] ?? FAMILY_OF_PACKAGE[m.module];
      if (f) families.add(f);
    }
    const values = new StaticValues((id) => imports.bindings.get(id.text)?.module);
    const shaper = new SqlShaper(values, consts);
    const q = quoteOf(sf);
    let scope: RequestScope | undefined;
    const requestScope = () => (scope ??= RequestScope.of(sf, imports));

    const sinkOf = (call: ts.CallExpression): Sink | undefined => {
      const name = calleeName(call);
      if (!name) return undefined;
      const callee = unwrap(call.expression);
      const isMethod = ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee);
      const [first, second] = call.arguments;
      if (!first) return undefined;
      const path = accessPath(callee);
      const label = path ? path.slice(-2).join('.') : name;
      const base = { sqlArg: first, direct: true, label, needsText: false, weak: false, hasValues: !!second && !isFunction(second) };
      if (!isMethod && name !== 'query' && name !== 'execute') return undefined;
      if (QB_TEXT.has(name) && ts.isPropertyAccessExpression(callee) && isQueryBuilder(callee.expression)) {
        // a condition object, `Brackets` or a callback is no SQL text; a plain variable is, for a column list
        const text = isBuilt(first) || (ts.isIdentifier(unwrap(first)) && (QB_COLUMNS.has(name) || shaper.shape(first).skel !== HOLE));
        return text ? { ...base, family: 'typeormQb', hasValues: true, whole: QB_COLUMNS.has(name) } : undefined;
      }
      if (name === '$queryRawUnsafe' || name === '$executeRawUnsafe') return { ...base, family: 'prisma', style: 'prismaTag' };
      if (KNEX_RAW.has(name) && isMethod) return { ...base, family: 'knex', style: 'qmark' };
      const resolved = resolveCallee(call.expression, imports);
      const rpath = resolved?.path.join('.');
      if (name === 'literal') {
        const seq = resolved && FAMILY_OF_PACKAGE[resolved.module] === 'sequelize' && (rpath === 'literal' || rpath === 'Sequelize.literal');
        if (seq || (path && /^sequelize$/i.test(path[path.length - 2] ?? ''))) return { ...base, family: 'sequelize', hasValues: false };
        return undefined;
      }
      if (!GENERIC.has(name)) return undefined;
      if (name === 'raw') {
        if ((resolved?.module === 'drizzle-orm' || resolved?.module === 'kysely') && rpath === 'sql.raw') return { ...base, family: 'drizzle', style: 'drizzleTag' };
        if (resolved?.module === '@prisma/client' && rpath === 'Prisma.raw') return { ...base, family: 'prismaRaw' };
        if (families.has('knex')) return { ...base, family: 'knex', style: 'qmark' };
        return { ...base, needsText: true };
      }
      const pkg = resolved && packageName(resolved.module);
      if (pkg && !FAMILY_OF_PACKAGE[pkg]) return undefined;
      const sink: Sink = { ...base, needsText: true, weak: WEAK.has(name) };
      if (name === 'query' || name === 'execute') {
        const obj = asObject(first, consts);
        if (obj && obj.getSourceFile() === sf) {
          const text = findProperty(obj, 'text', consts) ?? findProperty(obj, 'sql', consts);
          if (!text?.value) return undefined;
          sink.sqlArg = text.value;
          sink.direct = false;
          sink.hasValues ||= !!findProperty(obj, 'values', consts);
        }
      }
      const fam = only(families, DRIVER_FAMILIES);
      if (name === 'query' && fam && ['pg', 'mysql', 'sequelize', 'typeorm'].includes(fam)) {
        sink.family = fam;
        sink.style = fam === 'pg' ? 'dollar' : fam === 'mysql' ? 'qmark' : fam === 'sequelize' ? 'sequelize' : undefined;
        if (fam === 'sequelize') {
          const opts = asObject(second, consts);
          sink.hasValues = !!second && (!opts || !!findProperty(opts, 'replacements', consts) || !!findProperty(opts, 'bind', consts));
        }
      } else if (name === 'execute' && fam === 'mysql') { sink.family = fam; sink.style = 'qmark'; }
      else if ((name === 'all' || name === 'get' || name === 'run' || name === 'each') && fam === 'sqlite') { sink.family = fam; sink.style = 'qmark'; }
      else if (name === 'prepare' && fam === 'sqlite') {
        sink.family = fam;
        sink.style = 'qmarkChain';
        const chain = chainCall(call);
        sink.hasValues = !!chain && chain.arguments.length > 0;
      } else if (name === 'exec' && fam === 'sqlite') sink.family = fam;
      else if (name === 'unsafe' && families.has('postgresjs')) { sink.family = 'postgresjs'; sink.style = 'dollar'; }
      else if (fam && name !== 'unsafe') sink.family = fam;
      return sink;
    };

    const fixFor = (call: ts.CallExpression, sink: Sink): Fix[] | undefined => {
      const tpl = unwrap(sink.sqlArg);
      if (!sink.style || sink.hasValues || !sink.direct || !ts.isTemplateExpression(tpl) || tpl !== sink.sqlArg) return undefined;
      const tagged = sink.style === 'prismaTag' || sink.style === 'drizzleTag';
      const rewritten = rewriteTemplate(sf, tpl, values, consts, sink.style, q);
      if (!rewritten) return undefined;
      const path = file.path;
      const edits: TextEdit[] = [];
      const args = rewritten.values.join(', ');
      switch (sink.style) {
        case 'dollar':
        case 'qmark':
          if (call.arguments.length > 1 && !isFunction(call.arguments[1])) return undefined;
          edits.push({ file: path, range: nodeRange(sf, tpl), newText: `${rewritten.text}, [${args}]` });
          break;
        case 'sequelize': {
          const opts = call.arguments[1];
          if (!opts) edits.push({ file: path, range: nodeRange(sf, tpl), newText: `${rewritten.text}, { replacements: [${args}] }` });
          else {
            const obj = asObject(opts);
            if (!obj || call.arguments.length > 2) return undefined;
            edits.push({ file: path, range: nodeRange(sf, tpl), newText: rewritten.text }, addProperty(sf, path, obj, `replacements: [${args}]`));
          }
          break;
        }
        case 'qmarkChain': {
          const chain = chainCall(call);
          if (!chain || chain.arguments.length) return undefined;
          edits.push({ file: path, range: nodeRange(sf, tpl), newText: rewritten.text }, insertArgument(sf, path, chain, 0, args));
          break;
        }
        case 'prismaTag': {
          const callee = unwrap(call.expression);
          if (call.arguments.length !== 1 || !ts.isPropertyAccessExpression(callee)) return undefined;
          const name = callee.name.text === '$queryRawUnsafe' ? '$queryRaw' : '$executeRaw';
          const typeArgs = call.typeArguments ? `<${call.typeArguments.map((t) => t.getText(sf)).join(', ')}>` : '';
          edits.push({ file: path, range: offsetRange(sf, callee.name.getStart(sf), call.end), newText: `${name}${typeArgs}${rewritten.text}` });
          break;
        }
        case 'drizzleTag': {
          const callee = unwrap(call.expression);
          if (call.arguments.length !== 1 || !ts.isPropertyAccessExpression(callee)) return undefined;
          edits.push({ file: path, range: offsetRange(sf, call.getStart(sf), call.end), newText: `${callee.expression.getText(sf)}${rewritten.text}` });
          break;
        }
      }
      const title = tagged ? (sink.style === 'prismaTag' ? 'Use the tagged $queryRaw template (parameterised)' : 'Use the sql`` tagged template (parameterised)') : 'Parameterise the query';
      return [{ title, safe: false, edits }];
    };

    /**
     * A quoted table name (`` SELECT * FROM \`${table}\` ``) in a file that lists the tables from the database's own
     * catalog (information_schema, SHOW TABLES, pg_tables, sqlite_master): a dump or copy of every table, whose names
     * come from the database, not from a request. Request values are still reported.
     */
    let catalogFile: boolean | undefined;
    const catalogIdentifier = (skel: string, h: Hole, pos: string): boolean => {
      if (pos !== 'other' || readsRequest(h.culprit) || readsRequest(h.part)) return false;
      const open = skel[h.at - 1];
      if ((open !== '`' && open !== '"') || skel[h.at + 1] !== open) return false;
      if (catalogFile === undefined) {
        let hit = false;
        const visit = (n: ts.Node): void => {
          if (hit) return;
          if ((ts.isStringLiteralLike(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) && CATALOG.test(n.text)) { hit = true; return; }
          ts.forEachChild(n, visit);
        };
        visit(sf);
        catalogFile = hit;
      }
      return catalogFile;
    };

    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const sink = sinkOf(call);
        if (!sink) return;
        const shape = shaper.shape(sink.sqlArg);
        const holes = shape.holes.filter((h) => h.via || sink.whole);
        if (!holes.length) return;
        if (sink.needsText && !looksLikeSql(shape.skel, sink.weak)) return;
        const placed = holes.map((h) => ({ h, pos: positionAt(shape.skel, h.at) })).filter((p) => !catalogIdentifier(shape.skel, p.h, p.pos));
        // a query builder's names (aliases, columns) come from the code unless the request supplies them
        const named = sink.family === 'typeormQb' ? (h: Hole) => fromRequest(h.part) || !!requestScope().read(h.part) : (h: Hole) => readsRequest(h.culprit) || readsRequest(h.part);
        const risky = sink.hasValues ? placed.filter((p) => p.pos !== 'other' || named(p.h)) : placed;
        if (!risky.length) {
          // column names from the keys of an object the function was handed: safe only if every caller filters them
          for (const p of placed) {
            const obj = p.pos === 'other' ? keysOfParameter(p.h.part) : undefined;
            if (!obj) continue;
            ctx.report({
              message: `SQL injection risk: the column names in the SQL text passed to ${sink.label}() are the keys of \`${obj.text}\`, a parameter (\`${p.h.part.getText(sf)}\` is interpolated). A caller that passes request input on as it is (a body validated without stripping unknown keys) lets the sender pick the columns or rewrite the query. Take the columns from a fixed allowlist (\`Object.keys(${obj.text}).filter((k) => COLUMNS.includes(k))\`).`,
              range: nodeRange(sf, sink.sqlArg),
              tier: 'tech-debt',
            });
            return;
          }
          return;
        }
        // the value an attacker controls first, then the others
        const ordered = risky.length > 1 ? [...risky.filter((r) => fromRequest(r.h.part)), ...risky.filter((r) => !fromRequest(r.h.part))] : risky;
        const { h, pos } = ordered[0];
        const flat = (e: ts.Expression) => e.getText(sf).replace(/\s+/g, ' ');
        const text = (e: ts.Expression) => { const t = flat(e); return t.length > 40 ? `${t.slice(0, 39)}…` : t; };
        // the source of the value, unless it is too long to show: then the variable as the SQL text has it
        const label = (x: Hole) => text(ts.isIdentifier(x.part) && flat(x.culprit).length > 40 ? x.part : x.culprit);
        const shown = label(h);
        const others = [...new Set(ordered.slice(1).map((r) => label(r.h)))].filter((t) => t !== shown);
        const also = others.length ? ` (so ${others.length > 1 ? 'are' : 'is'} ${others.slice(0, 3).map((t) => `\`${t}\``).join(', ')}${others.length > 3 ? '…' : ''})` : '';
        const how = h.via === 'concat' ? 'is concatenated into the SQL text passed to' : h.via === 'template' ? 'is interpolated into the SQL text passed to' : 'is the SQL text passed to';
        const ident = ordered.some((r) => r.pos === 'other') ? ' Table and column names cannot be parameters: pick them from a fixed allowlist.' : '';
        ctx.report({
          message: `SQL injection: \`${shown}\` ${how} ${sink.label}()${also}. Whoever controls it can rewrite the query and read or destroy any data. ${ADVICE[sink.family ?? 'none']}${ident}`,
          range: nodeRange(sf, sink.sqlArg),
          fixes: fixFor(call, sink),
        });
      },
    };
  },
};

/**
 * `key` of `Object.keys(data).map((key, i) => ...)` (or `[key]` of `Object.entries(data)`, through a const holding the
 * key list and through filters that are not allowlists), `data` a parameter of the enclosing function: that parameter.
 */
function keysOfParameter(e: ts.Expression): ts.Identifier | undefined {
  const id = unwrap(e);
  if (!ts.isIdentifier(id)) return undefined;
  let decl = findDeclaration(id);
  if (decl && ts.isBindingElement(decl) && ts.isArrayBindingPattern(decl.parent) && decl.parent.elements[0] === decl) decl = decl.parent.parent;
  if (!decl || !ts.isParameter(decl)) return undefined;
  const fn = decl.parent;
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters[0] !== decl) return undefined;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== fn || !ts.isPropertyAccessExpression(call.expression) || !/^(map|flatMap|forEach)$/.test(call.expression.name.text)) return undefined;
  let recv = unwrap(call.expression.expression);
  for (let i = 0; i < 6; i++) {
    if (ts.isCallExpression(recv) && ts.isPropertyAccessExpression(recv.expression) && /^(filter|sort|slice|reverse)$/.test(recv.expression.name.text)) {
      if (recv.expression.name.text === 'filter' && recv.arguments[0] && allowlistCheck(recv.arguments[0])) return undefined;
      recv = unwrap(recv.expression.expression);
      continue;
    }
    if (ts.isIdentifier(recv)) {
      const d = findDeclaration(recv);
      if (d && ts.isVariableDeclaration(d) && d.initializer && ts.isVariableDeclarationList(d.parent) && d.parent.flags & ts.NodeFlags.Const) { recv = unwrap(d.initializer); continue; }
    }
    break;
  }
  const path = ts.isCallExpression(recv) ? accessPath(recv.expression)?.join('.') : undefined;
  if (path !== 'Object.keys' && path !== 'Object.entries') return undefined;
  const obj = (recv as ts.CallExpression).arguments[0] && unwrap((recv as ts.CallExpression).arguments[0]);
  if (!obj || !ts.isIdentifier(obj)) return undefined;
  const od = findDeclaration(obj);
  return od && ts.isParameter(od) && ts.isIdentifier(od.name) ? obj : undefined;
}

/** A filter callback that tests membership in a list or set: `(k) => COLUMNS.includes(k)`, `allowed.has(k)`. */
function allowlistCheck(cb: ts.Expression): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && /^(includes|has|indexOf)$/.test(calleeName(n) ?? '')) { found = true; return; }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.InKeyword) { found = true; return; }
    ts.forEachChild(n, visit);
  };
  visit(cb);
  return found;
}

/** `db.prepare(sql).get()`: the statement call chained on a prepare(). */
function chainCall(call: ts.CallExpression): ts.CallExpression | undefined {
  const p = call.parent;
  if (ts.isPropertyAccessExpression(p) && p.expression === call && CHAIN_RUNNERS.has(p.name.text) && ts.isCallExpression(p.parent) && p.parent.expression === p) return p.parent;
  return undefined;
}

/** The template rewritten with placeholders (or `${}` parameters for tagged styles), and the values in order. */
function rewriteTemplate(sf: ts.SourceFile, tpl: ts.TemplateExpression, values: StaticValues, consts: ConstTable, style: Style, q: string): { text: string; values: string[] } | undefined {
  const pieces = [tpl.head, ...tpl.templateSpans.map((s) => s.literal)];
  const texts = pieces.map((p) => p.text);
  const raw = pieces.map((p, i) => sf.text.slice(p.getStart(sf) + 1, p.end - (i === pieces.length - 1 ? 1 : 2)));
  if (raw.some((r, i) => r !== texts[i])) return undefined;
  const tagged = style === 'prismaTag' || style === 'drizzleTag';
  const all = texts.join('');
  if (style === 'dollar' && /\$\d/.test(all)) return undefined;
  if ((style === 'qmark' || style === 'qmarkChain' || style === 'sequelize') && all.includes('?')) return undefined;
  if (style === 'sequelize' && /(^|[^:]):[a-zA-Z_]/.test(all)) return undefined;
  const exprs = tpl.templateSpans.map((s) => s.expression);
  const isStatic = exprs.map((e) => values.isStatic(e));
  let skel = texts[0];
  const at: number[] = [];
  exprs.forEach((e, i) => {
    at.push(skel.length);
    skel += (isStatic[i] && !tagged ? stringValue(e, consts) ?? '0' : HOLE) + texts[i + 1];
  });
  const out: string[] = [];
  const vals: string[] = [];
  const param = (v: string) => { vals.push(v); return tagged ? `\${${v}}` : style === 'dollar' ? `$${vals.length}` : '?'; };
  let cur = texts[0];
  let inlined = false;
  for (let i = 0; i < exprs.length; i++) {
    const e = exprs[i];
    const text = e.getText(sf);
    let next = texts[i + 1];
    if (isStatic[i] && !tagged) {
      out.push(cur, `\${${text}}`);
      inlined = true;
    } else {
      const pos = positionAt(skel, at[i]);
      if (pos === 'value' || (pos === 'limit' && style !== 'qmark' && style !== 'sequelize')) out.push(cur, param(text));
      else if (pos === 'quoted') {
        const open = cur.lastIndexOf("'");
        const close = next.indexOf("'");
        if (open < 0 || close < 0) return undefined;
        const prefix = cur.slice(open + 1);
        const suffix = next.slice(0, close);
        if (/['\\`$]/.test(prefix + suffix)) return undefined;
        out.push(cur.slice(0, open), param(prefix || suffix ? `\`${prefix}\${${text}}${suffix}\`` : text));
        next = next.slice(close + 1);
      } else return undefined;
    }
    cur = next;
  }
  out.push(cur);
  const body = out.join('');
  if (tagged || inlined || /[\n\r\\]/.test(body) || body.includes(q)) return { text: `\`${body}\``, values: vals };
  return { text: `${q}${body}${q}`, values: vals };
}

export default rule;
