import { ts } from 'ts-morph';
import type { Range, TextEdit, TsRule, TsVisitor } from '../../server/engine/types';
import type { ParsedOf } from '../../server/engine/parse';
import { accessPath, asObject, findProperty, hasOpaqueSpread, isFalse, isTestPath, isTrue, propName, resolveCallee, stringValue, unwrap, calleeName } from '../../server/engine/ts/helpers';
import { addProperty, insertArgument, insertAt, nodeRange, replaceNode } from '../../server/engine/ts/edits';
import { decoratorsFrom, decoratorsOf, resolveDecorator, type ResolvedDecorator } from '../../server/engine/ts/decorators';
import { blockAttributes, fieldAttribute, fieldList, fieldTypeEnd, modelFields, prismaModels, span } from '../../server/engine/schema/prisma';
import { SEQUELIZE_MODULES, isMongooseSchema, knexChain, knexTableOf } from '../../server/engine/ts/orm';
import { importsAnyOf } from '../../server/engine/ts/imports';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import { parseFile } from '../../server/engine/parse';
import { sqlSchemaFacts } from '../../server/engine/facts/sqlSchema';

/**
 * Which columns are identities, and in which models.
 * - Person identities (email, username, handle) only in models named like people who sign in (User, Account,
 *   Customer, Member, Profile...): an Order, Invite, Contact or EmailLog holds many rows per address by design.
 * - External ids (stripeCustomerId, githubId, providerAccountId...) in those and in tenant-like models
 *   (Organization, Team, Workspace...): elsewhere (Subscription, Invoice) many rows per customer are normal.
 * - `slug` in any model except history/log/translation-like ones: it names the row in URLs.
 * Models whose name says log, history, archive, deleted, invite, event... are never checked.
 * A person-like model (other than User) that belongs many-to-one to ANOTHER person-like model (Account -> User) is a
 * link record, one person has several: its emails / usernames are not checked (its provider ids and slugs still are).
 */
type IdentityKind = 'person' | 'external' | 'slug';
const PERSON_FIELDS = new Set(['email', 'emailaddress', 'username', 'handle']);
const EXTERNAL_FIELDS = new Set([
  'externalid', 'stripecustomerid', 'stripeaccountid', 'googleid', 'githubid', 'gitlabid', 'facebookid', 'twitterid', 'appleid',
  'discordid', 'microsoftid', 'linkedinid', 'auth0id', 'clerkid', 'clerkuserid', 'firebaseuid', 'cognitosub', 'provideraccountid', 'oauthid',
]);
const PERSON_MODELS = new Set([
  'user', 'account', 'customer', 'profile', 'subscriber', 'person', 'admin', 'administrator', 'employee', 'staff', 'author', 'creator',
  'seller', 'vendor', 'merchant', 'player', 'student', 'teacher', 'instructor', 'patient', 'driver', 'rider', 'host', 'freelancer',
]);
const TENANT_MODELS = new Set(['organization', 'organisation', 'org', 'team', 'tenant', 'workspace', 'company', 'business']);
const NOT_IDENTITY_MODELS = new Set([
  'log', 'audit', 'history', 'revision', 'version', 'snapshot', 'backup', 'archive', 'archived', 'deleted', 'redirect', 'alias',
  'translation', 'localization', 'i18n', 'message', 'notification', 'invite', 'invitation', 'attempt', 'token', 'session', 'request',
  'activity', 'webhook', 'job', 'queue', 'outbox', 'delivery', 'import', 'export', 'draft', 'change', 'tracking', 'visit', 'view',
  'click', 'analytic', 'metric', 'stat', 'verification', 'reset', 'otp', 'temp', 'tmp', 'staging', 'legacy', 'pending', 'invited',
]);
const TECH_SUFFIX = new Set(['entity', 'model', 'schema', 'table', 'doc', 'document', 'record', 'row', 'dto', 'orm', 'db']);

const normalise = (name: string) => name.toLowerCase().replace(/[_\-\s]/g, '');

const IRREGULAR: Record<string, string> = { people: 'person', staff: 'staff', analytics: 'analytic', status: 'status' };
function singular(w: string): string {
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (/ies$/.test(w)) return w.slice(0, -3) + 'y';
  if (/(ss|us)$/.test(w)) return w;
  if (/(ch|sh|x)es$/.test(w)) return w.slice(0, -2);
  return w.endsWith('s') ? w.slice(0, -1) : w;
}

/** `UserEntity` -> ['user'], `team_members` -> ['team', 'member'], `IUser` -> ['user']. */
export function modelWords(name: string): string[] {
  const words = name.replace(/^I(?=[A-Z][a-z])/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_\-.]+/).filter(Boolean).map((w) => singular(w.toLowerCase()));
  while (words.length > 1 && TECH_SUFFIX.has(words[words.length - 1])) words.pop();
  return words;
}

/** Login names other than email / username: an identity only in a model that also holds a password (`account` + `password`). */
const LOGIN_NAMES = new Set(['account', 'login', 'loginname', 'accountname']);
/** Models that hold a service's credentials (SMTP settings, an integration's login), not people's. */
const CREDENTIAL_MODELS = new Set(['setting', 'settings', 'config', 'configuration', 'smtp', 'mail', 'mailer', 'integration', 'credential', 'connection', 'provider', 'server', 'database', 'db', 'ftp', 'proxy']);
/** A password column: the model is where people sign in. */
const PASSWORD_FIELD = /^(password|passwd|pwd|pass|passwordhash|hashedpassword|passworddigest|encryptedpassword)$/;

function fieldKind(field: string): IdentityKind | undefined {
  const f = normalise(field);
  return PERSON_FIELDS.has(f) || LOGIN_NAMES.has(f) ? 'person' : EXTERNAL_FIELDS.has(f) ? 'external' : f === 'slug' ? 'slug' : undefined;
}

const personWords = (words: string[]) => {
  const last = words[words.length - 1];
  return PERSON_MODELS.has(last) || (last === 'member' && words.length === 1);
};

/** Person-like names that are often a byline, not an account (a CMS's Author, a listing's Creator): accounts only when they can sign in. */
const BYLINE_MODELS = new Set(['author', 'creator']);
/** Columns that only a model people sign in as has. */
const LOGIN_FIELD = /^(password|passwd|pwd|passwordhash|hashedpassword|hash|salt|pass|passcode|otp|provider|provideraccountid|lastlogin|lastloginat|emailverified|emailverifiedat)$/;

/**
 * What identity `field` of `model` is, if any. `siblings`: the model's other field names, when known: a byline-like
 * model (Author) is an account only when one of them is a login column.
 */
export function identityKind(model: string, field: string, siblings?: readonly string[]): IdentityKind | undefined {
  const kind = fieldKind(field);
  if (!kind) return undefined;
  const words = modelWords(model);
  if (!words.length || words.some((w) => NOT_IDENTITY_MODELS.has(w)) || (words.length > 1 && words.includes('event'))) return undefined;
  if (kind === 'slug') return kind;
  // a table holding a password is where people sign in, whatever its name (`Manages`, `Editor`): its login names are identities
  const signIn = !!siblings?.some((f) => PASSWORD_FIELD.test(normalise(f))) && !words.some((w) => CREDENTIAL_MODELS.has(w));
  if (LOGIN_NAMES.has(normalise(field))) return signIn ? kind : undefined;
  if (kind === 'person' && signIn) return kind;
  const person = personWords(words);
  if (person && kind === 'person' && siblings && BYLINE_MODELS.has(words[words.length - 1]) && !siblings.some((f) => LOGIN_FIELD.test(normalise(f)))) return undefined;
  if (kind === 'person') return person ? kind : undefined;
  return person || TENANT_MODELS.has(words[words.length - 1]) ? kind : undefined;
}

/**
 * Whether `model` (also known as `aliases`: table, collection) belonging many-to-one to `target` makes it a link
 * record of another person-like model (Account -> User, Profile -> Customer). User is where people sign in, whatever
 * it belongs to (apps call tenants Account or Customer too); a self-relation does not count.
 */
export function belongsToPerson(model: string, aliases: string[], target: string): boolean {
  const own = modelWords(model);
  const other = modelWords(target);
  if (!own.length || !other.length || own[own.length - 1] === 'user' || !personWords(own) || !personWords(other)) return false;
  const key = other.join(' ');
  return ![model, ...aliases].some((n) => modelWords(n).join(' ') === key);
}

/** A many-to-one relation from a model: `one` when its foreign key is itself unique (one row per target: a one-to-one). */
interface Link { target: string; one: boolean }

/** Targets the model belongs to many-to-one: some link to them, none of them one-to-one. */
function manyTargets(links: readonly Link[]): string[] {
  const one = new Set(links.filter((l) => l.one).map((l) => l.target));
  return [...new Set(links.filter((l) => !l.one && !one.has(l.target)).map((l) => l.target))];
}

/** Whether a person field of `model` is on a link record (see belongsToPerson). */
function linkRecord(kind: IdentityKind, model: string, aliases: string[], links: readonly Link[] | undefined): boolean {
  return kind === 'person' && !!links && manyTargets(links).some((t) => belongsToPerson(model, aliases, t));
}

/** Whether some unique column set lies within a foreign key's columns (then at most one row per target). */
const fkUnique = (fk: readonly string[], uniques: ReadonlyArray<readonly string[]>) => uniques.some((u) => u.length > 0 && u.every((c) => fk.includes(c)));

const WHY: Record<IdentityKind, (f: string) => string> = {
  person: (f) => `two accounts can end up with the same ${f} (a double-submitted sign-up, two requests racing), and every lookup by ${f} then returns an arbitrary one: logins and password resets reach the wrong account`,
  external: (f) => `two rows can be linked to the same ${f}, so ${externalEffect(f)}`,
  slug: () => 'two rows can get the same slug, and its URL then resolves to an arbitrary one',
};

/** What a duplicated external id misroutes: a payment provider's webhooks, a sign-in provider's sign-ins, any lookup. */
function externalEffect(field: string): string {
  const f = normalise(field);
  if (/^(stripe|paddle|lemon|paypal)|customerid$/.test(f)) return 'the provider\'s webhooks (a payment failed, a subscription renewed or cancelled) update an arbitrary one of them, or none';
  return f.startsWith('external') ? 'every lookup by it resolves to an arbitrary one' : 'sign-ins from that provider resolve to an arbitrary one';
}

function message(model: string, field: string, kind: IdentityKind, note?: string): string {
  const what = LOGIN_NAMES.has(normalise(field)) ? 'login name' : field;
  return `\`${model}.${field}\` has no unique constraint: ${WHY[kind](what)}. ${note ? `${note} ` : ''}Make it unique in the schema (check existing rows for duplicates before migrating).`;
}

/** The names of the other members of the class or object literal a field's name is declared in (TypeORM, Mongoose, Sequelize, Drizzle). */
function siblingsOf(nameNode: ts.Node): string[] | undefined {
  const member = nameNode.parent;
  const owner = member?.parent;
  if (!owner || !(ts.isClassLike(owner) || ts.isObjectLiteralExpression(owner))) return undefined;
  const list = ts.isObjectLiteralExpression(owner) ? owner.properties : owner.members;
  return list.map((m) => (m.name ? propName(m.name) : undefined)).filter((n): n is string => !!n);
}

/** The first call of a builder chain (`uniqueIndex('x')` of `uniqueIndex('x').on(t.a)`). */
function chainRoot(call: ts.CallExpression): ts.CallExpression {
  let c = call;
  while (ts.isPropertyAccessExpression(c.expression) && ts.isCallExpression(c.expression.expression)) c = c.expression.expression;
  return c;
}

/** The columns of a chain's `.on(...)`, if it has one. */
function onArgs(call: ts.CallExpression): readonly ts.Expression[] | undefined {
  for (let c: ts.Expression = call; ts.isCallExpression(c) && ts.isPropertyAccessExpression(c.expression); c = c.expression.expression) {
    if (c.expression.name.text === 'on') return c.arguments;
  }
  return undefined;
}

/**
 * A Drizzle extra-config builder (the whole chain) that Drizzle drops: the value of a property of an object literal
 * that is an element of an array (`(t) => [{ pk: primaryKey(...) }]`). Drizzle takes an array's elements (flattened
 * once) or an object's values as the builders, and skips what is neither.
 */
function drizzleIgnores(call: ts.CallExpression): boolean {
  if (ts.isPropertyAccessExpression(call.parent) && ts.isCallExpression(call.parent.parent) && call.parent.parent.expression === call.parent) return false; // not the chain's end
  const p = call.parent;
  return ts.isPropertyAssignment(p) && p.initializer === call && ts.isObjectLiteralExpression(p.parent) && ts.isArrayLiteralExpression(p.parent.parent);
}

/** A column that may be an identity: `models` are the names its model goes by (class, table, collection), best first. */
interface Candidate { models: string[]; field: string; range: Range; fix?: { title: string; edit: TextEdit }; group?: string; owner?: string; column?: string; tables?: string[]; note?: string; siblings?: string[] }

/**
 * TypeORM entities are judged with the workspace's migrations (a column made unique there is unique): their findings
 * wait for the workspace pass, and migration files record the columns they make unique.
 */
interface Data {
  entities?: Array<{ tables: string[]; columns: string[]; range: Range; message: string; fix?: { title: string; edit: TextEdit } }>;
  /** `table.column` (normalised) made unique by a TypeORM migration (`isUnique`, `TableIndex`, `TableUnique`, `CREATE UNIQUE INDEX` in `queryRunner.query`). */
  uniques?: string[];
}
const ID = 'data/identity-not-unique';
/** Kysely schema-builder calls that declare or constrain columns. */
const KYSELY_METHOD = /^(addColumn|addUniqueConstraint|addPrimaryKeyConstraint|unique|column|columns)$/;
/** Knex column builders an identity can be written with, and the table-level unique / primary key. */
const KNEX_METHOD = /^(string|text|uuid|integer|bigInteger|bigint|specificType|varchar|unique|primary)$/;
const tableKey = (table: string, column: string) => `${singular(normalise(table.split('.').pop()!))}.${normalise(column)}`;

const rule: TsRule = {
  meta: {
    id: 'data/identity-not-unique',
    category: 'data',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'Identity columns without a unique constraint',
    fixKind: 'edit',
    effort: 'hour',
    checklist: 'harden.schema',
    docs: {
      why: "A uniqueness check in application code (`findUnique` then `create`) loses to two concurrent requests: a double-clicked sign-up creates two users with one email, and from then on logins, password resets and OAuth links pick one of them at random. Only a database constraint makes an email, username, slug or provider id identify one row.",
      checks: "A table that holds a password is where people sign in, whatever its name: its email, username and login name (`account`, `login`) must be unique (service credentials such as SMTP settings excepted). A model named Author or Creator counts as an account only when it has a login column (a password or its hash, an OAuth provider): in a CMS it is often a byline. Kysely migrations are read too (a column is unique with `(col) => col.unique()` / `primaryKey()`, an `addUniqueConstraint` over it, or a unique `createIndex(...).on(table).column(...)`), and so are Knex migrations: a column of `createTable` / `alterTable` (`t.string('email')`) is unique when its chain has `.unique()` / `.primary()`, the table has `t.unique(...)` over it (a composite counts as deliberate scoping), or another migration adds the constraint (`alterTable`, a raw `CREATE UNIQUE INDEX`). A TypeORM entity column counts as unique when a migration makes it so (`isUnique` in `createTable`, a unique `TableIndex` / `TableUnique`, or `UNIQUE` in the SQL a generated migration runs), as do SQL migration files. Checked in account-like models (User, Account, Customer, Member, Profile...) for emails and usernames, in those and tenant-like models (Organization, Team...) for provider ids, and in any model but log/history-like ones for slugs; a composite unique (`@@unique([tenantId, email])`) counts as deliberate scoping. An account-like model other than User that belongs many-to-one to another one (an OAuth `Account` with a relation to `User`) is a link record, one person has several: its emails and usernames are not checked, its provider ids still are (a one-to-one, whose foreign key is unique, is still checked).",
      bad: { files: { 'prisma/schema.prisma': 'model User {\n  id    Int    @id @default(autoincrement())\n  email String\n  name  String?\n}\n' } },
      good: { files: { 'prisma/schema.prisma': 'model User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n  name  String?\n}\n' } },
      fix: 'Add the constraint where the schema is defined: Prisma `@unique` (or `@@unique([tenantId, email])` when scoped), TypeORM `@Column({ unique: true })`, Sequelize / Mongoose `unique: true`, Drizzle and Knex `.unique()`, SQL `UNIQUE` or a unique index. Normalise emails (lower-case) before saving, and de-duplicate existing rows before the migration runs.',
    },
  },
  scope: 'ts',
  // Sequelize define()/init() also count without the import when the attributes use DataTypes / Sequelize / DataType.
  // `Schema`: mongoose through a module of the app that re-exports it (`new mongoose.Schema` with `mongoose` from '../config/database')
  // createTable / alterTable: Knex migrations (`knex.schema.createTable(...)`), which import nothing
  triggers: { names: ['DataTypes', 'Sequelize', 'DataType', 'Schema', 'createTable', 'alterTable', 'createTableIfNotExists', 'raw'], modules: ['typeorm', 'mongoose', '@nestjs/mongoose', 'drizzle-orm', 'kysely', ...SEQUELIZE_MODULES] },
  kinds: ['prisma'],

  check(ctx) {
    const file = ctx.file as ParsedOf<'prisma'>;
    if (isTestPath(file.path)) return;
    for (const model of prismaModels(file.ast)) {
      const covered = new Set<string>();
      const uniqueSets: string[][] = [];
      for (const a of [...blockAttributes(model, 'unique'), ...blockAttributes(model, 'id')]) { const l = fieldList(a) ?? []; uniqueSets.push(l); for (const f of l) covered.add(f); }
      for (const field of modelFields(model)) if (fieldAttribute(field, 'unique') || fieldAttribute(field, 'id')) uniqueSets.push([field.name]);
      const links: Link[] = [];
      for (const field of modelFields(model)) {
        const rel = fieldAttribute(field, 'relation');
        const fks = rel && fieldList(rel);
        if (!field.array && typeof field.fieldType === 'string' && fks?.length) links.push({ target: field.fieldType, one: fkUnique(fks, uniqueSets) });
      }
      for (const field of modelFields(model)) {
        if (field.array || typeof field.fieldType !== 'string' || !/^(String|Int|BigInt)$/.test(field.fieldType)) continue;
        const kind = identityKind(model.name, field.name, modelFields(model).map((x) => x.name));
        if (!kind || covered.has(field.name) || fieldAttribute(field, 'unique') || fieldAttribute(field, 'id')) continue;
        if (linkRecord(kind, model.name, [], links)) continue;
        const s = span(field);
        const end = fieldTypeEnd(file.text, field);
        if (!s || end === undefined) continue;
        ctx.report({
          message: message(model.name, field.name, kind),
          range: file.lines.range(s.start, s.start + field.name.length),
          fixes: [{ title: 'Add @unique', safe: false, edits: [{ file: file.path, range: file.lines.range(end, end), newText: ' @unique' }] }],
        });
      }
    }
  },

  checkWorkspace(ctx) {
    const hasPrisma = [...ctx.files.values()].some((f) => f.kind === 'prisma');
    const generated = (path: string) => {
      const dir = path.slice(0, path.lastIndexOf('/') + 1);
      return (hasPrisma && /(^|\/)migrations\/[^/]+\/migration\.sql$/.test(path)) || ctx.files.has(`${dir}meta/_journal.json`);
    };
    const uniques = new Map<string, Set<string>>();
    const uniqueSets = new Map<string, string[][]>();
    const push = <T>(m: Map<string, T[]>, k: string, v: T) => { const l = m.get(k); if (l) l.push(v); else m.set(k, [v]); };
    const uniqueKeys = new Set<string>();
    for (const f of ctx.files.values()) {
      for (const k of getRuleData<Data>(f.facts, ID)?.uniques ?? []) uniqueKeys.add(k);
      const schema = f.kind === 'sql' ? f.facts.sqlSchema : undefined;
      for (const u of schema?.uniques ?? []) if (u.columns.length === 1) uniqueKeys.add(tableKey(u.table, u.columns[0]));
      for (const c of schema?.columns ?? []) if (c.unique) uniqueKeys.add(tableKey(c.table, c.name));
      for (const u of schema?.uniques ?? []) {
        let set = uniques.get(u.table);
        if (!set) uniques.set(u.table, (set = new Set()));
        for (const c of u.columns) set.add(c);
        push(uniqueSets, u.table, u.columns);
      }
      for (const c of schema?.columns ?? []) if (c.unique) push(uniqueSets, c.table, [c.name]);
    }
    const links = new Map<string, Link[]>();
    for (const f of ctx.files.values()) {
      for (const fk of f.kind === 'sql' ? f.facts.sqlSchema?.foreignKeys ?? [] : []) push(links, fk.table, { target: fk.refTable, one: fkUnique(fk.columns, uniqueSets.get(fk.table) ?? []) });
    }
    // TypeORM entities: unique unless a migration (TS or SQL) makes the column unique
    for (const [path, f] of ctx.files) {
      for (const e of getRuleData<Data>(f.facts, ID)?.entities ?? []) {
        if (e.tables.some((t) => e.columns.some((c) => uniqueKeys.has(tableKey(t, c))))) continue;
        ctx.report({ file: path, workspace: false, message: e.message, range: e.range, fixes: e.fix ? [{ title: e.fix.title, safe: false, edits: [e.fix.edit] }] : [] });
      }
    }
    for (const [path, f] of ctx.files) {
      const schema = f.kind === 'sql' ? f.facts.sqlSchema : undefined;
      if (!schema || generated(path) || isTestPath(path)) continue;
      for (const col of schema.columns) {
        const kind = identityKind(col.table, col.name, schema.columns.filter((c) => c.table === col.table).map((c) => c.name));
        if (!kind || col.unique || uniques.get(col.table)?.has(col.name) || linkRecord(kind, col.table, [], links.get(col.table))) continue;
        ctx.report({
          file: path,
          workspace: false,
          message: message(col.tableDisplay, col.display, kind),
          range: col.range,
          fixes: [{ title: 'Add UNIQUE', safe: false, edits: [{ file: path, range: { start: col.endAt, end: col.endAt }, newText: col.lowerCase ? ' unique' : ' UNIQUE' }] }],
        });
      }
    }
  },

  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    const path = file.path;
    if (isTestPath(path)) return {};
    const candidates: Candidate[] = [];
    /** Fields made unique by statements elsewhere in the file (schema.index(), createForClass): group -> fields. */
    const uniqueByGroup = new Map<string, Set<string>>();
    const groupAlias = new Map<string, string>();
    const modelNames = new Map<string, string>();
    const addUnique = (group: string, fields: Iterable<string>) => {
      let s = uniqueByGroup.get(group);
      if (!s) uniqueByGroup.set(group, (s = new Set()));
      for (const f of fields) s.add(f);
    };
    /** Many-to-one relations by owner (a key per model definition), Sequelize associations by model name. */
    const links = new Map<string, Link[]>();
    const ownerByName = new Map<string, string>();
    const associations: Array<{ from: string; target: string }> = [];
    const addLink = (owner: string, target: string | undefined, one: boolean) => {
      if (!target) return;
      const l = links.get(owner);
      if (l) l.push({ target, one }); else links.set(owner, [{ target, one }]);
    };
    /** The model a relation points at: `() => User`, `'User'`, `models.User`, `User.name` (Mongoose), `() => users.id` (Drizzle, `column`). */
    const targetOf = (e: ts.Expression | undefined, column = false): string | undefined => {
      if (!e) return undefined;
      const s = stringValue(e, consts);
      if (s !== undefined) return s;
      let v = unwrap(e);
      if (ts.isArrowFunction(v) || ts.isFunctionExpression(v)) {
        const body: ts.ConciseBody = v.body;
        const ret = ts.isBlock(body) ? body.statements.find(ts.isReturnStatement)?.expression : body;
        if (!ret) return undefined;
        v = unwrap(ret);
      }
      const p = accessPath(v);
      if (!p) return undefined;
      if (column || (p.length > 1 && p[p.length - 1] === 'name')) return p.length > 1 ? p[p.length - 2] : undefined;
      return p[p.length - 1];
    };

    const candidate = (models: Array<string | undefined>, field: string, nameNode: ts.Node, fix?: Candidate['fix'], group?: string, owner?: string, typeorm?: { column?: string; tables: string[] }, note?: string) => {
      if (fieldKind(field)) candidates.push({ models: models.filter((m): m is string => !!m), field, range: nodeRange(sf, nameNode), fix, group, owner, ...(typeorm ? { tables: typeorm.tables, ...(typeorm.column ? { column: typeorm.column } : {}) } : {}), ...(note ? { note } : {}), siblings: siblingsOf(nameNode) });
    };
    // TypeORM migrations: the columns they make unique
    const typeormFile = importsAnyOf(imports, ['typeorm']);
    const migrationUnique = (table: string | undefined, column: string | undefined) => {
      if (table && column) (ruleDataOf<Data>(ctx.facts, ID, () => ({})).uniques ??= []).push(tableKey(table, column));
    };
    const single = (names: ts.Expression | undefined): string | undefined => {
      const l = names && stringList(names);
      return l && l.length === 1 ? l[0] : undefined;
    };
    const onMigrationNew = (n: ts.NewExpression) => {
      const r = resolveCallee(n.expression, imports);
      if (r?.module !== 'typeorm') return;
      const kind = r.path.join('.');
      const obj = asObject(n.arguments?.[0], consts);
      if (!obj) return;
      const flag = (o: ts.ObjectLiteralExpression, key: string) => isTrue(findProperty(o, key, consts)?.value, consts);
      if (kind === 'Table') {
        const table = stringValue(findProperty(obj, 'name', consts)?.value, consts);
        const list = (key: string) => { const v = findProperty(obj, key, consts)?.value; const r2 = v && consts.resolve(v); return r2 && ts.isArrayLiteralExpression(r2) ? r2.elements.map((e) => asObject(e, consts)).filter((o): o is ts.ObjectLiteralExpression => !!o) : []; };
        for (const c of list('columns')) if (flag(c, 'isUnique') || flag(c, 'isPrimary')) migrationUnique(table, stringValue(findProperty(c, 'name', consts)?.value, consts));
        for (const u of list('uniques')) migrationUnique(table, single(findProperty(u, 'columnNames', consts)?.value));
        for (const i of list('indices')) if (flag(i, 'isUnique')) migrationUnique(table, single(findProperty(i, 'columnNames', consts)?.value));
        return;
      }
      // queryRunner.createIndex('users', new TableIndex({...})), createUniqueConstraint(...), addColumn(...)
      let call: ts.Node = n.parent;
      if (ts.isArrayLiteralExpression(call)) call = call.parent;
      if (!ts.isCallExpression(call)) return;
      const table = stringValue(call.arguments[0], consts);
      if (kind === 'TableIndex' && flag(obj, 'isUnique')) migrationUnique(table, single(findProperty(obj, 'columnNames', consts)?.value));
      else if (kind === 'TableUnique') migrationUnique(table, single(findProperty(obj, 'columnNames', consts)?.value));
      else if (kind === 'TableColumn' && (flag(obj, 'isUnique') || flag(obj, 'isPrimary'))) migrationUnique(table, stringValue(findProperty(obj, 'name', consts)?.value, consts));
    };
    // queryRunner.query(`CREATE UNIQUE INDEX ... ON "users" ("email")`): read with the SQL parser
    const onMigrationQuery = (call: ts.CallExpression) => {
      if (!ts.isPropertyAccessExpression(call.expression) || !/^(query|raw)$/.test(call.expression.name.text) || !call.arguments[0]) return;
      const arg = unwrap(call.arguments[0]);
      const text = ts.isNoSubstitutionTemplateLiteral(arg) || ts.isStringLiteral(arg) ? arg.text : undefined;
      if (!text || !/unique|primary/i.test(text)) return;
      const parsed = parseFile('migration.sql', text, 'sql');
      if (parsed?.kind !== 'sql') return;
      const schema = sqlSchemaFacts(parsed);
      for (const u of schema.uniques) if (u.columns.length === 1) migrationUnique(u.table, u.columns[0]);
      for (const c of schema.columns) if (c.unique) migrationUnique(c.table, c.name);
    };
    // Knex migrations: `knex.schema.createTable('users', (t) => { t.string('email').notNullable(); t.unique(['username']) })`.
    // Judged in the workspace pass like TypeORM entities: another migration (an alterTable, raw SQL) may add the constraint.
    const knexFile = ctx.hasName('createTable') || ctx.hasName('alterTable') || ctx.hasName('createTableIfNotExists') || ctx.hasName('raw');
    const onKnex = (call: ts.CallExpression, method: string, kt: { table?: string; create: boolean }) => {
      const table = kt.table;
      if (!table || !call.arguments[0]) return;
      if (method === 'unique' || method === 'primary') {
        // a composite unique (`t.unique(['tenant_id', 'email'])`) is deliberate scoping: each of its columns counts
        const cols = stringValue(call.arguments[0], consts) !== undefined ? [stringValue(call.arguments[0], consts)!] : stringList(call.arguments[0]) ?? [];
        for (const c of cols) migrationUnique(table, c);
        return;
      }
      const column = stringValue(call.arguments[0], consts);
      if (!column) return;
      const { names, end } = knexChain(call);
      if (names.includes('unique') || names.includes('primary')) { migrationUnique(table, column); return; }
      if (names.includes('alter') || names.includes('references')) return;
      candidate([table], column, call.arguments[0], { title: 'Add .unique()', edit: insertAt(sf, path, end.end, '.unique()') }, undefined, undefined, { tables: [table] });
    };
    // Kysely migrations: `db.schema.createTable('users').addColumn('email', 'text', (col) => col.notNull())`, a unique
    // column (`col.unique()` / `col.primaryKey()`), `.addUniqueConstraint('u', ['email'])`, and
    // `db.schema.createIndex('i').on('users').column('email').unique()`. Judged in the workspace pass, like Knex.
    const kyselyFile = imports.modules.some((m) => m.module === 'kysely');
    const onKysely = (call: ts.CallExpression, method: string) => {
      const chain: Array<{ name: string; args: readonly ts.Expression[] }> = [];
      for (let e: ts.Expression = call; ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression); e = unwrap(e.expression.expression)) chain.push({ name: e.expression.name.text, args: e.arguments });
      const tableCall = chain.find((c) => c.name === 'createTable' || c.name === 'alterTable' || c.name === 'on');
      const table = tableCall && stringValue(tableCall.args[0], consts);
      if (!table) return;
      if (method === 'addColumn') {
        const column = stringValue(call.arguments[0], consts);
        if (!column) return;
        const build = call.arguments[2] && unwrap(call.arguments[2]);
        let unique = false;
        if (build && (ts.isArrowFunction(build) || ts.isFunctionExpression(build))) {
          const visit = (n: ts.Node): void => { if (ts.isCallExpression(n) && /^(unique|primaryKey)$/.test(calleeName(n) ?? '')) unique = true; else ts.forEachChild(n, visit); };
          visit(build.body);
        }
        if (unique) { migrationUnique(table, column); return; }
        if (tableCall.name === 'on') return;
        let fix: Candidate['fix'];
        if (build && ts.isArrowFunction(build) && !ts.isBlock(build.body)) fix = { title: 'Add .unique()', edit: insertAt(sf, path, build.body.end, '.unique()') };
        else if (!build && call.arguments[1]) fix = { title: 'Add .unique()', edit: insertAt(sf, path, call.arguments[1].end, ', (col) => col.unique()') };
        candidate([table], column, call.arguments[0], fix, undefined, undefined, { tables: [table] });
        return;
      }
      if (method === 'addUniqueConstraint' || method === 'addPrimaryKeyConstraint') {
        for (const c of stringList(call.arguments[1]) ?? []) migrationUnique(table, c);
        return;
      }
      // createIndex(...).on('users').column('email').unique(), in any order
      if (method === 'unique' || method === 'column' || method === 'columns') {
        if (!chain.some((c) => c.name === 'createIndex') || !chain.some((c) => c.name === 'unique') || chain[0].name !== method) return;
        for (const c of chain) {
          if (c.name === 'column') { const v = stringValue(c.args[0], consts); if (v) migrationUnique(table, v); }
          if (c.name === 'columns') for (const v of stringList(c.args[0]) ?? []) migrationUnique(table, v);
        }
      }
    };
    const memberName = (m: ts.ClassElement) => (m.name ? propName(m.name) : undefined);
    const stringList = (e: ts.Expression | undefined): string[] | undefined => {
      const r = e && consts.resolve(e);
      if (!r || !ts.isArrayLiteralExpression(r)) return undefined;
      return r.elements.map((x) => stringValue(x, consts) ?? (ts.isObjectLiteralExpression(x) ? stringValue(findProperty(x, 'name', consts)?.value, consts) : undefined)).filter((x): x is string => !!x);
    };
    /** Options object among decorator/call arguments (the first object literal). */
    const optionsArg = (args: readonly ts.Expression[]) => {
      for (const a of args) { const o = asObject(a, consts); if (o) return { arg: a, obj: o }; }
      return undefined;
    };
    /** Whether options make a column unique: `unique` / `primary` keys set (to anything but false), or an `index: { unique: true }`. */
    const optsUnique = (obj: ts.ObjectLiteralExpression | undefined, ...keys: string[]) => {
      if (!obj) return false;
      if (hasOpaqueSpread(obj, consts)) return true;
      return keys.some((k) => {
        const v = findProperty(obj, k, consts)?.value;
        if (!v || isFalse(v, consts)) return false;
        if (k !== 'index') return true;
        const o = asObject(v, consts);
        return !!o && isTrue(findProperty(o, 'unique', consts)?.value, consts);
      });
    };
    /** Adds `prop` to the inline options of a decorator call, or an options argument; undefined when options live elsewhere. */
    const decoratorOptionFix = (d: ResolvedDecorator, prop: string, typeFirst: boolean): TextEdit | undefined => {
      if (!d.call) return replaceNode(sf, path, d.node.expression, `${d.node.expression.getText(sf)}({ ${prop} })`);
      const opt = optionsArg(d.args);
      if (opt) return unwrap(opt.arg) === opt.obj ? addProperty(sf, path, opt.obj, prop) : undefined;
      if (d.args.length === 0) return insertArgument(sf, path, d.call, 0, `{ ${prop} }`);
      if (typeFirst && d.args.length === 1) return insertArgument(sf, path, d.call, 1, `{ ${prop} }`);
      return undefined;
    };

    const onClass = (node: ts.Node) => {
      const cls = node as ts.ClassDeclaration;
      const className = cls.name?.text;
      if (!className) return;
      const typeorm = decoratorsFrom(cls, imports, ['typeorm']);
      const seqTs = decoratorsFrom(cls, imports, ['sequelize-typescript']);
      const nestMongoose = decoratorsFrom(cls, imports, ['@nestjs/mongoose']);
      if (typeorm.has('Entity')) {
        const ent = typeorm.get('Entity')!;
        const entOpts = asObject(ent.args[0], consts);
        const tableName = stringValue(ent.args[0], consts) ?? stringValue(entOpts && findProperty(entOpts, 'name', consts)?.value, consts);
        const model = [className, tableName];
        const covered = new Set<string>();
        const uniqueSets: string[][] = [];
        for (const dec of decoratorsOf(cls)) {
          const d = resolveDecorator(dec, imports);
          if (d?.module === 'typeorm' && (d.name === 'Unique' || d.name === 'Index')) {
            const lists = d.args.map((a) => stringList(a)).filter((x): x is string[] => !!x);
            const opts = optionsArg(d.args)?.obj;
            if (d.name === 'Unique' || isTrue(opts && findProperty(opts, 'unique', consts)?.value, consts)) for (const l of lists) { uniqueSets.push(l); for (const f of l) covered.add(f); }
          }
        }
        const owner = `class:${className}`;
        for (const m of cls.members) {
          const name = memberName(m);
          const rel = name && ts.isPropertyDeclaration(m) ? decoratorsFrom(m, imports, ['typeorm']) : undefined;
          const many = rel?.get('ManyToOne');
          if (name && many) {
            const idx = rel!.get('Index') ?? rel!.get('Unique');
            const one = fkUnique([name], uniqueSets) || (!!idx && (idx.name === 'Unique' || optsUnique(optionsArg(idx.args)?.obj, 'unique')));
            addLink(owner, targetOf(many.args[0]), one);
          }
        }
        for (const m of cls.members) {
          const name = memberName(m);
          if (!ts.isPropertyDeclaration(m) || !name || covered.has(name)) continue;
          const decs = decoratorsFrom(m, imports, ['typeorm']);
          const col = decs.get('Column');
          if (!col || decs.has('PrimaryColumn') || decs.has('PrimaryGeneratedColumn')) continue;
          const opts = optionsArg(col.args)?.obj;
          if (optsUnique(opts, 'unique', 'primary')) continue;
          const idx = decs.get('Index') ?? decs.get('Unique');
          if (idx && (idx.name === 'Unique' || optsUnique(optionsArg(idx.args)?.obj, 'unique'))) continue;
          const opaque = col.args.some((a) => ts.isIdentifier(unwrap(a)) && !asObject(a, consts) && !stringValue(a, consts));
          if (opaque) continue;
          const edit = decoratorOptionFix(col, 'unique: true', true);
          const column = stringValue(opts && findProperty(opts, 'name', consts)?.value, consts);
          // the table TypeORM makes: the entity's name, or the class name in snake_case
          const tables = [tableName ?? className.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase(), className];
          candidate(model, name, m.name, edit && { title: 'Add unique: true', edit }, undefined, owner, { column, tables });
        }
        return;
      }
      if (seqTs.has('Table')) {
        const tbl = seqTs.get('Table')!;
        const topts = optionsArg(tbl.args)?.obj;
        const model = [className, stringValue(topts && findProperty(topts, 'tableName', consts)?.value, consts)];
        const covered = new Set(indexFields(topts));
        const owner = `class:${className}`;
        ownerByName.set(className, owner);
        for (const m of cls.members) {
          const name = memberName(m);
          if (!ts.isPropertyDeclaration(m) || !name) continue;
          const decs = decoratorsFrom(m, imports, ['sequelize-typescript']);
          const belongs = decs.get('BelongsTo');
          if (belongs) addLink(owner, targetOf(belongs.args[0]), false);
          const fk = decs.get('ForeignKey');
          if (fk) {
            const one = covered.has(name) || decs.has('Unique') || decs.has('PrimaryKey') || optsUnique(optionsArg(decs.get('Column')?.args ?? [])?.obj, 'unique', 'primaryKey');
            addLink(owner, targetOf(fk.args[0]), one);
          }
        }
        for (const m of cls.members) {
          const name = memberName(m);
          if (!ts.isPropertyDeclaration(m) || !name || covered.has(name)) continue;
          const decs = decoratorsFrom(m, imports, ['sequelize-typescript']);
          const col = decs.get('Column');
          if (!col || decs.has('Unique') || decs.has('PrimaryKey')) continue;
          const idx = decs.get('Index');
          if (idx && optsUnique(optionsArg(idx.args)?.obj, 'unique')) continue;
          const opt = optionsArg(col.args);
          if (optsUnique(opt?.obj, 'unique', 'primaryKey')) continue;
          let edit: TextEdit | undefined;
          if (opt) edit = unwrap(opt.arg) === opt.obj ? addProperty(sf, path, opt.obj, 'unique: true') : undefined;
          else if (col.args.length === 1) edit = replaceNode(sf, path, col.args[0], `{ type: ${col.args[0].getText(sf)}, unique: true }`);
          else edit = decoratorOptionFix(col, 'unique: true', false);
          candidate(model, name, m.name, edit && { title: 'Add unique: true', edit }, undefined, owner);
        }
        return;
      }
      if (nestMongoose.has('Schema')) {
        const sch = nestMongoose.get('Schema')!;
        const sopts = optionsArg(sch.args)?.obj;
        const model = [className, stringValue(sopts && findProperty(sopts, 'collection', consts)?.value, consts)];
        for (const m of cls.members) {
          const name = memberName(m);
          if (!ts.isPropertyDeclaration(m) || !name) continue;
          const prop = decoratorsFrom(m, imports, ['@nestjs/mongoose']).get('Prop');
          if (!prop) continue;
          const opt = optionsArg(prop.args);
          refLink(`class:${className}`, opt?.obj);
          if (optsUnique(opt?.obj, 'unique', 'index')) continue;
          if (prop.args.some((a) => !asObject(a, consts))) continue;
          const edit = decoratorOptionFix(prop, 'unique: true', false);
          candidate(model, name, m.name, edit && { title: 'Add unique: true', edit }, `class:${className}`, `class:${className}`);
        }
      }
    };

    const indexSets = (opts: ts.ObjectLiteralExpression | undefined): string[][] => {
      const arr = opts && consts.resolve(findProperty(opts, 'indexes', consts)?.value);
      if (!arr || !ts.isArrayLiteralExpression(arr)) return [];
      const out: string[][] = [];
      for (const el of arr.elements) {
        const o = asObject(el, consts);
        if (o && isTrue(findProperty(o, 'unique', consts)?.value, consts)) out.push(stringList(findProperty(o, 'fields', consts)?.value) ?? []);
      }
      return out;
    };
    const indexFields = (opts: ts.ObjectLiteralExpression | undefined): string[] => indexSets(opts).flat();
    /** Sequelize define() / init(): relations from `references` attributes, unless the column is unique. */
    const sequelizeModel = (owner: string, names: Array<string | undefined>, def: ts.ObjectLiteralExpression, opts: ts.ObjectLiteralExpression | undefined) => {
      for (const n of names) if (n) ownerByName.set(n, owner);
      const sets = indexSets(opts);
      relations(def, (obj, name) => {
        const refs = asObject(findProperty(obj, 'references', consts)?.value, consts);
        if (refs) addLink(owner, targetOf(findProperty(refs, 'model', consts)?.value), fkUnique([name], sets) || optsUnique(obj, 'unique', 'primaryKey'));
      });
    };

    /** A Mongoose reference (`{ type: ObjectId, ref: 'User' }`, not a list of them): a many-to-one unless unique. */
    const refLink = (owner: string, obj: ts.ObjectLiteralExpression | undefined) => {
      const ref = obj && findProperty(obj, 'ref', consts)?.value;
      const type = obj && findProperty(obj, 'type', consts)?.value;
      if (!ref || (type && ts.isArrayLiteralExpression(unwrap(type)))) return;
      addLink(owner, targetOf(ref), optsUnique(obj, 'unique', 'index'));
    };
    /** Relations among Sequelize attributes / Mongoose schema paths (object values, not lists). */
    const relations = (def: ts.ObjectLiteralExpression, link: (obj: ts.ObjectLiteralExpression, name: string) => void) => {
      for (const p of def.properties) {
        const name = ts.isPropertyAssignment(p) ? propName(p.name) : undefined;
        const obj = name && !ts.isArrayLiteralExpression(unwrap((p as ts.PropertyAssignment).initializer)) ? asObject((p as ts.PropertyAssignment).initializer, consts) : undefined;
        if (name && obj) link(obj, name);
      }
    };
    /** Sequelize attributes / Mongoose schema definition: one candidate per identity property. */
    const attributes = (model: Array<string | undefined>, def: ts.ObjectLiteralExpression, uniqueKeys: string[], covered: Set<string>, typeKey: string, group: string | undefined, owner: string) => {
      for (const p of def.properties) {
        if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
        const name = propName(p.name);
        if (!name || covered.has(name) || !fieldKind(name)) continue;
        const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
        const v = unwrap(value);
        if (ts.isArrayLiteralExpression(v)) continue;
        const obj = asObject(value, consts);
        let edit: TextEdit | undefined;
        if (obj) {
          if (optsUnique(obj, ...uniqueKeys)) continue;
          if (!findProperty(obj, typeKey, consts) && !findProperty(obj, 'type', consts)) continue;
          edit = obj === v ? addProperty(sf, path, obj, 'unique: true') : undefined;
        } else if (ts.isIdentifier(v) && consts.get(v.text) === undefined && !/^(String|Number)$/.test(v.text)) {
          continue;
        } else if (ts.isPropertyAssignment(p)) {
          edit = replaceNode(sf, path, p.initializer, `{ ${typeKey}: ${p.initializer.getText(sf)}, unique: true }`);
        }
        candidate(model, name, p.name, edit && { title: 'Add unique: true', edit }, group, owner);
      }
    };
    const usesDataTypes = (def: ts.ObjectLiteralExpression) => def.properties.some((p) => {
      if (!ts.isPropertyAssignment(p)) return false;
      let v: ts.Expression = unwrap(p.initializer);
      if (ts.isObjectLiteralExpression(v)) v = findProperty(v, 'type', consts)?.value ?? v;
      const head = accessPath(ts.isCallExpression(unwrap(v)) ? (unwrap(v) as ts.CallExpression).expression : v)?.[0];
      return head === 'DataTypes' || head === 'Sequelize' || head === 'DataType';
    });
    const varNameOf = (n: ts.Node): string | undefined => {
      let p = n.parent;
      while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p))) p = p.parent;
      return p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) ? p.name.text : undefined;
    };

    const drizzle = (call: ts.CallExpression) => {
      const [nameArg, colsArg, extra] = call.arguments;
      let cols = asObject(colsArg, consts);
      const fn = colsArg && unwrap(colsArg);
      if (!cols && fn && ts.isArrowFunction(fn)) cols = asObject(ts.isBlock(fn.body) ? undefined : fn.body, consts);
      if (!cols) return;
      const model = [stringValue(nameArg, consts), varNameOf(call)];
      const owner = `drizzle:${call.pos}`;
      const covered = new Set<string>();
      const uniqueSets: string[][] = [];
      const foreignKeys: Array<{ columns: string[]; target?: string }> = [];
      const columnsOf = (items: readonly ts.Expression[]) => items.map((a) => accessPath(a)).filter((p): p is string[] => !!p).map((p) => p[p.length - 1]);
      /** Columns of constraints Drizzle never sees: a builder inside an object that is itself an element of the returned array. */
      const ignored = new Map<string, { note: string; fix?: Candidate['fix'] }>();
      const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n) && drizzleIgnores(n)) {
          const head = resolveCallee(chainRoot(n).expression, imports)?.path.join('.');
          if (head === 'primaryKey' || head === 'unique' || head === 'uniqueIndex') {
            const r = chainRoot(n);
            const o = asObject(r.arguments[0], consts);
            const list = o ? consts.resolve(findProperty(o, 'columns', consts)?.value) : undefined;
            const on = onArgs(n);
            const cols = columnsOf(on ?? (list && ts.isArrayLiteralExpression(list) ? list.elements : o ? [] : r.arguments));
            const prop = n.parent as ts.PropertyAssignment;
            const obj = prop.parent as ts.ObjectLiteralExpression;
            const key = propName(prop.name) ?? head;
            const note = `The \`${head}(...)\` under \`${key}\` in the table's extra config does nothing: it is a property of an object inside the returned array, and Drizzle reads only the array's own elements.`;
            const values = obj.properties.every(ts.isPropertyAssignment) ? obj.properties.map((x) => (x as ts.PropertyAssignment).initializer.getText(sf)) : undefined;
            const fix = values && { title: `Put \`${head}(...)\` itself in the array (Drizzle ignores it inside an object)`, edit: { file: path, range: nodeRange(sf, obj), newText: values.join(', ') } };
            for (const c of cols) ignored.set(c, { note, fix });
          }
          return;
        }
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'on') {
          let root: ts.Expression = n.expression.expression;
          while (ts.isCallExpression(root) && ts.isPropertyAccessExpression(root.expression)) root = root.expression.expression;
          const head = ts.isCallExpression(root) ? resolveCallee(root.expression, imports)?.path.join('.') : undefined;
          if (head === 'unique' || head === 'uniqueIndex') { const c = columnsOf(n.arguments); uniqueSets.push(c); for (const x of c) covered.add(x); }
        }
        const head = ts.isCallExpression(n) ? resolveCallee(n.expression, imports)?.path.join('.') : undefined;
        if (ts.isCallExpression(n) && head === 'primaryKey') {
          const o = asObject(n.arguments[0], consts);
          const list = o ? consts.resolve(findProperty(o, 'columns', consts)?.value) : undefined;
          const items = list && ts.isArrayLiteralExpression(list) ? list.elements : o ? [] : n.arguments;
          const c = columnsOf(items);
          uniqueSets.push(c);
          for (const x of c) covered.add(x);
        }
        if (ts.isCallExpression(n) && head === 'foreignKey') {
          const o = asObject(n.arguments[0], consts);
          const list = (k: string) => { const l = o && consts.resolve(findProperty(o, k, consts)?.value); return l && ts.isArrayLiteralExpression(l) ? l.elements : []; };
          const target = list('foreignColumns')[0];
          foreignKeys.push({ columns: columnsOf(list('columns')), target: target && targetOf(target, true) });
        }
        ts.forEachChild(n, visit);
      };
      if (extra) visit(extra);
      for (const p of cols.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const name = propName(p.name);
        if (!name) continue;
        const methods: string[] = [];
        let cur: ts.Expression = unwrap(p.initializer);
        let dbName: string | undefined;
        let references: ts.Expression | undefined;
        while (ts.isCallExpression(cur)) {
          if (ts.isPropertyAccessExpression(cur.expression)) {
            methods.push(cur.expression.name.text);
            if (cur.expression.name.text === 'references') references = cur.arguments[0];
            if (!ts.isCallExpression(unwrap(cur.expression.expression))) dbName = stringValue(cur.arguments[0], consts);
            cur = unwrap(cur.expression.expression);
          } else { dbName = stringValue(cur.arguments[0], consts); break; }
        }
        const unique = methods.includes('unique') || methods.includes('primaryKey');
        if (unique) uniqueSets.push([name]);
        if (references) addLink(owner, targetOf(references, true), unique || fkUnique([name], uniqueSets));
        if (covered.has(name)) continue;
        if (!ts.isCallExpression(cur) && methods.length === 0) continue;
        if (unique) continue;
        if (dbName && covered.has(dbName)) continue;
        const field = fieldKind(name) ? name : dbName ?? name;
        const lost = ignored.get(name) ?? (dbName ? ignored.get(dbName) : undefined);
        candidate(model, field, p.name, lost?.fix ?? { title: 'Add .unique()', edit: insertAt(sf, path, p.initializer.end, '.unique()') }, undefined, owner, undefined, lost?.note);
      }
      for (const fk of foreignKeys) addLink(owner, fk.target, fkUnique(fk.columns, uniqueSets));
    };

    return {
      ClassDeclaration: onClass,
      NewExpression(node) {
        const n = node as ts.NewExpression;
        if (typeormFile) onMigrationNew(n);
        if (!isMongooseSchema(n, imports)) return;
        const def = asObject(n.arguments?.[0], consts);
        if (!def) return;
        const varName = varNameOf(n);
        const typeArg = n.typeArguments?.[0];
        const typeName = typeArg && ts.isTypeReferenceNode(typeArg) && ts.isIdentifier(typeArg.typeName) ? typeArg.typeName.text : undefined;
        const group = `schema:${varName ?? ''}`;
        if (varName) groupAlias.set(group, varName);
        const owner = `schema:${n.pos}`;
        relations(def, (obj) => refLink(owner, obj));
        attributes([varName?.replace(/_?schema$/i, ''), typeName?.replace(/^I(?=[A-Z][a-z])/, '').replace(/(Doc|Document)$/, '')], def, ['unique', 'index'], new Set(), 'type', group, owner);
      },
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (typeormFile || knexFile) onMigrationQuery(call);
        const callee = resolveCallee(call.expression, imports);
        if (callee && /^drizzle-orm\/(pg|mysql|sqlite|singlestore|gel)-core$/.test(callee.module) && /^(pg|mysql|sqlite|singlestore|gel)Table$/.test(callee.path.join('.'))) {
          drizzle(call);
          return;
        }
        if (callee?.module === '@nestjs/mongoose' && callee.path.join('.') === 'SchemaFactory.createForClass') {
          const v = varNameOf(call);
          const cls = call.arguments[0] && accessPath(call.arguments[0])?.[0];
          if (v && cls) groupAlias.set(`class:${cls}`, v);
          return;
        }
        if (!ts.isPropertyAccessExpression(call.expression)) return;
        const method = call.expression.name.text;
        const receiver = unwrap(call.expression.expression);
        if (kyselyFile && KYSELY_METHOD.test(method)) { onKysely(call, method); return; }
        if (knexFile && KNEX_METHOD.test(method) && ts.isIdentifier(receiver)) {
          const kt = knexTableOf(receiver, (e) => stringValue(e, consts));
          if (kt) { onKnex(call, method, kt); return; }
        }
        if (method === 'model' && call.arguments.length >= 2 && (callee?.module === 'mongoose' || accessPath(receiver)?.[0] === 'mongoose')) {
          const name = stringValue(call.arguments[0], consts);
          const schema = accessPath(call.arguments[1]);
          if (name && schema?.length === 1) modelNames.set(schema[0], name);
          return;
        }
        if (method === 'index' && ts.isIdentifier(receiver) && call.arguments.length >= 2) {
          const fields = asObject(call.arguments[0], consts);
          const opts = asObject(call.arguments[1], consts);
          if (fields && opts && isTrue(findProperty(opts, 'unique', consts)?.value, consts)) {
            addUnique(receiver.text, fields.properties.map((p) => (p.name ? propName(p.name) : undefined)).filter((x): x is string => !!x));
          }
          return;
        }
        if (method === 'define' && call.arguments.length >= 2) {
          const modelName = stringValue(call.arguments[0], consts);
          const def = asObject(call.arguments[1], consts);
          if (!modelName || !def || !(importsAnyOf(imports, SEQUELIZE_MODULES) || usesDataTypes(def))) return;
          const opts = asObject(call.arguments[2], consts);
          if (opts && hasOpaqueSpread(opts, consts)) return;
          const model = [modelName, stringValue(opts && findProperty(opts, 'tableName', consts)?.value, consts)];
          const owner = `sequelize:${call.pos}`;
          sequelizeModel(owner, [modelName, varNameOf(call)], def, opts);
          attributes(model, def, ['unique', 'primaryKey'], new Set(indexFields(opts)), 'type', undefined, owner);
          return;
        }
        if (method === 'init' && call.arguments.length >= 2) {
          const def = asObject(call.arguments[0], consts);
          const opts = asObject(call.arguments[1], consts);
          if (!def || !opts || !findProperty(opts, 'sequelize', consts) || !(importsAnyOf(imports, SEQUELIZE_MODULES) || usesDataTypes(def))) return;
          if (hasOpaqueSpread(opts, consts)) return;
          const own = accessPath(receiver);
          const className = own?.[0] === 'this' ? enclosingClass(call) : own?.[own.length - 1];
          const name = stringValue(findProperty(opts, 'modelName', consts)?.value, consts) ?? className ?? '';
          const model = [name, stringValue(findProperty(opts, 'tableName', consts)?.value, consts)];
          const owner = `sequelize:${call.pos}`;
          sequelizeModel(owner, [name, className], def, opts);
          attributes(model, def, ['unique', 'primaryKey'], new Set(indexFields(opts)), 'type', undefined, owner);
          return;
        }
        if ((method === 'belongsTo' || method === 'hasMany') && call.arguments.length >= 1) {
          const own = accessPath(receiver);
          const self = own?.[0] === 'this' ? enclosingClass(call) : own?.[own.length - 1];
          const other = targetOf(call.arguments[0]);
          if (self && other) associations.push(method === 'belongsTo' ? { from: self, target: other } : { from: other, target: self });
        }
      },
      onEnd() {
        for (const a of associations) { const owner = ownerByName.get(a.from); if (owner) addLink(owner, a.target, false); }
        for (const c of candidates) {
          const alias = c.group ? groupAlias.get(c.group) : undefined;
          if (alias && uniqueByGroup.get(alias)?.has(c.field)) continue;
          const names = [alias && modelNames.get(alias), ...c.models].filter((m): m is string => !!m);
          const model = names.find((m) => identityKind(m, c.field, c.siblings));
          const kind = model && identityKind(model, c.field, c.siblings);
          if (!model || !kind) continue;
          if (c.owner && linkRecord(kind, model, [...names, ...(alias ? [alias] : [])], links.get(c.owner))) continue;
          if (c.tables) {
            const fix = c.fix && { title: c.fix.title, edit: c.fix.edit };
            (ruleDataOf<Data>(ctx.facts, ID, () => ({})).entities ??= []).push({ tables: c.tables, columns: [c.field, ...(c.column ? [c.column] : [])], range: c.range, message: message(model, c.field, kind, c.note), ...(fix ? { fix } : {}) });
            continue;
          }
          ctx.report({
            message: message(model, c.field, kind, c.note),
            range: c.range,
            fixes: c.fix ? [{ title: c.fix.title, safe: false, edits: [c.fix.edit] }] : [],
          });
        }
      },
    };
  },
};

function enclosingClass(n: ts.Node): string | undefined {
  for (let p: ts.Node | undefined = n; p; p = p.parent) if (ts.isClassLike(p) && p.name) return p.name.text;
  return undefined;
}

export default rule;
