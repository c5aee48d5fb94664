/**
 * What a handler, middleware, guard or helper does, read from its body: checks who the caller is, checks a
 * role, validates input, writes data, reads request input... and how middleware names and packages read.
 * Used by the route facts (routes.ts); results are small and serialisable.
 */
import { builtinModules } from 'node:module';
import { ts } from 'ts-morph';
import type { FileImports } from '../ts/imports';
import { decoratorsOf } from '../ts/decorators';
import { accessPath, calleeName, envVarName, propName, resolveCallee, stringValue, unwrap, type ConstTable } from '../ts/helpers';
import { nodeRange } from '../ts/edits';
import { declaredFieldType, findDeclaration } from '../ts/declarations';
import { RequestScope } from '../ts/requestInput';
import { madeByClientFactory } from '../ts/orm';
import type { Range } from '../types';

/** `ts` bound once for values: through the bundle's CommonJS interop every `ts.x` read goes through two getters (a third of this module's time). */
const tsv = ts;

/** What a route's chain or handler is known to do. */
export type Flag = 'auth' | 'role' | 'validate' | 'rate-limit' | 'csrf' | 'public' | 'reads-input' | 'writes-data' | 'auth-flow' | 'data-rules';

/** A value exported by another workspace module: `{ spec: './lib/auth', name: 'requireUser' }`; `member` for `ns.fn` / `obj.method`. */
export interface ModuleRef { spec: string; name: string; member?: string }

export interface Summary {
  flags: Flag[];
  /** What made it `auth` / `role` (for messages): 'getServerSession()', 'a 401 response'... */
  auth?: string;
  role?: string;
  /** Functions of other workspace modules it calls (the route map follows them). */
  refs?: ModuleRef[];
  /**
   * Functions of packages imported by name that it calls (`assertMember(req)` from '@acme/auth'): the route map
   * follows those that are packages of the workspace (a monorepo's); the others are third-party and stay unread.
   */
  pkgRefs?: ModuleRef[];
  /** Pathname conditions around its checks (Next.js middleware): only under these prefixes, or everywhere but these. */
  paths?: { only?: string[]; except?: string[]; opaque?: boolean };
  /** HTTP methods compared with `req.method` (Next.js API routes). */
  methods?: string[];
  /** It can turn a request away: a redirect, a 401/403, `protect()`, a thrown error (a session read alone does not). */
  enforces?: boolean;
  /** A session or user read whose result nothing checks (`auth()`): said in messages when nothing else guards the route. */
  unchecked?: string;
  /** A 401 or 403 answer after which the function goes on (see `goesOnAfter`): its checks of the caller (401) or of a role (403) guard nothing. */
  fallsThrough?: FallsThrough;
  /** JWT middleware that lets requests without a valid token through (koa-jwt `passthrough: true`): it guards nothing, whatever its name. */
  optionalAuth?: boolean;
  /** A NestJS decorator that applies guards (`applyDecorators(SetMetadata(...), UseGuards(RolesGuard))`), not only metadata. */
  guards?: boolean;
  /** It reads decorator metadata (`this.reflector.getAllAndOverride(ROLES_KEY, ...)`): a guard whose roles come from `@Roles()`. */
  readsMetadata?: boolean;
  /** Of which some read the controller's (`context.getClass()`, or a target the scan cannot tell): without it, `@Roles()` on a class is never read. */
  readsClassMetadata?: boolean;
  /** Its validation lets keys the schema does not name through (Joi `allowUnknown: true`, zod `.passthrough()`): fields it names are checked, others reach the handler. */
  openValidation?: boolean;
}

/**
 * `if (!user) { res.status(401).json(...) }` followed by `next()`: the caller is told no, and the request goes on
 * anyway. `file` is set by the route map (a summary does not know its file).
 */
export interface FallsThrough {
  /** 401: a check of who is calling; 403: of what they may do (a role, an owner). */
  status: 401 | 403;
  /** The answer (`res.status(401)`). */
  at: string;
  /** The statement that still runs after it (`next()`). */
  next: string;
  /** The answering statement. */
  range: Range;
  /** The edit that ends the function there: `return;` after the statement (in braces when the statement is a branch of its own). */
  edit: { range: Range; newText: string };
  file?: string;
}

const has = (s: Summary, f: Flag) => s.flags.includes(f);
/** Summaries that verify the caller's token themselves (`jwt.verify()`, jose's `jwtVerify()`). */
const IDENTIFIES = new WeakSet<Summary>();
/** Summaries that answer 403 somewhere: a role check, unless they identify the caller themselves (see `settleStatuses`). */
const FORBIDS = new WeakSet<Summary>();
/** Summaries whose `auth` comes from something other than a 401 answer (a session read, a token check, a guard). */
const CHECKS_CALLER = new WeakSet<Summary>();
export function addFlag(s: Summary, f: Flag, why?: string): void {
  if (!s.flags.includes(f)) s.flags.push(f);
  if (why && f === 'auth' && !s.auth) s.auth = why;
  if (why && f === 'role' && !s.role) s.role = why;
  // a 401 or a redirect to the sign-in page is also how a sign-in answers wrong credentials: no check of the caller by itself
  if (f === 'auth' && why !== 'a 401 response' && !why?.startsWith('a redirect to ')) CHECKS_CALLER.add(s);
}
/**
 * Settles what status answers mean once a function is read. A 403 is a role check, except in a function that verifies the caller's token itself: `catch { res.status(403) }`
 * after `jwt.verify()` answers a bad token, as many JWT tutorials do; it says nothing of what the caller may do.
 */
function settleStatuses(s: Summary): void {
  // a 401 that lets the request go on: the function's checks of the caller guard nothing (an invalid token reaches `next()`)
  // (a 403 that does the same: its role or owner checks check nothing)
  if (s.fallsThrough?.status === 401 && has(s, 'auth')) { s.flags = s.flags.filter((f) => f !== 'auth'); delete s.auth; }
  if (FORBIDS.has(s) && !IDENTIFIES.has(s)) addFlag(s, 'role', 'a 403 response');
  // A sign-in answering 401 to wrong credentials checks no caller: the route is no less open for it.
  if (has(s, 'auth-flow') && has(s, 'auth') && !CHECKS_CALLER.has(s)) { s.flags = s.flags.filter((f) => f !== 'auth'); delete s.auth; }
  if (s.fallsThrough?.status === 403) { s.flags = s.flags.filter((f) => f !== 'role'); delete s.role; }
}
export function mergeInto(into: Summary, from: Summary | undefined, skip: readonly Flag[] = ['public']): void {
  if (!from) return;
  if (CHECKS_CALLER.has(from) && !skip.includes('auth')) CHECKS_CALLER.add(into);
  // a helper that verifies the token (`verifyToken(token)` wrapping jwt.verify) identifies the caller for its caller too
  if (IDENTIFIES.has(from) && !skip.includes('auth')) IDENTIFIES.add(into);
  for (const f of from.flags) if (!skip.includes(f)) addFlag(into, f, f === 'auth' && !CHECKS_CALLER.has(from) ? 'a 401 response' : undefined);
  into.auth ??= from.auth;
  into.role ??= from.role;
  if (from.enforces) into.enforces = true;
  if (from.readsMetadata) into.readsMetadata = true;
  if (from.readsClassMetadata) into.readsClassMetadata = true;
  if (from.openValidation) into.openValidation = true;
  if (from.fallsThrough && !skip.includes('auth')) into.fallsThrough ??= from.fallsThrough;
  if (from.refs) for (const r of from.refs) addRef(into, r);
  if (from.pkgRefs) for (const r of from.pkgRefs) addRef(into, r, 'pkgRefs');
  if (from.paths && !into.paths) into.paths = from.paths;
}
function addRef(s: Summary, r: ModuleRef, field: 'refs' | 'pkgRefs' = 'refs'): void {
  const refs = (s[field] ??= []);
  if (refs.length < 24 && !refs.some((x) => x.spec === r.spec && x.name === r.name && x.member === r.member)) refs.push(r);
}

const NODE_BUILTINS = new Set(builtinModules);
/** A package imported by name that may be one of the workspace's own (not Node's, not a relative or alias path). */
export function isPackageSpec(spec: string): boolean {
  return !isWorkspaceSpec(spec) && !spec.startsWith('node:') && !NODE_BUILTINS.has(spec);
}

/** Module specifiers that point into the workspace (relative, or the usual `@/`, `~/`, `#`, `src/` aliases). */
export function isWorkspaceSpec(spec: string): boolean {
  return /^(\.{1,2}(\/|$)|\/|@\/|~\/|#|src\/)/.test(spec);
}

const words = (name: string) => name.replace(/[^A-Za-z0-9]/g, '').toLowerCase();

const CSRF_NAME = /csrf|xsrf|csurf/;
const RATE_NAME = /ratelimit|limiter|throttl|slowdown|brute/;
const NOT_ENFORCING = /^(optional|maybe|soft|try|attach|populate|load|decode|extract|parse|set|add|init|initialize|configure|setup)|(optional|context)$|^(session|sessions|clerkmiddleware|withauth0?context|authjs|authroutes|authrouter|auth(handler|callback|controller|service|routes?)|authorrouter)$/;
const AUTH_NAME = /(^|[^o])auth(?!or)|jwt|bearer|loggedin|signedin|requirelogin|loginrequired|requireuser|requiresession|requireaccount|ensureuser|protect|verifytoken|checktoken|validatetoken|verifyuser|verifysession|checksession|validatesession|apikey|currentuser|authenticated|idtoken|firebaseuser|requiresignin|signinrequired|isuser$/;
const ROLE_NAME = /role|permission|perms?$|authori[sz]|admin|staff|superuser|casl|acl|polic(y|ies)|scopes?$|entitle|owner|basicauth|apikey|apitoken|servicekey|servicetoken|internal|cronsecret|sharedsecret|hmac|signature/;
/** A name that starts by validating (`validateAdminBookingStatusUpdate`, `sanitizeBody`) is a validator, unless what it validates is a credential. */
const VALIDATOR_VERB = /^(validat|sanitiz|celebrate|check(body|input|params|query|schema))/;
const CREDENTIAL_WORD = /token|session|jwt|auth|apikey|signature|hmac|secret|webhook|captcha|^validateusers?$|^validateuser(request|login|credentials?)?$/;
const VALIDATE_NAME = /valid|celebrate|sanitiz|zvalidator|schema|dto$/;
const VALIDATOR_NOUN = /.(validators?|validations?|validationrules|schema)$/;
const CREDENTIAL_VALIDATOR = /^(token|accesstoken|refreshtoken|jwt|session|auth|apikey|bearer|signature|webhook|captcha|recaptcha|hmac)(validators?|validations?|schema)$/;
const PUBLIC_NAME = /^(public|ispublic|publicroute|publicendpoint|publicapi|allowanonymous|anonymous|allowanon|skipauth|noauth|unprotected|allowunauthenticated|unauthenticated|optionalauth|skipjwt|nojwt|withoutauth)$/;
const SWAGGER = /^api[a-z]/;

/**
 * A name whose only role word is "authorize" (`authorizeRequest`, `authorization`): in Express code as often signing in
 * as a role check, so the body decides when it can be read (see withBody, routeMap's resolveMw).
 */
export function authorizeOnlyName(name: string): boolean {
  const w = words(name.split('(')[0]);
  return /authori[sz]/.test(w) && !ROLE_NAME.test(w.replace(/authori[sz]\w*/g, ''));
}

/** Flags a middleware, guard or decorator name suggests (`requireAuth` -> auth, `requireRole` -> role+auth). */
export function nameFlags(name: string): Flag[] {
  const last = name.split(/[.(]/).filter(Boolean);
  const base = last.length > 1 && /^(passport|fastify|app|server|instance|this|req|request|middleware|middlewares|mw|guards?|auth)$/i.test(last[0]) ? last.slice(1).join('') : last.join('');
  const w = words(base.split('(')[0]);
  const out: Flag[] = [];
  if (!w || SWAGGER.test(w)) return out;
  if (PUBLIC_NAME.test(w)) return ['public'];
  if (CSRF_NAME.test(w)) return ['csrf'];
  if (RATE_NAME.test(w)) return ['rate-limit'];
  if (VALIDATOR_VERB.test(w) && !CREDENTIAL_WORD.test(w)) return ['validate'];
  // a noun naming what it validates (`registerUserValidator`, `createCheckoutSessionValidator`, `loginSchema`): a
  // validator whatever its subject, unless that subject is only a credential (`tokenValidator`, `jwtValidation`)
  if (VALIDATOR_NOUN.test(w) && !CREDENTIAL_VALIDATOR.test(w)) return ['validate'];
  // CASL's ability as a word (`checkAbility`, `defineAbilityFor`), not inside another (`validateAvailability`)
  const ability = /(^|[a-z0-9_])Abilit(y|ies)|^abilit(y|ies)/.test(base);
  // `allRoleAuth`, `anyRole`: every role is let in, which is signing in, not a role check
  const role = (ROLE_NAME.test(w) || ability) && !/^(author|authors|authorrouter|adminrouter|adminroutes|adminapp|adminrouter)$/.test(w) && !/^(all|any|every)roles?/.test(w);
  if (role) out.push('role', 'auth');
  else if (AUTH_NAME.test(w) && !NOT_ENFORCING.test(w)) out.push('auth');
  if (!out.length && VALIDATE_NAME.test(w) && !/token|session|jwt|user|auth|apikey/.test(w)) out.push('validate');
  return out;
}

interface ModuleRule { module: RegExp; path?: RegExp; flags: Flag[] }
const MODULE_RULES: ModuleRule[] = [
  { module: /^express-jwt$|^express-oauth2-jwt-bearer$|^koa-jwt$|^hono\/jwt$|^hono\/bearer-auth$|^connect-ensure-login$|^@auth0\/nextjs-auth0/, flags: ['auth'] },
  { module: /^express-openid-connect$/, path: /^(auth|requiresAuth|claimCheck|claimEquals|claimIncludes)$/, flags: ['auth'] },
  { module: /^express-basic-auth$|^hono\/basic-auth$|^@fastify\/basic-auth$|^koa-basic-auth$/, flags: ['auth', 'role'] },
  { module: /^(passport|koa-passport|@fastify\/passport)$/, path: /(^|\.)authenticate$/, flags: ['auth'] },
  { module: /^@clerk\//, path: /^(requireAuth|ClerkExpressRequireAuth|authMiddleware|withAuth|protect)$/, flags: ['auth'] },
  { module: /^@nestjs\/passport$/, path: /^AuthGuard$/, flags: ['auth'] },
  { module: /^next-auth\/middleware$/, flags: ['auth'] },
  { module: /^@kinde-oss\//, path: /^(withAuth|protectRoute)$/, flags: ['auth'] },
  { module: /^(express-rate-limit|express-slow-down|rate-limiter-flexible|@fastify\/rate-limit|koa-ratelimit|koa2-ratelimit|hono-rate-limiter|@upstash\/ratelimit|express-brute|@nestjs\/throttler)$/, flags: ['rate-limit'] },
  { module: /^(csurf|csrf-csrf|csrf-sync|tiny-csrf|@fastify\/csrf-protection|koa-csrf|hono\/csrf|@dr\.pogodin\/csurf|@edge-csrf\/.*)$/, flags: ['csrf'] },
  { module: /^lusca$/, path: /^csrf$/, flags: ['csrf'] },
  { module: /^(celebrate|express-validator|zod-express-middleware|@hono\/zod-validator|hono\/validator|express-joi-validation|express-openapi-validator|@hono\/valibot-validator|@hono\/typebox-validator|express-zod-safe|express-json-validator-middleware)$/, flags: ['validate'] },
];

/** Flags a package export suggests, whatever it is called locally (`expressjwt` from express-jwt -> auth). */
export function moduleFlags(module: string, path: readonly string[]): Flag[] {
  const p = path.join('.');
  for (const r of MODULE_RULES) if (r.module.test(module) && (!r.path || r.path.test(p))) return [...r.flags];
  return [];
}

const AUTH_CALL = /^(getserversession|getsession|getiron(session)?|currentuser|auth|jwtverify|verifyidtoken|verifysessioncookie|getauth|gettoken|validaterequest|validatesessiontoken|getkindeserversession|withapiauthrequired|withpageauthrequired|protect|redirecttosignin|isauthenticated|getclaims|getuserfromsession)$|^(get|require|ensure|assert|verify|check|validate|load|fetch|read|authenticate)(current|session|auth|authed|authenticated|signedin|loggedin)?(user|session|auth|token|jwt|idtoken|accesstoken|apikey|viewer|account|identity|signature|hmac|webhook)(orthrow|orredirect|or401)?$|^(require|ensure|assert|check|verify)(auth|authentication|authenticated|login|loggedin|signedin|session)$/;
/** Names above that end in user/session/account: only auth when called with nothing, the request, or on an auth client. */
const LOOKUP_LIKE = /(user|account|viewer|identity|session)(orthrow|orredirect|or401)?$/;
const ROLE_CALL = /^(has|check|require|ensure|assert|is|verify|validate)(any|all)?(role|roles|permission|permissions|access|scope|scopes|admin|superadmin|staff|owner|ownership|privilege|privileges)$|^(can|cannot|authorize|authorise|enforce|haspermissionto|isallowed|checkaccess|checkpolicy|assertcan)$/;
const ROLE_PROPS = new Set(['role', 'roles', 'isAdmin', 'is_admin', 'isSuperAdmin', 'isSuperuser', 'is_superuser', 'isStaff', 'is_staff', 'permissions', 'permission', 'scopes', 'scope', 'userRole', 'accessLevel', 'admin', 'superuser']);
/** The same names in the case a schema may give them (`req.user.Admin`, `user.IsAdmin`, `Role`): lower-cased. */
const ROLE_PROPS_LC = new Set([...ROLE_PROPS].map((n) => n.toLowerCase()));
const isRoleProp = (name: string) => ROLE_PROPS.has(name) || ROLE_PROPS_LC.has(name.toLowerCase());
const WRITE_STRONG = new Set([
  'create', 'createMany', 'createManyAndReturn', 'upsert', 'insert', 'insertMany', 'insertOne', 'save', 'destroy', 'bulkCreate', 'bulkInsert',
  'findOneAndUpdate', 'findByIdAndUpdate', 'findByIdAndDelete', 'findByIdAndRemove', 'findOneAndDelete', 'findOneAndRemove', 'findOneAndReplace',
  'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'replaceOne', '$executeRaw', '$executeRawUnsafe', 'softDelete', 'increment', 'decrement',
  'bulkWrite', 'persist', 'persistAndFlush', 'removeAndFlush', 'nativeDelete', 'nativeUpdate', 'returning', 'onConflictDoUpdate', 'onConflictDoNothing',
]);
/** Names of database functions that change data (`create_rental`, `returnTool`, `decrement_stock`). */
const RPC_WRITE = /^(create|insert|issue|book|reserve|place|pay|refund|update|delete|add|remove|set|upsert|record|process|complete|cancel|return|checkout|close|open|assign|transfer|increment|decrement|register|submit|approve|reject|mark)(_|[A-Z]|$)/;
const WRITE_AMBIGUOUS = new Set(['update', 'delete', 'remove', 'set', 'add', 'put', 'del', 'merge', 'push', 'execute', 'exec', 'run', 'query', 'none', 'one', 'oneOrNone', 'many', 'any', 'result', 'unsafe']);
const SQL_RUNNERS = new Set(['query', 'execute', 'exec', 'run', 'none', 'one', 'oneOrNone', 'many', 'any', 'result', 'unsafe', 'all', 'get', 'prepare', 'raw', '$queryRawUnsafe', '$executeRawUnsafe', '$queryRaw', '$executeRaw']);
const NON_DATA_ROOTS = new Set([
  'Object', 'Reflect', 'Promise', 'JSON', 'Math', 'Array', 'Map', 'Set', 'WeakMap', 'Date', 'Symbol', 'Number', 'String', 'URL', 'URLSearchParams', 'Response', 'NextResponse', 'Headers', 'FormData',
  'document', 'window', 'React', 'crypto', 'stripe', 'Stripe', 'openai', 'OpenAI', 'anthropic', 'resend', 'sgMail', 'twilio', 'transporter', 'mailer', 'z', 'yup', 'Joi', 'v',
  'console', 'logger', 'log', 'axios', 'http', 'https', 'fs', 'res', 'reply', 'response', 'Sentry', 'posthog', 'analytics', 'jwt', 'bcrypt', 'cookies', 'headers', 'searchParams',
  'formData', 'url', 'params', 'cache', 'redis', 'session', 'app', 'router', 'express', 'fastify', 'server', 'io', 'socket', 'emitter', 'events', 'queue', 'map', 'set', 'hash', 'hmac',
  'createHash', 'createHmac', 'cipher', 'performance', 'process', 'Buffer', 'path', 'zip', 'archive', 'pdf', 'doc', 'workbook', 'sheet', 'canvas', 'ctx', 'c', 'context', 'event',
]);
const DATAISH = /prisma|^db$|database|knex|repo|repository|model|collection|supabase|firestore|firebase|drizzle|^orm$|mongo|mongoose|sequelize|^em$|entitymanager|manager|^tx$|^trx$|transaction|pool|^sql$|^pg$|^conn(ection)?$|table|service|dao|^store$|docref|^kysely$|client$/i;
const WRITE_SQL = /^\s*(\/\*[\s\S]*?\*\/\s*)?(insert|update|delete|merge|upsert|replace|truncate)\b/i;
const PARSE_METHODS = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'spa']);
const NOT_SCHEMA_ROOTS = new Set(['JSON', 'path', 'url', 'URL', 'qs', 'querystring', 'Date', 'Number', 'cookie', 'cookies', 'yaml', 'YAML', 'csv', 'Papa', 'papa', 'dotenv', 'marked', 'toml', 'TOML', 'ini', 'semver', 'bytes', 'ms', 'parser', 'cheerio', 'htmlparser2', 'csvParse', 'uaParser', 'useragent', 'mime']);
const VALIDATE_METHODS = new Set(['validate', 'validateSync', 'validateAsync', 'validateOrReject', 'validationResult', 'matchedData', 'checkSchema', 'assertValid', 'valid', 'Check', 'Decode', 'is', 'assert', 'create', 'mask']);
const VALIDATE_MODULES = /^(zod|joi|yup|valibot|class-validator|superstruct|ajv|@sinclair\/typebox|typebox|@effect\/schema|effect|arktype|io-ts|runtypes|express-validator|@vinejs\/vine|myzod|@badrap\/valita)(\/.*)?$/;
const INPUT_FIELDS = new Set(['body', 'query', 'params', 'files', 'file', 'rawBody']);
const BODY_READERS = new Set(['json', 'formData', 'text', 'arrayBuffer']);
const HONO_READERS = new Set(['json', 'param', 'query', 'queries', 'parseBody', 'formData', 'valid', 'text', 'arrayBuffer', 'blob']);
const RATE_CALL = /^(ratelimit|checkratelimit|enforceratelimit|limitrequests|throttle|applyratelimit)$/;
/** Call names worth a closer look (everything onCall checks); other calls only cost the lookups above. */
const INTERESTING_NAMES = new Set([
  ...WRITE_STRONG, ...WRITE_AMBIGUOUS, ...SQL_RUNNERS, ...PARSE_METHODS, ...VALIDATE_METHODS,
  'status', 'sendStatus', 'code', 'throw', 'createError', 'httpError', 'HttpError', 'error', 'abort', 'fail', 'json', 'send', 'redirect', 'redirectTo', 'HTTPException', 'exit',
  'notFound', 'unauthorized', 'forbidden', 'verify', 'jwtVerify', 'sign', 'getUser', 'getSession', 'can', 'SetMetadata', 'applyDecorators', 'UseGuards',
  'hash', 'hashSync', 'compare', 'compareSync', 'timingSafeEqual', 'safeCompare', 'secureCompare', 'constantTimeEqual', 'from', 'select', 'rpc',
  'addDoc', 'setDoc', 'updateDoc', 'deleteDoc', 'constructEvent', 'constructEventAsync', 'startsWith', 'endsWith', 'includes', 'test', 'match', 'limit', 'consume', 'check', 'penalty', 'Check', 'Decode',
]);
const INTERESTING = /csrf|xsrf|limit|throttl|unauthori[sz]ed|forbidden|password|token|jwt|session|sign|login|valid/i;
const interestingMemo = new Map<string, boolean>();
/** Whether a callee name can say anything about auth, roles, limits or validation (memoised: the same names recur in every handler). */
function interesting(name: string): boolean {
  let r = interestingMemo.get(name);
  if (r === undefined) {
    const lw = name.toLowerCase();
    r = INTERESTING_NAMES.has(name) || INTERESTING.test(name) || AUTH_CALL.test(lw) || ROLE_CALL.test(lw);
    if (interestingMemo.size > 50_000) interestingMemo.clear();
    interestingMemo.set(name, r);
  }
  return r;
}

/**
 * A session or user read whose result the function never checks: not assigned and not tested (`await auth();`), or
 * assigned to names that are never tested, passed on, returned or dereferenced without `?.` (a `session.user.id` throws
 * when there is no session, which turns the request away too).
 */
function uncheckedResult(call: ts.CallExpression): boolean {
  let top: ts.Node = call;
  while (tsv.isAwaitExpression(top.parent) || tsv.isParenthesizedExpression(top.parent) || tsv.isAsExpression(top.parent) || tsv.isNonNullExpression(top.parent)) top = top.parent;
  if (tsv.isExpressionStatement(top.parent)) return true;
  if (!tsv.isVariableDeclaration(top.parent) || top.parent.initializer !== top) return false;
  const names = new Set<string>();
  const bind = (n: ts.BindingName): void => {
    if (tsv.isIdentifier(n)) names.add(n.text);
    else for (const el of n.elements) if (!tsv.isOmittedExpression(el)) bind(el.name);
  };
  bind(top.parent.name);
  let fn: ts.Node | undefined = top.parent;
  while (fn && !(tsv.isFunctionLike(fn) && 'body' in fn)) fn = fn.parent;
  const body = fn && (fn as ts.FunctionLikeDeclaration).body;
  if (!body || !names.size) return false;
  let checked = false;
  const decl = top.parent;
  const visit = (n: ts.Node): void => {
    if (checked) return;
    if (tsv.isIdentifier(n) && names.has(n.text) && !isDeclarationName(n, decl) && checksValue(n, names)) { checked = true; return; }
    tsv.forEachChild(n, visit);
  };
  visit(body);
  return !checked;
}

function isDeclarationName(n: ts.Identifier, decl: ts.VariableDeclaration): boolean {
  for (let p: ts.Node | undefined = n; p && p !== decl.parent; p = p.parent) if (p === decl.name) return true;
  return false;
}

/** A use of a value that tests it or depends on its being there (see uncheckedResult). */
function checksValue(id: ts.Identifier, names: ReadonlySet<string>): boolean {
  let cur: ts.Node = id;
  // `session?.user?.id`: optional links never throw; `session.user.id` does when there is no session, unless it sits under a test of it
  let optional = false;
  while (tsv.isPropertyAccessExpression(cur.parent) && cur.parent.expression === cur || tsv.isElementAccessExpression(cur.parent) && cur.parent.expression === cur) {
    const link = cur.parent as ts.PropertyAccessExpression | ts.ElementAccessExpression;
    // every link after a `?.` of the same chain is skipped too: `session?.user.id` never throws
    if (link.questionDotToken) optional = true;
    if (!optional && (tsv.isPropertyAccessExpression(link.parent) || tsv.isElementAccessExpression(link.parent) || tsv.isCallExpression(link.parent) || tsv.isVariableDeclaration(link.parent) || tsv.isPropertyAssignment(link.parent) || tsv.isShorthandPropertyAssignment(link.parent) || tsv.isBinaryExpression(link.parent))) return !underTestOf(link, names);
    cur = link;
  }
  for (let p: ts.Node = cur; p.parent; p = p.parent) {
    const parent = p.parent;
    // tested by an `if` that turns the request away (`if (!session) return res.status(401)...`, `redirect('/login')`, a throw)
    if (tsv.isIfStatement(parent) && parent.expression === p) return turnsAway(parent.thenStatement) || (!!parent.elseStatement && turnsAway(parent.elseStatement));
    if (tsv.isCallExpression(parent) || tsv.isNewExpression(parent) || tsv.isReturnStatement(parent) || tsv.isThrowStatement(parent) || tsv.isSpreadElement(parent) || tsv.isJsxExpression(parent)) return true;
    if (tsv.isBinaryExpression(parent) && parent.operatorToken.kind === tsv.SyntaxKind.EqualsToken) return false;
    if (tsv.isStatement(parent) || tsv.isFunctionLike(parent)) return false;
    // pass-through: `!session`, `session?.user && x`, `session.user.role !== 'admin'`, `(await session)`
    if (!(tsv.isParenthesizedExpression(parent) || tsv.isAwaitExpression(parent) || tsv.isNonNullExpression(parent) || tsv.isAsExpression(parent) || tsv.isPropertyAccessExpression(parent)
      || tsv.isElementAccessExpression(parent) || tsv.isPrefixUnaryExpression(parent) || tsv.isBinaryExpression(parent))) return false;
  }
  return false;
}

/** Whether `n` only runs when one of `names` was tested first (`if (session) { ... }`, `session && ...`, `session ? ... : ...`). */
function underTestOf(n: ts.Node, names: ReadonlySet<string>): boolean {
  const mentions = (e: ts.Node): boolean => {
    let hit = false;
    const visit = (x: ts.Node): void => { if (hit) return; if (tsv.isIdentifier(x) && names.has(x.text)) hit = true; else tsv.forEachChild(x, visit); };
    visit(e);
    return hit;
  };
  for (let p: ts.Node = n; p.parent && !tsv.isFunctionLike(p.parent); p = p.parent) {
    const parent = p.parent;
    if (tsv.isIfStatement(parent) && parent.expression !== p && mentions(parent.expression)) return true;
    if (tsv.isConditionalExpression(parent) && parent.condition !== p && mentions(parent.condition)) return true;
    if (tsv.isBinaryExpression(parent) && parent.right === p && (parent.operatorToken.kind === tsv.SyntaxKind.AmpersandAmpersandToken || parent.operatorToken.kind === tsv.SyntaxKind.BarBarToken) && mentions(parent.left)) return true;
  }
  return false;
}

/** A branch that ends the request: it returns, throws, or redirects (not counting nested functions). */
export function turnsAway(branch: ts.Statement): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || tsv.isFunctionLike(n)) return;
    if (tsv.isReturnStatement(n) || tsv.isThrowStatement(n)) { found = true; return; }
    if (tsv.isCallExpression(n) && /^(redirect|permanentRedirect|notFound|unauthorized|forbidden|redirectToSignIn|sendStatus)$/.test(calleeName(n) ?? '')) { found = true; return; }
    tsv.forEachChild(n, visit);
  };
  visit(branch);
  return found;
}

const ANSWERS = new Set(['status', 'sendStatus', 'code', 'json', 'send', 'writeHead']);
const LOGGERS = /^(console|logger|log|logging|debug|winston|pino|Sentry|captureException|track|metrics|audit)$/i;

/** The identifier an expression statement's chain starts from: `res` of `res.status(401).json()`, `ctx` of `ctx.status = 401`. */
function chainRoot(e: ts.Expression): string | undefined {
  let x: ts.Expression = e;
  for (;;) {
    if (tsv.isAwaitExpression(x) || tsv.isParenthesizedExpression(x) || tsv.isVoidExpression(x) || tsv.isNonNullExpression(x)) x = x.expression;
    else if (tsv.isCallExpression(x) || tsv.isPropertyAccessExpression(x) || tsv.isElementAccessExpression(x)) x = x.expression;
    else if (tsv.isBinaryExpression(x) && x.operatorToken.kind === tsv.SyntaxKind.EqualsToken) x = x.left;
    else break;
  }
  return tsv.isIdentifier(x) ? x.text : undefined;
}

/** A statement that does nothing the caller could abuse: a log line, an empty statement, a declaration of a function or type. */
function quietStatement(st: ts.Statement): boolean {
  if (tsv.isEmptyStatement(st) || tsv.isFunctionDeclaration(st) || tsv.isTypeAliasDeclaration(st) || tsv.isInterfaceDeclaration(st)) return true;
  if (!tsv.isExpressionStatement(st)) return false;
  const root = chainRoot(st.expression);
  return !!root && LOGGERS.test(root);
}

/** `c.json(body, 401)`, `c.text(...)`: a response built on a context and returned (Hono), not sent on a response object. */
function buildsResponse(e: ts.Expression): boolean {
  const u = unwrap(e);
  if (!tsv.isCallExpression(u) || !tsv.isPropertyAccessExpression(u.expression) || !tsv.isIdentifier(u.expression.expression)) return false;
  return /^(json|text|body|html|newResponse)$/.test(u.expression.name.text) && !/^(res|response|reply|resp)$/.test(u.expression.expression.text);
}

/** A response chain whose arguments run nothing (`res.status(200).json({ post })`, no call or await inside them). */
function answersOnly(e: ts.Expression): boolean {
  let x: ts.Expression = e;
  while (tsv.isCallExpression(x) || tsv.isPropertyAccessExpression(x)) {
    if (tsv.isCallExpression(x)) {
      for (const a of x.arguments) {
        let runs = false;
        const visit = (n: ts.Node): void => { if (runs || tsv.isFunctionLike(n)) return; if (tsv.isCallExpression(n) || tsv.isAwaitExpression(n) || tsv.isNewExpression(n)) runs = true; else tsv.forEachChild(n, visit); };
        visit(a);
        if (runs) return false;
      }
    }
    x = x.expression;
  }
  return tsv.isIdentifier(x);
}

/** `done()`, `next()`, `return done()`: a hook handing the request on (a bare call, no arguments). */
function continuesHook(st: ts.Statement): boolean {
  const e = tsv.isExpressionStatement(st) ? st.expression : tsv.isReturnStatement(st) ? st.expression : undefined;
  const u = e && unwrap(e);
  return !!u && tsv.isCallExpression(u) && tsv.isIdentifier(u.expression) && /^(done|next)$/.test(u.expression.text) && u.arguments.length === 0;
}

/** A statement that ends the function: `return;`, `return false`, a throw. `return next()` and `return res.json(data)` still run code. */
function endsFunction(st: ts.Statement): boolean {
  if (tsv.isThrowStatement(st)) return true;
  if (!tsv.isReturnStatement(st)) return false;
  if (!st.expression) return true;
  let runs = false;
  const visit = (x: ts.Node): void => { if (runs || tsv.isFunctionLike(x)) return; if (tsv.isCallExpression(x) || tsv.isAwaitExpression(x) || tsv.isNewExpression(x)) runs = true; else tsv.forEachChild(x, visit); };
  visit(st.expression);
  return !runs;
}

/**
 * A 401/403 answer that is a statement of its own, in a branch (an `if`, a `catch`), after which the function goes on
 * to run more code: `if (!token) { res.status(401).json({...}) } next()`, `catch { res.sendStatus(401) } req.user = u`.
 * Undefined when the branch returns or throws, when nothing but logging follows, or when what follows is a test, a loop
 * or a switch (whatever runs next may depend on it).
 */
export function goesOnAfter(n: ts.Node): { stmt: ts.ExpressionStatement; answer: ts.Node; next: ts.Statement; after: ts.Statement } | undefined {
  // an answer sent on a response (`ctx.throw(401)`, `error(401)`, `abort(401)` throw: nothing runs after them)
  if (tsv.isCallExpression(n) ? !ANSWERS.has(calleeName(n) ?? '') : !tsv.isBinaryExpression(n)) return undefined;
  let top: ts.Node = n;
  for (;;) {
    const p: ts.Node = top.parent;
    if ((tsv.isPropertyAccessExpression(p) || tsv.isCallExpression(p) || tsv.isElementAccessExpression(p)) && p.expression === top) top = p;
    else if (tsv.isAwaitExpression(p) || tsv.isParenthesizedExpression(p) || tsv.isVoidExpression(p)) top = p;
    else break;
  }
  const stmt = tsv.isBinaryExpression(n) ? n.parent : top.parent;
  if (!stmt || !tsv.isExpressionStatement(stmt)) return undefined;
  const root = chainRoot(stmt.expression);
  if (!root || LOGGERS.test(root)) return undefined;
  let cur: ts.Node = stmt;
  let branch = false;
  let inner = true;
  // the answer's own branch (`if (...) { res.status(401)...; audit(...) }`, a catch): what else it does is part of turning the caller away
  const ownBranch = tsv.isBlock(stmt.parent) && (tsv.isIfStatement(stmt.parent.parent) || tsv.isCatchClause(stmt.parent.parent));
  // where the fix returns: after the answer's branch, or after the answer and the statements that finish it (`res.json(...)`)
  let after: ts.Statement = ownBranch ? (stmt.parent as ts.Block).statements[(stmt.parent as ts.Block).statements.length - 1] : stmt;
  for (;;) {
    const p: ts.Node | undefined = cur.parent;
    if (!p || tsv.isSourceFile(p)) return undefined;
    if (tsv.isBlock(p)) {
      const i = p.statements.indexOf(cur as ts.Statement);
      // `if (roles.includes(role)) return next(); res.status(403)...; next();`: reached only when an earlier test turned back
      for (let j = 0; j < i && !branch; j++) { const prev = p.statements[j]; if (tsv.isIfStatement(prev) && turnsAway(prev.thenStatement)) branch = true; }
      for (let j = i + 1; j < p.statements.length; j++) {
        const next = p.statements[j];
        if (endsFunction(next)) return undefined;
        // Fastify stops a request whose reply a hook has sent: `reply.code(401).send(); done()` runs nothing more
        if (root === 'reply' && continuesHook(next)) return undefined;
        // in the answering branch itself: more of the answer (`res.json(...)` after `res.status(401)`), a log line...
        if ((inner && ownBranch) || quietStatement(next)) continue;
        if (inner && tsv.isExpressionStatement(next) && chainRoot(next.expression) === root) { after = next; continue; }
        // another answer on the same response (`res.json(...)` later on): it fails, headers sent, and runs nothing of its own
        if (tsv.isExpressionStatement(next) && chainRoot(next.expression) === root && answersOnly(next.expression)) continue;
        if (!branch || tsv.isIfStatement(next) || tsv.isSwitchStatement(next) || tsv.isIterationStatement(next, false) || tsv.isLabeledStatement(next) || tsv.isBreakOrContinueStatement(next)) return undefined;
        // a `try` runs its block: what it starts with is what goes on
        if (tsv.isTryStatement(next)) { const first = next.tryBlock.statements[0]; if (!first || endsFunction(first)) return undefined; return { stmt, answer: n, next: first, after }; }
        if (tsv.isBlock(next)) return undefined;
        return { stmt, answer: n, next, after };
      }
      if (tsv.isFunctionLike(p.parent)) return undefined; // the function ends there
      cur = p;
      inner = false;
      continue;
    }
    if (tsv.isIfStatement(p)) { if (p.expression === cur) return undefined; branch = true; inner = false; cur = p; continue; }
    if (tsv.isCatchClause(p)) { branch = true; inner = false; cur = p.parent; continue; }
    if (tsv.isTryStatement(p)) { if (cur === p.finallyBlock) return undefined; inner = false; cur = p; continue; }
    return undefined;
  }
}

/**
 * A schema parse of what the handler sends back: the argument of a response (`c.json(parse(UserResponse, { user }))`).
 * (A literal parsed elsewhere may well be input: `Schema.safeParse({ email: formData.get('email') })`.)
 */
function shapesOutput(call: ts.CallExpression, name: string): boolean {
  if (!PARSE_METHODS.has(name)) return false;
  let top: ts.Node = call;
  while (tsv.isAwaitExpression(top.parent) || tsv.isParenthesizedExpression(top.parent)) top = top.parent;
  const p = top.parent;
  return tsv.isCallExpression(p) && p.arguments.includes(top as ts.Expression) && /^(json|send|body|text)$/.test(calleeName(p) ?? '');
}

/** Inside a branch of an `if`, a `?:`, a `||`/`&&`, or a catch, of its own function: it does not always happen. */
function onBranch(n: ts.Node): boolean {
  for (let child: ts.Node = n, p = n.parent; p && !tsv.isFunctionLike(p); child = p, p = p.parent) {
    if (tsv.isIfStatement(p) && p.expression !== child) return true;
    if (tsv.isConditionalExpression(p) && p.condition !== child) return true;
    if (tsv.isBinaryExpression(p) && p.right === child && (p.operatorToken.kind === tsv.SyntaxKind.BarBarToken || p.operatorToken.kind === tsv.SyntaxKind.AmpersandAmpersandToken || p.operatorToken.kind === tsv.SyntaxKind.QuestionQuestionToken)) return true;
    if (tsv.isCatchClause(p) || tsv.isCaseClause(p)) return true;
  }
  return false;
}

/** `req.method` (of a request parameter). */
function isMethodRead(e: ts.Expression, isParam: (e: ts.Expression) => boolean): boolean {
  const u = unwrap(e);
  return tsv.isPropertyAccessExpression(u) && u.name.text === 'method' && isParam(u.expression);
}

/** `req.method === 'GET'`, `req.method !== 'POST'`, `req.method === 'PUT' || req.method === 'PATCH'`: the methods tested, and whether the test says "not". */
function methodTest(e: ts.Expression, isParam: (e: ts.Expression) => boolean): { methods: Set<string>; negated: boolean } | undefined {
  const u = unwrap(e);
  if (!tsv.isBinaryExpression(u)) return undefined;
  const k = u.operatorToken.kind;
  if (k === tsv.SyntaxKind.BarBarToken || k === tsv.SyntaxKind.AmpersandAmpersandToken) {
    const a = methodTest(u.left, isParam);
    const b = methodTest(u.right, isParam);
    // `a || b` of positive tests, `a && b` of negated ones (`!== 'GET' && !== 'HEAD'`)
    if (!a || !b || a.negated !== b.negated || a.negated !== (k === tsv.SyntaxKind.AmpersandAmpersandToken)) return undefined;
    return { methods: new Set([...a.methods, ...b.methods]), negated: a.negated };
  }
  const eq = k === tsv.SyntaxKind.EqualsEqualsEqualsToken || k === tsv.SyntaxKind.EqualsEqualsToken;
  if (!eq && k !== tsv.SyntaxKind.ExclamationEqualsEqualsToken && k !== tsv.SyntaxKind.ExclamationEqualsToken) return undefined;
  const [read, other] = isMethodRead(u.left, isParam) ? [u.left, u.right] : isMethodRead(u.right, isParam) ? [u.right, u.left] : [undefined, undefined];
  if (!read || !other) return undefined;
  const o = unwrap(other);
  if (!tsv.isStringLiteralLike(o) || !/^[A-Z]+$/.test(o.text)) return undefined;
  return { methods: new Set([o.text]), negated: !eq };
}

/**
 * The edit that stops after an answer: `return;` after `last` (the answer's branch's last statement, or the answer and
 * what finishes it: `res.status(401); res.json(...)`, `ctx.status = 401; ctx.body = ...`), or the answer and a return
 * in braces when it is an `if` branch without them. What followed the answer stays, unreachable, for the author to
 * remove or move.
 */
function returnAfter(sf: ts.SourceFile, stmt: ts.ExpressionStatement, last: ts.Statement): { range: Range; newText: string } {
  const semiAfter = (st: ts.Statement) => (st.getText(sf).trimEnd().endsWith(';') ? '' : ';');
  // Hono's `c.json(..., 401)` builds the response the middleware must return: `return c.json(...)`
  if (buildsResponse(stmt.expression)) { const at = sf.getLineAndCharacterOfPosition(stmt.getStart(sf)); return { range: { start: at, end: at }, newText: 'return ' }; }
  if (!tsv.isBlock(stmt.parent)) return { range: nodeRange(sf, stmt), newText: `{ ${stmt.getText(sf)}${semiAfter(stmt)} return; }` };
  const start = last.getStart(sf);
  const lineStart = sf.text.lastIndexOf('\n', start - 1) + 1;
  const indent = /^[ \t]*/.exec(sf.text.slice(lineStart, start))![0];
  const eol = sf.text.indexOf('\n', last.end);
  // something else on its line (`{ res.sendStatus(401) }`, a comment): the return goes on the same line, which needs a semicolon before it
  const shared = sf.text.slice(last.end, eol < 0 ? sf.text.length : eol).trim() !== '' || sf.text.slice(lineStart, start).trim() !== '';
  const end = sf.getLineAndCharacterOfPosition(last.end);
  return { range: { start: end, end }, newText: shared ? `${semiAfter(last)} return;` : `\n${indent}return;` };
}

function calleeNameOf(e: ts.Expression): string {
  const u = unwrap(e);
  return tsv.isCallExpression(u) ? calleeName(u) ?? '' : tsv.isIdentifier(u) ? u.text : '';
}

/** The HTTP status a call, `new` or object literal sends: `res.status(401)`, `{ status: 403 }`, `new UnauthorizedException()`. */
function statusOf(n: ts.Node, consts?: ConstTable): 401 | 403 | undefined {
  const num = (e: ts.Expression | undefined): number | undefined => {
    if (!e) return undefined;
    const u = unwrap(e);
    if (tsv.isNumericLiteral(u)) return Number(u.text);
    const p = accessPath(u);
    if (p && p.length === 2 && /^(HttpStatus|StatusCodes|HTTP_STATUS|httpStatus|Status)$/.test(p[0])) {
      if (/^UNAUTHORI[SZ]ED$/.test(p[1])) return 401;
      if (p[1] === 'FORBIDDEN') return 403;
    }
    if (tsv.isIdentifier(u) && consts) { const r = consts.get(u.text); if (r && tsv.isNumericLiteral(unwrap(r))) return Number((unwrap(r) as ts.NumericLiteral).text); }
    return undefined;
  };
  const pick = (v: number | undefined) => (v === 401 || v === 403 ? v : undefined);
  if (tsv.isCallExpression(n)) {
    const name = calleeName(n);
    if (!name) return undefined;
    if (/^(status|sendStatus|code|throw|assert|createError|httpError|HttpError|error|abort|fail|json|send|redirect|HTTPException|exit)$/.test(name)) {
      for (const a of n.arguments.slice(0, 2)) { const v = pick(num(a)); if (v) return v; }
    }
    const lw = name.toLowerCase();
    if (/^(unauthorized|unauthorised|notauthenticated|unauthenticated)$/.test(lw)) return 401;
    if (/^forbidden$/.test(lw)) return 403;
    return undefined;
  }
  if (tsv.isNewExpression(n)) {
    const name = calleeName(n);
    if (name && /^(Unauthori[sz]ed|NotAuthenticated|Unauthenticated|InvalidToken|AuthenticationError|AuthError)\w*(Exception|Error)?$/.test(name)) return 401;
    if (name && /^(Forbidden|NotAuthori[sz]ed|PermissionDenied|AccessDenied|InsufficientPermissions?)\w*(Exception|Error)?$/.test(name)) return 403;
    if (name === 'HttpsError' && n.arguments?.[0]) {
      // Firebase callable functions: `new HttpsError('unauthenticated', ...)`, `'permission-denied'`
      const code = stringValue(n.arguments[0], consts);
      return code === 'unauthenticated' ? 401 : code === 'permission-denied' ? 403 : undefined;
    }
    if (name && (/^(HTTPException|Response|NextResponse)$/.test(name) || /(Error|Exception)$/.test(name))) {
      for (const a of n.arguments ?? []) { const v = pick(num(a)); if (v) return v; }
    }
    return undefined;
  }
  if (tsv.isPropertyAssignment(n) && /^(status|statusCode|code)$/.test(propName(n.name) ?? '')) {
    // tRPC and GraphQL name the status: `new TRPCError({ code: 'UNAUTHORIZED' })`
    const init = unwrap(n.initializer);
    if (tsv.isStringLiteralLike(init)) return /^(UNAUTHORIZED|UNAUTHENTICATED)$/.test(init.text) ? 401 : init.text === 'FORBIDDEN' ? 403 : undefined;
    return pick(num(init));
  }
  if (tsv.isBinaryExpression(n) && n.operatorToken.kind === tsv.SyntaxKind.EqualsToken && tsv.isPropertyAccessExpression(n.left) && /^(status|statusCode)$/.test(n.left.name.text)) return pick(num(n.right));
  return undefined;
}

const isEquality = (k: ts.SyntaxKind) => k === tsv.SyntaxKind.EqualsEqualsEqualsToken || k === tsv.SyntaxKind.ExclamationEqualsEqualsToken || k === tsv.SyntaxKind.EqualsEqualsToken || k === tsv.SyntaxKind.ExclamationEqualsToken;
/** `process.env.CRON_SECRET`, `` `Bearer ${process.env.API_KEY}` ``: a secret from the environment a request is compared with. */
function secretEnv(e: ts.Expression): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    const name = envVarName(n);
    if (name && /KEY|TOKEN|SECRET|PASSWORD/i.test(name)) { found = true; return; }
    tsv.forEachChild(n, visit);
  };
  visit(e);
  return found;
}

/** The signed-in caller as a request or context carries it (`req.user`, `context.user`, `ctx.state.user`, `req.session.userId`). */
const USER_PROPS = new Set(['user', 'currentUser', 'viewer', 'userId', 'uid']);

/** Inside a catch clause of the function (not of a nested one). */
function inCatch(n: ts.Node): boolean {
  for (let p = n.parent; p && !tsv.isFunctionLike(p); p = p.parent) if (tsv.isCatchClause(p)) return true;
  return false;
}

/** `n` is (part of) the condition of an `if` that turns the request away on one of its branches. */
function testedAndTurnsAway(n: ts.Node): boolean {
  let child: ts.Node = n;
  for (let p = n.parent, i = 0; p && i < 6; child = p, p = p.parent, i++) {
    if (tsv.isIfStatement(p)) return p.expression === child && (turnsAway(p.thenStatement) || (!!p.elseStatement && turnsAway(p.elseStatement)));
    if (!(tsv.isPrefixUnaryExpression(p) || tsv.isBinaryExpression(p) || tsv.isParenthesizedExpression(p) || tsv.isPropertyAccessExpression(p))) return false;
  }
  return false;
}

/**
 * A role (or role flag) compared where the comparison decides what happens to the request: the `if` / `?:` / `switch`
 * it tests has a branch that turns the caller away or passes them on (`return`, `throw`, a redirect, a 401/403, `next()`).
 * `if (user.role === 'driver') profile = ...` and `user.role === 'business' ? 80 : 60` decide nothing about the caller.
 * A comparison kept for later (`const isAdmin = user.role === 'admin'`) counts, as the test that uses it is not followed.
 */
function roleDecides(n: ts.Node): boolean {
  if (!inCondition(n)) return false;
  let child: ts.Node = n;
  for (let p = n.parent, i = 0; p && i < 10; child = p, p = p.parent, i++) {
    if (tsv.isIfStatement(p)) return p.expression === child && (decides(p.thenStatement) || (!!p.elseStatement && decides(p.elseStatement)));
    if (tsv.isConditionalExpression(p)) return p.condition === child && (decides(p.whenTrue) || decides(p.whenFalse));
    if (tsv.isSwitchStatement(p)) return p.caseBlock.clauses.some((c) => c.statements.some(decides));
    if (tsv.isStatement(p) || tsv.isFunctionLike(p)) return true;
  }
  return true;
}

/**
 * A role test offered as an alternative to owning the record the path names (`req.params.id == decoded.id ||
 * user.isAdmin`): the owner gets through without the role, so it does not make the route role-only.
 */
function ownerAlternative(n: ts.Node): boolean {
  let top: ts.Node = n;
  while (top.parent && (tsv.isParenthesizedExpression(top.parent) || (tsv.isBinaryExpression(top.parent) && top.parent.operatorToken.kind === tsv.SyntaxKind.BarBarToken))) top = top.parent;
  if (top === n) return false;
  let owner = false;
  const visit = (x: ts.Node): void => {
    if (owner || x === n) return;
    if (tsv.isBinaryExpression(x) && EQUALITY.has(x.operatorToken.kind) && [x.left, x.right].some((side) => (accessPath(unwrap(side)) ?? []).includes('params'))) { owner = true; return; }
    tsv.forEachChild(x, visit);
  };
  visit(top);
  return owner;
}
const EQUALITY = new Set<ts.SyntaxKind>([tsv.SyntaxKind.EqualsEqualsToken, tsv.SyntaxKind.EqualsEqualsEqualsToken, tsv.SyntaxKind.ExclamationEqualsToken, tsv.SyntaxKind.ExclamationEqualsEqualsToken]);

/** A branch that turns the request away or lets it through: `return`, `throw`, a redirect, a 401/403, `next()`. */
function decides(branch: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || tsv.isFunctionLike(n)) return;
    if (tsv.isReturnStatement(n) || tsv.isThrowStatement(n)) { found = true; return; }
    if ((tsv.isCallExpression(n) && /^(next|redirect|permanentRedirect|notFound|unauthorized|forbidden|redirectToSignIn|sendStatus|throw|abort|error)$/.test(calleeName(n) ?? '')) || ((tsv.isCallExpression(n) || tsv.isNewExpression(n)) && statusOf(n))) { found = true; return; }
    tsv.forEachChild(n, visit);
  };
  visit(branch);
  return found;
}

/** True when `n` sits in a condition: an if/ternary test, a comparison, a negation, or an `includes`/`some` argument. */
function inCondition(n: ts.Node): boolean {
  let child: ts.Node = n;
  for (let p = n.parent, i = 0; p && i < 8; child = p, p = p.parent, i++) {
    if (tsv.isIfStatement(p)) return p.expression === child;
    if (tsv.isConditionalExpression(p)) return p.condition === child;
    if (tsv.isSwitchStatement(p)) return p.expression === child;
    if (tsv.isBinaryExpression(p)) {
      const k = p.operatorToken.kind;
      if (k === tsv.SyntaxKind.EqualsEqualsEqualsToken || k === tsv.SyntaxKind.ExclamationEqualsEqualsToken || k === tsv.SyntaxKind.EqualsEqualsToken || k === tsv.SyntaxKind.ExclamationEqualsToken) return true;
      if (k === tsv.SyntaxKind.EqualsToken) return false;
      continue;
    }
    if (tsv.isPrefixUnaryExpression(p) && p.operator === tsv.SyntaxKind.ExclamationToken) return true;
    if (tsv.isCallExpression(p)) {
      const name = calleeName(p);
      return !!name && /^(includes|some|every|has|indexOf|find|hasAny|intersects|contains)$/.test(name);
    }
    if (tsv.isStatement(p) || tsv.isFunctionLike(p)) return false;
  }
  return false;
}

/** Names of the chain under a call's callee: `supabase.from('t').insert` -> ['supabase', 'from']; root first. */
const isSuperCall = (callee: ts.Expression): boolean => tsv.isPropertyAccessExpression(callee) && callee.expression.kind === tsv.SyntaxKind.SuperKeyword;

/** Inside a class extending TypeORM's Repository / AbstractRepository (or decorated @EntityRepository). */
function inRepositoryClass(n: ts.Node): boolean {
  let cls: ts.Node | undefined = n.parent;
  while (cls && !tsv.isClassLike(cls)) cls = cls.parent;
  if (!cls) return false;
  const c = cls as ts.ClassLikeDeclaration;
  const ext = c.heritageClauses?.find((h) => h.token === tsv.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  if (ext && /^(Repository|AbstractRepository|TreeRepository|MongoRepository|BaseRepository)$/.test(tsv.isIdentifier(ext) ? ext.text : tsv.isPropertyAccessExpression(ext) ? ext.name.text : '')) return true;
  return (tsv.canHaveDecorators(c) ? tsv.getDecorators(c) ?? [] : []).some((d) => { const de = d.expression; return (tsv.isCallExpression(de) ? calleeName(de) : tsv.isIdentifier(de) ? de.text : undefined) === 'EntityRepository'; });
}

function receiverChain(callee: ts.Expression): { root?: string; names: string[]; newRoot?: boolean } {
  const names: string[] = [];
  let e: ts.Expression = unwrap(callee);
  if (tsv.isPropertyAccessExpression(e)) e = unwrap(e.expression); else return { names };
  for (let i = 0; i < 12; i++) {
    if (tsv.isPropertyAccessExpression(e)) { names.unshift(e.name.text); e = unwrap(e.expression); continue; }
    if (tsv.isElementAccessExpression(e)) { e = unwrap(e.expression); continue; }
    if (tsv.isCallExpression(e)) { const n = calleeName(e); if (n) names.unshift(n); e = tsv.isPropertyAccessExpression(unwrap(e.expression)) ? unwrap((unwrap(e.expression) as ts.PropertyAccessExpression).expression) : unwrap(e.expression); if (tsv.isIdentifier(e)) { names.unshift(e.text); return { root: e.text, names }; } continue; }
    if (tsv.isNewExpression(e)) { const n = calleeName(e); if (n) names.unshift(n); return { root: n, names, newRoot: true }; }
    if (tsv.isIdentifier(e)) { names.unshift(e.text); return { root: e.text, names }; }
    if (e.kind === tsv.SyntaxKind.ThisKeyword) { return { root: 'this', names }; }
    break;
  }
  return { names };
}

/** The start of a SQL statement: a string (or const), a template's first part, a tagged template, `{ text: ... }` (node-postgres). */
export function sqlHead(e: ts.Expression | undefined, consts?: ConstTable, depth = 0): string | undefined {
  if (!e || depth > 3) return undefined;
  const u = unwrap(e);
  const s = stringValue(u, consts);
  if (s !== undefined) return s;
  if (tsv.isObjectLiteralExpression(u)) {
    const t = u.properties.find((x) => tsv.isPropertyAssignment(x) && /^(text|sql)$/.test(propName(x.name) ?? ''));
    return t && tsv.isPropertyAssignment(t) ? sqlHead(t.initializer, consts, depth + 1) : undefined;
  }
  if (tsv.isTemplateExpression(u)) return u.head.text;
  if (tsv.isTaggedTemplateExpression(u)) return tsv.isNoSubstitutionTemplateLiteral(u.template) ? u.template.text : u.template.head.text;
  if (tsv.isCallExpression(u) && u.arguments[0]) return sqlHead(u.arguments[0], consts, depth + 1);
  // `let sql = 'UPDATE users SET name = $1'; if (email) sql += ', email = $2'; sql += ' WHERE id = $3'`: a statement
  // built by appending keeps its first words (unless the variable is assigned anew)
  if (tsv.isIdentifier(u)) {
    const d = findDeclaration(u);
    if (d && tsv.isVariableDeclaration(d) && d.initializer && tsv.isIdentifier(d.name) && tsv.isVariableDeclarationList(d.parent) && !(d.parent.flags & tsv.NodeFlags.Const) && onlyAppended(d)) {
      return sqlHead(d.initializer, consts, depth + 1);
    }
  }
  return undefined;
}

/** Whether a `let` is never assigned with `=` after its declaration (only `+=`) in the function (or file) that declares it. */
function onlyAppended(d: ts.VariableDeclaration): boolean {
  const name = (d.name as ts.Identifier).text;
  let scope: ts.Node = d;
  while (scope.parent && !tsv.isFunctionLike(scope) && !tsv.isSourceFile(scope)) scope = scope.parent;
  let reassigned = false;
  const visit = (n: ts.Node): void => {
    if (reassigned) return;
    if (tsv.isBinaryExpression(n) && n.operatorToken.kind === tsv.SyntaxKind.EqualsToken && tsv.isIdentifier(n.left) && n.left.text === name) { reassigned = true; return; }
    tsv.forEachChild(n, visit);
  };
  visit(scope);
  return !reassigned;
}

export interface BodyContext {
  sf: ts.SourceFile;
  imports: FileImports;
  consts: ConstTable;
  /** A same-file function by name (top-level functions, const arrows, classes, `obj.method`). */
  localFn(name: string): ts.Node | undefined;
  /** Where an identifier is declared (scope-aware). */
  declOf(id: ts.Identifier): ts.Node | undefined;
  /** The class a local variable instantiates (`const users = new UsersController()`). */
  instanceOf(name: string): string | undefined;
  /** Whether `name` owns methods in this file (`obj` of `obj.method`, a class): saves building keys for every call. */
  isOwner(name: string): boolean;
}

/** Summaries of function and class bodies, memoised per node; same-file callees are followed (a few levels). */
export class BodySummarizer {
  private readonly memo = new Map<ts.Node, Summary>();
  private readonly active = new Set<ts.Node>();
  constructor(private readonly ctx: BodyContext) {}

  summarize(node: ts.Node, depth = 0): Summary {
    const cached = this.memo.get(node);
    if (cached) return cached;
    const s: Summary = { flags: [] };
    if (this.active.has(node) || depth > 4) return s;
    this.active.add(node);
    try {
      this.walk(node, s, depth);
      settleStatuses(s);
    } finally {
      this.active.delete(node);
    }
    if (s.methods) s.methods = [...new Set(s.methods)];
    this.memo.set(node, s);
    return s;
  }

  /**
   * What a handler that branches on `req.method` does for one method: the branches of other methods (`if (req.method
   * === 'GET') {...}`, `case 'DELETE':`) left out, so a check made only for GET does not guard the DELETE next to it.
   */
  summarizeFor(fn: ts.Node, method: string): Summary {
    const s: Summary = { flags: [] };
    this.walk(fn, s, 0, method);
    settleStatuses(s);
    if (s.methods) s.methods = [...new Set(s.methods)];
    return s;
  }

  private walk(root: ts.Node, s: Summary, depth: number, method?: string): void {
    const { imports, consts } = this.ctx;
    const params = new Set<string>();
    const fn = tsv.isFunctionLike(root) ? root : undefined;
    if (fn) {
      fn.parameters.forEach((p, i) => {
        // `@Param('id') id`, `@Body() dto`: a value the client sent, not the request (`getUser(id)` looks a record up)
        const input = decoratorsOf(p).some((d) => /^(Param|Body|Query|Headers|Args)$/.test(calleeNameOf(d.expression)));
        if (tsv.isIdentifier(p.name) && !input) params.add(p.name.text);
        else if (tsv.isObjectBindingPattern(p.name)) {
          for (const el of p.name.elements) {
            const key = el.propertyName ? propName(el.propertyName) : tsv.isIdentifier(el.name) ? el.name.text : undefined;
            if (key && /^(body|query|params|files|file|searchParams)$/.test(key)) addFlag(s, 'reads-input');
            if (key === 'req' || key === 'request') { if (tsv.isIdentifier(el.name)) params.add(el.name.text); }
          }
          void i;
        }
      });
    }
    if (tsv.isClassLike(root)) {
      for (const h of root.heritageClauses ?? []) for (const t of h.types) {
        const e = unwrap(t.expression);
        const callee = tsv.isCallExpression(e) ? e.expression : e;
        const r = resolveCallee(callee, imports);
        const name = accessPath(callee)?.join('.') ?? '';
        for (const f of [...nameFlags(name), ...(r ? moduleFlags(r.module, r.path) : [])]) addFlag(s, f, `${name}${tsv.isCallExpression(e) ? '()' : ''}`);
      }
    }
    const isParam = (e: ts.Expression): boolean => { const u = unwrap(e); return tsv.isIdentifier(u) && params.has(u.text); };
    const pathConds = { only: [] as string[], except: [] as string[], opaque: false };
    let sawPathname = false;

    const K = tsv.SyntaxKind;
    const onPathname = () => { sawPathname = true; };
    const status = (n: ts.Node) => {
      const st = statusOf(n, consts);
      if (st && this.fellThrough(n, s, st)) return;
      // `catch (e) { throw new AuthenticationError(e.message) }`: an error translated on its way out, no check of the caller
      if (st && !inCatch(n)) { if (st === 401) addFlag(s, 'auth', 'a 401 response'); else FORBIDS.add(s); }
      if (st) s.enforces = true;
    };
    const visit = (n: ts.Node): void => {
      switch (n.kind) {
        case K.ThrowStatement: s.enforces = true; break;
        case K.IfStatement: {
          if (!method) break;
          const st = n as ts.IfStatement;
          const test = methodTest(st.expression, isParam);
          if (!test) break;
          visit(st.expression);
          // the branch that runs for this method: `then` when the test holds for it
          const holds = test.methods.has(method) !== test.negated;
          const branch = holds ? st.thenStatement : st.elseStatement;
          if (branch) visit(branch);
          return;
        }
        case K.SwitchStatement: {
          const sw = n as ts.SwitchStatement;
          if (!method || !isMethodRead(sw.expression, isParam)) break;
          visit(sw.expression);
          const clauses = sw.caseBlock.clauses;
          let at = clauses.findIndex((c) => tsv.isCaseClause(c) && stringValue(c.expression, consts) === method);
          if (at < 0) at = clauses.findIndex((c) => tsv.isDefaultClause(c));
          // `case 'PUT': case 'PATCH': ...`: empty clauses fall through to the next
          for (let i = at; i >= 0 && i < clauses.length; i++) {
            for (const st of clauses[i].statements) visit(st);
            if (clauses[i].statements.length) break;
          }
          return;
        }
        case K.CallExpression: this.onCall(n as ts.CallExpression, s, depth, isParam, pathConds, onPathname); break;
        case K.NewExpression: {
          const ne = n as ts.NewExpression;
          status(ne);
          const name = calleeName(ne);
          if (name === 'ValidationPipe' || name === 'ZodValidationPipe') addFlag(s, 'validate');
          if (name && tsv.isIdentifier(ne.expression) && depth < 3) { const local = this.ctx.localFn(name); if (local) mergeInto(s, this.summarize(local, depth + 1), ['public', 'reads-input']); }
          break;
        }
        case K.BinaryExpression: {
          const b = n as ts.BinaryExpression;
          const k = b.operatorToken.kind;
          if (isEquality(k) && (secretEnv(b.left) || secretEnv(b.right))) { addFlag(s, 'role', 'a shared-secret check'); addFlag(s, 'auth', 'a shared-secret check'); }
          else if (k === K.EqualsToken && tsv.isPropertyAccessExpression(b.left)) status(b);
          break;
        }
        case K.PropertyAssignment: status(n); break;
        case K.TaggedTemplateExpression: {
          const t = n as ts.TaggedTemplateExpression;
          const tag = accessPath(t.tag);
          const last = tag?.[tag.length - 1];
          if (last === '$executeRaw' || ((last === 'sql' || last === 'query' || last === 'unsafe' || (tag && tag.length === 1)) && WRITE_SQL.test(sqlHead(t, consts) ?? ''))) addFlag(s, 'writes-data');
          break;
        }
        case K.PropertyAccessExpression: {
          const pa = n as ts.PropertyAccessExpression;
          const name = pa.name.text;
          const obj = pa.expression.kind === K.Identifier || pa.expression.kind === K.PropertyAccessExpression ? pa.expression : unwrap(pa.expression);
          if (params.size && isParam(obj)) {
            if (INPUT_FIELDS.has(name) && !(name === 'body' && tsv.isCallExpression(pa.parent) && pa.parent.expression === pa)) addFlag(s, 'reads-input');
            else if (BODY_READERS.has(name) && tsv.isCallExpression(pa.parent) && pa.parent.expression === pa && pa.parent.arguments.length === 0) addFlag(s, 'reads-input');
            else if (name === 'method') this.methodsCompared(pa, s);
          } else if (params.size && tsv.isPropertyAccessExpression(obj) && isParam(obj.expression)) {
            const via = obj.name.text;
            if (via === 'request' && INPUT_FIELDS.has(name)) addFlag(s, 'reads-input');
            else if (via === 'req' && HONO_READERS.has(name)) { addFlag(s, 'reads-input'); if (name === 'valid') addFlag(s, 'validate'); }
            else if (via === 'nextUrl' && name === 'searchParams') addFlag(s, 'reads-input');
          } else if (params.size && name === 'searchParams' && tsv.isNewExpression(obj) && calleeName(obj) === 'URL' && obj.arguments?.[0]) {
            const arg = unwrap(obj.arguments[0]);
            if (tsv.isPropertyAccessExpression(arg) && arg.name.text === 'url' && isParam(arg.expression)) addFlag(s, 'reads-input');
          }
          // `if (!context.user) throw ...`, `if (req.user) { ... return }`: the caller the request carries, tested
          if (USER_PROPS.has(name) && params.size && (isParam(obj) || (tsv.isPropertyAccessExpression(obj) && isParam(obj.expression))) && testedAndTurnsAway(pa)) addFlag(s, 'auth', `a check of \`${accessPath(pa)?.join('.') ?? name}\``);
          if (isRoleProp(name) && roleDecides(pa) && !this.requestValue(pa.expression) && !ownerAlternative(pa)) addFlag(s, 'role', `a check of \`.${name}\``);
          else if (name === 'pathname') sawPathname = true;
          else if (name === 'isAuthenticated' && tsv.isCallExpression(pa.parent)) addFlag(s, 'auth', `${accessPath(pa)?.join('.') ?? 'isAuthenticated'}()`);
          break;
        }
        case K.Identifier: {
          const id = n as ts.Identifier;
          const p = id.parent;
          if (ROLE_PROPS.has(id.text) && !tsv.isPropertyAccessExpression(p) && !tsv.isPropertyAssignment(p) && !tsv.isBindingElement(p) && !tsv.isParameter(p) && roleDecides(id) && !this.requestValue(id) && !ownerAlternative(id)) addFlag(s, 'role', `a check of \`${id.text}\``);
          // `const { userId } = session; if (userId === undefined) throw ...`: the caller the request or session carries, tested
          else if (USER_PROPS.has(id.text) && params.size && !tsv.isBindingElement(p) && !tsv.isPropertyAccessExpression(p) && testedAndTurnsAway(id)) {
            const d = this.ctx.declOf(id);
            const init = d && tsv.isBindingElement(d) && tsv.isObjectBindingPattern(d.parent) && tsv.isVariableDeclaration(d.parent.parent) ? d.parent.parent.initializer : undefined;
            if (init && (isParam(init) || (tsv.isPropertyAccessExpression(unwrap(init)) && isParam((unwrap(init) as ts.PropertyAccessExpression).expression)))) addFlag(s, 'auth', `a check of \`${id.text}\``);
          }
          return;
        }
        case K.VariableDeclaration: {
          const d = n as ts.VariableDeclaration;
          if (tsv.isObjectBindingPattern(d.name) && d.initializer && isParam(d.initializer)) {
            for (const el of d.name.elements) {
              const key = el.propertyName ? propName(el.propertyName) : tsv.isIdentifier(el.name) ? el.name.text : undefined;
              if (key && INPUT_FIELDS.has(key)) addFlag(s, 'reads-input');
            }
          }
          break;
        }
      }
      tsv.forEachChild(n, visit);
    };
    if (tsv.isClassLike(root)) {
      for (const m of root.members) {
        if ((tsv.isMethodDeclaration(m) || tsv.isConstructorDeclaration(m) || tsv.isGetAccessor(m)) && m.body) mergeInto(s, this.summarize(m, depth), []);
        else if (tsv.isPropertyDeclaration(m) && m.initializer) visit(m.initializer);
      }
    }
    else if (fn && (fn as ts.FunctionLikeDeclaration).body) visit((fn as ts.FunctionLikeDeclaration).body!);
    else visit(root);
    if (sawPathname) {
      const { only, except, opaque } = pathConds;
      if (opaque || (only.length && except.length)) s.paths = { opaque: true };
      else if (only.length) s.paths = { only };
      else if (except.length) s.paths = { except };
      else if (has(s, 'auth')) s.paths = { opaque: true };
    }
  }

  /** A 401/403 answer after which the function goes on (`goesOnAfter`): recorded on the summary (the first one), and true. */
  private fellThrough(n: ts.Node, s: Summary, status: 401 | 403): boolean {
    const hit = goesOnAfter(n);
    if (!hit) return false;
    if (!s.fallsThrough) {
      const { sf } = this.ctx;
      const short = (x: ts.Node) => { const t = x.getText(sf).replace(/\s+/g, ' ').replace(/;$/, ''); return t.length > 60 ? `${t.slice(0, 57)}...` : t; };
      s.fallsThrough = { status, at: short(hit.answer), next: short(hit.next), range: nodeRange(sf, hit.stmt), edit: returnAfter(sf, hit.stmt, hit.after) };
    }
    return true;
  }

  private methodsCompared(n: ts.PropertyAccessExpression, s: Summary): void {
    const out = (s.methods ??= []);
    const p = n.parent;
    if (tsv.isBinaryExpression(p)) {
      const other = p.left === n ? p.right : p.left;
      const v = stringValue(other, this.ctx.consts);
      if (v && /^[A-Z]+$/.test(v)) out.push(v);
    } else if (tsv.isSwitchStatement(p)) {
      for (const c of p.caseBlock.clauses) if (tsv.isCaseClause(c)) { const v = stringValue(c.expression, this.ctx.consts); if (v && /^[A-Z]+$/.test(v)) out.push(v); }
    } else if (tsv.isCallExpression(p) && p.arguments.includes(n) && calleeName(p) === 'includes') {
      const recv = tsv.isPropertyAccessExpression(p.expression) ? unwrap(p.expression.expression) : undefined;
      const arr = recv && (tsv.isIdentifier(recv) ? this.ctx.consts.resolve(recv) : recv);
      if (arr && tsv.isArrayLiteralExpression(arr)) for (const el of arr.elements) { const v = stringValue(el, this.ctx.consts); if (v && /^[A-Z]+$/.test(v)) out.push(v); }
    }
  }

  /**
   * Whether a value comes from the request's own input (`body.role` of `const body = await req.json()`, `req.body.role`,
   * `const { role } = req.body`): checking it checks what the caller sent, not who the caller is. The reads are
   * requestInput's (RequestScope); this follows the variables they are kept in.
   */
  private requestValue(e: ts.Expression, depth = 0): boolean {
    if (depth > 3) return false;
    const u = unwrap(e);
    if (tsv.isAwaitExpression(u)) return this.requestValue(u.expression, depth + 1);
    if (RequestScope.of(this.ctx.sf, this.ctx.imports).read(u)) return true;
    if (tsv.isPropertyAccessExpression(u)) return this.requestValue(u.expression, depth + 1);
    if (!tsv.isIdentifier(u)) return false;
    const d = this.ctx.declOf(u);
    if (d && tsv.isVariableDeclaration(d) && d.initializer) return this.requestValue(d.initializer, depth + 1);
    if (d && tsv.isBindingElement(d)) {
      let n: ts.Node = d;
      while (tsv.isBindingElement(n) || tsv.isObjectBindingPattern(n) || tsv.isArrayBindingPattern(n)) n = n.parent;
      return tsv.isVariableDeclaration(n) && !!n.initializer && this.requestValue(n.initializer, depth + 1);
    }
    return false;
  }

  private onCall(call: ts.CallExpression, s: Summary, depth: number, isParam: (e: ts.Expression) => boolean, pathConds: { only: string[]; except: string[]; opaque: boolean }, pathname: () => void): void {
    const { imports, consts } = this.ctx;
    const ce = call.expression;
    const callee = ce.kind === tsv.SyntaxKind.Identifier || ce.kind === tsv.SyntaxKind.PropertyAccessExpression ? ce : unwrap(ce);
    const name = tsv.isIdentifier(callee) ? callee.text : tsv.isPropertyAccessExpression(callee) ? callee.name.text : calleeName(call);
    if (!name) return;
    if (/^(get|getAllAndOverride|getAllAndMerge|getMetadata)$/.test(name) && tsv.isPropertyAccessExpression(callee) && /reflector|^Reflect$/i.test(tsv.isPropertyAccessExpression(callee.expression) ? callee.expression.name.text : tsv.isIdentifier(callee.expression) ? callee.expression.text : '')) {
      s.readsMetadata = true;
      // `reflector.get(ROLES_KEY, context.getHandler())` reads the method's metadata only
      const targets = new Set<string>();
      const visit = (n: ts.Node): void => { if (tsv.isCallExpression(n)) { const c = calleeName(n); if (c === 'getHandler' || c === 'getClass') targets.add(c); } tsv.forEachChild(n, visit); };
      for (const a of call.arguments.slice(1)) visit(a);
      if (!(targets.size === 1 && targets.has('getHandler'))) s.readsClassMetadata = true;
    }
    // follow same-file functions, record other workspace modules' functions (cheap lookups, every call)
    let base: ts.Expression = callee;
    while (tsv.isPropertyAccessExpression(base)) base = base.expression;
    if (tsv.isIdentifier(callee)) {
      const local = this.ctx.localFn(callee.text);
      if (local && depth < 3) mergeInto(s, this.summarize(local, depth + 1));
    } else if (tsv.isPropertyAccessExpression(callee) && tsv.isIdentifier(callee.expression) && this.ctx.isOwner(callee.expression.text)) {
      const owner = callee.expression.text;
      const cls = this.ctx.instanceOf(owner);
      const local = this.ctx.localFn(`${owner}.${callee.name.text}`) ?? (cls ? this.ctx.localFn(`${cls}.${callee.name.text}`) : undefined);
      if (local && depth < 3) mergeInto(s, this.summarize(local, depth + 1));
      else if (cls) { const b = imports.bindings.get(cls); if (b && (isWorkspaceSpec(b.module) || isPackageSpec(b.module))) addRef(s, { spec: b.module, name: b.name === '*' ? cls : b.name, member: callee.name.text }, isWorkspaceSpec(b.module) ? 'refs' : 'pkgRefs'); }
    }
    if (tsv.isIdentifier(base) && imports.bindings.has(base.text)) {
      const ref = moduleRefOf(callee, imports);
      if (ref) addRef(s, ref);
      else { const pkg = moduleRefOf(callee, imports, true); if (pkg) addRef(s, pkg, 'pkgRefs'); }
    } else if (base.kind === tsv.SyntaxKind.ThisKeyword) { const ref = injectedRef(callee, this.ctx.imports, true); if (ref) addRef(s, ref, isWorkspaceSpec(ref.spec) ? 'refs' : 'pkgRefs'); }
    if (!interesting(name)) return;
    const lw = name.toLowerCase();
    const chain = receiverChain(callee);
    const resolved = resolveCallee(callee, imports);
    const display = `${accessPath(callee)?.join('.') ?? name}()`;

    const st = statusOf(call, consts);
    const fell = !!st && this.fellThrough(call, s, st);
    if (st && !fell && !inCatch(call)) { if (st === 401) addFlag(s, 'auth', 'a 401 response'); else FORBIDS.add(s); }
    if ((st && !fell) || /^(redirect|redirectTo|protect|redirectToSignIn|notFound|unauthorized|forbidden)$/.test(name)) s.enforces = true;

    // who is calling
    if (resolved && /^(jsonwebtoken|jose|hono\/jwt|hono\/utils\/jwt(\/jwt)?)$/.test(resolved.module) && /^(verify|jwtVerify|Jwt\.verify)$/.test(resolved.path.join('.'))) { addFlag(s, 'auth', display); IDENTIFIES.add(s); }
    else if (name === 'verify' && chain.names.some((x) => /^jwt$/i.test(x))) { addFlag(s, 'auth', display); IDENTIFIES.add(s); }
    else if (name === 'getUser' && chain.names.includes('auth')) addFlag(s, 'auth', display);
    else if (name === 'verifyIdToken' || name === 'verifySessionCookie') { addFlag(s, 'auth', display); IDENTIFIES.add(s); }
    else if (name === 'getSession' && chain.names.includes('auth')) addFlag(s, 'auth', display);
    else if (AUTH_CALL.test(lw)) {
      const lookup = LOOKUP_LIKE.test(lw) && !/^(getserversession|getsession|currentuser|getauth|validaterequest|getkindeserversession|getiron(session)?)$/.test(lw);
      const ok = !lookup || call.arguments.length === 0 || chain.names.some((x) => /auth/i.test(x)) || call.arguments.some((a) => isParam(a)) || /^(require|ensure|assert|verify|check|validate)/.test(lw);
      const bareAuth = lw === 'auth' ? tsv.isIdentifier(callee) || chain.names.includes('auth') : true;
      // a session read whose result nothing checks (`const session = await auth(); await db.post.delete(...)`) guards nothing
      const reads = !/^(require|ensure|assert|verify|check|validate|protect|redirecttosignin|withapiauthrequired|withpageauthrequired|authenticate|jwtverify)/.test(lw);
      if (ok && bareAuth) {
        if (reads && uncheckedResult(call)) s.unchecked ??= display;
        else addFlag(s, 'auth', display);
      }
    }
    if (name === 'redirect' || name === 'redirectTo') {
      const target = stringValue(call.arguments[0], consts) ?? (() => {
        const a = call.arguments[0] && unwrap(call.arguments[0]);
        return a && tsv.isNewExpression(a) && a.arguments?.[0] ? stringValue(a.arguments[0], consts) : undefined;
      })();
      // `if (!session) redirect('/login')`: a redirect on a branch; one that always happens (`res.redirect('/login')` after a sign-up) is navigation
      if (target && /(^|\/)(login|log-in|signin|sign-in|auth|sso)(\/|$|\?)/i.test(target) && onBranch(call)) addFlag(s, 'auth', `a redirect to ${target}`);
    }
    if (ROLE_CALL.test(lw) || (name === 'can' && chain.names.length > 0)) addFlag(s, 'role', display);
    // signs users in or up: hashes or compares passwords, issues tokens or sessions
    if ((resolved && /^(bcrypt|bcryptjs|argon2|@node-rs\/argon2|@node-rs\/bcrypt)$/.test(resolved.module) && /^(hash|hashSync|compare|compareSync|verify)$/.test(name))
      || (resolved && resolved.module === 'jsonwebtoken' && name === 'sign')
      || (name === 'sign' && chain.names.some((x) => /^jwt$/i.test(x)))
      || /^(hashPassword|verifyPassword|comparePassword|checkPassword|generateJWT|generateJwt|generateToken|generateAuthToken|generateAccessToken|issueToken|signToken|createToken|createAccessToken|createSession|createSessionCookie|signIn|signUp|logIn|login)$/.test(name)) addFlag(s, 'auth-flow');
    if (/^(constructEvent|constructEventAsync|verifyWebhook|verifySignature|verifyRequestSignature|validateWebhook)$/.test(name) || (name === 'verify' && chain.names.some((x) => /^(wh|webhook|svix)$/i.test(x)))) { addFlag(s, 'auth', 'a signature check'); s.enforces = true; }
    if (/^(timingSafeEqual|safeCompare|secureCompare|constantTimeEqual)$/.test(name)) { addFlag(s, 'role', 'a shared-secret check'); addFlag(s, 'auth', 'a shared-secret check'); }
    if (name === 'SetMetadata' || name === 'applyDecorators' || name === 'UseGuards') {
      if (name === 'SetMetadata') {
        const key = stringValue(call.arguments[0], consts) ?? (call.arguments[0] && tsv.isIdentifier(unwrap(call.arguments[0])) ? (unwrap(call.arguments[0]) as ts.Identifier).text : '');
        if (/public|anonym|skip.?auth|no.?auth/i.test(key)) addFlag(s, 'public');
        else if (/role|permission|scope|polic/i.test(key)) addFlag(s, 'role', `@${key}`);
      }
      if (name === 'UseGuards') s.guards = true;
      if (name === 'UseGuards') for (const a of call.arguments) { const n2 = accessPath(tsv.isCallExpression(unwrap(a)) ? (unwrap(a) as ts.CallExpression).expression : a)?.join('.') ?? ''; for (const f of nameFlags(n2)) addFlag(s, f, n2); }
    }

    // data writes
    const root = chain.root;
    const dataRoot = (c: { root?: string; names: string[] }) => c.names.some((x) => DATAISH.test(x)) || (!!c.root && /^[A-Z]/.test(c.root) && !NON_DATA_ROOTS.has(c.root) && c.names.length <= 2);
    let dataChain = dataRoot(chain);
    if (!dataChain && root && chain.names.length === 1) {
      // `const user = await User.findById(id); await user.remove()`: a record loaded through a model
      let id: ts.Expression = unwrap(callee);
      while (tsv.isPropertyAccessExpression(id) || tsv.isElementAccessExpression(id)) id = unwrap(id.expression);
      const decl = tsv.isIdentifier(id) ? this.ctx.declOf(id) : undefined;
      const init = decl && tsv.isVariableDeclaration(decl) ? decl.initializer : undefined;
      const u = init && unwrap(init);
      if (u && tsv.isCallExpression(u)) { const c = receiverChain(u.expression); dataChain = !!c.root && !NON_DATA_ROOTS.has(c.root) && dataRoot(c); }
    }
    // `const admin = createAdminClient(); await admin.from('profiles').update(...)`: a client made by a factory whose name says so
    if (!dataChain && root && chain.names[1] === 'from') {
      let id: ts.Expression = unwrap(callee);
      while (tsv.isPropertyAccessExpression(id) || tsv.isElementAccessExpression(id) || tsv.isCallExpression(id)) id = unwrap(tsv.isCallExpression(id) ? id.expression : id.expression);
      const decl = tsv.isIdentifier(id) ? this.ctx.declOf(id) : undefined;
      if (decl && tsv.isVariableDeclaration(decl) && madeByClientFactory(decl.initializer)) dataChain = true;
    }
    // a request context carrying the client counts as a data root: `ctx.db.post.create()` (tRPC, Koa), `c.var.db`, `req.prisma`
    const rootOk = !!root && (!NON_DATA_ROOTS.has(root) || chain.names.slice(1).some((x) => DATAISH.test(x)));
    // `this.save(user)` / `super.update(id, data)` in a TypeORM custom repository (a class extending Repository)
    const repoSelf = chain.names.length === 0 && (root === 'this' || isSuperCall(callee)) && (WRITE_STRONG.has(name) || WRITE_AMBIGUOUS.has(name)) && inRepositoryClass(call);
    if (repoSelf) addFlag(s, 'writes-data');
    else if (WRITE_STRONG.has(name) && rootOk && !(chain.names.length === 0 && root === 'this')) addFlag(s, 'writes-data');
    else if (WRITE_AMBIGUOUS.has(name) && rootOk && dataChain) {
      if (SQL_RUNNERS.has(name)) { if (WRITE_SQL.test(sqlHead(call.arguments[0], consts) ?? '')) addFlag(s, 'writes-data'); }
      else addFlag(s, 'writes-data');
    } else if (SQL_RUNNERS.has(name) && root && WRITE_SQL.test(sqlHead(call.arguments[0], consts) ?? '')) addFlag(s, 'writes-data');

    // Supabase with the user's session / Firebase client SDK: the database's rules (RLS, security rules) decide access
    const dataOp = WRITE_STRONG.has(name) || WRITE_AMBIGUOUS.has(name) || /^(select|from|rpc)$/.test(name);
    const supabaseRoot = !!root && /supabase|^sb$/i.test(root);
    if (dataOp && supabaseRoot && !/admin|service/i.test(root!) && (chain.names.includes('from') || name === 'rpc')) addFlag(s, 'data-rules');
    // `supabase.rpc('create_rental', ...)`: a database function named for a change changes data
    if (name === 'rpc' && supabaseRoot && RPC_WRITE.test(stringValue(call.arguments[0], consts) ?? '')) addFlag(s, 'writes-data');
    if (resolved && /^firebase\/(firestore|database)(\/lite)?$/.test(resolved.module)) {
      if (/^(addDoc|setDoc|updateDoc|deleteDoc|set|update|push|remove)$/.test(name)) addFlag(s, 'writes-data');
      addFlag(s, 'data-rules');
    }

    // validation (a schema shaping the response, `c.json(parse(UserResponse, { user }))`, validates no input)
    if (shapesOutput(call, name)) { /* not input */ }
    else if (PARSE_METHODS.has(name) && chain.names.length > 0 && !NOT_SCHEMA_ROOTS.has(root ?? '') && call.arguments.length >= 1) addFlag(s, 'validate');
    else if (resolved && VALIDATE_MODULES.test(resolved.module) && (PARSE_METHODS.has(name) || VALIDATE_METHODS.has(name))) addFlag(s, 'validate');
    else if (/^(validate|validateSync|validateAsync|validateOrReject|validationResult|matchedData|validateBody|validateRequest|validateInput|validateQuery|validateParams)$/.test(name) && !checksCredential(call, root, chain.names)) addFlag(s, 'validate');
    if (s.flags.includes('validate') && !s.openValidation && letsUnknownKeysThrough(call)) s.openValidation = true;
    else if ((name === 'Check' || name === 'Decode') && root === 'Value') addFlag(s, 'validate');

    // rate limits and CSRF in the handler
    if ((/^(limit|consume|check|penalty|get)$/.test(name) && chain.names.some((x) => /limit/i.test(x))) || RATE_CALL.test(lw)) addFlag(s, 'rate-limit');
    if (/csrf|xsrf/i.test(name)) addFlag(s, 'csrf');

    // pathname conditions (Next.js middleware)
    if ((name === 'startsWith' || name === 'includes' || name === 'test' || name === 'match' || name === 'endsWith') && tsv.isPropertyAccessExpression(callee)) {
      const recvPath = accessPath(callee.expression);
      const arg0 = call.arguments[0];
      const onPathname = recvPath?.[recvPath.length - 1] === 'pathname' || (arg0 && accessPath(arg0)?.slice(-1)[0] === 'pathname');
      if (onPathname) {
        pathname();
        const lit = name === 'startsWith' ? stringValue(arg0, consts) : undefined;
        if (lit === undefined) pathConds.opaque = true;
        else {
          let neg = false;
          for (let p: ts.Node = call.parent; p && !tsv.isStatement(p); p = p.parent) if (tsv.isPrefixUnaryExpression(p) && p.operator === tsv.SyntaxKind.ExclamationToken) neg = !neg;
          (neg ? pathConds.except : pathConds.only).push(lit);
        }
      }
    }

  }
}

/** A validation call whose options or schema chain keep unknown keys: `Joi.validate(x, schema, { allowUnknown: true })`, `Schema.passthrough().parse(x)`. */
function letsUnknownKeysThrough(call: ts.CallExpression): boolean {
  for (const a of call.arguments) {
    const o = unwrap(a);
    if (!tsv.isObjectLiteralExpression(o)) continue;
    for (const p of o.properties) {
      if (!tsv.isPropertyAssignment(p)) continue;
      const key = propName(p.name);
      const v = unwrap(p.initializer);
      if (key === 'allowUnknown' && v.kind === tsv.SyntaxKind.TrueKeyword) return true;
    }
  }
  for (let e: ts.Expression = unwrap(call.expression); tsv.isPropertyAccessExpression(e) || tsv.isCallExpression(e); e = unwrap(tsv.isCallExpression(e) ? e.expression : e.expression)) {
    if (tsv.isPropertyAccessExpression(e) && /^(passthrough|unknown|catchall|looseObject)$/.test(e.name.text)) return true;
  }
  return false;
}

const CREDENTIAL = /token|jwt|auth|session|otp|apikey|api_key|signature|webhook|captcha|password|passcode/i;
/** `authenticator.validate(token)`, `jwt.validate(...)`, `validate(signature)`: a credential checked, not the request's input. */
function checksCredential(call: ts.CallExpression, root: string | undefined, chain: readonly string[]): boolean {
  if ((root && CREDENTIAL.test(root)) || chain.some((n) => CREDENTIAL.test(n))) return true;
  const a0 = call.arguments[0] && unwrap(call.arguments[0]);
  const last = a0 && (tsv.isIdentifier(a0) ? a0.text : tsv.isPropertyAccessExpression(a0) ? a0.name.text : undefined);
  return !!last && CREDENTIAL.test(last);
}

/**
 * A callee or value that refers to another workspace module: `requireUser`, `svc.create`, `auth.requireUser`.
 * With `packages`, instead one that refers to a package imported by name (isPackageSpec).
 */
export function moduleRefOf(e: ts.Expression, imports: FileImports, packages = false): ModuleRef | undefined {
  const path = accessPath(e);
  if (!path) return undefined;
  const b = imports.bindings.get(path[0]);
  if (!b || !(packages ? isPackageSpec(b.module) : isWorkspaceSpec(b.module))) return undefined;
  return refOfPath(b.module, b.name, path.slice(1));
}

/**
 * The function of another workspace module a callee designates: `svc.create` (imported; moduleRefOf), or
 * `this.usersService.create` in a class whose field is typed with an imported class (Nest's injected services).
 */
export function calleeModuleRef(callee: ts.Expression, imports: FileImports): ModuleRef | undefined {
  return moduleRefOf(callee, imports) ?? injectedRef(callee, imports, false);
}

/**
 * `this.usersService.create()` in a class (a Nest controller): the method of the class its field is typed with, when
 * that class is imported from the workspace (or, with `packages`, from a package that may be the monorepo's own).
 */
export function injectedRef(callee: ts.Expression, imports: FileImports, packages: boolean): ModuleRef | undefined {
  const c = unwrap(callee);
  if (!tsv.isPropertyAccessExpression(c)) return undefined;
  const obj = unwrap(c.expression);
  if (!tsv.isPropertyAccessExpression(obj) || obj.expression.kind !== tsv.SyntaxKind.ThisKeyword) return undefined;
  let cls: ts.Node | undefined = obj.parent;
  while (cls && !tsv.isClassLike(cls)) cls = cls.parent;
  const type = cls && declaredFieldType(cls as ts.ClassLikeDeclaration, obj.name.text);
  const b = type ? imports.bindings.get(type) : undefined;
  if (!b || !(isWorkspaceSpec(b.module) || (packages && isPackageSpec(b.module)))) return undefined;
  return { spec: b.module, name: b.name === '*' ? type! : b.name, member: c.name.text };
}

/** The reference an access path through an imported binding makes: `ns.fn` (name '*'), `obj.method`, `fn`. */
export function refOfPath(spec: string, imported: string, rest: readonly string[]): ModuleRef {
  // a member two levels down (`ctrl.favorite.post`) is written dotted
  const member = (r: readonly string[]) => (r.length ? r.slice(0, 2).join('.') : undefined);
  if (imported === '*') return rest.length ? { spec, name: rest[0], member: member(rest.slice(1)) } : { spec, name: '=' };
  return { spec, name: imported, member: member(rest) };
}
