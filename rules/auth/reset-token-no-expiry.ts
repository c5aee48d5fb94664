import { ts } from 'ts-morph';
import type { Range, TsRule, TsVisitor } from '../../server/engine/types';
import type { ParsedOf } from '../../server/engine/parse';
import { accessPath, asObject, calleeName, findProperty, isTestPath, propName, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { nodeRange } from '../../server/engine/ts/edits';
import { findNode, outermostFunction } from '../../server/engine/ts/functions';
import { exprName, nameWords } from '../../server/engine/ts/authNames';
import { modelOf } from '../../server/engine/ts/orm';
import { decoratorsOf } from '../../server/engine/ts/decorators';
import { modelFields, prismaModels, span } from '../../server/engine/schema/prisma';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import type { SqlColumnFact } from '../../server/engine/facts/sqlSchema';
import { isGeneratedSql, isMigrationPath } from '../../server/engine/schema/migrations';
import { signedWithLifetime } from '../../server/engine/ts/cookies';

const ID = 'auth/reset-token-no-expiry';

const TOPICS = new Set(['reset', 'verif', 'confirm', 'activ', 'magic', 'recovery', 'email']);
const CODE_TOPICS = new Set(['reset', 'verif', 'confirm', 'activ', 'recovery']);
const EXPIRY = new Set(['expires', 'expiry', 'expiration', 'expire', 'expired', 'exp', 'until', 'ttl']);
const AGE = new Set(['created', 'issued', 'sent', 'requested', 'generated']);
const NOISE = new Set(['at', 'on', 'in', 'date', 'time', 'timestamp', 'ms', 'token', 'tokens', 'the', 'of', 'hash', 'hashed', 'digest', 'password', 'link']);
const FIND_METHODS = /^(findFirst|findUnique|findFirstOrThrow|findUniqueOrThrow|findOne|findOneBy|findOneOrFail|findOneByOrFail|findBy|find|findMany|findAll|findOneAndUpdate|findOneAndDelete|update|updateMany|updateOne|where|andWhere|count|exists|exist)$/;
const WRITE_METHODS = /^(create|createMany|update|updateMany|upsert|insert|insertMany|insertOne|updateOne|save|findOneAndUpdate|findByIdAndUpdate|values|set|build)$/;
/** A JWT verify, or a helper that checks the token (`user.verifyTokenAndIp(...)`, `isTokenValid`, `assertNotExpired`). */
const CHECK_CALLS = /^(verify|jwtVerify|verifyAsync)$|^(verify|validate|check|is|assert|ensure)\w*(token|expir|valid|link)|expir/i;
const MODEL_FIELD_CALLS = /^(define|init|pgTable|mysqlTable|sqliteTable|table)$/;
/** Early exit: a token field's head word, a topic of a token model's name (`recover`: `recoveries` -> `recovery`). */
const TOKEN_HEAD = /token|code|otp/i;
const MODEL_TOPIC = /reset|verif|confirm|activ|magic|recover/i;

const stem = (w: string) => (w.startsWith('verif') ? 'verif' : w.startsWith('confirm') ? 'confirm' : w.startsWith('activ') ? 'activ' : w);
const words = (name: string) => nameWords(name).map(stem);

/** A password-reset / verification token field: `resetToken`, `passwordResetTokenHash`, `email_verification_token`, `confirmationCode`. */
export function isTokenField(name: string | undefined, tokenModel = false): boolean {
  if (!name) return false;
  const w = words(name);
  while (w.length > 1 && /^(hash|hashed|digest)$/.test(w[w.length - 1])) w.pop();
  if (w[0] === 'hashed') w.shift();
  const head = w[w.length - 1];
  if (w.some((x) => EXPIRY.has(x) || AGE.has(x) || /^(count|attempts|used|at)$/.test(x))) return false;
  if (tokenModel && w.length === 1 && (head === 'token' || head === 'code' || head === 'otp')) return true;
  const quals = w.slice(0, -1);
  if (head === 'token') return quals.some((x) => TOPICS.has(x));
  if (head === 'code') return quals.some((x) => CODE_TOPICS.has(x));
  return false;
}

/** A model that holds reset / verification tokens: `PasswordResetToken`, `VerificationToken`, `email_confirmations`. */
export function isTokenModel(modelWords: readonly string[]): boolean {
  return modelWords.map(stem).some((x) => TOPICS.has(x) && x !== 'email');
}

/** An expiry field for a token field: `resetTokenExpiresAt` for `resetToken`, `expires`, `tokenExpiry`; not `subscriptionExpiresAt`. */
function isExpiryFor(name: string, tokenName: string, tokenModel: boolean): boolean {
  const w = words(name);
  if (tokenModel && w.some((x) => AGE.has(x))) return true;
  if (!w.some((x) => EXPIRY.has(x))) return false;
  const topic = w.filter((x) => !EXPIRY.has(x) && !NOISE.has(x));
  if (!topic.length) return true;
  const t = words(tokenName);
  return topic.some((x) => t.includes(x) || (x === 'email' && t.includes('verif')));
}

/** Any name in a function that speaks of expiry or token age (`resetTokenExpiresAt`, `isExpired`, `createdAt`, `expiresIn`). */
function mentionsExpiry(fn: ts.Node): boolean {
  return !!findNode(fn, (n) => (ts.isIdentifier(n) || ts.isStringLiteral(n)) && nameWords(n.text).some((x) => EXPIRY.has(x) || x === 'expires' || (AGE.has(x) && nameWords(n.text).includes('at'))));
}

interface Field { model: string; field: string; range: Range; hasExpiry: boolean }
interface Write { field: string; range: Range }
/** `selfExpiring`: token fields written with a JWT signed with its own lifetime (`jwt.sign({}, secret, { expiresIn: '30m' })`). */
interface Data { fields?: Field[]; writes?: Write[]; lookups?: Write[]; selfExpiring?: string[]; /** Token field names the code reads or writes (not where a model declares them). */ used?: string[] }

const fieldMessage = (model: string, field: string) => `\`${model}.${field}\` has no expiry next to it: a password-reset or verification token then stays valid until it is used, so a link leaked months ago (an old email, browser history, a forwarded message) still opens the account. Add an expiry field (e.g. \`${field}${field.includes('_') ? '_expires_at' : 'ExpiresAt'}\`), set it when the token is issued and check it when it is used.`;
const UNUSED = ' Nothing in the code issues or checks this token yet: add the expiry with the flow that will.';
const WRITE_MESSAGE = 'This reset / verification token is stored without an expiry: it stays valid until it is used, so a link leaked months ago still opens the account. Store an expiry with it (e.g. one hour from now) and check it when the token is used.';
const LOOKUP_MESSAGE = 'This reset / verification token is accepted without an expiry check: a link leaked months ago (an old email, browser history, a forwarded message) still works. Compare the expiry in the query (e.g. `expiresAt: { gt: new Date() }`) and clear the token once used.';

const normal = (s: string) => s.toLowerCase().replace(/[_-]/g, '');

const rule: TsRule = {
  meta: {
    id: ID,
    category: 'auth',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'Password-reset or verification tokens that never expire',
    fixKind: 'none',
    effort: 'hour',
    checklist: 'harden.auth',
    docs: {
      why: "A password-reset or email-verification link is a key to the account. Without an expiry it stays valid until it is used: a link sitting in an old inbox, a browser history, a proxy log or a forwarded email works months later, for whoever finds it.",
      checks: "Checked in the schema (Prisma, SQL migrations, TypeORM / Mongoose / Sequelize / Drizzle models: a token field with no expiry field beside it, unless the code stores a JWT signed with its own lifetime in it: `jwt.sign({}, secret, { expiresIn: '30m' })`; tech debt while no code names the column outside its declaration), where tokens are written (no expiry set with them, when the schema has one), and where they are looked up (no expiry compared).",
      bad: { files: {
        'prisma/schema.prisma': 'model User {\n  id         String  @id @default(cuid())\n  email      String  @unique\n  password   String\n  resetToken String? @unique\n}\n',
        'src/routes/reset.ts': "router.post('/reset', async (req, res) => {\n  const user = await prisma.user.findUnique({ where: { resetToken: req.body.token } });\n  if (!user) return res.sendStatus(400);\n  await prisma.user.update({ where: { id: user.id }, data: { password: await hash(req.body.password), resetToken: null } });\n  res.sendStatus(204);\n});\n",
      } },
      good: { files: {
        'prisma/schema.prisma': 'model User {\n  id                  String    @id @default(cuid())\n  email               String    @unique\n  password            String\n  resetToken          String?   @unique\n  resetTokenExpiresAt DateTime?\n}\n',
        'src/routes/reset.ts': "router.post('/reset', async (req, res) => {\n  const user = await prisma.user.findFirst({ where: { resetToken: req.body.token, resetTokenExpiresAt: { gt: new Date() } } });\n  if (!user) return res.sendStatus(400);\n  await prisma.user.update({ where: { id: user.id }, data: { password: await hash(req.body.password), resetToken: null, resetTokenExpiresAt: null } });\n  res.sendStatus(204);\n});\n",
      } },
      fix: 'Store an expiry with every reset / verification token (an hour for password resets, a day or two for email verification), compare it in the lookup, and clear the token (and its expiry) once used. Store a hash of the token rather than the token itself.',
    },
  },
  scope: 'ts',
  kinds: ['prisma'],

  check(ctx) {
    const file = ctx.file as ParsedOf<'prisma'>;
    if (isTestPath(file.path)) return;
    for (const model of prismaModels(file.ast)) {
      const fields = modelFields(model);
      const tokenModel = isTokenModel(nameWords(model.name));
      for (const f of fields) {
        if (typeof f.fieldType !== 'string' || !/^(String|Bytes)$/.test(f.fieldType) || !isTokenField(f.name, tokenModel)) continue;
        const s = span(f);
        if (!s) continue;
        const hasExpiry = fields.some((g) => g !== f && typeof g.fieldType === 'string' && /^(DateTime|Int|BigInt)$/.test(g.fieldType) && isExpiryFor(g.name, f.name, tokenModel));
        const range = file.lines.range(s.start, s.start + f.name.length);
        // reported by the workspace, which knows whether the token written there expires by itself
        (ruleDataOf<Data>(ctx.facts, ID, () => ({})).fields ??= []).push({ model: model.name, field: f.name, range, hasExpiry });
      }
    }
  },

  create(ctx): TsVisitor {
    const { sf, consts, file } = ctx;
    if (isTestPath(file.path)) return {};
    // Every report or write needs a token field's name: in the table (computed string keys included; `token` / `code` / `otp` alone only on a model named for a topic), or a string (where('col')).
    let bare = false; // `token`, `codeHash`: token fields only on a reset / verification model
    const named = ctx.someName((n) => {
      if (!TOKEN_HEAD.test(n) || !isTokenField(n, true)) return false;
      bare = true;
      return isTokenField(n);
    });
    if (!named && !(bare && (MODEL_TOPIC.test(sf.text) || ctx.someName((n) => MODEL_TOPIC.test(n))))
      && !(TOKEN_HEAD.test(sf.text) && (ctx.hasName('where') || ctx.hasName('andWhere')))) return {};
    const data = () => ruleDataOf<Data>(ctx.facts, ID, () => ({}));

    /** Model fields declared in code: a TypeORM / MikroORM / Nest-Mongoose class, or a Mongoose / Sequelize / Drizzle field map. */
    const declared = new Set<ts.Node>();
    const checkModel = (model: string, members: Array<{ name: string; node: ts.Node }>) => {
      const tokenModel = isTokenModel(nameWords(model));
      for (const m of members) { declared.add(m.node); declared.add(m.node.parent); }
      for (const m of members) {
        if (!isTokenField(m.name, tokenModel)) continue;
        const hasExpiry = members.some((o) => o !== m && isExpiryFor(o.name, m.name, tokenModel));
        const range = nodeRange(sf, m.node);
        (data().fields ??= []).push({ model, field: m.name, range, hasExpiry });
      }
    };
    const objectMembers = (obj: ts.ObjectLiteralExpression) => obj.properties.flatMap((p) => { const name = propName(p.name); return name && p.name ? [{ name, node: p.name as ts.Node }] : []; });

    const onClass = (cls: ts.ClassDeclaration) => {
      if (!cls.name || !decoratorsOf(cls).some((d) => /^(Entity|Schema|Table|Model)$/.test(exprName(ts.isCallExpression(d.expression) ? d.expression.expression : d.expression) ?? ''))) return;
      const members = cls.members.flatMap((m) => { const name = ts.isPropertyDeclaration(m) ? propName(m.name) : undefined; return name ? [{ name, node: m.name as ts.Node }] : []; });
      checkModel(cls.name.text, members);
    };

    const onNew = (created: ts.NewExpression) => {
      if (calleeName(created) !== 'Schema') return;
      const obj = asObject(created.arguments?.[0], consts);
      if (!obj) return;
      let n: ts.Node = created;
      while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent)) n = n.parent;
      const owner = ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name) ? n.parent.name.text.replace(/Schema$/, '') : 'Schema';
      checkModel(owner, objectMembers(obj));
    };

    /** The token key a filter matches on (not a `null` / `{ not: null }` check), searched through AND / OR lists. */
    const tokenKey = (e: ts.Expression | undefined, tokenModel: boolean, depth = 0): ts.Node | undefined => {
      if (!e || depth > 3) return undefined;
      const u = consts.resolve(e) ?? unwrap(e);
      if (ts.isArrayLiteralExpression(u)) { for (const el of u.elements) { const k = tokenKey(el, tokenModel, depth + 1); if (k) return k; } return undefined; }
      if (!ts.isObjectLiteralExpression(u)) return undefined;
      for (const p of u.properties) {
        const name = propName(p.name);
        const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
        if (!value) continue;
        if (isTokenField(name, tokenModel)) {
          const v = unwrap(value);
          if (v.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(v) && v.text === 'undefined')) continue;
          if (ts.isObjectLiteralExpression(v) && v.properties.some((x) => /^(not|\$ne|\$exists|ne)$/.test(propName(x.name) ?? ''))) continue;
          return p;
        }
        if (/^(AND|OR|\$and|\$or|and|or)$/.test(name ?? '')) { const k = tokenKey(value, tokenModel, depth + 1); if (k) return k; }
      }
      return undefined;
    };

    const filterHasExpiry = (e: ts.Expression, token: string, tokenModel: boolean) =>
      !!findNode(e, (n) => (ts.isIdentifier(n) || ts.isStringLiteral(n)) && isExpiryFor(n.text, token, tokenModel));

    const onLookup = (call: ts.CallExpression, name: string) => {
      const model = modelOf(call);
      const tokenModel = !!model && !model.service && isTokenModel(model.words);
      let key: ts.Node | undefined;
      const a0 = call.arguments[0];
      if (name === 'where' || name === 'andWhere') {
        const col = stringValue(a0);
        if (col !== undefined) key = isTokenField(col.split('.').pop(), tokenModel) && call.arguments.length >= 2 ? a0 : undefined;
        else if (asObject(a0, consts)) key = tokenKey(a0, tokenModel);
        else if (a0) {
          key = findNode(a0, (n) => ts.isCallExpression(n) && /^(eq|equals)$/.test(calleeName(n) ?? '') && !!n.arguments[0] && isTokenField(exprName(n.arguments[0]), tokenModel));
        }
      } else {
        const obj = asObject(a0, consts);
        if (!obj) return;
        const where = findProperty(obj, 'where', consts)?.value;
        key = where ? tokenKey(where, tokenModel) : /^(findOne|findOneBy|findBy|find|findOneAndUpdate|findOneAndDelete|updateOne|count|exists|exist)$/.test(name) ? tokenKey(obj, tokenModel) : undefined;
      }
      if (!key) return;
      const fn = outermostFunction(call);
      // a query prepared at module level (`db.select()...prepare()`): the code that runs it checks the expiry or not, elsewhere
      if (!fn) return;
      const token = ts.isPropertyAssignment(key) || ts.isShorthandPropertyAssignment(key) ? propName(key.name)! : ts.isCallExpression(key) ? exprName(key.arguments[0])! : stringValue(key as ts.Expression) ?? 'token';
      if (call.arguments.some((a) => filterHasExpiry(a, token, tokenModel))) return;
      if (mentionsExpiry(fn) || findNode(fn, (n) => ts.isCallExpression(n) && CHECK_CALLS.test(calleeName(n) ?? ''))) return;
      // decided in the workspace pass: a token with no expiry field at all is reported once, at the field
      (data().lookups ??= []).push({ field: token, range: nodeRange(sf, ts.isPropertyAssignment(key) ? key.name : key) });
    };

    /** Token fields written without an expiry beside them or anywhere in the function. */
    const onWrite = (call: ts.CallExpression) => {
      const model = modelOf(call);
      if (model && (model.service || isTokenModel(model.words))) return;
      const found: ts.PropertyName[] = [];
      const scan = (e: ts.Expression, depth: number): void => {
        const obj = asObject(e, consts);
        if (!obj || depth > 3) return;
        for (const p of obj.properties) {
          const name = propName(p.name);
          if (!name || name === 'where') continue;
          const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
          if (!value) continue;
          if (isTokenField(name)) {
            const v = unwrap(value);
            if (v.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(v) && v.text === 'undefined') || (ts.isStringLiteral(v) && v.text === '')) continue;
            if (signedWithLifetime(v)) { (data().selfExpiring ??= []).push(name); continue; }
            found.push(p.name!);
            continue;
          }
          scan(value, depth + 1);
        }
      };
      const filterFirst = call.arguments.length >= 2 && /^(findOneAndUpdate|findByIdAndUpdate|updateOne|updateMany|update|replaceOne|upsert)$/.test(calleeName(call) ?? '');
      for (const a of filterFirst ? call.arguments.slice(1) : call.arguments) scan(a, 1);
      if (!found.length) return;
      const fn = outermostFunction(call);
      if (fn && mentionsExpiry(fn)) return;
      for (const key of found) (data().writes ??= []).push({ field: propName(key)!, range: nodeRange(sf, key) });
    };

    const onAssign = (b: ts.BinaryExpression) => {
      if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(b.left) || !isTokenField(b.left.name.text)) return;
      const v = unwrap(b.right);
      if (v.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(v) && v.text === 'undefined')) return;
      if (signedWithLifetime(v)) { (data().selfExpiring ??= []).push(b.left.name.text); return; }
      const fn = outermostFunction(b);
      if (!fn || mentionsExpiry(fn)) return;
      (data().writes ??= []).push({ field: b.left.name.text, range: nodeRange(sf, b.left.name) });
    };

    /** `user.tokenResetPasswordExp > Date.now`: the function, not the time; the comparison never holds, so the token never expires. */
    const onUncalledNow = (b: ts.BinaryExpression) => {
      const k = b.operatorToken.kind;
      if (k !== ts.SyntaxKind.GreaterThanToken && k !== ts.SyntaxKind.LessThanToken && k !== ts.SyntaxKind.GreaterThanEqualsToken && k !== ts.SyntaxKind.LessThanEqualsToken) return;
      const isNow = (e: ts.Expression) => { const u = unwrap(e); return ts.isPropertyAccessExpression(u) && accessPath(u)?.join('.') === 'Date.now'; };
      const now = isNow(b.left) ? b.left : isNow(b.right) ? b.right : undefined;
      const other = now === b.left ? b.right : b.left;
      if (!now || !findNode(other, (n) => ts.isIdentifier(n) && /exp(ir(es|y|ation|ed))?(At|_at|Time|Date)?$/i.test(n.text))) return;
      ctx.report({
        message: `The expiry check compares \`${other.getText(sf)}\` with \`Date.now\`, the function, not the current time: the comparison is always false, so the expiry check does not work (an expired token gets through, or a valid one never does). Call it: \`Date.now()\`.`,
        range: nodeRange(sf, now),
        fixes: [{ title: 'Call Date.now()', safe: true, edits: [{ file: file.path, range: nodeRange(sf, { pos: now.end, end: now.end }), newText: '()' }] }],
      });
    };

    const used = new Set<string>();
    const useWords = (n: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateHead) => { if (TOKEN_HEAD.test(n.text)) for (const w of n.text.match(/[A-Za-z_]\w*/g) ?? []) use(w, n); };
    const migration = isMigrationPath(file.path);
    /** Inside a model's own declaration of a field (`confirmation_code: varchar('confirmation_code')`). */
    const inDeclaration = (n: ts.Node) => { for (let p: ts.Node | undefined = n, i = 0; p && i < 6; p = p.parent, i++) if (declared.has(p)) return true; return false; };
    const use = (name: string, at: ts.Node) => { if (!used.has(name) && !migration && isTokenField(name) && !inDeclaration(at)) { used.add(name); (data().used ??= []).push(name); } };
    return {
      // a token field named in code (`user.resetToken = ...`, `{ resetToken }`, `'reset_token'` in SQL text), not a declaration
      Identifier(n) { if (!ts.isPropertyDeclaration(n.parent) && TOKEN_HEAD.test((n as ts.Identifier).text)) use((n as ts.Identifier).text, n); },
      StringLiteral: (n) => useWords(n as ts.StringLiteral),
      NoSubstitutionTemplateLiteral: (n) => useWords(n as ts.NoSubstitutionTemplateLiteral),
      TemplateHead: (n) => useWords(n as ts.TemplateHead),
      // `{ passwordResetToken: token }` with `token = jwt.sign({}, secret, { expiresIn: '30m' })`, however it is written later
      PropertyAssignment(n) {
        const p = n as ts.PropertyAssignment;
        const name = propName(p.name);
        if (name && isTokenField(name) && signedWithLifetime(p.initializer)) (data().selfExpiring ??= []).push(name);
      },
      ClassDeclaration: (n) => onClass(n as ts.ClassDeclaration),
      NewExpression: (n) => onNew(n as ts.NewExpression),
      BinaryExpression: (n) => { onAssign(n as ts.BinaryExpression); onUncalledNow(n as ts.BinaryExpression); },
      CallExpression(n) {
        const call = n as ts.CallExpression;
        const name = calleeName(call);
        if (!name) return;
        if (MODEL_FIELD_CALLS.test(name)) {
          const obj = call.arguments.map((a) => asObject(a, consts)).find(Boolean);
          const model = stringValue(call.arguments[0]) ?? exprName(unwrap(call.expression) as ts.Expression) ?? 'model';
          if (obj) checkModel(name === 'init' && ts.isPropertyAccessExpression(call.expression) ? exprName(call.expression.expression) ?? model : model, objectMembers(obj));
          return;
        }
        if (!ts.isPropertyAccessExpression(unwrap(call.expression))) return;
        if (FIND_METHODS.test(name)) onLookup(call, name);
        if (WRITE_METHODS.test(name)) onWrite(call);
      },
    };
  },

  checkWorkspace(ctx) {
    const fields: Array<Field & { file?: string }> = [];
    const selfExpiring = new Set<string>();
    const used = new Set<string>();
    const writes: Array<Write & { file: string }> = [];
    const lookups: Array<Write & { file: string }> = [];
    const tables = new Map<string, Array<SqlColumnFact & { file: string }>>();
    const hasPrismaSchema = [...ctx.files.values()].some((f) => f.kind === 'prisma');
    for (const [path, f] of ctx.files) {
      const d = getRuleData<Data>(f.facts, ID);
      if (d) {
        fields.push(...(d.fields ?? []).map((x) => ({ ...x, file: path })));
        for (const k of d.selfExpiring ?? []) selfExpiring.add(normal(k));
        for (const k of d.used ?? []) used.add(normal(k));
        writes.push(...(d.writes ?? []).map((w) => ({ ...w, file: path })));
        lookups.push(...(d.lookups ?? []).map((w) => ({ ...w, file: path })));
      }
      const schema = f.kind === 'sql' && !isTestPath(path) ? f.facts.sqlSchema : undefined;
      for (const c of schema?.columns ?? []) tables.set(c.table, [...(tables.get(c.table) ?? []), { ...c, file: path }]);
    }
    const modelFieldsSeen = fields.length > 0;
    // a token column no code issues or checks yet (no reset or verification flow): tech debt, to fix when the flow is built
    // (only where there is code to look at: a schema alone says nothing of the flows)
    const hasCode = [...ctx.files.values()].some((f) => f.kind === 'ts' && !f.facts.isTest);
    const unused = (field: string) => hasCode && !used.has(normal(field));
    const report = (file: string, model: string, field: string, range: Range) => ctx.report({ file, workspace: false, range, ...(unused(field) ? { tier: 'tech-debt' as const, message: fieldMessage(model, field) + UNUSED } : { message: fieldMessage(model, field) }) });
    // a token the code stores as a JWT with its own lifetime expires without an expiry column beside it
    for (const f of fields) if (!f.hasExpiry && f.file && !selfExpiring.has(normal(f.field))) report(f.file, f.model, f.field, f.range);
    for (const [, cols] of tables) {
      const tokenModel = isTokenModel(nameWords(cols[0].tableDisplay));
      for (const c of cols) {
        if (!isTokenField(c.display, tokenModel)) continue;
        const hasExpiry = cols.some((o) => o.name !== c.name && isExpiryFor(o.display, c.display, tokenModel));
        fields.push({ model: c.tableDisplay, field: c.display, range: c.range, hasExpiry });
        // SQL an ORM generated from a schema in the repository (drizzle-kit, Prisma Migrate): reported at the schema
        if (!hasExpiry && !(modelFieldsSeen && isGeneratedSql(c.file, (p) => ctx.files.has(p), hasPrismaSchema))) report(c.file, c.tableDisplay, c.display, c.range);
      }
    }
    const lacking = new Set(fields.filter((f) => !f.hasExpiry).map((f) => normal(f.field)));
    for (const w of writes) {
      if (lacking.has(normal(w.field))) continue;
      ctx.report({ file: w.file, workspace: false, message: WRITE_MESSAGE, range: w.range });
    }
    for (const l of lookups) {
      if (lacking.has(normal(l.field))) continue;
      ctx.report({ file: l.file, workspace: false, message: LOOKUP_MESSAGE, range: l.range });
    }
  },
};

export default rule;
