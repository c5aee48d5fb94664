import { ts } from 'ts-morph';
import type { Range, TsRule, TsVisitor } from '../../server/engine/types';
import { accessPath, asObject, calleeName, isTestPath, propName, resolveCallee, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { nodeRange, replaceNode } from '../../server/engine/ts/edits';
import { findDeclaration, readsRequest, variableSources } from '../../server/engine/ts/values';
import { decoratorsOf } from '../../server/engine/ts/decorators';
import { findNode, outermostFunction, type FunctionNode } from '../../server/engine/ts/functions';
import { exprName, isPasswordName, nameWords } from '../../server/engine/ts/authNames';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import { modelOf as ormModel } from '../../server/engine/ts/orm';
import { calleeModuleRef, type ModuleRef } from '../../server/engine/facts/routeBodies';
import { functionKeys } from '../../server/engine/ts/requestInput';

/** Every password head word (password, passwd, pwd, pw, passphrase, pass, passcode) has a p followed by a or w. */
const MAYBE_PASSWORD = /p[aw]/i;
const ID = 'auth/weak-password-hash';

/** The packages fastHashOf knows (crypto-js with its subpaths, `crypto-js/md5`). */
const FAST_HASH_MODULES = ['md5', 'blueimp-md5', 'js-md5', 'sha1', 'js-sha1', 'js-sha256', 'js-sha512', 'crypto-js'];

/** Fast-hash libraries: module -> the algorithm an export computes. */
function fastHashOf(module: string, path: string): string | undefined {
  if (!FAST_HASH_MODULES.some((m) => module === m || module.startsWith(`${m}/`))) return undefined;
  const p = path.toLowerCase();
  if (module === 'md5' || module === 'blueimp-md5' || (module === 'js-md5' && (p === '' || p === 'md5'))) return 'MD5';
  if (module === 'sha1' || (module === 'js-sha1' && (p === '' || p === 'sha1'))) return 'SHA-1';
  if (module === 'js-sha256' && /^(sha256|sha224|)$/.test(p)) return 'SHA-256';
  if (module === 'js-sha512' && /^(sha512|sha384|)$/.test(p)) return 'SHA-512';
  if (module === 'crypto-js' && /^(hmac)?(md5|sha1|sha224|sha256|sha384|sha512|sha3|ripemd160)$/.test(p)) return path.replace(/^Hmac/, 'HMAC-');
  const sub = /^crypto-js\/(hmac-)?(md5|sha1|sha224|sha256|sha384|sha512|sha3|ripemd160)$/.exec(module);
  if (sub && p === '') return sub[2].toUpperCase();
  return undefined;
}

const BCRYPT_MODULES = new Set(['bcrypt', 'bcryptjs', 'bcrypt-nodejs', '@node-rs/bcrypt', 'bcrypt-ts']);
const CRYPTO_MODULES = new Set(['crypto', 'node:crypto']);
const WRITE_METHODS = new Set(['create', 'createMany', 'update', 'updateMany', 'upsert', 'insert', 'insertMany', 'insertOne', 'updateOne', 'save', 'build', 'findOneAndUpdate', 'findByIdAndUpdate', 'values', 'set', 'persist', 'add', 'replaceOne']);
const SAVE_CALLS = new Set(['save', 'insert', 'insertOne', 'persist', 'persistAndFlush', 'flush', 'create', 'add', 'commit']);
const PASSTHROUGH_METHODS = new Set(['trim', 'toString', 'toLowerCase', 'normalize', 'valueOf', 'trimStart', 'trimEnd']);
const VALIDATE_CALLS = /^(parse|parseAsync|validate|validateSync|validateAsync|safeParse|cast|assert|check|plainToInstance|plainToClass|pick)$/;
const REQUEST_TYPES = /(Dto|DTO|Input|Body|Payload|Request|FormData)$/;
const USER_MODELS = new Set(['user', 'account', 'admin', 'member', 'customer', 'person', 'people', 'profile', 'employee', 'staff', 'student', 'teacher', 'subscriber', 'player', 'seller', 'vendor', 'author']);
const HASH_CALL = /hash|crypt|argon|scrypt|pbkdf2/i;
/** Sequelize hook names: `addHook('beforeCreate', ...)`, `User.beforeCreate(...)`, `hooks: { beforeCreate() {} }`. */
const HOOK_NAMES = new Set(['beforeCreate', 'beforeSave', 'beforeUpdate', 'beforeBulkCreate', 'beforeValidate', 'beforeUpsert', 'beforeInsert']);
const HOOK_CALLS = new Set(['pre', '$use', '$extends', 'addHook', ...HOOK_NAMES]);
const HOOK_DECORATORS = new Set(['BeforeInsert', 'BeforeUpdate', 'BeforeCreate', 'BeforeSave', 'BeforeUpsert', 'BeforeBulkCreate']);
const PRE_EVENTS = /^(save|validate|updateOne|findOneAndUpdate|insertMany|update|updateMany)$/;

interface Write { range: Range; message: string }
/** A function that hashes one of its parameters with a fast hash (`calcSha256Hash(str)`), by its keys (functionKeys). */
interface HashFn { keys: string[]; index: number; alg: string }
/** A password handed to another module's function at `index`: a fast-hash helper there, decided in the workspace pass. */
interface HashCall { ref: ModuleRef; index: number; range: Range; call: string }
interface Data { writes?: Write[]; hook?: boolean; hashFns?: HashFn[]; hashCalls?: HashCall[] }

const FIELD_MESSAGE = "The password from the request is stored as it came, without hashing: a database leak, a backup or a logged query exposes every user's password, and most people reuse theirs elsewhere. Hash it with bcrypt (cost 12) or argon2id before saving.";
const wholeMessage = (model: string) => `The request body goes straight into the \`${model}\` model and nothing here hashes the password it carries: passwords are stored in plain text. Pick the fields to save and hash the password with bcrypt (cost 12) or argon2id first.`;

/** The model a write targets, by its last word (`prisma.user` -> 'user'), or a service (not a model). */
function modelOf(call: ts.CallExpression | ts.NewExpression): { name: string; service: boolean } | undefined {
  const m = ormModel(call);
  return m && { name: m.service ? m.words.join('') : m.words[m.words.length - 1] ?? '', service: m.service };
}

function isHashCall(n: ts.Node): boolean {
  return (ts.isCallExpression(n) || ts.isNewExpression(n)) && HASH_CALL.test(calleeName(n) ?? '');
}

/** A value that is the request's input, unchanged: `req.body.password`, a field destructured from the body or a validated DTO, `formData.get('password')`. */
function isRequestValue(e: ts.Expression, depth = 0): boolean {
  if (depth > 5) return false;
  const u = unwrap(e);
  if (ts.isCallExpression(u)) {
    const name = calleeName(u) ?? '';
    const target = unwrap(u.expression);
    if (PASSTHROUGH_METHODS.has(name) && ts.isPropertyAccessExpression(target)) return isRequestValue(target.expression, depth + 1);
    if (name === 'String' && u.arguments[0]) return isRequestValue(u.arguments[0], depth + 1);
    if (name === 'get' && ts.isPropertyAccessExpression(target) && /form/i.test(exprName(target.expression) ?? '')) return true;
    if (VALIDATE_CALLS.test(name)) return u.arguments.some((a) => isRequestValue(a, depth + 1));
    return !HASH_CALL.test(name) && readsRequest(u) && /^(json|formData|body|valid|text)$/.test(name);
  }
  if (readsRequest(u)) return true;
  if (ts.isPropertyAccessExpression(u) || ts.isElementAccessExpression(u)) {
    if (ts.isPropertyAccessExpression(u) && u.name.text === 'data' && ts.isCallExpression(unwrap(u.expression))) return isRequestValue(u.expression, depth + 1);
    return isRequestValue(u.expression, depth + 1);
  }
  if (!ts.isIdentifier(u)) return false;
  const decl = findDeclaration(u);
  if (!decl) return false;
  if (ts.isVariableDeclaration(decl)) {
    const sources = variableSources(decl);
    if (sources.some((s) => findNode(s, isHashCall))) return false;
    return sources.some((s) => isRequestValue(s, depth + 1));
  }
  if (ts.isBindingElement(decl)) {
    if (rehashed(decl)) return false;
    let n: ts.Node = decl;
    while (ts.isBindingElement(n) || ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n)) n = n.parent;
    if (ts.isVariableDeclaration(n)) return !!n.initializer && isRequestValue(n.initializer, depth + 1);
    if (ts.isParameter(n)) return isRequestParameter(n);
    return false;
  }
  if (ts.isParameter(decl)) return isRequestParameter(decl);
  return false;
}

/** Nest `@Body() dto`, a `CreateUserDto` / `FormData` parameter, tRPC's `{ input }` in a mutation. */
function isRequestParameter(p: ts.ParameterDeclaration): boolean {
  if (decoratorsOf(p).some((d) => /^Body$/.test(exprName(ts.isCallExpression(d.expression) ? d.expression.expression : d.expression) ?? ''))) return true;
  if (p.type && ts.isTypeReferenceNode(p.type) && REQUEST_TYPES.test(p.type.typeName.getText())) return true;
  const fn = p.parent;
  const call = fn.parent;
  if (ts.isObjectBindingPattern(p.name) && p.name.elements.some((el) => ts.isIdentifier(el.name) && el.name.text === 'input') && ts.isCallExpression(call) && /^(mutation|action|handler)$/.test(calleeName(call) ?? '')) return true;
  return false;
}

/** Mongoose `pre('save', ...)`, Sequelize `addHook('beforeCreate', ...)` / `User.beforeCreate(...)`, Prisma `$use` / `$extends`. */
function isModelHook(call: ts.CallExpression): boolean {
  const name = calleeName(call) ?? '';
  const first = stringValue(call.arguments[0]);
  if (name === 'pre') return !!first && PRE_EVENTS.test(first);
  if (name === 'addHook') return !!first && HOOK_NAMES.has(first);
  return true;
}

/** The whole request body (not one field of it): `req.body`, `await req.json()`, `body`, a validated `dto`. */
function isWholeBody(e: ts.Expression): boolean {
  const u = unwrap(e);
  if (ts.isPropertyAccessExpression(u)) return /^(body|data|input|payload|values|fields)$/.test(u.name.text) && isRequestValue(u);
  if (ts.isIdentifier(u)) {
    const decl = findDeclaration(u);
    return !!decl && (ts.isVariableDeclaration(decl) || ts.isParameter(decl)) && isRequestValue(u);
  }
  return ts.isCallExpression(u) && isRequestValue(u);
}

/** A `let` binding reassigned with a hash later: `let { password } = req.body; password = await hash(password)`. */
function rehashed(decl: ts.BindingElement): boolean {
  if (!ts.isIdentifier(decl.name)) return false;
  const name = decl.name.text;
  let scope: ts.Node = decl;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  return !!findNode(scope, (n) => ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === name && !!findNode(n.right, isHashCall));
}

function mentionsPassword(fn: ts.Node): boolean {
  return !!findNode(fn, (n) => (ts.isIdentifier(n) || ts.isStringLiteral(n)) && isPasswordName(n.text));
}

/** Seed scripts and fixtures (`prisma/seed.ts`, `src/db/seed.ts`, `seeds/users.ts`): they hash known demo passwords for a developer's database. */
const SEED_PATH = /(^|\/)(seeds?|seeders?|fixtures?)(\/|$)|(^|\/)[\w.-]*\bseed(er|s|ing)?\b[\w.-]*\.[cm]?[jt]sx?$/i;

const rule: TsRule = {
  meta: {
    id: ID,
    category: 'auth',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'Passwords stored in plain text or with a fast hash',
    fixKind: 'edit',
    effort: 'day',
    checklist: 'harden.auth',
    docs: {
      why: "A password table leaks sooner or later (a backup, an SQL injection, a log of queries). MD5, SHA-1 and SHA-256 are built to be fast: one GPU tries billions of guesses a second, salted or not, so most passwords fall in hours; stored as typed, they fall at once, and most users reuse them elsewhere. bcrypt below cost 10 is a few times faster to crack than it should be.",
      checks: "Tests and seed scripts (`prisma/seed.ts`, `seeds/`) are left out: they hash known demo passwords; so is a bcrypt call hashing a literal (`hash('123456', 6)`, a test helper's fixed account). Flagged: `crypto.createHash(...)` and md5/sha1/crypto-js hashing a password-named value, also through a generic helper of the workspace (`calcSha256Hash(`${password}${salt}`)`, reported at the call); bcrypt `hash`/`genSalt` with a cost under 10; a password from the request written to the database unchanged (Prisma, Mongoose, TypeORM, Sequelize, Drizzle, Knex), unless a model hook (Mongoose `pre('save')`, TypeORM `@BeforeInsert`, Sequelize `beforeCreate`, a Prisma extension) hashes it somewhere in the workspace.",
      bad: { files: { 'src/routes/signup.ts': "import { Router } from 'express';\nimport crypto from 'crypto';\nimport { prisma } from '../db';\n\nexport const router = Router();\n\nrouter.post('/signup', async (req, res) => {\n  const { email, password } = req.body;\n  const hash = crypto.createHash('sha256').update(password).digest('hex');\n  const user = await prisma.user.create({ data: { email, password: hash } });\n  res.status(201).json({ id: user.id });\n});\n" } },
      good: { files: { 'src/routes/signup.ts': "import { Router } from 'express';\nimport bcrypt from 'bcrypt';\nimport { prisma } from '../db';\n\nexport const router = Router();\n\nrouter.post('/signup', async (req, res) => {\n  const { email, password } = req.body;\n  const hash = await bcrypt.hash(password, 12);\n  const user = await prisma.user.create({ data: { email, password: hash } });\n  res.status(201).json({ id: user.id });\n});\n" } },
      fix: 'Hash passwords with a slow, salted password hash: bcrypt with cost 12, argon2id (the argon2 package defaults are fine) or scrypt, and compare with its own `compare`/`verify`. Existing fast hashes can be upgraded at the next login (verify the old way, then re-hash). Raising a bcrypt cost is safe: each hash stores its own cost.',
    },
  },
  scope: 'ts',
  // Every path needs one of these. A fast hash: a binding of node's crypto (createHash/createHmac, subtle.digest) or of
  // a fast-hash package; a low cost: a bcrypt binding; a plain-text write: a call named as a write or save method
  // (WRITE_METHODS in onCall, SAVE_CALLS in the function for `new User()` and `user.password = ...`); the hook fact:
  // a HOOK_CALLS call, a HOOK_NAMES member or a Before* decorator; a password handed to a hashing helper: a password name.
  triggers: {
    names: [...new Set([...WRITE_METHODS, ...SAVE_CALLS, ...HOOK_CALLS, ...HOOK_DECORATORS, 'password', 'passwd', 'pwd', 'newPassword', 'plainPassword'])],
    modules: [...CRYPTO_MODULES, ...BCRYPT_MODULES, ...FAST_HASH_MODULES],
  },
  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    if (isTestPath(file.path) || SEED_PATH.test(file.path)) return {};
    const seenHash = new Set<ts.Node>();
    const seenCost = new Set<ts.Node>();
    let hibp: boolean | undefined;
    const isBreachCheck = () => (hibp ??= !!findNode(sf, (n) => (ts.isStringLiteralLike(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) && /pwnedpasswords/i.test(n.text)));

    const hasPassword = (e: ts.Expression | undefined) => !!e && !!findNode(e, (n) => (ts.isIdentifier(n) && isPasswordName(n.text)) || (ts.isElementAccessExpression(n) && isPasswordName(stringValue(n.argumentExpression))), (n) => ts.isFunctionLike(n));

    const reportFast = (at: ts.Node, algorithm: string) => {
      if (seenHash.has(at) || isBreachCheck()) return;
      seenHash.add(at);
      ctx.report({
        message: `Password hashed with ${algorithm}, a fast hash: a leaked table is cracked at billions of guesses per second on one GPU, salted or not. Use bcrypt (cost 12), argon2id or scrypt.`,
        range: nodeRange(sf, at),
      });
    };

    /** The `crypto.createHash(alg)` call an `.update()` receiver comes from (chained, or through a const). */
    const createHashOf = (recv: ts.Expression): ts.CallExpression | undefined => {
      for (let e: ts.Expression | undefined = recv, i = 0; e && i < 6; i++) {
        const u = consts.resolve(e) ?? unwrap(e);
        if (!ts.isCallExpression(u)) return undefined;
        const c = resolveCallee(u.expression, imports);
        if (c && CRYPTO_MODULES.has(c.module) && (c.path.join('.') === 'createHash' || c.path.join('.') === 'createHmac')) return u;
        const t = unwrap(u.expression);
        if (!ts.isPropertyAccessExpression(t) || t.name.text !== 'update') return undefined;
        e = t.expression;
      }
      return undefined;
    };

    const checkFastHash = (call: ts.CallExpression) => {
      const name = calleeName(call);
      const target = unwrap(call.expression);
      if (name === 'update' && ts.isPropertyAccessExpression(target) && hasPassword(call.arguments[0])) {
        const ch = createHashOf(target.expression);
        const alg = stringValue(ch?.arguments[0], consts) ?? 'a fast hash';
        if (ch) reportFast(ch.expression, calleeName(ch) === 'createHmac' ? `HMAC-${alg}` : alg);
        return;
      }
      const callee = resolveCallee(call.expression, imports);
      if (!callee) return;
      const path = callee.path.join('.');
      const alg = fastHashOf(callee.module, path);
      if (alg && hasPassword(call.arguments[0])) { reportFast(call.expression, alg); return; }
      if (path === 'subtle.digest' && CRYPTO_MODULES.has(callee.module) && hasPassword(call.arguments[1])) reportFast(call.expression, stringValue(call.arguments[0], consts) ?? 'SHA');
    };

    const checkCost = (call: ts.CallExpression) => {
      const callee = resolveCallee(call.expression, imports);
      if (!callee || !BCRYPT_MODULES.has(callee.module)) return;
      const path = callee.path.join('.');
      const arg = path === 'hash' || path === 'hashSync' ? call.arguments[1] : path === 'genSalt' || path === 'genSaltSync' ? call.arguments[0] : undefined;
      // a literal password (`hash('123456', 6)`): a fixture's or seed's known demo account, not a user's password
      const hashed = (path === 'hash' || path === 'hashSync') && call.arguments[0] && consts.resolve(call.arguments[0]);
      if (hashed && ts.isStringLiteralLike(hashed)) return;
      const lit = arg && consts.resolve(arg);
      if (!lit || !ts.isNumericLiteral(lit) || seenCost.has(lit)) return;
      const cost = Number(lit.text);
      if (!(cost < 10)) return;
      seenCost.add(lit);
      ctx.report({
        message: `bcrypt cost ${cost} is below 10: each point of cost doubles the work, so a leaked table is cracked ${2 ** (12 - cost)} times faster than at the usual 12. Raise it to 12 (existing hashes keep working: each stores its own cost).`,
        range: nodeRange(sf, lit),
        fixes: lit.getSourceFile() === sf ? [{ title: 'Raise the bcrypt cost to 12', safe: true, edits: [replaceNode(sf, file.path, lit, '12')] }] : undefined,
      });
    };

    const data = (): Data => ruleDataOf<Data>(ctx.facts, ID, () => ({}));
    const addWrite = (node: ts.Node, message: string) => {
      const d = data();
      (d.writes ??= []).push({ range: nodeRange(sf, node), message });
    };

    // Password arguments, keys and fields are names (or element-access keys) the file's name table lists.
    const passwords = ctx.someName((n) => MAYBE_PASSWORD.test(n) && isPasswordName(n));
    /** Password fields and whole request bodies in the object(s) a write call receives. */
    const scanWrite = (call: ts.CallExpression | ts.NewExpression, fn: FunctionNode) => {
      const model = modelOf(call);
      if (model?.service) return;
      const userModel = !!model && USER_MODELS.has(model.name);
      if (!userModel && !passwords) return; // only a user model's whole-body write or a password key can be recorded
      const whole = (e: ts.Expression) => {
        const path = accessPath(e) ?? [];
        if (path.some((x) => /^(params|query|headers|cookies)$/.test(x)) || nameWords(path[path.length - 1] ?? '').at(-1) === 'id') return;
        if (userModel && !findNode(fn, isHashCall) && mentionsPassword(fn)) addWrite(e, wholeMessage(model!.name));
      };
      const scan = (e: ts.Expression, depth: number): void => {
        const obj = asObject(e, consts);
        if (!obj) { if (depth <= 2 && isWholeBody(e)) whole(e); return; }
        const explicit = obj.properties.some((p) => !ts.isSpreadAssignment(p) && isPasswordName(propName(p.name)));
        for (const p of obj.properties) {
          if (ts.isSpreadAssignment(p)) { if (!explicit && isWholeBody(p.expression)) whole(p.expression); continue; }
          const key = propName(p.name);
          if (key === 'where' || key === 'select' || key === 'include') continue;
          const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
          if (!value) continue;
          if (isPasswordName(key)) { if (isRequestValue(value)) addWrite(p, FIELD_MESSAGE); continue; }
          if (depth < 3) scan(value, depth + 1);
        }
      };
      for (const a of call.arguments ?? []) scan(a, 1);
    };

    /** Same-file fast-hash helpers, by name (`const calcSha256Hash = (str) => createHash('sha256').update(str).digest('hex')`). */
    const localHashFns = new Map<string, { index: number; alg: string }>();
    const localHashCalls: Array<{ name: string; call: ts.CallExpression }> = [];
    /** `createHash(alg).update(param)` inside a function: that function is a fast-hash helper for its callers. */
    const recordHelper = (call: ts.CallExpression) => {
      const target = unwrap(call.expression);
      if (calleeName(call) !== 'update' || !ts.isPropertyAccessExpression(target)) return;
      const arg = call.arguments[0] && unwrap(call.arguments[0]);
      const decl = arg && ts.isIdentifier(arg) ? findDeclaration(arg) : undefined;
      // a helper whose parameter says password (`hashPassword(password)`) is reported where it hashes: its callers add nothing
      if (!decl || !ts.isParameter(decl) || !ts.isIdentifier(decl.name) || isPasswordName(decl.name.text)) return;
      const ch = createHashOf(target.expression);
      if (!ch || calleeName(ch) === 'createHmac') return;
      const fn = decl.parent;
      const index = fn.parameters.indexOf(decl);
      const alg = stringValue(ch.arguments[0], consts) ?? 'a fast hash';
      (data().hashFns ??= []).push({ keys: functionKeys(sf, fn), index, alg });
      const holder = fn.parent;
      const name = ts.isFunctionDeclaration(fn) && fn.name ? fn.name.text : ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name.text : undefined;
      if (name) localHashFns.set(name, { index, alg });
    };
    /** A password handed to a function that may be a fast-hash helper: same file (checked at the end), or another module. */
    const recordHashCall = (call: ts.CallExpression) => {
      const index = call.arguments.findIndex((a) => hasPassword(a));
      if (index < 0) return;
      const callee = unwrap(call.expression);
      if (ts.isIdentifier(callee) && !imports.bindings.has(callee.text)) { localHashCalls.push({ name: callee.text, call }); return; }
      const ref = calleeModuleRef(call.expression, imports);
      if (ref) (data().hashCalls ??= []).push({ ref, index, range: nodeRange(sf, call.expression), call: unwrap(call.expression).getText(sf) });
    };

    const onCall = (call: ts.CallExpression) => {
      recordHelper(call);
      if (passwords) { checkFastHash(call); recordHashCall(call); }
      checkCost(call);
      const name = calleeName(call);
      if (name && HOOK_CALLS.has(name) && isModelHook(call) && call.arguments.some((a) => findNode(a, isHashCall))) data().hook = true;
      if (!name || !WRITE_METHODS.has(name) || !ts.isPropertyAccessExpression(unwrap(call.expression))) return;
      const fn = outermostFunction(call);
      if (fn) scanWrite(call, fn);
    };

    const onNew = (created: ts.NewExpression) => {
      const model = modelOf(created);
      const fn = outermostFunction(created);
      if (!model || !USER_MODELS.has(model.name) || !fn || !/^[A-Z]/.test(exprName(created.expression) ?? '')) return;
      if (!findNode(fn, (n) => ts.isCallExpression(n) && SAVE_CALLS.has(calleeName(n) ?? ''))) return;
      scanWrite(created, fn);
    };

    /** `user.password = req.body.password; await repo.save(user)`. */
    const onAssign = (b: ts.BinaryExpression) => {
      if (!passwords) return;
      if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(b.left) || !isPasswordName(b.left.name.text)) return;
      if (readsRequest(b.left) || !isRequestValue(b.right)) return;
      const fn = outermostFunction(b);
      if (fn && findNode(fn, (n) => ts.isCallExpression(n) && SAVE_CALLS.has(calleeName(n) ?? ''))) addWrite(b, FIELD_MESSAGE);
    };

    const onMember = (m: ts.MethodDeclaration | ts.PropertyAssignment) => {
      const name = propName(m.name);
      const decorated = ts.isMethodDeclaration(m) && decoratorsOf(m).some((d) => HOOK_DECORATORS.has(exprName(ts.isCallExpression(d.expression) ? d.expression.expression : d.expression) ?? ''));
      if ((decorated || (name && HOOK_NAMES.has(name))) && findNode(m, isHashCall)) data().hook = true;
    };

    return {
      onEnd() {
        for (const { name, call } of localHashCalls) {
          const h = localHashFns.get(name);
          if (h && call.arguments[h.index] && hasPassword(call.arguments[h.index])) reportFast(call.expression, `${h.alg} (through \`${name}()\`)`);
        }
      },
      CallExpression: (n) => onCall(n as ts.CallExpression),
      NewExpression: (n) => onNew(n as ts.NewExpression),
      BinaryExpression: (n) => onAssign(n as ts.BinaryExpression),
      MethodDeclaration: (n) => onMember(n as ts.MethodDeclaration),
      PropertyAssignment: (n) => onMember(n as ts.PropertyAssignment),
    };
  },

  checkWorkspace(ctx) {
    const all = [...ctx.files].map(([path, f]) => ({ path, data: getRuleData<Data>(f.facts, ID) })).filter((x) => x.data);
    // a password handed to another module's fast-hash helper (`calcSha256Hash(\`${password}${salt}\`)`)
    for (const { path, data } of all) {
      for (const c of data!.hashCalls ?? []) {
        const t = ctx.facts.resolveFunction(path, c.ref);
        const h = t && getRuleData<Data>(ctx.files.get(t.file)?.facts, ID)?.hashFns?.find((x) => x.index === c.index && x.keys.includes(t.key));
        if (!t || !h || isTestPath(t.file)) continue;
        ctx.report({
          file: path, workspace: false, range: c.range,
          message: `Password hashed with ${h.alg} (through \`${c.call}()\`, ${t.file}), a fast hash: a leaked table is cracked at billions of guesses per second on one GPU, salted or not. Use bcrypt (cost 12), argon2id or scrypt.`,
        });
      }
    }
    if (all.some((x) => x.data!.hook)) return;
    for (const { path, data } of all) {
      const seen = new Set<string>();
      for (const w of data!.writes ?? []) {
        const key = `${w.range.start.line}:${w.range.start.character}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.report({ file: path, workspace: false, message: w.message, range: w.range });
      }
    }
  },
};

export default rule;
