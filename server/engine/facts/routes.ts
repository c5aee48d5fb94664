/**
 * The route map: every HTTP route of the workspace with what applies to it, built once and shared by rules.
 *
 * How to get it: in a workspace rule (or a TS rule's `checkWorkspace`), read `ctx.facts.routes`, a `RouteInfo[]`
 * derived on first read from cached per-file facts (this file extracts them during the shared walk; routeMap.ts joins
 * them across files: imports and re-exports, router mounting and prefixes, app/router/mount middleware in statement
 * order, Fastify hooks per plugin context, Nest global guards/pipes/module middleware, Next.js file routes and
 * middleware.ts matchers) and reused while no file's route facts change. Treat it as read-only.
 * facts/routeKinds.ts reads paths for you: routeTopic() (auth flow, webhook, health, public form), isAdminRoute(),
 * isSensitivePath(), isMutating(), routeLabel().
 *
 * RouteInfo fields:
 * - `framework`: 'express' | 'fastify' | 'koa' | 'hono' | 'nestjs' | 'nextjs' | 'trpc'; `kind`: 'http', 'server-action'
 *   or 'procedure' (a tRPC procedure: method 'POST' for a mutation, 'GET' for a query or subscription; `path` its
 *   router keys joined with '/', e.g. '/post/create' for `post.create`).
 * - `method`: upper case ('GET', 'POST'... or 'ALL'); `path`: the full path with every prefix joined, params as
 *   `:name`, catch-alls as `:name*` ('' for server actions); `pathKnown`: false when a segment could not be read.
 * - `file` + `range`: where the route is registered (the `router.post` callee, the `@Post()` decorator, the exported
 *   `POST` name): anchor findings there; `handler`: where its handler is (possibly another file), when known.
 * - `package`: the package folder ('' for the root); `app`: a key grouping the routes of one app; `controller`: Nest.
 * - `middleware`: names of everything applied, outermost first (app-level, mount-level, router-level, inline,
 *   hooks, guards, decorators, 'middleware.ts').
 * - `authGuarded` (+ `authBy`, the names that guard it), `roleChecked` (+ `roleBy`): a middleware/guard/decorator
 *   or an in-handler check (getServerSession(), a 401, `req.user.role` compared...) applies. A role check implies
 *   auth. Names starting with 'a ' describe in-handler evidence ('a 401 response', 'a shared-secret check').
 * - `public`: explicitly opted out of auth (`@Public()`, `SkipAuth`...); `authFlow`: the handler signs users in or up
 *   (hashes/compares passwords, issues tokens or sessions): login/signup routes whatever their path.
 * - `readsInput`: the handler reads body/query/params/form data; `writesData`: it (or a same-file or imported helper
 *   it calls, two modules deep) writes through an ORM/SQL/BaaS client; `dataRules`: that data access goes through a
 *   client whose database rules decide access (Supabase with the user's session, Firebase client SDK);
 *   `validated`: a schema validates input (zod, joi, yup, valibot, class-validator/ValidationPipe, express-validator,
 *   celebrate, ajv, typebox, Fastify `schema`...) in the handler or its chain; `rateLimited`: a limiter applies
 *   (middleware, plugin, guard, in-handler); `hasCsrf`: a CSRF middleware applies.
 * - `opaque`: something that could change the answers cannot be seen (a spread or dynamic middleware list, a
 *   router whose mounting is unknown, a handler from a module we cannot resolve, a conditional Next.js middleware).
 *   Rules that report a MISSING protection must stay quiet when `opaque` is true (and mind `pathKnown`);
 *   `authScopeOpaque`: only the auth middleware's reach is unknown, the handler is read.
 *
 * Per-file facts (RouteFileFacts below) are small and serialisable: names, strings, ranges and flags, never nodes.
 * Function bodies are read by routeBodies.ts (flags), names and packages of middleware by nameFlags()/moduleFlags().
 */
import { ts } from 'ts-morph';
import type { Range } from '../types';
import type { FileImports } from '../ts/imports';
import { findDeclaration } from '../ts/values';
import { accessPath, asObject, calleeName, ConstTable, findProperty, hasOpaqueSpread, isFalse, isTestPath, isTrue, propName, resolveCallee, stringValue, unwrap } from '../ts/helpers';
import { decoratorsOf, resolveDecorator } from '../ts/decorators';
import { nodeRange } from '../ts/edits';
import { BodySummarizer, isPackageSpec, isWorkspaceSpec, mergeInto, moduleFlags, moduleRefOf, nameFlags, addFlag, authorizeOnlyName, type FallsThrough, type Flag, type ModuleRef, type Summary } from './routeBodies';

/** `ts` bound once for values: through the bundle's CommonJS interop every `ts.x` read goes through two getters (a third of this module's time). */
const tsv = ts;

export type { Flag, ModuleRef, Summary } from './routeBodies';

export type RouteFramework = 'express' | 'fastify' | 'koa' | 'hono' | 'nestjs' | 'nextjs' | 'trpc' | 'firebase' | 'graphql';

/** One route of the workspace, as rules see it (see the comment at the top of this file). */
export interface RouteInfo {
  framework: RouteFramework;
  kind: 'http' | 'server-action' | 'procedure';
  method: string;
  path: string;
  pathKnown: boolean;
  file: string;
  range: Range;
  handler?: { file: string; range: Range; name?: string };
  package: string;
  app: string;
  middleware: string[];
  authGuarded: boolean;
  authBy: string[];
  roleChecked: boolean;
  roleBy: string[];
  /** NestJS: the role decorator (`@Roles`) that only sets metadata no guard of this route reads, so no role is checked. */
  rolesUnenforced?: string;
  /** NestJS: the controller's role decorator, which the route's role guard never reads (it reads the method's metadata only), and that guard. */
  classRolesUnread?: { decorator: string; guard: string };
  /** It reads the session or user (`auth()`, `getServerSession()`) but nothing checks the result, and nothing else guards it. */
  sessionUnchecked?: string;
  /** Its guard or role check (a middleware, or the handler's own) answers 401 / 403 and goes on (`next()` anyway), and nothing else does that check. */
  fallsThrough?: FallsThrough & { file: string };
  /** Fastify: guards written where Fastify never runs them (`schema: { preHandler: [requireUser] }`): the hook key and their names. */
  ignoredGuards?: { hook: string; names: string[] };
  /** NestJS: server-owned fields (`role`, `isAdmin`...) its `@Body()` DTO accepts from the client, where the DTO declares them. */
  bodyServerOwned?: { dto: string; file: string; fields: Array<{ field: string; range: Range }> };
  /** NestJS: the `@Body()` is typed with an ORM entity class and no ValidationPipe strips unknown keys: the client can set any column (its id included). */
  bodyEntity?: { entity: string; file: string };
  public: boolean;
  /** The handler signs users in or up: hashes or compares passwords, issues tokens or sessions. */
  authFlow: boolean;
  readsInput: boolean;
  writesData: boolean;
  /** Its data access goes through a client whose database rules decide access (Supabase with the user's session, Firebase client SDK). */
  dataRules: boolean;
  validated: boolean;
  rateLimited: boolean;
  hasCsrf: boolean;
  opaque: boolean;
  /** NestJS: the controller class. */
  controller?: string;
  /** NestJS: the handler takes the signed-in user as optional (`@CurrentUser() user?: User`), so anonymous callers are expected. */
  optionalAuth?: boolean;
  /** Its validation is express-validator field checks (no `checkExact()`): fields it does not name reach the handler unchecked. */
  validatedFieldsOnly?: true;
  /**
   * `opaque` only because whether an auth middleware covers the route cannot be read (a Next.js middleware.ts with a
   * conditional or an unreadable matcher; server actions, whose page path is unknown): the handler itself is read.
   * Rules about what the handler does (input validation) may still judge it; rules about auth may not.
   */
  authScopeOpaque?: true;
}

// ---- per-file facts (small, serialisable: cached by content, joined by routeMap.ts) ----

/** A middleware, guard, hook or decorator as written in this file. */
export interface MwFact {
  name: string;
  flags: Flag[];
  /** Imported from another workspace module: the map adds what that function does. */
  ref?: ModuleRef;
  /** A member such as `fastify.authenticate`: the map adds the matching `decorate()` of the package. */
  member?: string;
  /** Cannot be seen (a spread, a computed list...). */
  opaque?: boolean;
  /** Next.js middleware helper: the calling middleware itself redirects or rejects (so a session read in the helper guards). */
  enforcedHere?: boolean;
  /** express-validator field checks (`body('email').isEmail()`): they check the fields they name and let other keys through; `exact`: `checkExact()` rejects unknown fields. */
  fields?: 'open' | 'exact';
  /** NestJS: a guard (`@UseGuards(X)`, a decorator applying guards), or a decorator that only sets metadata (`@Roles()` from SetMetadata) which a guard must read. */
  nest?: 'guard' | 'metadata';
  /** Its body answers 401 or 403 and goes on (`next()` anyway): it checks nothing, whatever its name. */
  fallsThrough?: FallsThrough;
  /** Written under a key the framework does not run (a Fastify hook inside `schema`): what it would do, not applied. */
  ignored?: string;
  /** A role check given every role (`authCheck(...Object.values(Role))`): a sign-in check, not a role check. */
  everyRole?: boolean;
}

export interface HandlerFact extends Summary {
  name?: string;
  range?: Range;
  /** The handler itself lives in another workspace module. */
  ref?: ModuleRef;
  opaque?: boolean;
}

export type RouterRef = { local: string } | { ref: ModuleRef };
/** What a mount points at: a router of this file, a function of this file (plugin / factory), another module's export, or an autoloaded folder. */
export type RouterTarget = { local: string } | { fn: string } | { ref: ModuleRef; call?: boolean } | { autoload: { dir: string; prefix: string } } | { list: ModuleRef };

export interface RouterFact {
  id: string;
  framework?: Exclude<RouteFramework, 'nestjs' | 'nextjs' | 'trpc' | 'firebase' | 'graphql'>;
  kind: 'app' | 'router' | 'plugin';
  prefix?: string;
  /** The function that receives it as a parameter (plugin) or returns it (factory). */
  fn?: string;
  /** Wrapped in fastify-plugin: its hooks reach the parent context. */
  fp?: boolean;
  /**
   * Made by the app's own factory (`const app = createRouter()`, `configureOpenApiApp().openapi(...)`): the function, in
   * this file (`fn`) or another (`ref`). The route map takes the framework, kind and middleware of the router it returns,
   * and drops this one when the function returns none.
   */
  factory?: { fn: string } | { ref: ModuleRef };
  range: Range;
}

export interface UseArg { mw: MwFact; target?: RouterTarget }

export type RouteEvent =
  | { t: 'route'; router: RouterRef; pos: number; range: Range; methods: string[]; paths: string[] | null; mw: MwFact[]; handler: HandlerFact; config?: ModuleRef }
  | { t: 'use'; router: RouterRef; pos: number; range: Range; paths?: string[] | null; args: UseArg[]; hook?: boolean }
  | { t: 'mount'; router: RouterRef; pos: number; range: Range; paths?: string[] | null; target: RouterTarget; inline?: boolean; fp?: boolean };

export interface NestRoute {
  method: string; paths: string[] | null; range: Range; mw: MwFact[]; handler: HandlerFact;
  /** The class of its `@Body()` parameter (a DTO): declared in this file (`local`) or imported (`ref`). */
  body?: { local: string } | { ref: ModuleRef };
  /** The handler takes the signed-in user as optional (`@CurrentUser() user?: User`): it serves anonymous callers by design. */
  optionalUser?: true;
  /**
   * A body field taken by name with a type no ValidationPipe checks (`@Body('status') status: OrderStatus`, a string, an
   * enum, any): the pipe validates class (DTO) parameters only, so an app-wide ValidationPipe does not validate it.
   */
  unvalidatedField?: true;
  /** Its `@Body()` pipes (`@Body(ValidationPipe)`, `@Body(new ValidationPipe({ whitelist: true }))`): true when one strips unknown keys, false when none does. */
  bodyWhitelist?: boolean;
}
export interface NestController {
  name: string; range: Range; prefix: string[] | null; mw: MwFact[]; routes: NestRoute[];
  /** A GraphQL resolver (`@Resolver()` of @nestjs/graphql): its routes are operations (`@Query`: GET, `@Mutation`: POST), their paths the operation names. */
  graphql?: true;
}
/** What `forRoutes()` / `exclude()` name: a controller class, a path ('cats', 'cats/*'), and a method. */
export interface NestMwTarget { controller?: string; path?: string; method?: string }
export interface NestFacts {
  controllers?: NestController[];
  /** `consumer.apply(AuthMiddleware).exclude(...).forRoutes(...)` in a module; null: could not be read. */
  middleware?: Array<{ mw: MwFact[]; routes: NestMwTarget[] | null; exclude: NestMwTarget[] | null }>;
  globalGuards?: MwFact[];
  globalValidation?: boolean;
  /** The app-wide ValidationPipe strips unknown keys (`whitelist: true`); false when its options say it does not; undefined when they cannot be read. */
  globalWhitelist?: boolean;
  /** `app.setGlobalPrefix(...)`; null: set, but to something that cannot be read. */
  globalPrefix?: string | null;
}

export interface NextMiddlewareFact {
  range: Range;
  /** config.matcher patterns; undefined: every path; null: could not be read. */
  matchers?: string[] | null;
  mw: MwFact[];
  /** Clerk-style route matchers / public routes: where the check applies. */
  protect?: { only?: string[]; except?: string[] };
  opaque?: boolean;
}
export interface NextFacts {
  /** App-router route handlers (one per exported method) or the pages API default handler (method 'ALL' or from `req.method` checks). */
  handlers?: Array<{ method: string; range: Range; handler: HandlerFact }>;
  actions?: Array<{ name: string; range: Range; handler: HandlerFact }>;
  middleware?: NextMiddlewareFact;
  /**
   * An App Router page or layout (a server component) that turns visitors without a session away itself
   * (`const session = await auth(); if (!session) redirect('/signin')`): what it checks with. Not a route, but it
   * shows the app signs its users in (auth/unguarded-route's evidence for server actions).
   */
  pageGuard?: { by: string; range: Range };
}

export interface FnFact extends Summary {
  range: Range;
  /** A NestJS decorator made by `Reflector.createDecorator()` or `SetMetadata(...)`: it only sets metadata, a guard must read it. */
  metadata?: boolean;
}

/** A tRPC procedure of a router: `create: protectedProcedure.use(mw).input(schema).mutation(resolver)`. */
export interface TrpcProcedureFact {
  /** Its key in the router, dotted when the router nests inline routers ('post.create'). */
  key: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The key: where findings are anchored. */
  range: Range;
  /** The procedure builder it starts from (`protectedProcedure`, `t.procedure`). */
  base: MwFact;
  /** `.use(...)` middleware of the chain, in order. */
  mw: MwFact[];
  /** The chain parses its input (`.input(schema)`). */
  validated: boolean;
  handler: HandlerFact;
}
/**
 * A tRPC router (`createTRPCRouter({...})`, `t.router({...})`, `mergeRouters(a, b)`): its procedures and the routers
 * it nests under keys ('' for a merged or spread one). `part`: not a router but an exported piece of one, served only
 * where a router nests it: a procedure of its own (`export const byId = publicProcedure.query(...)`, its key '') or an
 * object of procedures (`export const userQueries = { byId: ... }`, spread into a router).
 */
export interface TrpcRouterFact {
  /** The variable it is bound to. */
  local?: string;
  range: Range;
  procedures: TrpcProcedureFact[];
  children: Array<{ key: string; target: RouterRef }>;
  part?: true;
}

/** A field of a GraphQL resolver map's `Query` or `Mutation` (Apollo Server, GraphQL Yoga, graphql-tools, Mercurius). */
export interface GraphqlOperationFact {
  name: string;
  type: 'query' | 'mutation';
  range: Range;
  handler: HandlerFact;
}

/** A Firebase Cloud Function reachable over HTTPS. */
export interface CloudFunctionFact {
  /** Its export name (the URL path and the name clients call); undefined when the scan cannot tell. */
  name?: string;
  /** `call`: a callable (`onCall`, a POST the Firebase SDK sends with the user's ID token); `request`: a raw HTTP function. */
  type: 'call' | 'request';
  range: Range;
  handler: HandlerFact;
  /** `onRequest(app)`: an Express (or other) app of this file serves the function: its routes live under `/<name>`. */
  app?: RouterRef;
}

export interface RouteFileFacts {
  routers?: RouterFact[];
  events?: RouteEvent[];
  /** Export name -> local name ('default'; '=' for `module.exports = ...`). */
  exports?: Record<string, string>;
  reexports?: Array<{ spec: string; name: string; as: string }>;
  /** Local variable -> class it instantiates (`export const users = new UsersController()`). */
  instances?: Record<string, string>;
  /** Summaries of exported functions, classes (`Class`, `Class.method`) and object methods (`obj.method`), by local name. */
  fns?: Record<string, FnFact>;
  /** Fastify `decorate('authenticate', fn)`: name -> what the function does. */
  decorations?: Record<string, Summary>;
  nest?: NestFacts;
  next?: NextFacts;
  trpc?: TrpcRouterFact[];
  /** Firebase Cloud Functions served over HTTPS: `onRequest` / `onCall` (v2) and `functions.https.onRequest` / `onCall` (v1). */
  functions?: CloudFunctionFact[];
  /** Request DTO classes (class-validator decorated properties) that accept server-owned fields (`role`, `isAdmin`...), by class name. */
  dtos?: Record<string, Array<{ field: string; range: Range }>>;
  /** ORM entity classes declared here (TypeORM `@Entity()`, Mongoose `@Schema()`): a request body typed with one lets the client set any column. */
  entities?: string[];
  /** Operations of GraphQL resolver maps (`const resolvers = { Mutation: { createPost: (_, args, ctx) => ... } }`). */
  graphql?: GraphqlOperationFact[];
  /**
   * In a file that registers routes: local name -> the package import it is bound to (`import { gate } from '@acme/auth'`;
   * name '*' for a namespace, 'default'), for packages that are not Node's. The route map follows those that are
   * packages of the workspace (a monorepo's shared middleware); the others stay third-party.
   */
  bare?: Record<string, { spec: string; name: string }>;
  /**
   * @hono/zod-openapi route configs (`export const list = createRoute({ method: 'get', path: '/tasks', ... })`) by
   * local name: a route registered in another file (`app.openapi(routes.list, handler)`) takes method, path and
   * middleware from here.
   */
  openapi?: Record<string, { methods: string[]; paths: string[] | null; mw: MwFact[] }>;
  /** Top-level const arrays of routers (`const routes = [auth, tasks] as const`), by local name: mounted one by one in a loop elsewhere. */
  lists?: Record<string, RouterTarget[]>;
}

/** Fields the server owns: who may do what, and what was verified or paid for. */
const SERVER_OWNED = /^(role|roles|isAdmin|admin|isSuperAdmin|superAdmin|permissions|isVerified|emailVerified|verified|isStaff|credits|balance)$/;
/** Modules of GraphQL schema tools (servers: isGraphqlServer): a resolver map in a file importing one is the API's. */
const GRAPHQL_MODULES = /^(@graphql-tools\/|graphql|@envelop\/)(\/|$)/;

/** Packages of GraphQL servers an app hosts (`@apollo/server`, `apollo-server-express`, Yoga, Mercurius, express-graphql...). */
export function isGraphqlServer(spec: string): boolean {
  return /^(@apollo\/server|apollo-server(-[a-z]+)?|graphql-yoga|@graphql-yoga\/[\w-]+|mercurius|graphql-http|express-graphql|@as-integrations\/[\w-]+)(\/|$)/.test(spec);
}
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all']);
/** Calls a router's chain goes through (`new Hono().use(mw).get('/', h)`, `createRouter().openapi(cfg, h)`). */
const CHAIN_METHODS = new Set([...ROUTE_METHODS, 'use', 'openapi', 'route', 'on']);
/** A function named for making an app or router: `createRouter`, `createApp`, `configureOpenApiApp`, `makeServer`. */
const FACTORY_NAME = /^(create|make|build|new|configure|init|setup|get)\w*(App|Router|Api|Server|Hono|Application)$/i;
const NEST_HTTP: Record<string, string> = { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', All: 'ALL', Options: 'OPTIONS', Head: 'HEAD' };
const NEXT_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** Fastify route options apps add for their own onRoute hooks: `withAuth: true`, `requireAuth: true`, `protected: true`. */
const AUTH_ROUTE_OPTION = /^(with|require|requires|needs|is)?(auth|authentication|authenticated|authorization|login|session)(required)?$|^(protected|private|secure|authRequired|loginRequired)$/i;
const FASTIFY_HOOKS = new Set(['onRequest', 'preParsing', 'preValidation', 'preHandler']);
const UI_MODULES = /^(react|react-dom|preact|vue|svelte|solid-js|@angular\/core|react-native)(\/|$)/;
const HTTP_CLIENTS = /^(axios|ky|got|node-fetch|undici|supertest|superagent|ofetch|redaxios|needle|request|cross-fetch|isomorphic-fetch|wretch|@angular\/common\/http)$/;
/** JWT middleware options that let requests without a valid token through: it identifies callers, it guards nothing. */
function optionalAuthOptions(module: string, options: ts.Expression | undefined, consts: ConstTable): boolean {
  const o = asObject(options, consts);
  if (!o) return false;
  if (module === 'koa-jwt') return isTrue(findProperty(o, 'passthrough', consts)?.value, consts);
  if (module === 'express-jwt') return isFalse(findProperty(o, 'credentialsRequired', consts)?.value, consts);
  return false;
}

/** A callable's handler uses what the client sent: `request.data` (v2), or its first parameter `data` (v1 `(data, context)`). */
function callableReadsData(fn: ts.FunctionLikeDeclaration): boolean {
  const first = fn.parameters[0];
  if (!first || !fn.body) return false;
  if (!tsv.isIdentifier(first.name)) return true; // `({ data, auth }) => ...`
  const p = first.name.text;
  const v1 = fn.parameters.length >= 2;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (tsv.isIdentifier(n) && n.text === p && n !== first.name) {
      const parent = n.parent;
      if (v1 || (tsv.isPropertyAccessExpression(parent) && parent.expression === n && parent.name.text === 'data') || (tsv.isVariableDeclaration(parent) && tsv.isObjectBindingPattern(parent.name))) found = true;
    }
    tsv.forEachChild(n, visit);
  };
  visit(fn.body);
  return found;
}

/** The name a Cloud Function is deployed under: what its definition is assigned or exported to. */
function cloudFunctionName(call: ts.CallExpression): { name?: string; at?: ts.Node } {
  const parent = call.parent;
  if (tsv.isVariableDeclaration(parent) && tsv.isIdentifier(parent.name)) return { name: parent.name.text, at: parent.name };
  if (tsv.isPropertyAssignment(parent)) { const key = propName(parent.name); return { name: key, at: parent.name }; }
  if (tsv.isBinaryExpression(parent) && parent.operatorToken.kind === tsv.SyntaxKind.EqualsToken && parent.right === call) {
    const left = unwrap(parent.left);
    if (tsv.isPropertyAccessExpression(left)) return { name: left.name.text, at: left.name };
    if (tsv.isElementAccessExpression(left) && tsv.isStringLiteralLike(left.argumentExpression)) return { name: left.argumentExpression.text, at: left.argumentExpression };
  }
  return {};
}

/** `router.routes()` / `router.middleware()` (koa-router, @koa/router): a module exporting it exports the router's routes. */
function routerMiddlewareOf(e: ts.Expression): string | undefined {
  if (!tsv.isCallExpression(e) || e.arguments.length || !tsv.isPropertyAccessExpression(e.expression)) return undefined;
  const recv = unwrap(e.expression.expression);
  return tsv.isIdentifier(recv) && /^(routes|middleware)$/.test(e.expression.name.text) ? recv.text : undefined;
}

/** NestJS calls that make a decorator which only sets metadata: a guard must read it for it to check anything. */
function isMetadataDecorator(callee: string | undefined): boolean {
  return callee === 'SetMetadata' || callee === 'Reflector.createDecorator' || callee === 'createDecorator';
}

const MW_FLAGS: readonly Flag[] = ['auth', 'role', 'validate', 'rate-limit', 'csrf', 'public'];
/** Calls that build a tRPC router from an object of procedures and routers. */
const TRPC_ROUTER = /^(createTRPCRouter|createTrpcRouter|createRouter|router|t\.router|trpc\.router)$/;
const TRPC_MERGE = /^(mergeRouters|t\.mergeRouters|mergeTRPCRouters)$/;
/** The last names of TRPC_ROUTER and TRPC_MERGE callees: a Set lookup before any path is built. */
const TRPC_CALLEES = new Set(['createTRPCRouter', 'createTrpcRouter', 'createRouter', 'router', 'mergeRouters', 'mergeTRPCRouters']);
/** Builder calls of a tRPC procedure chain, between the base procedure and `.query()`/`.mutation()`. */
const TRPC_CHAIN = /^(input|output|use|meta|concat|unstable_concat)$/;

type Fw = NonNullable<RouterFact['framework']>;
type FnNode = ts.FunctionLikeDeclaration | ts.ClassLikeDeclaration;
/**
 * A catch-all handler that is the app's API, not a middleware: `router.all('(.*)', async (ctx, next) => { ...dispatch on
 * ctx.path... })`, an inline function that reads the request's input and never calls `next()` itself.
 */
function dispatcher(handler: ts.Expression | undefined, fw: string | undefined): boolean {
  const f = handler && unwrap(handler);
  if (!f || !isFn(f) || !f.body) return false;
  const ps = f.parameters;
  const next = ps[fw === 'koa' || ps.length === 2 ? 1 : 2]?.name;
  const nextName = next && tsv.isIdentifier(next) ? next.text : undefined;
  const first = ps[0]?.name && tsv.isIdentifier(ps[0].name) ? ps[0].name.text : undefined;
  if (!first) return false;
  let callsNext = false;
  let readsInput = false;
  const visit = (n: ts.Node): void => {
    if (callsNext) return;
    if (nextName && tsv.isCallExpression(n) && tsv.isIdentifier(n.expression) && n.expression.text === nextName) { callsNext = true; return; }
    if (tsv.isPropertyAccessExpression(n)) {
      const p = accessPath(n);
      if (p && p[0] === first && (p[1] === 'request' ? /^(body|query|params|files)$/.test(p[2] ?? '') : /^(body|query|params)$/.test(p[1] ?? ''))) readsInput = true;
    }
    tsv.forEachChild(n, visit);
  };
  visit(f.body);
  return readsInput && !callsNext;
}

const isFn = (n: ts.Node | undefined): n is ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration | ts.MethodDeclaration =>
  !!n && (tsv.isArrowFunction(n) || tsv.isFunctionExpression(n) || tsv.isFunctionDeclaration(n) || tsv.isMethodDeclaration(n));

/** Route facts of one TS/JS file, or undefined when it has none worth keeping. */
export function routeFileFacts(sf: ts.SourceFile, imports: FileImports, path: string = sf.fileName): RouteFileFacts | undefined {
  if (isTestPath(path)) return undefined;
  try {
    return new Extractor(sf, imports, path).run();
  } catch {
    // facts are best effort: a construct this extractor mishandles must not cost the file its other facts and findings
    return undefined;
  }
}

class Extractor {
  private readonly consts: ConstTable;
  private readonly bodies: BodySummarizer;
  private readonly facts: RouteFileFacts = {};
  private readonly localFns = new Map<string, ts.Node>();
  private readonly fnName = new Map<ts.Node, string>();
  private readonly exportNodes = new Map<string, ts.Node>();
  private readonly routerByDecl = new Map<ts.Node, RouterFact>();
  private readonly routerByFn = new Map<ts.Node, RouterFact>();
  private readonly routers: RouterFact[] = [];
  private readonly events: RouteEvent[] = [];
  private readonly cloudFunctions: CloudFunctionFact[] = [];
  private readonly gqlOperations: GraphqlOperationFact[] = [];
  private dtos: RouteFileFacts['dtos'];
  private entities: RouteFileFacts['entities'];
  private readonly fileFw?: Fw;
  private readonly inlineActions: ts.Node[] = [];
  private readonly trpc: TrpcRouterFact[] = [];
  /** Router calls nested inline in another router (`post: createTRPCRouter({...})`): read with their parent. */
  private readonly trpcInline = new Set<ts.Node>();
  /** Handler functions already summarised: the main walk does not descend into them again. */
  private readonly summarized = new Set<ts.Node>();
  /** Names bound to routers here (variables, router parameters): calls passing one of them may register routes. */
  private readonly routerNames = new Set<string>();
  private readonly clientFile: boolean;

  constructor(private readonly sf: ts.SourceFile, private readonly imports: FileImports, private readonly path: string) {
    this.consts = ConstTable.of(sf);
    this.bodies = new BodySummarizer({ sf, imports, consts: this.consts, declOf: findDeclaration, localFn: (n) => this.fnTarget(this.localFns.get(n)), isOwner: (n) => this.owners.has(n) || !!this.facts.instances?.[n], instanceOf: (n) => this.facts.instances?.[n] });
    const mods = imports.modules.map((m) => m.module);
    this.fileFw = mods.some((m) => /^(fastify|fastify-plugin|@fastify\/)/.test(m)) ? 'fastify'
      : mods.some((m) => /^hono(\/|$)|^@hono\//.test(m)) ? 'hono'
        : mods.some((m) => /^(koa|@koa\/router|koa-router)$/.test(m)) ? 'koa'
          : mods.some((m) => m === 'express') ? 'express' : undefined;
    this.clientFile = mods.some((m) => HTTP_CLIENTS.test(m));
  }

  private range(n: ts.Node): Range { return nodeRange(this.sf, n); }

  run(): RouteFileFacts | undefined {
    this.collectTopLevel();
    const nestUsed = this.imports.modules.some((m) => m.module.startsWith('@nestjs/'));
    const gqlFile = this.imports.modules.some((m) => GRAPHQL_MODULES.test(m.module) || isGraphqlServer(m.module));
    const validatorUsed = this.imports.modules.some((m) => m.module === 'class-validator');
    const ormUsed = this.imports.modules.some((m) => m.module === 'typeorm' || m.module === '@nestjs/mongoose');
    const K = tsv.SyntaxKind;
    const visit = (n: ts.Node): void => {
      if (this.summarized.has(n)) return; // a route handler, already read by its summary
      switch (n.kind) {
        case K.VariableDeclaration: case K.PropertyDeclaration: case K.BinaryExpression: case K.ExpressionStatement: this.onDeclaration(n); break;
        case K.CallExpression: this.onCall(n as ts.CallExpression); break;
        case K.ObjectLiteralExpression:
          if (nestUsed) this.onNestProvider(n as ts.ObjectLiteralExpression);
          if (gqlFile || tsv.isVariableDeclaration(n.parent)) this.onResolverMap(n as ts.ObjectLiteralExpression, gqlFile);
          break;
        case K.ClassDeclaration:
          if (nestUsed) this.onNestClass(n as ts.ClassDeclaration);
          if (validatorUsed) this.onDto(n as ts.ClassDeclaration);
          if (ormUsed) this.onEntity(n as ts.ClassDeclaration);
          break;
        case K.ArrowFunction: case K.FunctionExpression: case K.FunctionDeclaration: case K.MethodDeclaration: {
          const body = (n as ts.FunctionLikeDeclaration).body;
          if (body && tsv.isBlock(body) && body.statements.length && tsv.isExpressionStatement(body.statements[0]) && hasDirective(body.statements, 'use server')) this.inlineActions.push(n);
          break;
        }
      }
      tsv.forEachChild(n, visit);
    };
    visit(this.sf);
    this.trpcParts();
    this.nextFacts();
    if (!this.uiFile()) this.exportedSummaries();
    const f = this.facts;
    if (this.routers.length) f.routers = this.routers;
    if (this.events.length) f.events = this.events;
    if (this.trpc.length) f.trpc = this.trpc;
    if (f.routers || f.events || f.next || f.nest || f.trpc || f.functions || f.graphql) {
      for (const [local, b] of this.imports.bindings) {
        if (!isPackageSpec(b.module)) continue;
        (f.bare ??= {})[local] = { spec: b.module, name: b.name };
      }
    }
    if (this.cloudFunctions.length) f.functions = this.cloudFunctions;
    if (this.gqlOperations.length) f.graphql = this.gqlOperations;
    if (this.dtos) f.dtos = this.dtos;
    if (this.entities) f.entities = this.entities;
    const empty = !f.routers && !f.events && !f.fns && !f.nest && !f.next && !f.trpc && !f.decorations && !f.reexports && !f.functions && !f.graphql && !f.dtos && !f.entities && !f.openapi && !f.lists;
    return empty ? undefined : stripUndefined(f);
  }

  // ---- module shape: local functions and exports ----

  /** The function a declaration's value is: the function itself, or the callback of a wrapper (`asyncHandler(fn)`, `fp(fn)`). */
  private fnTarget(n: ts.Node | undefined): ts.Node | undefined {
    if (!n) return undefined;
    if (tsv.isFunctionDeclaration(n) || tsv.isClassLike(n) || tsv.isMethodDeclaration(n)) return n;
    if (tsv.isExpression(n)) {
      const u = unwrap(n);
      if (tsv.isArrowFunction(u) || tsv.isFunctionExpression(u)) return u;
      if (tsv.isCallExpression(u)) {
        const inner = [...u.arguments].reverse().map((a) => unwrap(a)).find((a) => tsv.isArrowFunction(a) || tsv.isFunctionExpression(a));
        return inner ?? u;
      }
      return u;
    }
    return n;
  }

  private readonly owners = new Set<string>();
  /** Top-level names bound to an object literal: handlers assigned to their members later (`ctrl.list = ...`) are theirs. */
  private readonly objects = new Set<string>();
  private setLocal(name: string, node: ts.Node): void {
    this.localFns.set(name, node);
    const dot = name.indexOf('.');
    if (dot > 0) this.owners.add(name.slice(0, dot));
    const t = this.fnTarget(node);
    if (t && !this.fnName.has(t)) this.fnName.set(t, name);
  }

  private exportAs(exported: string, local: string, node?: ts.Node): void {
    (this.facts.exports ??= {})[exported] = local;
    if (node) this.exportNodes.set(exported, node);
  }

  private collectTopLevel(): void {
    const isExported = (n: ts.Node) => tsv.canHaveModifiers(n) && !!tsv.getModifiers(n)?.some((m) => m.kind === tsv.SyntaxKind.ExportKeyword);
    const isDefault = (n: ts.Node) => tsv.canHaveModifiers(n) && !!tsv.getModifiers(n)?.some((m) => m.kind === tsv.SyntaxKind.DefaultKeyword);
    const objectMethods = (owner: string, obj: ts.ObjectLiteralExpression, depth = 0) => {
      for (const p of obj.properties) {
        const key = propName((p as ts.ObjectLiteralElementLike & { name?: ts.PropertyName }).name);
        if (!key) continue;
        if (tsv.isMethodDeclaration(p)) this.setLocal(`${owner}.${key}`, p);
        else if (tsv.isPropertyAssignment(p)) {
          const v = unwrap(p.initializer);
          if (tsv.isIdentifier(v)) { const t = this.localFns.get(v.text); if (t) { this.localFns.set(`${owner}.${key}`, t); this.owners.add(owner); } }
          // a nested group of handlers: `favorite: { post(ctx) {...}, del(ctx) {...} }` (`ctrl.favorite.post`)
          else if (tsv.isObjectLiteralExpression(v) && depth < 1) objectMethods(`${owner}.${key}`, v, depth + 1);
          else this.setLocal(`${owner}.${key}`, p.initializer);
        } else if (tsv.isShorthandPropertyAssignment(p)) { const t = this.localFns.get(key); if (t) { this.localFns.set(`${owner}.${key}`, t); this.owners.add(owner); } }
      }
    };
    for (const st of this.sf.statements) {
      // `export namespace RentalController { export const create = async (req, res) => {...} }`: members `RentalController.create`
      if (tsv.isModuleDeclaration(st) && tsv.isIdentifier(st.name) && st.body && tsv.isModuleBlock(st.body)) {
        const ns = st.name.text;
        for (const inner of st.body.statements) {
          if (tsv.isFunctionDeclaration(inner) && inner.name) this.setLocal(`${ns}.${inner.name.text}`, inner);
          else if (tsv.isVariableStatement(inner)) {
            for (const d of inner.declarationList.declarations) if (tsv.isIdentifier(d.name) && d.initializer) this.setLocal(`${ns}.${d.name.text}`, d.initializer);
          }
        }
        this.owners.add(ns);
        if (isExported(st)) this.exportAs(isDefault(st) ? 'default' : ns, ns, st.name);
        continue;
      }
      if (tsv.isFunctionDeclaration(st)) {
        const name = st.name?.text ?? 'default';
        this.setLocal(name, st);
        if (isExported(st)) this.exportAs(isDefault(st) ? 'default' : name, name, st.name ?? st);
      } else if (tsv.isClassDeclaration(st)) {
        const name = st.name?.text ?? 'default';
        this.setLocal(name, st);
        for (const m of st.members) {
          const key = propName(m.name);
          if (!key) continue;
          if (tsv.isMethodDeclaration(m)) this.setLocal(`${name}.${key}`, m);
          else if (tsv.isPropertyDeclaration(m) && m.initializer) this.setLocal(`${name}.${key}`, m.initializer);
        }
        if (isExported(st)) this.exportAs(isDefault(st) ? 'default' : name, name, st.name ?? st);
      } else if (tsv.isVariableStatement(st)) {
        const exported = isExported(st);
        for (const d of st.declarationList.declarations) {
          if (tsv.isObjectBindingPattern(d.name) && exported) {
            for (const el of d.name.elements) if (tsv.isIdentifier(el.name)) this.exportAs(el.name.text, el.name.text, el.name);
            continue;
          }
          if (!tsv.isIdentifier(d.name)) continue;
          const name = d.name.text;
          if (d.initializer) {
            const v = unwrap(d.initializer);
            if (tsv.isObjectLiteralExpression(v)) { objectMethods(name, v); this.objects.add(name); }
            else if (tsv.isNewExpression(v) && tsv.isIdentifier(v.expression)) (this.facts.instances ??= {})[name] = v.expression.text;
            else this.setLocal(name, d.initializer);
          }
          // `export const userRoutes = router;`: the export is the router (or function) the alias names
          const alias = d.initializer && unwrap(d.initializer);
          if (exported) this.exportAs(name, alias && tsv.isIdentifier(alias) && !this.imports.bindings.has(alias.text) ? alias.text : name, d.name);
        }
      } else if (tsv.isExportAssignment(st)) {
        const e = unwrap(st.expression);
        const router = routerMiddlewareOf(e);
        if (router) this.exportAs('default', router, st);
        else if (tsv.isIdentifier(e)) this.exportAs('default', e.text, st);
        else {
          // `export default new UsersController()`: its methods are the module's (`users.list` of the importer)
          if (tsv.isNewExpression(e) && tsv.isIdentifier(e.expression)) (this.facts.instances ??= {}).default = e.expression.text;
          if (tsv.isObjectLiteralExpression(e)) objectMethods('default', e); else this.setLocal('default', st.expression);
          this.exportAs('default', 'default', st);
        }
      } else if (tsv.isExportDeclaration(st) && st.exportClause && tsv.isNamedExports(st.exportClause)) {
        const spec = st.moduleSpecifier && tsv.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
        for (const el of st.exportClause.elements) {
          const local = (el.propertyName ?? el.name).text;
          const imported = !spec ? this.refOfBinding(local) : undefined;
          if (spec) (this.facts.reexports ??= []).push({ spec, name: local, as: el.name.text });
          else if (imported) (this.facts.reexports ??= []).push({ spec: imported.spec, name: imported.name, as: el.name.text });
          else this.exportAs(el.name.text, local, el.name);
        }
      } else if (tsv.isExportDeclaration(st) && st.exportClause && tsv.isNamespaceExport(st.exportClause) && st.moduleSpecifier && tsv.isStringLiteral(st.moduleSpecifier)) {
        (this.facts.reexports ??= []).push({ spec: st.moduleSpecifier.text, name: '=', as: st.exportClause.name.text });
      } else if (tsv.isExportDeclaration(st) && !st.exportClause && st.moduleSpecifier && tsv.isStringLiteral(st.moduleSpecifier)) {
        (this.facts.reexports ??= []).push({ spec: st.moduleSpecifier.text, name: '*', as: '*' });
      } else if (tsv.isExpressionStatement(st) && tsv.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === tsv.SyntaxKind.EqualsToken) {
        const left = accessPath(st.expression.left)?.join('.');
        const right = unwrap(st.expression.right);
        if (left === 'module.exports') {
          const router = routerMiddlewareOf(right);
          if (router) this.exportAs('=', router, st);
          else if (tsv.isIdentifier(right)) this.exportAs('=', right.text, st);
          else if (tsv.isObjectLiteralExpression(right)) {
            for (const p of right.properties) {
              const key = propName((p as ts.ObjectLiteralElementLike & { name?: ts.PropertyName }).name);
              if (!key) continue;
              const value = tsv.isShorthandPropertyAssignment(p) ? p.name : tsv.isPropertyAssignment(p) ? unwrap(p.initializer) : undefined;
              const req = value && tsv.isCallExpression(value) && tsv.isIdentifier(value.expression) && value.expression.text === 'require' && value.arguments[0] && tsv.isStringLiteralLike(value.arguments[0]) ? value.arguments[0].text : undefined;
              const imported = value && tsv.isIdentifier(value) ? this.refOfBinding(value.text) : undefined;
              if (req !== undefined) { if (isWorkspaceSpec(req)) (this.facts.reexports ??= []).push({ spec: req, name: '=', as: key }); }
              else if (imported) (this.facts.reexports ??= []).push({ spec: imported.spec, name: imported.name, as: key });
              else if (tsv.isShorthandPropertyAssignment(p)) this.exportAs(key, key, p);
              else if (tsv.isPropertyAssignment(p) && tsv.isIdentifier(unwrap(p.initializer))) this.exportAs(key, (unwrap(p.initializer) as ts.Identifier).text, p);
              else if (tsv.isPropertyAssignment(p) && tsv.isObjectLiteralExpression(unwrap(p.initializer))) { objectMethods(`=.${key}`, unwrap(p.initializer) as ts.ObjectLiteralExpression, 1); this.exportAs(key, `=.${key}`, p); }
              else if (tsv.isPropertyAssignment(p) || tsv.isMethodDeclaration(p)) { this.setLocal(`=.${key}`, tsv.isPropertyAssignment(p) ? p.initializer : p); this.exportAs(key, `=.${key}`, p); }
            }
          } else {
            this.setLocal('=', st.expression.right);
            this.exportAs('=', '=', st);
            // `module.exports = new OrderService()`: the module is an instance; its class's methods are what callers reach
            if (tsv.isNewExpression(right) && tsv.isIdentifier(right.expression)) (this.facts.instances ??= {})['='] = right.expression.text;
          }
        } else if (left && /^[\w$]+$/.test(left) && tsv.isObjectLiteralExpression(right) && !this.imports.bindings.has(left)) {
          // `userController = {};` (an implicit global, or a `let` declared above): an object of handlers, as a declaration
          objectMethods(left, right);
          this.objects.add(left);
        } else if (left && /^[\w$]+\.[\w$]+$/.test(left) && this.objects.has(left.slice(0, left.indexOf('.')))) {
          // `userController.get = async (req, res) => {...}`: a handler added to an object of this file, then exported whole
          this.setLocal(left, st.expression.right);
        } else if (left && /^(module\.)?exports\.[\w$]+$/.test(left)) {
          const key = left.split('.').pop()!;
          const req = tsv.isCallExpression(right) && tsv.isIdentifier(right.expression) && right.expression.text === 'require' && right.arguments[0] && tsv.isStringLiteralLike(right.arguments[0]) ? right.arguments[0].text : undefined;
          if (req !== undefined) { if (isWorkspaceSpec(req)) (this.facts.reexports ??= []).push({ spec: req, name: '=', as: key }); }
          else if (tsv.isIdentifier(right) && this.refOfBinding(right.text)) { const r = this.refOfBinding(right.text)!; (this.facts.reexports ??= []).push({ spec: r.spec, name: r.name, as: key }); }
          else if (tsv.isIdentifier(right)) this.exportAs(key, right.text, st);
          else { this.setLocal(`exports.${key}`, st.expression.right); this.exportAs(key, `exports.${key}`, st); }
        }
      }
    }
  }

  // ---- routers and apps ----

  private creationOf(e: ts.Expression): { framework?: Fw; kind: RouterFact['kind']; prefix?: string; factory?: RouterFact['factory'] } | undefined {
    e = unwrap(e);
    if (tsv.isCallExpression(e) && tsv.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'basePath') {
      const inner = this.creationOf(e.expression.expression);
      const p = stringValue(e.arguments[0], this.consts);
      return inner && { ...inner, prefix: joinPath(inner.prefix ?? '', p ?? '') };
    }
    // the same instance, typed: `Fastify({...}).withTypeProvider<TypeBoxTypeProvider>()`
    if (tsv.isCallExpression(e) && tsv.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'withTypeProvider') return this.creationOf(e.expression.expression);
    if (!tsv.isCallExpression(e) && !tsv.isNewExpression(e)) return undefined;
    const callee = unwrap(e.expression);
    // require('express')(), require('express').Router(), require('fastify')({ ... })
    const req = (c: ts.Expression) => tsv.isCallExpression(c) && tsv.isIdentifier(c.expression) && c.expression.text === 'require' && c.arguments[0] && tsv.isStringLiteralLike(c.arguments[0]) ? c.arguments[0].text : undefined;
    let module: string | undefined; let path: readonly string[] = [];
    const direct = req(callee);
    if (direct) module = direct;
    else if (tsv.isPropertyAccessExpression(callee) && req(unwrap(callee.expression))) { module = req(unwrap(callee.expression)); path = [callee.name.text]; }
    else { const r = resolveCallee(callee, this.imports); if (r) { module = r.module; path = r.path; } }
    // the app's own factory (`createRouter()`, `configureOpenApiApp()`): the route map checks that it returns a router
    if (tsv.isCallExpression(e) && tsv.isIdentifier(callee) && FACTORY_NAME.test(callee.text) && (!module || isWorkspaceSpec(module))) {
      if (this.localFns.has(callee.text)) return { kind: 'app', factory: { fn: callee.text } };
      const ref = moduleRefOf(callee, this.imports);
      if (ref) return { kind: 'app', factory: { ref } };
    }
    if (!module) return undefined;
    const p = path.join('.');
    const opts = e.arguments?.[0];
    if (module === 'express') {
      if (p === '') return { framework: 'express', kind: 'app' };
      if (p === 'Router') return { framework: 'express', kind: 'router' };
    }
    if (module === 'fastify' && /^(|fastify|default|Fastify)$/.test(p)) return { framework: 'fastify', kind: 'app' };
    if (module === 'koa' && /^(|Koa|default)$/.test(p) && tsv.isNewExpression(e)) return { framework: 'koa', kind: 'app' };
    if ((module === '@koa/router' || module === 'koa-router') && /^(|Router|default)$/.test(p)) {
      const o = asObject(opts, this.consts);
      const pre = o ? findProperty(o, 'prefix', this.consts) : undefined;
      return { framework: 'koa', kind: 'router', prefix: pre ? stringValue(pre.value, this.consts) ?? undefined : undefined };
    }
    if (/^hono(\/[\w-]+)?$|^@hono\/zod-openapi$/.test(module) && /^(Hono|OpenAPIHono)$/.test(p)) return { framework: 'hono', kind: 'app' };
    return undefined;
  }

  private addRouter(r: RouterFact): RouterFact {
    this.routerNames.add(r.id.replace(/^.*[#.]/, '').replace(/@\d+$/, ''));
    if (this.routers.some((x) => x.id === r.id)) r.id = `${r.id}@${r.range.start.line + 1}`;
    this.routers.push(r);
    return r;
  }

  private enclosingFn(n: ts.Node): ts.Node | undefined {
    for (let p = n.parent; p; p = p.parent) if (isFn(p)) return p;
    return undefined;
  }

  private fnId(fn: ts.Node): string {
    const known = this.fnName.get(fn);
    if (known) return known;
    const id = `@${fn.getStart(this.sf)}`;
    this.fnName.set(fn, id);
    return id;
  }

  /** Router and app creations: `const app = express()`, `router = Router()` in a class, `this.app = new Koa()`, `router.prefix('/api')`. */
  private onDeclaration(n: ts.Node): void {
    if (tsv.isVariableDeclaration(n) && tsv.isIdentifier(n.name) && n.initializer) {
      // `new Hono<Env>().use(jwtAuth).use(exposeToken)`: the instance the chain starts from, its use() calls its middleware
      let created = unwrap(n.initializer);
      // `new Hono<Env>().use(jwtAuth).get('/', h)`, `createRouter().openapi(list, h)`: the instance the chain starts from
      while (tsv.isCallExpression(created) && tsv.isPropertyAccessExpression(created.expression) && CHAIN_METHODS.has(created.expression.name.text)) created = unwrap(created.expression.expression);
      const c = this.creationOf(created);
      const top = tsv.isVariableDeclarationList(n.parent) && tsv.isVariableStatement(n.parent.parent) && tsv.isSourceFile(n.parent.parent.parent);
      if (!c && top) this.onTopLevelValue(n.name.text, unwrap(n.initializer));
      if (c) {
        const fn = top ? undefined : this.enclosingFn(n);
        const returned = fn && this.returns(fn, n.name.text);
        // `export const authRouter = new Hono()`: a sub-app another file mounts (or nothing does), not an app of its own,
        // unless this file serves it (`export default authRouter`, `serve({ fetch: authRouter.fetch })`, `handle(authRouter)`)
        const kind = c.framework === 'hono' && c.kind === 'app' && top && /[a-z0-9](Router|Routes?|Routers)$/.test(n.name.text) && !servesHono(this.sf, n.name.text) ? 'router' as const : c.kind;
        const r = this.addRouter({ id: n.name.text, framework: c.framework, kind, prefix: c.prefix, range: this.range(n), fn: returned ? this.fnId(fn) : undefined, ...(c.factory ? { factory: c.factory } : {}) });
        this.routerByDecl.set(n, r);
        if (created !== unwrap(n.initializer)) this.routerByDecl.set(created, r);
      }
    } else if (tsv.isPropertyDeclaration(n) && n.initializer && tsv.isClassLike(n.parent)) {
      const c = this.creationOf(n.initializer);
      const key = propName(n.name);
      if (c && key) this.routerByDecl.set(n, this.addRouter({ id: `${n.parent.name?.text ?? 'class'}.${key}`, framework: c.framework, kind: c.kind, prefix: c.prefix, range: this.range(n) }));
    } else if (tsv.isBinaryExpression(n) && n.operatorToken.kind === tsv.SyntaxKind.EqualsToken && tsv.isPropertyAccessExpression(n.left) && n.left.expression.kind === tsv.SyntaxKind.ThisKeyword) {
      const c = this.creationOf(n.right);
      const cls = findClass(n);
      if (c && cls) {
        const key = n.left.name.text;
        const prop = cls.members.find((m) => propName(m.name) === key);
        const r = this.addRouter({ id: `${cls.name?.text ?? 'class'}.${key}`, framework: c.framework, kind: c.kind, prefix: c.prefix, range: this.range(n) });
        this.routerByDecl.set(prop ?? n, r);
      }
    } else if (tsv.isExpressionStatement(n) && tsv.isCallExpression(n.expression)) {
      // koa: router.prefix('/api')
      const call = n.expression;
      if (tsv.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'prefix') {
        const r = this.routerOf(call.expression.expression, false);
        const p = stringValue(call.arguments[0], this.consts);
        if (r && 'local' in r.ref && p !== undefined) { const f = this.routers.find((x) => x.id === (r.ref as { local: string }).local); if (f) f.prefix = p; }
      }
    }
  }

  /** Top-level consts other modules use: @hono/zod-openapi route configs, and arrays of routers mounted in a loop elsewhere. */
  private onTopLevelValue(name: string, init: ts.Expression): void {
    if (tsv.isCallExpression(init) && calleeName(init) === 'createRoute') {
      const o = asObject(init.arguments[0], this.consts);
      if (o) (this.facts.openapi ??= {})[name] = this.openapiOf(o);
      return;
    }
    if (!tsv.isArrayLiteralExpression(init) || !init.elements.length || !init.elements.every((el) => tsv.isIdentifier(unwrap(el)))) return;
    const targets: RouterTarget[] = [];
    for (const el of init.elements) {
      const t = this.targetOf(el);
      if (!t) return;
      targets.push(t);
    }
    (this.facts.lists ??= {})[name] = targets;
  }

  private returns(fn: ts.Node, name: string): boolean {
    const body = (fn as ts.FunctionLikeDeclaration).body;
    if (!body) return false;
    if (!tsv.isBlock(body)) return tsv.isIdentifier(unwrap(body)) && (unwrap(body) as ts.Identifier).text === name;
    let found = false;
    const visit = (n: ts.Node): void => {
      if (found || (n !== body && isFn(n))) return;
      if (tsv.isReturnStatement(n) && n.expression && tsv.isIdentifier(unwrap(n.expression)) && (unwrap(n.expression) as ts.Identifier).text === name) found = true;
      tsv.forEachChild(n, visit);
    };
    visit(body);
    return found;
  }

  /** The router a receiver expression is, and a path carried by `router.route('/x')`. */
  private routerOf(e: ts.Expression, createParam: boolean): { ref: RouterRef; framework?: Fw; path?: string; param?: boolean } | undefined {
    e = unwrap(e);
    if (tsv.isIdentifier(e)) {
      const decl = findDeclaration(e);
      if (!decl) return undefined;
      const r = this.routerByDecl.get(decl);
      if (r) return { ref: { local: r.id }, framework: r.framework };
      if (tsv.isParameter(decl) && isFn(decl.parent) && decl.parent.parameters.indexOf(decl) <= 1) {
        const fn = decl.parent;
        let pr = this.routerByFn.get(fn);
        if (!pr && createParam) {
          // hono/factory: `createFactory({ initApp(app) { ... } })` builds the app `factory.createApp()` returns
          const initApp = isHonoInitApp(fn, this.imports);
          pr = this.addRouter({ id: `${this.fnId(fn)}#${e.text}`, kind: initApp ? 'app' : 'plugin', fn: this.fnId(fn), framework: initApp ? 'hono' : this.paramFramework(decl), range: this.range(decl), fp: isFpWrapped(fn) || undefined });
          this.routerByFn.set(fn, pr);
        }
        return pr ? { ref: { local: pr.id }, framework: pr.framework, param: true } : undefined;
      }
      if (tsv.isImportClause(decl) || tsv.isImportSpecifier(decl) || tsv.isNamespaceImport(decl) || (tsv.isVariableDeclaration(decl) && this.imports.bindings.get(e.text)?.node === decl)) {
        const ref = moduleRefOf(e, this.imports);
        return ref ? { ref: { ref } } : undefined;
      }
      return undefined;
    }
    if (tsv.isPropertyAccessExpression(e) && e.expression.kind === tsv.SyntaxKind.ThisKeyword) {
      const cls = findClass(e);
      const prop = cls?.members.find((m) => propName(m.name) === e.name.text);
      const r = prop && this.routerByDecl.get(prop);
      return r ? { ref: { local: r.id }, framework: r.framework } : undefined;
    }
    if ((tsv.isCallExpression(e) || tsv.isNewExpression(e)) && !this.routerByDecl.has(e)) {
      const c = this.creationOf(e);
      if (c && createParam) this.routerByDecl.set(e, this.addRouter({ id: `@${e.getStart(this.sf)}`, framework: c.framework, kind: c.kind, prefix: c.prefix, range: this.range(e), ...(c.factory ? { factory: c.factory } : {}) }));
    }
    if ((tsv.isCallExpression(e) || tsv.isNewExpression(e)) && this.routerByDecl.has(e)) { const r = this.routerByDecl.get(e)!; return { ref: { local: r.id }, framework: r.framework }; }
    if (tsv.isCallExpression(e) && tsv.isPropertyAccessExpression(e.expression)) {
      const m = e.expression.name.text;
      // the same instance, typed: `instance.withTypeProvider<ZodTypeProvider>().route({...})` in a plugin
      if (m === 'withTypeProvider' && e.arguments.length === 0) return this.routerOf(e.expression.expression, createParam);
      if (m === 'route' && e.arguments.length === 1) {
        const inner = this.routerOf(e.expression.expression, createParam);
        const p = stringValue(e.arguments[0], this.consts);
        return inner && inner.framework !== 'hono' ? { ...inner, path: p ?? '\0' } : undefined;
      }
      if (ROUTE_METHODS.has(m) || m === 'use' || m === 'on' || m === 'route' || m === 'register' || m === 'openapi') {
        const inner = this.routerOf(e.expression.expression, createParam);
        return inner && !inner.path ? inner : inner ? { ...inner } : undefined;
      }
    }
    return undefined;
  }

  private paramFramework(p: ts.ParameterDeclaration): Fw | undefined {
    const fromText = (t: string): Fw | undefined => /Fastify/.test(t) ? 'fastify' : /Hono|OpenAPIHono/.test(t) ? 'hono' : /Koa|KoaRouter/.test(t) ? 'koa' : /Express|Application|IRouter|\bRouter\b/.test(t) ? 'express' : undefined;
    if (p.type) { const f = fromText(p.type.getText(this.sf)); if (f) return f; }
    const fn = p.parent;
    const holder = fn.parent;
    if (tsv.isVariableDeclaration(holder) && holder.type) { const f = fromText(holder.type.getText(this.sf)); if (f) return f; }
    return this.fileFw;
  }

  // ---- calls: routes, use, mounts, hooks ----

  private onCall(call: ts.CallExpression): void {
    const callee = unwrap(call.expression);
    if (call.arguments.length && this.trpcCandidate(call) && this.onTrpcRouter(call, callee)) return;
    const last = tsv.isPropertyAccessExpression(callee) ? callee.name.text : tsv.isIdentifier(callee) ? callee.text : '';
    if ((last === 'onCall' || last === 'onRequest') && this.onCloudFunction(call, callee, last)) return;
    if (tsv.isPropertyAccessExpression(callee)) {
      const m = callee.name.text;
      const args = call.arguments;
      if (ROUTE_METHODS.has(m) || (m === 'route' && args.length === 1 && tsv.isObjectLiteralExpression(unwrap(args[0]))) || m === 'on' || (m === 'openapi' && args.length >= 2)) {
        if (this.onRoute(call, callee, m)) return;
      }
      if (m === 'use' || m === 'register' || m === 'route' || m === 'addHook' || m === 'decorate') {
        const r = this.routerOf(callee.expression, m !== 'use' || args.length > 0);
        if (r) {
          if (m === 'use') {
            // `moduleRoutes.forEach((route) => router.use(route.path, route.route))` over a const list: one mount per element
            const perElement = this.loopArguments(call);
            if (perElement) { for (const list of perElement) this.onUse(call, r.ref, list); return; }
            return this.onUse(call, r.ref);
          }
          if (m === 'route' && args.length >= 2) return this.onHonoRoute(call, r.ref);
          if (m === 'register') return this.onRegister(call, r.ref);
          if (m === 'addHook') return this.onHook(call, r.ref);
          if (m === 'decorate') return this.onDecorate(call);
        }
      }
      if (m === 'useGlobalGuards' || m === 'useGlobalPipes' || m === 'setGlobalPrefix') this.onNestGlobal(call, m);
      if (m === 'forRoutes') this.onNestConsumer(call);
    }
    this.onInlineMount(call);
  }

  // ---- GraphQL resolver maps ----

  /**
   * `{ Query: { posts: () => ... }, Mutation: { createPost: async (_, args, ctx) => ... } }`: in a file that imports a
   * GraphQL server or tool, or assigned to a variable named like resolvers.
   */
  private onResolverMap(obj: ts.ObjectLiteralExpression, gqlFile: boolean): void {
    if (!gqlFile) {
      const v = obj.parent as ts.VariableDeclaration;
      if (!tsv.isIdentifier(v.name) || !/resolvers?$/i.test(v.name.text)) return;
    }
    for (const p of obj.properties) {
      const key = p.name ? propName(p.name) : undefined;
      if (key !== 'Query' && key !== 'Mutation') continue;
      const ops = tsv.isPropertyAssignment(p) ? asObject(p.initializer, this.consts) : undefined;
      if (!ops) continue;
      for (const op of ops.properties) {
        const name = op.name ? propName(op.name) : undefined;
        if (!name) continue;
        const value = tsv.isMethodDeclaration(op) ? op : tsv.isPropertyAssignment(op) ? unwrap(op.initializer) : tsv.isShorthandPropertyAssignment(op) ? op.name : undefined;
        if (!value) continue;
        const fn = tsv.isMethodDeclaration(value) ? value : value as ts.Expression;
        const handler = tsv.isMethodDeclaration(fn) ? { ...this.bodies.summarize(fn), range: this.range(fn.name) } : this.handlerOf(fn);
        const target = tsv.isMethodDeclaration(fn) ? fn : unwrap(fn as ts.Expression);
        if (isFn(target) && (target as ts.FunctionLikeDeclaration).parameters.length >= 2 && !handler.flags.includes('reads-input')) handler.flags = [...handler.flags, 'reads-input'];
        this.gqlOperations.push({ name, type: key === 'Query' ? 'query' : 'mutation', range: this.range(op.name!), handler });
      }
    }
  }

  // ---- Firebase Cloud Functions ----

  /**
   * `export const addMember = onCall(opts, async (request) => ...)` (firebase-functions v2) or
   * `exports.sitemap = functions.region('eu').https.onRequest((req, res) => ...)` (v1).
   */
  private onCloudFunction(call: ts.CallExpression, callee: ts.Expression, method: string): boolean {
    // the binding the callee starts from: `onCall`, `https.onCall`, `functions.https.onCall`, through `.region()` / `.runWith()` calls
    let root: ts.Expression = callee;
    let viaHttps = tsv.isIdentifier(callee);
    while (tsv.isPropertyAccessExpression(root) || tsv.isCallExpression(root)) {
      if (tsv.isPropertyAccessExpression(root) && root.name.text === 'https') viaHttps = true;
      root = unwrap(tsv.isPropertyAccessExpression(root) ? root.expression : root.expression);
    }
    if (!tsv.isIdentifier(root)) return false;
    const b = this.imports.bindings.get(root.text);
    if (!b || !/^firebase-functions(\/v[12])?(\/https)?$/.test(b.module)) return false;
    if (!viaHttps && !/\/https$/.test(b.module) && b.name !== 'onCall' && b.name !== 'onRequest') return false;
    const fn = [...call.arguments].reverse().map((a) => unwrap(a)).find((a) => isFn(a) || tsv.isIdentifier(a));
    if (!fn) return false;
    const app = method === 'onRequest' && tsv.isIdentifier(fn) ? this.routerOf(fn, false) : undefined;
    const handler = app ? { flags: [] } : this.handlerOf(fn);
    if (method === 'onCall' && isFn(fn) && callableReadsData(fn) && !handler.flags.includes('reads-input')) handler.flags = [...handler.flags, 'reads-input'];
    const { name, at } = cloudFunctionName(call);
    this.cloudFunctions.push({ name, type: method === 'onCall' ? 'call' : 'request', range: this.range(at ?? callee), handler, ...(app ? { app: app.ref } : {}) });
    return true;
  }

  private pathsOf(e: ts.Expression | undefined): string[] | null {
    if (!e) return null;
    const u = unwrap(e);
    const s = stringValue(u, this.consts);
    if (s !== undefined) return [s];
    const arr = tsv.isIdentifier(u) ? this.consts.resolve(u) : u;
    if (arr && tsv.isArrayLiteralExpression(arr)) {
      const out: string[] = [];
      for (const el of arr.elements) { const v = stringValue(el, this.consts); if (v === undefined) return null; out.push(v); }
      return out;
    }
    return null;
  }

  private isPathArg(e: ts.Expression | undefined): boolean {
    if (!e) return false;
    const u = unwrap(e);
    if (tsv.isStringLiteralLike(u) || tsv.isTemplateExpression(u) || tsv.isRegularExpressionLiteral(u)) return true;
    if (tsv.isArrayLiteralExpression(u)) return u.elements.length > 0 && u.elements.every((x) => tsv.isStringLiteralLike(unwrap(x as ts.Expression)) || tsv.isRegularExpressionLiteral(unwrap(x as ts.Expression)));
    if (tsv.isIdentifier(u) || tsv.isPropertyAccessExpression(u) || (tsv.isBinaryExpression(u) && u.operatorToken.kind === tsv.SyntaxKind.PlusToken)) {
      if (stringValue(u, this.consts) !== undefined) return true;
      const p = accessPath(u);
      return !!p && /(path|route|url|prefix|base|endpoint)s?$/i.test(p[p.length - 1]);
    }
    return false;
  }

  private onRoute(call: ts.CallExpression, callee: ts.PropertyAccessExpression, m: string): boolean {
    let args = [...call.arguments];
    // cheap shape checks first: `map.get(key)`, `cache.delete(k)` are not routes
    if (m === 'route' ? args.length !== 1 : m === 'on' ? args.length < 3 : args.length < 1) return false;
    const recv = unwrap(callee.expression);
    if (m !== 'route' && m !== 'on' && m !== 'openapi' && !tsv.isCallExpression(recv) && (args.length < 2 || !this.isPathArg(args[0]))) return false;
    const r = this.routerOf(callee.expression, true);
    if (!r) return false;
    const fw = r.framework;
    let methods: string[]; let paths: string[] | null;
    let mw: MwFact[] = [];
    let handlerExpr: ts.Expression | undefined;
    let config: ModuleRef | undefined;
    const optionObj = (e: ts.Expression | undefined) => asObject(e, this.consts);
    if (m === 'openapi') {
      // @hono/zod-openapi: `app.openapi(createRoute({ method, path, middleware, request }), handler)`, the config maybe imported
      const cfg = this.openapiConfig(args[0]);
      if (!cfg) return false;
      if ('ref' in cfg) { methods = []; paths = null; config = cfg.ref; } else ({ methods, paths, mw } = cfg);
      handlerExpr = args[1];
    } else if (m === 'route') {
      const o = optionObj(args[0])!;
      const meth = findProperty(o, 'method', this.consts);
      const mv = meth?.value && this.pathsOf(meth.value);
      const url = findProperty(o, 'url', this.consts) ?? findProperty(o, 'path', this.consts);
      if (!meth || !url) return false;
      methods = mv ? mv.map((x) => x.toUpperCase()) : ['ALL'];
      paths = this.pathsOf(url.value);
      handlerExpr = findProperty(o, 'handler', this.consts)?.value;
      mw = this.fastifyOptions(o);
      if (!handlerExpr) return false;
    } else if (m === 'on') {
      if (fw !== 'hono' || args.length < 3) return false;
      const mv = this.pathsOf(args[0]);
      methods = mv ? mv.map((x) => x.toUpperCase()) : ['ALL'];
      paths = this.pathsOf(args[1]);
      args = args.slice(2);
      handlerExpr = args.pop();
      mw = args.flatMap((a) => this.mwOf(a));
    } else {
      if (r.path !== undefined) {
        paths = r.path === '\0' ? null : [r.path];
      } else {
        if (!this.isPathArg(args[0])) return false;
        if (fw === 'koa' && args.length >= 3 && this.isPathArg(args[1]) && stringValue(args[0], this.consts) !== undefined && !String(stringValue(args[0], this.consts)).startsWith('/')) args.shift();
        paths = this.pathsOf(args.shift());
      }
      if (args.length < 1) return false;
      methods = [m === 'del' ? 'DELETE' : m.toUpperCase()];
      handlerExpr = args.pop();
      const opts = args.length ? optionObj(args[0]) : undefined;
      if (opts && (fw === 'fastify' || (!fw && r.param))) {
        mw = this.fastifyOptions(opts);
        args = args.slice(1);
      } else if (args.length === 0 && handlerExpr && (fw === 'fastify' || (!fw && r.param)) && optionObj(handlerExpr)) {
        const o = optionObj(handlerExpr)!;
        mw = this.fastifyOptions(o);
        handlerExpr = findProperty(o, 'handler', this.consts)?.value;
        if (!handlerExpr) return false;
      }
      mw.push(...args.flatMap((a) => this.mwOf(a)));
    }
    if (!handlerExpr) return false;
    if (r.param && !fw) {
      const p0 = paths?.[0];
      if (this.clientFile || (paths && !paths.every((p) => p.startsWith('/') || p === '*'))) return false;
      const h = unwrap(handlerExpr);
      const looksLikeHandler = isFn(h) || tsv.isIdentifier(h) || tsv.isPropertyAccessExpression(h) || tsv.isCallExpression(h);
      if (!looksLikeHandler || (tsv.isIdentifier(h) && !this.localFns.has(h.text) && !this.imports.bindings.has(h.text))) return false;
      void p0;
    }
    // `app.all('*', requireAuth)` / `router.all('/admin/*', mw)`: middleware written as a catch-all route
    if (methods[0] === 'ALL' && paths && paths.every((p) => p.includes('*')) && m !== 'route' && !dispatcher(handlerExpr, fw)) {
      const args2 = [...mw.map((x) => ({ mw: x })), { mw: this.mwOf(handlerExpr)[0] ?? { name: '?', flags: [] } }];
      this.events.push({ t: 'use', router: r.ref, pos: callPos(call, this.sf), range: this.range(callee), paths: paths.map((p) => p.replace(/\/?(\(\.\*\)|\*).*$/, '') || '/'), args: args2 });
      return true;
    }
    const handler = this.handlerOf(handlerExpr);
    // a chain (`router.route('/:id').get(...).delete(...)`): each route where its method is written
    // an openapi() route at its config (`createTaskRoute`): a chain's routes start where the chain does
    const at = m === 'openapi' ? call.arguments[0] : r.path !== undefined && tsv.isPropertyAccessExpression(callee) ? callee.name : callee;
    this.events.push({ t: 'route', router: r.ref, pos: callPos(call, this.sf), range: this.range(at), methods, paths, mw, handler, ...(config ? { config } : {}) });
    return true;
  }

  /** A @hono/zod-openapi route config: `createRoute({...})` (inline or a const of this file), else a reference to one of another module. */
  private openapiConfig(e: ts.Expression | undefined): { methods: string[]; paths: string[] | null; mw: MwFact[] } | { ref: ModuleRef } | undefined {
    const obj = this.createRouteObject(e);
    if (obj) return this.openapiOf(obj);
    const u = e && unwrap(e);
    const ref = u && (tsv.isIdentifier(u) || tsv.isPropertyAccessExpression(u)) ? moduleRefOf(u, this.imports) : undefined;
    return ref ? { ref } : undefined;
  }

  private createRouteObject(e: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
    let u = e && unwrap(e);
    if (u && tsv.isIdentifier(u)) { const init = this.consts.get(u.text); u = init && unwrap(init); }
    if (!u) return undefined;
    if (tsv.isCallExpression(u) && calleeName(u) === 'createRoute') return asObject(u.arguments[0], this.consts);
    return tsv.isObjectLiteralExpression(u) && findProperty(u, 'method', this.consts) && findProperty(u, 'path', this.consts) ? u : undefined;
  }

  /** Method, path (`{id}` written `:id`), middleware and request validation of a route config. */
  private openapiOf(o: ts.ObjectLiteralExpression): { methods: string[]; paths: string[] | null; mw: MwFact[] } {
    const method = stringValue(findProperty(o, 'method', this.consts)?.value, this.consts);
    const path = findProperty(o, 'path', this.consts)?.value;
    const paths = path ? this.pathsOf(path)?.map((p) => p.replace(/\{(\w+)\}/g, ':$1')) ?? null : null;
    const mwValue = findProperty(o, 'middleware', this.consts)?.value;
    const list = mwValue && unwrap(mwValue);
    const mw = !list ? [] : tsv.isArrayLiteralExpression(list) ? list.elements.flatMap((x) => this.mwOf(x)) : this.mwOf(list);
    const request = asObject(findProperty(o, 'request', this.consts)?.value, this.consts);
    if (request && ['body', 'query', 'params', 'headers', 'cookies'].some((k) => findProperty(request, k, this.consts))) mw.push({ name: 'request schema', flags: ['validate'] });
    return { methods: method ? [method.toUpperCase()] : ['ALL'], paths, mw };
  }

  /** Fastify route options: hooks, schema (validation), config.rateLimit. */
  private fastifyOptions(o: ts.ObjectLiteralExpression): MwFact[] {
    const out: MwFact[] = [];
    for (const hook of ['onRequest', 'preParsing', 'preValidation', 'preHandler']) {
      const p = findProperty(o, hook, this.consts);
      if (p?.value) out.push(...this.mwOf(p.value));
    }
    const schema = findProperty(o, 'schema', this.consts);
    if (schema?.value) {
      const so = asObject(schema.value, this.consts);
      const validates = !so || ['body', 'querystring', 'query', 'params', 'headers'].some((k) => findProperty(so, k, this.consts));
      if (validates) out.push({ name: 'schema', flags: ['validate'] });
      // hooks put inside `schema`: Fastify reads no hook there, so they never run
      for (const hook of so ? ['onRequest', 'preParsing', 'preValidation', 'preHandler'] : []) {
        const p = findProperty(so!, hook, this.consts);
        if (p?.value) for (const m of this.mwOf(p.value)) out.push({ ...m, ignored: `schema.${hook}` });
      }
    }
    const config = asObject(findProperty(o, 'config', this.consts)?.value, this.consts);
    if (config && findProperty(config, 'rateLimit', this.consts)) out.push({ name: 'config.rateLimit', flags: ['rate-limit'] });
    // an app-defined route option an onRoute hook turns into a check (`withAuth: true`, `config: { auth: true }`)
    for (const obj of [o, config]) {
      for (const p of obj?.properties ?? []) {
        const key = tsv.isPropertyAssignment(p) ? propName(p.name) : undefined;
        if (key && AUTH_ROUTE_OPTION.test(key) && isTrue((p as ts.PropertyAssignment).initializer, this.consts)) out.push({ name: `${key}: true`, flags: ['auth'] });
      }
    }
    if (o.properties.some((p) => tsv.isSpreadAssignment(p) && !asObject(p.expression, this.consts))) out.push({ name: '...options', flags: [], opaque: true });
    return out;
  }

  /**
   * A call inside a loop over a const array of object literals (`list.forEach((r) => ...)`, `for (const r of list)`), whose
   * arguments read the loop variable (`r.path`, or `path` destructured from it): its arguments for each element, with
   * those reads replaced by the element's values. Undefined when the call is not in such a loop or a read cannot be followed.
   */
  private loopArguments(call: ts.CallExpression): ts.Expression[][] | undefined {
    let fn: ts.Node | undefined;
    for (let p: ts.Node | undefined = call.parent; p && !tsv.isSourceFile(p); p = p.parent) {
      if (tsv.isArrowFunction(p) || tsv.isFunctionExpression(p) || tsv.isForOfStatement(p)) { fn = p; break; }
      if (tsv.isFunctionLike(p)) return undefined;
    }
    if (!fn) return undefined;
    let list: ts.Expression | undefined;
    let binding: ts.BindingName | undefined;
    if (tsv.isForOfStatement(fn)) {
      const d = tsv.isVariableDeclarationList(fn.initializer) ? fn.initializer.declarations[0] : undefined;
      list = fn.expression;
      binding = d?.name;
    } else {
      const loop = fn.parent;
      if (!tsv.isCallExpression(loop) || loop.arguments[0] !== fn || !tsv.isPropertyAccessExpression(loop.expression) || !/^(forEach|map)$/.test(loop.expression.name.text)) return undefined;
      list = loop.expression.expression;
      binding = (fn as ts.ArrowFunction | ts.FunctionExpression).parameters[0]?.name;
    }
    const arr = list && this.consts.resolve(list);
    if (!binding || !arr || !tsv.isArrayLiteralExpression(arr) || !arr.elements.length) return undefined;
    const out: ts.Expression[][] = [];
    for (const el of arr.elements) {
      const obj = asObject(el, this.consts);
      if (!obj) return undefined;
      const valueOf = (key: string) => findProperty(obj, key, this.consts)?.value;
      const args: ts.Expression[] = [];
      for (const a of call.arguments) {
        const u = unwrap(a);
        let key: string | undefined;
        if (tsv.isIdentifier(binding) && tsv.isPropertyAccessExpression(u) && tsv.isIdentifier(u.expression) && u.expression.text === binding.text) key = u.name.text;
        else if (tsv.isObjectBindingPattern(binding) && tsv.isIdentifier(u)) {
          const b = binding.elements.find((e) => tsv.isIdentifier(e.name) && e.name.text === u.text);
          key = b ? (b.propertyName && tsv.isIdentifier(b.propertyName) ? b.propertyName.text : u.text) : undefined;
        }
        if (key === undefined) { if (tsv.isIdentifier(binding) && tsv.isIdentifier(u) && u.text === binding.text) return undefined; args.push(a); continue; }
        const v = valueOf(key);
        if (!v) return undefined;
        args.push(v);
      }
      out.push(args);
    }
    return out;
  }

  private onUse(call: ts.CallExpression, router: RouterRef, argList?: readonly ts.Expression[]): void {
    const args = [...(argList ?? call.arguments)];
    let paths: string[] | null | undefined;
    // `app.use(routes)`: a lone argument is what gets mounted, whatever its name says (a path needs something to mount)
    if (args.length > 1 && this.isPathArg(args[0])) paths = this.pathsOf(args.shift());
    const useArgs: UseArg[] = [];
    for (const a of args) {
      const u = unwrap(a);
      // koa-mount: mount('/prefix', app)
      if (tsv.isCallExpression(u)) {
        const r = resolveCallee(u.expression, this.imports);
        if (r?.module === 'koa-mount' && u.arguments.length >= 2) {
          const target = this.targetOf(u.arguments[1]);
          if (target) this.events.push({ t: 'mount', router, pos: u.getStart(this.sf), range: this.range(u), paths: this.pathsOf(u.arguments[0]), target });
          continue;
        }
      }
      if (tsv.isArrayLiteralExpression(u)) { for (const el of u.elements) useArgs.push(...this.mwOf(el).map((mw) => ({ mw }))); continue; }
      const target = this.targetOf(a);
      const mws = this.mwOf(a);
      if (target) useArgs.push({ mw: mws[0] ?? { name: '?', flags: [] }, target });
      else useArgs.push(...mws.map((mw) => ({ mw })));
    }
    this.events.push({ t: 'use', router, pos: callPos(call, this.sf), range: this.range(call.expression), paths, args: useArgs });
  }

  private onHonoRoute(call: ts.CallExpression, router: RouterRef): void {
    const one = this.loopTargets(call.arguments[1]) ? undefined : this.targetOf(call.arguments[1]);
    const targets = this.loopTargets(call.arguments[1]) ?? (one ? [one] : []);
    for (const target of targets) this.events.push({ t: 'mount', router, pos: callPos(call, this.sf), range: this.range(call.expression), paths: this.pathsOf(call.arguments[0]), target });
  }

  /**
   * `routes.forEach((route) => app.route('/api', route))`, `for (const r of routes) ...`: the routers of the list the
   * loop variable runs over (a const array of this file, or one imported: resolved by the route map).
   */
  private loopTargets(arg: ts.Expression | undefined): RouterTarget[] | undefined {
    const u = arg && unwrap(arg);
    if (!u || !tsv.isIdentifier(u)) return undefined;
    const decl = findDeclaration(u);
    let list: ts.Expression | undefined;
    if (decl && tsv.isParameter(decl) && (tsv.isArrowFunction(decl.parent) || tsv.isFunctionExpression(decl.parent)) && decl.parent.parameters[0] === decl) {
      const loop = decl.parent.parent;
      if (tsv.isCallExpression(loop) && loop.arguments[0] === decl.parent && tsv.isPropertyAccessExpression(loop.expression) && /^(forEach|map)$/.test(loop.expression.name.text)) list = loop.expression.expression;
    } else if (decl && tsv.isVariableDeclaration(decl) && tsv.isVariableDeclarationList(decl.parent) && tsv.isForOfStatement(decl.parent.parent)) list = decl.parent.parent.expression;
    if (!list) return undefined;
    const lu = unwrap(list);
    const arr = tsv.isIdentifier(lu) ? this.consts.get(lu.text) : undefined;
    const a = arr && unwrap(arr);
    if (a && tsv.isArrayLiteralExpression(a)) return a.elements.flatMap((el) => { const t = this.targetOf(el); return t ? [t] : []; });
    const ref = moduleRefOf(lu, this.imports);
    return ref ? [{ list: ref }] : undefined;
  }

  private onRegister(call: ts.CallExpression, router: RouterRef): void {
    let plugin = call.arguments[0] && unwrap(call.arguments[0]);
    if (!plugin) return;
    let fp = false;
    if (tsv.isCallExpression(plugin)) {
      const r = resolveCallee(plugin.expression, this.imports);
      const name = calleeName(plugin);
      if (r?.module === 'fastify-plugin' || name === 'fp' || name === 'fastifyPlugin') { fp = true; plugin = plugin.arguments[0] && unwrap(plugin.arguments[0]); if (!plugin) return; }
    }
    const opts = call.arguments[1];
    const o = opts ? asObject(opts, this.consts) : undefined;
    let paths: string[] | null = [''];
    if (opts && !o) paths = null;
    else if (o) {
      const pre = findProperty(o, 'prefix', this.consts);
      if (pre) paths = this.pathsOf(pre.value);
      else if (o.properties.some((p) => tsv.isSpreadAssignment(p) && !asObject(p.expression, this.consts))) paths = null;
    }
    const pos = call.getStart(this.sf);
    const range = this.range(call.expression);
    const binding = tsv.isIdentifier(plugin) ? this.imports.bindings.get(plugin.text) : undefined;
    if (binding && !isWorkspaceSpec(binding.module)) {
      if (binding.module === '@fastify/autoload' && o) {
        const dir = findProperty(o, 'dir', this.consts)?.value;
        const folder = dir && this.dirOf(dir);
        const prefix = findProperty(o, 'options', this.consts);
        const po = prefix?.value && asObject(prefix.value, this.consts);
        const pp = po ? stringValue(findProperty(po, 'prefix', this.consts)?.value, this.consts) : undefined;
        if (folder !== undefined) this.events.push({ t: 'mount', router, pos, range, paths: [''], target: { autoload: { dir: folder, prefix: pp ?? '' } } });
        return;
      }
      const flags = moduleFlags(binding.module, binding.name === 'default' || binding.name === '*' ? [] : [binding.name]);
      if (flags.length) this.events.push({ t: 'use', router, pos, range, args: [{ mw: { name: binding.module, flags } }], hook: true });
      return;
    }
    const target = isFn(plugin) ? { fn: this.fnIdOfPlugin(plugin) } : this.targetOf(plugin);
    if (target) this.events.push({ t: 'mount', router, pos, range, paths, target, fp: fp || undefined });
  }

  private fnIdOfPlugin(fn: ts.Node): string {
    // make sure its parameter router exists even when it registers nothing itself
    if (isFn(fn) && fn.parameters[0] && tsv.isIdentifier(fn.parameters[0].name) && !this.routerByFn.get(fn)) {
      const p = fn.parameters[0];
      const r = this.addRouter({ id: `${this.fnId(fn)}#${(p.name as ts.Identifier).text}`, kind: 'plugin', fn: this.fnId(fn), framework: this.paramFramework(p) ?? 'fastify', range: this.range(p), fp: isFpWrapped(fn) || undefined });
      this.routerByFn.set(fn, r);
    }
    return this.fnId(fn);
  }

  /** `path.join(__dirname, 'routes')` / `join(import.meta.dirname, 'routes')` -> the folder, relative to the workspace root. */
  private dirOf(e: ts.Expression): string | undefined {
    const u = unwrap(e);
    if (!tsv.isCallExpression(u)) return undefined;
    const name = calleeName(u);
    if (name !== 'join' && name !== 'resolve') return undefined;
    const parts: string[] = [];
    for (const [i, a] of u.arguments.entries()) {
      const p = accessPath(a)?.join('.');
      if (i === 0 && (p === '__dirname' || p === 'import.meta.dirname')) continue;
      const v = stringValue(a, this.consts);
      if (v === undefined) return undefined;
      parts.push(v);
    }
    const here = this.path.includes('/') ? this.path.slice(0, this.path.lastIndexOf('/')) : '';
    return normalizeDir([here, ...parts].filter(Boolean).join('/'));
  }

  private onHook(call: ts.CallExpression, router: RouterRef): void {
    const name = stringValue(call.arguments[0], this.consts);
    if (!name || !FASTIFY_HOOKS.has(name) || !call.arguments[1]) return;
    this.events.push({ t: 'use', router, pos: callPos(call, this.sf), range: this.range(call.expression), args: this.mwOf(call.arguments[1]).map((mw) => ({ mw })), hook: true });
  }

  private onDecorate(call: ts.CallExpression): void {
    const name = stringValue(call.arguments[0], this.consts);
    const value = call.arguments[1] && this.fnTarget(unwrap(call.arguments[1]));
    if (!name || !value || !isFn(value)) return;
    const s = this.mwSummary(value);
    if (s.flags.length) (this.facts.decorations ??= {})[name] = s;
  }

  /** `registerRoutes(app)`, `setupAuth(app)`: a function that adds routes to the app it receives. */
  private onInlineMount(call: ts.CallExpression): void {
    if (!call.arguments.length) return;
    const callee = unwrap(call.expression);
    let root: ts.Expression = callee;
    while (tsv.isPropertyAccessExpression(root)) root = root.expression;
    if (!tsv.isIdentifier(root) || !(this.localFns.has(root.text) || this.imports.bindings.has(root.text))) return;
    let target: RouterTarget | undefined;
    // `const routes = require('./routes'); routes(app)`: the binding is another module's export, not a function here
    if (tsv.isIdentifier(callee) && this.localFns.has(callee.text) && !this.imports.bindings.has(callee.text)) target = { fn: callee.text };
    else {
      // also a bare path the project's baseUrl (or a workspace package) resolves: `import userRoutes from 'server/routes/user'`
      const ref = moduleRefOf(callee, this.imports) ?? moduleRefOf(callee, this.imports, true);
      if (ref && (isWorkspaceSpec(ref.spec) || /^[\w-]+\/[\w./-]+$/.test(ref.spec))) target = { ref };
    }
    if (!target) return;
    for (const a of call.arguments) {
      const ua = unwrap(a);
      const imported = tsv.isIdentifier(ua) && this.imports.bindings.has(ua.text);
      const appName = tsv.isIdentifier(ua) && /^(app|server|router|api|fastify|instance|application)$|[a-z](App|Server|Router|Api|Application)$/i.test(ua.text);
      // `export default (app) => { auth(app); users(app); }`: the app handed on, a router of this function's own (also
      // when a module-level `app` has the same name: `const registerApi = (app) => { userRoutes(app) }`)
      const param = appName && !imported && (() => { const d = findDeclaration(ua as ts.Identifier); return !!d && tsv.isParameter(d); })();
      if (!(tsv.isIdentifier(ua) && (this.routerNames.has(ua.text) || (imported && appName) || param)) && !(tsv.isPropertyAccessExpression(ua) && ua.expression.kind === tsv.SyntaxKind.ThisKeyword)) continue;
      const r = this.routerOf(a, param);
      if (r && ('local' in r.ref || imported)) {
        this.events.push({ t: 'mount', router: r.ref, pos: callPos(call, this.sf), range: this.range(call.expression), paths: [''], target, inline: true });
        return;
      }
    }
  }

  /** What a `use()` / `register()` / `route()` argument mounts, when it may be a router. */
  private targetOf(e: ts.Expression | undefined): RouterTarget | undefined {
    if (!e) return undefined;
    let u = unwrap(e);
    if (tsv.isCallExpression(u) && tsv.isPropertyAccessExpression(u.expression) && /^(routes|middleware)$/.test(u.expression.name.text) && u.arguments.length === 0) u = unwrap(u.expression.expression);
    if (tsv.isCallExpression(u)) {
      const req = tsv.isIdentifier(u.expression) && u.expression.text === 'require' && u.arguments[0] && tsv.isStringLiteralLike(u.arguments[0]) ? u.arguments[0].text : undefined;
      if (req !== undefined) return isWorkspaceSpec(req) ? { ref: { spec: req, name: '=' } } : undefined;
      if (u.expression.kind === tsv.SyntaxKind.ImportKeyword && u.arguments[0] && tsv.isStringLiteralLike(u.arguments[0])) return isWorkspaceSpec(u.arguments[0].text) ? { ref: { spec: u.arguments[0].text, name: 'default' } } : undefined;
      const c = unwrap(u.expression);
      if (tsv.isIdentifier(c) && this.localFns.has(c.text)) return { fn: c.text };
      const ref = moduleRefOf(c, this.imports);
      return ref ? { ref, call: true } : undefined;
    }
    if (tsv.isPropertyAccessExpression(u) && tsv.isParenthesizedExpression(u.expression)) return this.targetOf(u.expression);
    const r = this.routerOf(u, false);
    if (r) return r.ref;
    if (tsv.isIdentifier(u) && this.localFns.has(u.text)) return { fn: u.text };
    const ref = moduleRefOf(u, this.imports);
    return ref ? { ref } : undefined;
  }

  // ---- middleware and handlers ----

  private mwSummary(fn: ts.Node): Summary {
    if (isFn(fn) && fn.parameters.length === 4) return { flags: [] }; // an error handler, not a guard
    const s = this.bodies.summarize(fn);
    return { ...s, flags: s.flags.filter((f) => MW_FLAGS.includes(f)) };
  }

  private mwOf(e: ts.Expression | ts.SpreadElement, nameOverride?: string, depth = 0): MwFact[] {
    if (tsv.isSpreadElement(e)) {
      const arr = this.consts.resolve(e.expression);
      if (arr && tsv.isArrayLiteralExpression(arr) && depth < 3) return arr.elements.flatMap((x) => this.mwOf(x, undefined, depth + 1));
      return [{ name: `...${accessPath(e.expression)?.join('.') ?? 'middlewares'}`, flags: [], opaque: true }];
    }
    const u = unwrap(e);
    if (tsv.isArrayLiteralExpression(u)) return u.elements.flatMap((x) => this.mwOf(x, undefined, depth + 1));
    // koa-router's `authRouter.allowedMethods()`: answers 405/501 for the router's paths; no guard, whatever the router's name
    if (tsv.isCallExpression(u) && tsv.isPropertyAccessExpression(u.expression) && u.expression.name.text === 'allowedMethods') return [{ name: `${accessPath(u.expression)?.join('.') ?? 'router.allowedMethods'}()`, flags: [] }];
    if (isFn(u)) {
      const s = this.mwSummary(u);
      return [{ name: nameOverride ?? 'an inline middleware', flags: s.flags, ref: undefined, ...(s.fallsThrough ? { fallsThrough: s.fallsThrough } : {}) }];
    }
    if (tsv.isIdentifier(u)) {
      const name = nameOverride ?? u.text;
      const b = this.imports.bindings.get(u.text);
      if (b) {
        if (isWorkspaceSpec(b.module)) return [{ name, flags: nameFlags(name), ref: moduleRefOf(u, this.imports) }];
        return [{ name, flags: uniq([...moduleFlags(b.module, b.name === 'default' || b.name === '*' ? [] : [b.name]), ...nameFlags(name)]) }];
      }
      const local = this.localFns.get(u.text);
      const target = this.fnTarget(local);
      if (target && (isFn(target) || tsv.isClassLike(target))) return [withBody({ name, flags: nameFlags(name) }, this.mwSummary(target))];
      const init = this.consts.get(u.text);
      if (init && depth < 3) {
        const ui = unwrap(init);
        if (tsv.isArrayLiteralExpression(ui)) return ui.elements.flatMap((x) => this.mwOf(x, undefined, depth + 1));
        return this.mwOf(init, name, depth + 1).map((m) => ({ ...m, flags: uniq([...m.flags, ...nameFlags(name)]) }));
      }
      const decl = findDeclaration(u);
      if (decl && tsv.isVariableDeclaration(decl) && !(tsv.isVariableDeclarationList(decl.parent) && decl.parent.flags & tsv.NodeFlags.Const)) return [{ name, flags: nameFlags(name), opaque: true }];
      return [{ name, flags: nameFlags(name) }];
    }
    if (tsv.isPropertyAccessExpression(u)) {
      const path = accessPath(u);
      const display = nameOverride ?? path?.join('.') ?? u.name.text;
      const r = resolveCallee(u, this.imports);
      const flags = uniq([...(r && !isWorkspaceSpec(r.module) ? moduleFlags(r.module, r.path) : []), ...nameFlags(display)]);
      const ref = moduleRefOf(u, this.imports);
      const local = path && path.length === 2 ? this.fnTarget(this.localFns.get(path.join('.')) ?? this.localFns.get(`${this.facts.instances?.[path[0]] ?? ''}.${path[1]}`)) : undefined;
      const out: MwFact = { name: display, flags, ref, member: !r ? u.name.text : undefined };
      return [local && (isFn(local) || tsv.isClassLike(local)) ? withBody(out, this.mwSummary(local)) : out];
    }
    if (tsv.isCallExpression(u) || tsv.isNewExpression(u)) {
      const callee = unwrap(u.expression);
      const cname = accessPath(callee)?.join('.') ?? calleeName(u) ?? 'middleware';
      const lit = (u.arguments ?? []).map((a) => stringValue(a, this.consts)).filter((s): s is string => s !== undefined).slice(0, 2);
      const display = nameOverride ?? (tsv.isNewExpression(u) ? cname : `${cname}(${lit.map((s) => `'${s}'`).join(', ')})`);
      const r = resolveCallee(callee, this.imports);
      let flags: Flag[] = [...(r && !isWorkspaceSpec(r.module) ? moduleFlags(r.module, r.path) : []), ...nameFlags(cname)];
      if (nameOverride) flags.push(...nameFlags(nameOverride));
      // koa-jwt with `passthrough: true`, express-jwt with `credentialsRequired: false`: requests without a token go through
      if (r && optionalAuthOptions(r.module, u.arguments?.[0], this.consts)) flags = flags.filter((f) => f !== 'auth');
      // a builder chain: `body('email').trim().isEmail()` is express-validator's `body`
      let evRoot = r?.module === 'express-validator' ? r.path.join('.') : undefined;
      if (!r) {
        let root: ts.Expression = callee;
        while (tsv.isPropertyAccessExpression(root) && tsv.isCallExpression(unwrap(root.expression))) root = unwrap((unwrap(root.expression) as ts.CallExpression).expression);
        const rr = root !== callee ? resolveCallee(root, this.imports) : undefined;
        if (rr && !isWorkspaceSpec(rr.module)) flags.push(...moduleFlags(rr.module, rr.path));
        if (rr?.module === 'express-validator') evRoot = rr.path.join('.');
      }
      // combinators: fastify.auth([a, b]), asyncHandler(requireUser), compose(mw1, mw2)
      for (const a of u.arguments ?? []) {
        const ua = unwrap(a);
        const localFn = tsv.isIdentifier(ua) ? this.fnTarget(this.localFns.get(ua.text)) : undefined;
        if (tsv.isArrayLiteralExpression(ua) || isFn(ua) || (localFn && isFn(localFn))) for (const m of this.mwOf(ua, undefined, depth + 1)) flags.push(...m.flags);
      }
      const localFactory = tsv.isIdentifier(callee) ? this.fnTarget(this.localFns.get(callee.text)) : undefined;
      if (localFactory && isFn(localFactory)) flags.push(...this.bodies.summarize(localFactory).flags.filter((f) => MW_FLAGS.includes(f)));
      const ref = moduleRefOf(callee, this.imports);
      const out: MwFact = { name: display, flags: uniq(flags), ref };
      if (evRoot) out.fields = evRoot === 'checkExact' ? 'exact' : 'open';
      // `authCheck(...Object.values(Role))`: a role factory given every role lets any signed-in user through
      const args = u.arguments ?? [];
      if (args.length && args.every((a) => tsv.isSpreadElement(a) && tsv.isCallExpression(unwrap(a.expression)) && /^Object\.(values|keys)$/.test(accessPath(unwrap((unwrap(a.expression) as ts.CallExpression).expression))?.join('.') ?? ''))) out.everyRole = true;
      return [out];
    }
    if (tsv.isConditionalExpression(u) || tsv.isBinaryExpression(u)) return [{ name: 'a conditional middleware', flags: [], opaque: true }];
    return [{ name: 'middleware', flags: [], opaque: true }];
  }

  /** `controller` of `controller.create` declared in a function as `const controller = new CustomersController(service)`: the class name. */
  private scopedInstanceOf(access: ts.PropertyAccessExpression): string | undefined {
    let root: ts.Expression = unwrap(access.expression);
    if (!tsv.isIdentifier(root)) return undefined;
    const d = findDeclaration(root);
    const init = d && tsv.isVariableDeclaration(d) && d.initializer ? unwrap(d.initializer) : undefined;
    if (!init || !tsv.isNewExpression(init)) return undefined;
    root = unwrap(init.expression);
    return tsv.isIdentifier(root) ? root.text : undefined;
  }

  private handlerOf(e: ts.Expression): HandlerFact {
    const u = unwrap(e);
    if (isFn(u)) { this.summarized.add(u); return { ...this.bodies.summarize(u), range: this.range(u) }; }
    if (tsv.isIdentifier(u)) {
      const b = this.imports.bindings.get(u.text);
      if (b) return isWorkspaceSpec(b.module) ? { flags: [], name: u.text, ref: moduleRefOf(u, this.imports) } : { flags: [], name: u.text, opaque: true };
      const local = this.fnTarget(this.localFns.get(u.text));
      if (local && (isFn(local) || tsv.isCallExpression(local))) return this.handlerOfNode(local, u.text);
      return { flags: [], name: u.text, opaque: true };
    }
    if (tsv.isPropertyAccessExpression(u)) {
      const path = accessPath(u);
      if (path && path[0] === 'this' && path.length === 2) {
        const cls = findClass(u);
        const local = cls?.name && this.fnTarget(this.localFns.get(`${cls.name.text}.${path[1]}`));
        if (local && isFn(local)) return this.handlerOfNode(local, path[1]);
      }
      if (path && path.length === 2) {
        const cls = this.facts.instances?.[path[0]] ?? this.scopedInstanceOf(u);
        const local = this.fnTarget(this.localFns.get(path.join('.')) ?? this.localFns.get(`${cls ?? ''}.${path[1]}`));
        if (local && isFn(local)) return this.handlerOfNode(local, path.join('.'));
        const b = cls ? this.imports.bindings.get(cls) : undefined;
        if (b && isWorkspaceSpec(b.module)) return { flags: [], name: path.join('.'), ref: { spec: b.module, name: b.name === '*' ? cls! : b.name, member: path[1] } };
      }
      const ref = moduleRefOf(u, this.imports);
      return ref ? { flags: [], name: path?.join('.'), ref } : { flags: [], name: path?.join('.'), opaque: true };
    }
    if (tsv.isCallExpression(u) && tsv.isPropertyAccessExpression(u.expression) && u.expression.name.text === 'bind') return this.handlerOf(u.expression.expression);
    if (tsv.isCallExpression(u)) return this.handlerOfNode(u, undefined);
    return { flags: [], opaque: true };
  }

  /** A handler node: a function, or a wrapper call around one (`asyncHandler(fn)`, `withAuth(handler)`). */
  private handlerOfNode(n: ts.Node, name: string | undefined): HandlerFact {
    if (isFn(n)) return { ...this.bodies.summarize(n), name, range: this.range(n) };
    if (tsv.isCallExpression(n)) {
      const wrapper = accessPath(n.expression)?.join('.') ?? calleeName(n) ?? '';
      const r = resolveCallee(n.expression, this.imports);
      const optional = !!r && optionalAuthOptions(r.module, n.arguments[0], this.consts);
      const wrapFlags = uniq([...nameFlags(wrapper), ...(r && !isWorkspaceSpec(r.module) ? moduleFlags(r.module, r.path) : [])]).filter((f) => f !== 'public' && !(optional && f === 'auth'));
      const inner = [...n.arguments].map((a) => unwrap(a)).find((a) => isFn(a) || (tsv.isIdentifier(a) && (this.localFns.has(a.text) || this.imports.bindings.has(a.text))));
      let h: HandlerFact;
      if (inner) h = this.handlerOf(inner);
      else {
        const ref = moduleRefOf(unwrap(n.expression), this.imports);
        h = ref ? { flags: [], ref: { ...ref }, name: wrapper } : { flags: [], opaque: true, name: wrapper };
        if (ref) h.ref = ref;
      }
      const out: HandlerFact = { ...h, flags: [...h.flags], refs: h.refs && [...h.refs], name: name ?? h.name };
      for (const f of wrapFlags) addFlag(out, f, `${wrapper}()`);
      // the wrapper runs on every request too (auth, rate limit, validation it does count): same file or another module
      const wrapperExpr = unwrap(n.expression);
      const local = tsv.isIdentifier(wrapperExpr) ? this.fnTarget(this.localFns.get(wrapperExpr.text)) : undefined;
      if (local && isFn(local)) { mergeInto(out, this.bodies.summarize(local)); if (!inner) delete out.opaque; }
      else if (inner) { const ref = moduleRefOf(wrapperExpr, this.imports); if (ref) (out.refs ??= []).push(ref); }
      out.range ??= this.range(n);
      if (optional) out.optionalAuth = true;
      return out;
    }
    return { flags: [], name, opaque: true };
  }

  // ---- NestJS ----

  private nestDecorators(node: ts.Node): { http?: { method: string; paths: string[] | null; dec: ts.Decorator; graphql?: true }; controller?: { prefix: string[] | null; graphql?: true }; mw: MwFact[] } {
    const out: ReturnType<Extractor['nestDecorators']> = { mw: [] };
    for (const d of decoratorsOf(node)) {
      const r = resolveDecorator(d, this.imports);
      const e = unwrap(d.expression);
      const call = tsv.isCallExpression(e) ? e : undefined;
      const args = call ? [...call.arguments] : [];
      const name = r?.name ?? accessPath(call ? call.expression : e)?.join('.') ?? '';
      const fromCommon = r?.module === '@nestjs/common';
      if (fromCommon && NEST_HTTP[name]) { out.http = { method: NEST_HTTP[name], paths: args.length ? this.nestPaths(args[0]) : [''], dec: d }; continue; }
      if (fromCommon && name === 'Controller') { out.controller = { prefix: args.length ? this.nestPaths(args[0]) : [''] }; continue; }
      if (fromCommon && name === 'UseGuards') { for (const a of args) out.mw.push(...this.mwOf(a).map((m): MwFact => ({ ...m, name: m.name, nest: 'guard' }))); continue; }
      if (fromCommon && name === 'UsePipes') {
        const named = args.map((a) => accessPath(tsv.isNewExpression(unwrap(a)) || tsv.isCallExpression(unwrap(a)) ? (unwrap(a) as ts.NewExpression).expression : a)?.join('.') ?? '');
        out.mw.push({ name: `@UsePipes(${named.join(', ')})`, flags: named.some((x) => /valid|zod|joi|yup|schema/i.test(x)) ? ['validate'] : [] });
        continue;
      }
      if (fromCommon && name === 'SetMetadata') {
        const key = stringValue(args[0], this.consts) ?? '';
        const flags: Flag[] = /public|anonym|skip.?auth|no.?auth/i.test(key) ? ['public'] : /role|permission|scope|polic/i.test(key) ? ['role', 'auth'] : [];
        out.mw.push({ name: `@SetMetadata('${key}')`, flags, nest: 'metadata' });
        continue;
      }
      if (fromCommon) continue;
      if (r?.module === '@nestjs/graphql') {
        if (name === 'Resolver') out.controller = { prefix: [''], graphql: true };
        else if (name === 'Query' || name === 'Mutation') {
          // `@Mutation(() => Post, { name: 'createPost' })`: the operation's name, else the method's (filled in by onNestClass)
          const opts = args.map((a) => asObject(a, this.consts)).find((o) => o);
          const named = opts ? findProperty(opts, 'name', this.consts) : undefined;
          const op = named ? stringValue(named.value, this.consts) : undefined;
          out.http = { method: name === 'Mutation' ? 'POST' : 'GET', paths: named ? (op !== undefined ? [op] : null) : [], dec: d, graphql: true };
        }
        continue;
      }
      if (r?.module === '@nestjs/throttler') { if (name !== 'SkipThrottle') out.mw.push({ name: `@${name}`, flags: ['rate-limit'] }); continue; }
      if (r?.module === '@nestjs/swagger' || /^Api[A-Z]/.test(name)) continue;
      const m: MwFact = { name: `@${name}`, flags: nameFlags(name) };
      const calleeExpr = call ? unwrap(call.expression) : e;
      if (tsv.isIdentifier(calleeExpr)) {
        const ref = moduleRefOf(calleeExpr, this.imports);
        if (ref) m.ref = ref;
        const local = this.fnTarget(this.localFns.get(calleeExpr.text));
        if (local && isFn(local)) {
          const sum = this.bodies.summarize(local);
          m.flags = uniq([...m.flags, ...sum.flags.filter((f) => MW_FLAGS.includes(f))]);
          m.nest = sum.guards ? 'guard' : 'metadata';
        } else if (local && tsv.isCallExpression(local)) {
          const lname = calleeName(local);
          const key = lname === 'SetMetadata' ? stringValue(local.arguments[0], this.consts) ?? '' : '';
          if (/public|anonym|skip.?auth|no.?auth/i.test(key)) m.flags = ['public'];
          else if (/role|permission|scope|polic/i.test(key)) m.flags = uniq([...m.flags, 'role', 'auth']);
          else if (lname === 'Reflector.createDecorator' || (lname === 'createDecorator')) m.flags = uniq(m.flags);
          if (isMetadataDecorator(lname)) m.nest = 'metadata';
        }
      }
      out.mw.push(m);
    }
    return out;
  }

  private nestPaths(e: ts.Expression): string[] | null {
    const o = asObject(e, this.consts);
    if (o) { const p = findProperty(o, 'path', this.consts); return p ? this.pathsOf(p.value) : ['']; }
    return this.pathsOf(e);
  }

  private onNestClass(cls: ts.ClassDeclaration): void {
    const d = this.nestDecorators(cls);
    if (!d.controller) return;
    const controller: NestController = { name: cls.name?.text ?? 'default', range: this.range(cls.name ?? cls), prefix: d.controller.prefix, mw: d.mw, routes: [] };
    if (d.controller.graphql) controller.graphql = true;
    for (const m of cls.members) {
      if (!tsv.isMethodDeclaration(m)) continue;
      const md = this.nestDecorators(m);
      if (!md.http || !!md.http.graphql !== !!controller.graphql) continue;
      if (md.http.graphql && md.http.paths?.length === 0) md.http.paths = [propName(m.name) ?? ''];
      const handler: HandlerFact = { ...this.bodies.summarize(m), name: `${controller.name}.${propName(m.name) ?? ''}`, range: this.range(m.name) };
      handler.flags = [...handler.flags];
      let bodyType: NestRoute['body'];
      let unvalidatedField = false;
      let bodyWhitelist: boolean | undefined;
      for (const p of m.parameters) {
        for (const pd of decoratorsOf(p)) {
          const r = resolveDecorator(pd, this.imports);
          if (r?.module === '@nestjs/common' && r.name === 'Body' && !(r.args.length && tsv.isStringLiteralLike(unwrap(r.args[0]))) && p.type && tsv.isTypeReferenceNode(p.type) && tsv.isIdentifier(p.type.typeName)) {
            const t = p.type.typeName.text;
            const b = this.imports.bindings.get(t);
            bodyType = b ? (isWorkspaceSpec(b.module) ? { ref: { spec: b.module, name: b.name } } : undefined) : { local: t };
            if (r.args.length) bodyWhitelist = r.args.some((a) => whitelistPipe(a, this.consts));
          }
          if (r?.module === '@nestjs/graphql' && r.name === 'Args') addFlag(handler, 'reads-input');
          else if (!r || r.module !== '@nestjs/common') continue;
          else if (/^(Body|Query|Param|UploadedFile|UploadedFiles|Headers)$/.test(r.name) && r.name !== 'Headers') addFlag(handler, 'reads-input');
          const pipes = r.args.map((a) => accessPath(tsv.isNewExpression(unwrap(a)) ? (unwrap(a) as ts.NewExpression).expression : a)?.join('.') ?? '');
          if (pipes.some((x) => /Pipe$|valid|zod/i.test(x))) addFlag(handler, 'validate');
          else if (r.name === 'Body' && r.args.length === 1 && tsv.isStringLiteralLike(unwrap(r.args[0])) && !dtoType(p.type)) unvalidatedField = true;
        }
      }
      const route: NestRoute = { method: md.http.method, paths: md.http.paths, range: this.range(md.http.dec), mw: md.mw, handler };
      if (bodyType) route.body = bodyType;
      if (unvalidatedField) route.unvalidatedField = true;
      if (bodyWhitelist !== undefined) route.bodyWhitelist = bodyWhitelist;
      if (m.parameters.some((p) => isOptionalUserParam(p, this.imports))) route.optionalUser = true;
      controller.routes.push(route);
    }
    ((this.facts.nest ??= {}).controllers ??= []).push(controller);
  }

  /** A TypeORM `@Entity()` or Mongoose `@Schema()` class. */
  private onEntity(cls: ts.ClassDeclaration): void {
    if (!cls.name) return;
    const orm = decoratorsOf(cls).some((d) => { const r = resolveDecorator(d, this.imports); return (r?.module === 'typeorm' && r.name === 'Entity') || (r?.module === '@nestjs/mongoose' && r.name === 'Schema'); });
    if (orm) (this.entities ??= []).push(cls.name.text);
  }

  /** A class-validator DTO: the server-owned fields it lets a client set (`@IsEnum(Role) role: Role`). */
  private onDto(cls: ts.ClassDeclaration): void {
    if (!cls.name) return;
    const fields: Array<{ field: string; range: Range }> = [];
    for (const m of cls.members) {
      if (!tsv.isPropertyDeclaration(m) || !m.name) continue;
      const name = propName(m.name);
      if (!name || !SERVER_OWNED.test(name)) continue;
      // validated, so the ValidationPipe's whitelist keeps it: a property with no class-validator decorator is stripped
      const validated = decoratorsOf(m).some((d) => resolveDecorator(d, this.imports)?.module === 'class-validator');
      if (validated) fields.push({ field: name, range: this.range(m.name) });
    }
    if (fields.length) (this.dtos ??= {})[cls.name.text] = fields;
  }

  private onNestGlobal(call: ts.CallExpression, m: string): void {
    if (!this.imports.modules.some((x) => x.module.startsWith('@nestjs/'))) return;
    const nest = (this.facts.nest ??= {});
    if (m === 'setGlobalPrefix') {
      // a literal, or the default of a config read (`config.get('API_PREFIX', 'api/v1')`); otherwise set but unknown
      const a = call.arguments[0] && unwrap(call.arguments[0]);
      const dflt = a && tsv.isCallExpression(a) && /^(get|getOrThrow)$/.test(calleeName(a) ?? '') ? stringValue(a.arguments[1], this.consts) : undefined;
      nest.globalPrefix = stringValue(a, this.consts) ?? dflt ?? null;
      return;
    }
    for (const a of call.arguments) {
      const mws = this.mwOf(a);
      if (m === 'useGlobalGuards') (nest.globalGuards ??= []).push(...mws);
      else if (mws.some((x) => /valid|zod/i.test(x.name) || x.flags.includes('validate'))) {
        nest.globalValidation = true;
        const w = pipeWhitelist(a, this.consts);
        if (w !== undefined && nest.globalWhitelist !== true) nest.globalWhitelist = w;
      }
    }
  }

  /** `consumer.apply(A, B).exclude({ path: 'x', method: RequestMethod.GET }).forRoutes(CatsController, 'dogs/*')`. */
  private onNestConsumer(call: ts.CallExpression): void {
    if (!this.imports.modules.some((x) => x.module.startsWith('@nestjs/'))) return;
    let applied: MwFact[] | undefined;
    let exclude: NestMwTarget[] | null = [];
    for (let e: ts.Expression = unwrap(call.expression); tsv.isPropertyAccessExpression(e) && tsv.isCallExpression(unwrap(e.expression));) {
      const inner = unwrap(e.expression) as ts.CallExpression;
      const name = calleeName(inner);
      if (name === 'apply') { applied = inner.arguments.flatMap((a) => this.mwOf(a)); break; }
      if (name === 'exclude') { const t = this.nestTargets(inner.arguments); exclude = t && exclude ? [...exclude, ...t] : null; }
      e = unwrap(inner.expression);
    }
    if (!applied) return;
    ((this.facts.nest ??= {}).middleware ??= []).push({ mw: applied, routes: this.nestTargets(call.arguments), exclude });
  }

  private nestTargets(args: readonly ts.Expression[]): NestMwTarget[] | null {
    const out: NestMwTarget[] = [];
    for (const a of args) {
      const u = unwrap(a);
      const s = stringValue(u, this.consts);
      if (s !== undefined) { out.push({ path: s }); continue; }
      const o = asObject(u, this.consts);
      if (o) {
        const path = stringValue(findProperty(o, 'path', this.consts)?.value, this.consts);
        const m = findProperty(o, 'method', this.consts)?.value;
        const method = m ? accessPath(m)?.slice(-1)[0] : undefined;
        if (path === undefined || (m && !method)) return null;
        out.push({ path, method: method && method !== 'ALL' ? method : undefined });
        continue;
      }
      if (tsv.isIdentifier(u) && /^[A-Z]/.test(u.text)) { out.push({ controller: u.text }); continue; }
      return null;
    }
    return out;
  }

  private onNestProvider(o: ts.ObjectLiteralExpression): void {
    const provide = findProperty(o, 'provide', this.consts)?.value;
    // the imported constant, or its value as a string (`provide: 'APP_GUARD'`, which Nest accepts too)
    const token = provide && (accessPath(provide)?.join('.') ?? stringValue(provide, this.consts));
    if (token !== 'APP_GUARD' && token !== 'APP_PIPE') return;
    const use = findProperty(o, 'useClass', this.consts)?.value ?? findProperty(o, 'useExisting', this.consts)?.value ?? findProperty(o, 'useValue', this.consts)?.value;
    const nest = (this.facts.nest ??= {});
    if (!use) { if (token === 'APP_GUARD') (nest.globalGuards ??= []).push({ name: 'APP_GUARD', flags: [], opaque: true }); return; }
    const mws = this.mwOf(use);
    if (token === 'APP_GUARD') (nest.globalGuards ??= []).push(...mws);
    else if (mws.some((x) => /valid|zod/i.test(x.name))) nest.globalValidation = true;
  }

  // ---- Next.js ----

  private nextFacts(): void {
    const p = this.path;
    const isRoute = /(^|\/)app\/(.+\/)?route\.[cm]?[jt]sx?$/.test(p);
    const isPagesApi = /(^|\/)pages\/api\/.+\.[cm]?[jt]sx?$/.test(p);
    const isMiddleware = /(^|\/)(middleware|proxy)\.[cm]?[jt]s$/.test(p);
    const next: NextFacts = {};
    const exports = this.facts.exports ?? {};
    if (isRoute) {
      for (const [name, local] of Object.entries(exports)) {
        if (!NEXT_METHODS.has(name)) continue;
        const node = this.exportNodes.get(name);
        const handler = this.exportedHandler(local);
        (next.handlers ??= []).push({ method: name, range: this.range(node ?? this.sf), handler });
      }
      for (const re of this.facts.reexports ?? []) if (NEXT_METHODS.has(re.as)) (next.handlers ??= []).push({ method: re.as, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, handler: { flags: [], opaque: !isWorkspaceSpec(re.spec), ref: isWorkspaceSpec(re.spec) ? { spec: re.spec, name: re.name } : undefined } });
    }
    if (isPagesApi) {
      const local = exports.default ?? exports['='];
      const node = this.exportNodes.get('default') ?? this.exportNodes.get('=');
      if (local) {
        const handler = this.exportedHandler(local);
        if (local === 'default') delete handler.name;
        const methods = handler.methods?.length ? handler.methods : ['ALL'];
        const range = this.range(node && (tsv.isFunctionDeclaration(node) || tsv.isExportAssignment(node)) ? node : node ?? this.sf);
        // a handler branching on `req.method`: what each method's branch does (a session check in the GET branch guards no DELETE)
        const value = this.localFns.get(local);
        const fn = value && (tsv.isExpression(value) ? unwrap(value) : value);
        // the handler itself, or the one a wrapper takes (`withIronSessionApiRoute(handler, options)`)
        const innerArg = fn && tsv.isCallExpression(fn) ? fn.arguments.map((a) => unwrap(a)).find((a) => isFn(a) || tsv.isIdentifier(a)) : undefined;
        const inner = innerArg && (isFn(innerArg) ? innerArg : this.fnTarget(this.localFns.get((innerArg as ts.Identifier).text)));
        const own = methods.length > 1 ? (fn && isFn(fn) ? fn : inner && isFn(inner) ? inner : undefined) : undefined;
        // what the wrapper adds (its name, its package, its own body) holds for every method
        const full = own && own !== fn ? this.bodies.summarize(own) : undefined;
        const wrapperOnly = full ? handler.flags.filter((f) => !full.flags.includes(f)) : [];
        const sameRef = (a: ModuleRef, b: ModuleRef) => a.spec === b.spec && a.name === b.name && a.member === b.member;
        const wrapperRefs = full ? (handler.refs ?? []).filter((r) => !(full.refs ?? []).some((x) => sameRef(r, x))) : [];
        for (const method of methods) {
          let h: HandlerFact = handler;
          if (own) {
            const m = this.bodies.summarizeFor(own, method);
            const refs = [...wrapperRefs, ...(m.refs ?? [])];
            h = { ...m, flags: uniq([...wrapperOnly, ...m.flags]), ...(wrapperOnly.includes('auth') && handler.auth ? { auth: handler.auth } : {}), ...(refs.length ? { refs } : {}), ...(handler.name ? { name: handler.name } : {}), ...(handler.range ? { range: handler.range } : {}) };
          }
          (next.handlers ??= []).push({ method, range: pagesRange(this.sf, node, range), handler: h });
        }
      }
    }
    if (isMiddleware) this.nextMiddleware(next);
    if (/(^|\/)app\/(.+\/)?(page|layout)\.[cm]?[jt]sx?$/.test(p)) this.pageGuard(next);
    this.serverActions(next);
    if (next.handlers || next.actions || next.middleware || next.pageGuard) this.facts.next = next;
  }

  /** A page or layout whose default export turns visitors without a session away (NextFacts.pageGuard). */
  private pageGuard(next: NextFacts): void {
    const local = this.facts.exports?.default;
    const fn = local ? this.fnTarget(this.localFns.get(local)) : undefined;
    if (!fn || !isFn(fn)) return;
    const s = this.bodies.summarize(fn);
    if (s.flags.includes('auth') && s.enforces && !s.fallsThrough) next.pageGuard = { by: s.auth ?? 'a session check', range: this.range(this.exportNodes.get('default') ?? fn) };
  }

  /** The handler behind an export: a local function (possibly wrapped), an imported one, or unknown. */
  private exportedHandler(local: string): HandlerFact {
    const value = this.localFns.get(local);
    if (value) {
      const raw = tsv.isExpression(value) ? unwrap(value) : value;
      if (isFn(raw) || tsv.isCallExpression(raw)) return this.handlerOfNode(raw, local);
      if (tsv.isIdentifier(raw) || tsv.isPropertyAccessExpression(raw)) return this.handlerOf(raw);
    }
    const b = this.imports.bindings.get(local);
    if (b && isWorkspaceSpec(b.module)) return { flags: [], name: local, ref: this.refOfBinding(local) };
    return { flags: [], name: local, opaque: true };
  }

  private refOfBinding(local: string): ModuleRef | undefined {
    const b = this.imports.bindings.get(local);
    if (!b || !isWorkspaceSpec(b.module)) return undefined;
    return { spec: b.module, name: b.name === '*' ? '=' : b.name };
  }

  private serverActions(next: NextFacts): void {
    const fileLevel = hasDirective(this.sf.statements, 'use server');
    const add = (name: string, fn: ts.Node, at: ts.Node) => {
      const s = this.bodies.summarize(fn);
      const handler: HandlerFact = { ...s, flags: [...s.flags], name, range: this.range(fn) };
      if (isFn(fn) && fn.parameters.length) addFlag(handler, 'reads-input');
      (next.actions ??= []).push({ name, range: this.range(at), handler });
    };
    if (fileLevel) {
      for (const [exp, local] of Object.entries(this.facts.exports ?? {})) {
        const fn = this.fnTarget(this.localFns.get(local));
        if (fn && isFn(fn)) add(exp, fn, this.exportNodes.get(exp) ?? fn);
      }
      return;
    }
    for (const n of this.inlineActions) {
      if (!isFn(n)) continue;
      const name = n.name && tsv.isIdentifier(n.name) ? n.name.text : tsv.isVariableDeclaration(n.parent) && tsv.isIdentifier(n.parent.name) ? n.parent.name.text : 'action';
      add(name, n, n.name ?? n);
    }
  }

  private nextMiddleware(next: NextFacts): void {
    const exports = this.facts.exports ?? {};
    const name = ['middleware', 'proxy', 'default'].find((n) => exports[n]);
    const mw: MwFact[] = [];
    let range: Range | undefined;
    let fnNode: ts.Node | undefined;
    let opaque = false;
    let protect: NextMiddlewareFact['protect'];
    if (name) {
      const value = this.localFns.get(exports[name]);
      const node = this.exportNodes.get(name);
      range = this.range(node ?? this.sf);
      const u = value && tsv.isExpression(value) ? unwrap(value) : value;
      if (u && tsv.isCallExpression(u)) {
        const wrapper = accessPath(u.expression)?.join('.') ?? calleeName(u) ?? '';
        const r = resolveCallee(u.expression, this.imports);
        const flags = uniq([...nameFlags(wrapper), ...(r && !isWorkspaceSpec(r.module) ? moduleFlags(r.module, r.path) : [])]);
        mw.push({ name: `${wrapper}()`, flags, ref: moduleRefOf(unwrap(u.expression), this.imports) });
        fnNode = [...u.arguments].map((a) => unwrap(a)).find(isFn) ?? u;
        const o = u.arguments.map((a) => asObject(a, this.consts)).find(Boolean);
        if (o && /authMiddleware/.test(wrapper)) {
          const pub = findProperty(o, 'publicRoutes', this.consts)?.value;
          const ign = findProperty(o, 'ignoredRoutes', this.consts)?.value;
          const except = [...(pub ? this.pathsOf(pub) ?? ['\0'] : []), ...(ign ? this.pathsOf(ign) ?? ['\0'] : [])];
          if (except.includes('\0')) opaque = true; else if (except.length) protect = { except };
        }
      } else if (u && tsv.isPropertyAccessExpression(u)) {
        const display = accessPath(u)?.join('.') ?? 'auth';
        mw.push({ name: display, flags: nameFlags(u.name.text), ref: moduleRefOf(u, this.imports) });
      } else if (u && tsv.isIdentifier(u)) {
        const b = this.imports.bindings.get(u.text);
        mw.push({ name: u.text, flags: uniq([...nameFlags(u.text), ...(b && !isWorkspaceSpec(b.module) ? moduleFlags(b.module, [b.name]) : [])]), ref: moduleRefOf(u, this.imports) });
      } else if (u) fnNode = this.fnTarget(u);
      else {
        const b = this.imports.bindings.get(exports[name]);
        if (b) mw.push({ name: exports[name], flags: uniq([...nameFlags(b.name === 'default' ? exports[name] : b.name), ...(isWorkspaceSpec(b.module) ? [] : moduleFlags(b.module, [b.name]))]), ref: this.refOfBinding(exports[name]) });
      }
    } else {
      const re = this.facts.reexports?.find((r) => r.as === 'middleware' || r.as === 'default' || r.as === 'proxy');
      if (!re) return;
      range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const node = this.sf.statements.find((s) => tsv.isExportDeclaration(s) && s.moduleSpecifier && tsv.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === re.spec);
      if (node) range = this.range(node);
      mw.push({ name: re.name === 'default' ? re.spec : re.name, flags: uniq([...(re.name === 'default' ? [] : nameFlags(re.name)), ...(isWorkspaceSpec(re.spec) ? [] : moduleFlags(re.spec, re.name === 'default' ? [] : [re.name]))]), ref: isWorkspaceSpec(re.spec) ? { spec: re.spec, name: re.name } : undefined });
    }
    if (fnNode && (isFn(fnNode) || tsv.isCallExpression(fnNode))) {
      const s = this.bodies.summarize(fnNode);
      // a middleware that only reads or refreshes the session does not guard anything
      const enforcing = s.enforces || mw.some((m) => m.flags.includes('auth'));
      // named for its file: middleware.ts, or proxy.ts (Next 16)
      mw.push({ name: /(^|\/)proxy\.[cm]?[jt]s$/.test(this.path) ? 'proxy.ts' : 'middleware.ts', flags: s.flags.filter((f) => MW_FLAGS.includes(f) && (enforcing || (f !== 'auth' && f !== 'role'))), ref: undefined });
      for (const r of s.refs ?? []) mw.push({ name: r.member ?? r.name, flags: [], ref: r, enforcedHere: s.enforces || undefined });
      const clerk = this.clerkProtect(fnNode);
      if (clerk === null) opaque = true; else if (clerk) protect = clerk;
      else if (s.paths?.opaque) opaque = true;
      else if (s.paths) protect = { only: s.paths.only?.map(prefixPattern), except: s.paths.except?.map(prefixPattern) };
    }
    let matchers: string[] | null | undefined;
    const cfgInit = exports.config ? this.consts.get(exports.config) : undefined;
    const co = cfgInit ? asObject(cfgInit, this.consts) : undefined;
    if (co) {
      const mp = findProperty(co, 'matcher', this.consts);
      if (mp?.value) {
        const v = this.consts.resolve(mp.value) ?? mp.value;
        const one = (e: ts.Expression): string | undefined => { const s = stringValue(e, this.consts); if (s !== undefined) return s; const o = asObject(e, this.consts); return o ? stringValue(findProperty(o, 'source', this.consts)?.value, this.consts) : undefined; };
        if (tsv.isArrayLiteralExpression(v)) { const all = v.elements.map((e) => one(e)); matchers = all.every((x) => x !== undefined) ? all as string[] : null; }
        else { const s = one(v); matchers = s !== undefined ? [s] : null; }
      }
    } else if (exports.config) matchers = null;
    next.middleware = { range: range!, matchers, mw, protect, opaque: opaque || undefined };
  }

  /** Clerk: `if (isProtected(req)) auth.protect()` / `if (!isPublic(req)) await auth.protect()`. Undefined when not used, null when unreadable. */
  private clerkProtect(fn: ts.Node): NextMiddlewareFact['protect'] | null | undefined {
    const matchers = new Map<string, string[] | null>();
    const visitM = (n: ts.Node): void => {
      if (tsv.isVariableDeclaration(n) && tsv.isIdentifier(n.name) && n.initializer && tsv.isCallExpression(unwrap(n.initializer)) && calleeName(unwrap(n.initializer) as ts.CallExpression) === 'createRouteMatcher') {
        matchers.set(n.name.text, this.pathsOf((unwrap(n.initializer) as ts.CallExpression).arguments[0]));
      }
      tsv.forEachChild(n, visitM);
    };
    visitM(this.sf);
    let result: NextMiddlewareFact['protect'] | null | undefined;
    const visit = (n: ts.Node): void => {
      if (result === null) return;
      if (tsv.isCallExpression(n) && /^(protect|redirectToSignIn)$/.test(calleeName(n) ?? '')) {
        let cond: ts.Expression | undefined;
        for (let p: ts.Node = n; p && p !== fn; p = p.parent) {
          if (tsv.isIfStatement(p.parent) && p.parent.thenStatement === p) { cond = p.parent.expression; break; }
          if (tsv.isIfStatement(p.parent) && p.parent.elseStatement === p) { result = null; return; }
          if (tsv.isConditionalExpression(p.parent) && p.parent.condition !== p) { result = null; return; }
        }
        if (!cond) { result = {}; return; }
        let neg = false;
        let c = unwrap(cond);
        if (tsv.isPrefixUnaryExpression(c) && c.operator === tsv.SyntaxKind.ExclamationToken) { neg = true; c = unwrap(c.operand); }
        const m = tsv.isCallExpression(c) && tsv.isIdentifier(c.expression) ? matchers.get(c.expression.text) : undefined;
        if (!m) { result = null; return; }
        result = neg ? { except: m } : { only: m };
        return;
      }
      tsv.forEachChild(n, visit);
    };
    visit(fn);
    return result;
  }

  // ---- summaries of exported functions, for other files' routes ----

  /** Browser UI code (components, 'use client'): never a middleware, handler or service, so its exports need no summary. */
  private uiFile(): boolean {
    if (hasDirective(this.sf.statements, 'use client')) return true;
    if (hasDirective(this.sf.statements, 'use server')) return false;
    return this.imports.modules.some((m) => UI_MODULES.test(m.module));
  }

  // ---- tRPC ----

  /** Cheap checks before the names: the callee's last name, then one object (or a name of one) for a router, names or calls for a merge. */
  private trpcCandidate(call: ts.CallExpression): boolean {
    const e = call.expression;
    const last = tsv.isIdentifier(e) ? e.text : tsv.isPropertyAccessExpression(e) ? e.name.text : undefined;
    if (last === undefined || !TRPC_CALLEES.has(last)) return false;
    const a = unwrap(call.arguments[0]);
    return call.arguments.length === 1 ? tsv.isObjectLiteralExpression(a) || tsv.isIdentifier(a) || tsv.isCallExpression(a) : tsv.isIdentifier(a) || tsv.isCallExpression(a);
  }

  /** The object literal a router call is given, directly or through a const (`router(routes)`). */
  private trpcObject(e: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
    const u = e && unwrap(e);
    if (u && tsv.isObjectLiteralExpression(u)) return u;
    const c = u && tsv.isIdentifier(u) ? this.consts.valueOf(u) : undefined;
    const uc = c && unwrap(c);
    return uc && tsv.isObjectLiteralExpression(uc) ? uc : undefined;
  }

  /** `createTRPCRouter({ create: protectedProcedure.input(s).mutation(fn), post: postRouter })`: a router with procedures or nested routers. */
  private onTrpcRouter(call: ts.CallExpression, callee: ts.Expression): boolean {
    if (this.trpcInline.has(call)) return true;
    const name = accessPath(callee)?.join('.');
    if (!name) return false;
    const fact: TrpcRouterFact = { range: this.range(callee), procedures: [], children: [] };
    if (TRPC_MERGE.test(name)) this.readTrpcMerge(call, [], fact);
    else {
      const obj = call.arguments.length === 1 && TRPC_ROUTER.test(name) ? this.trpcObject(call.arguments[0]) : undefined;
      if (!obj) return false;
      this.readTrpcRouter(obj, [], fact);
    }
    if (!fact.procedures.length && !fact.children.length) return false;
    let up: ts.Node = call.parent;
    while (tsv.isParenthesizedExpression(up) || tsv.isAsExpression(up) || tsv.isSatisfiesExpression(up)) up = up.parent;
    if (tsv.isVariableDeclaration(up) && tsv.isIdentifier(up.name)) fact.local = up.name.text;
    this.trpc.push(fact);
    return true;
  }

  /** `mergeRouters(userRouter, router({...}))`: the routers merged, their keys at the top. */
  private readTrpcMerge(call: ts.CallExpression, prefix: string[], fact: TrpcRouterFact): void {
    for (const a of call.arguments) {
      const u = unwrap(a);
      if (tsv.isCallExpression(u)) this.readTrpcInline(u, prefix, fact);
      else this.trpcChild(u, prefix, fact);
    }
  }

  /** A router or merge written inline where a router is expected (`post: createTRPCRouter({...})`): read into `fact` under `prefix`, and not again as a router of its own. */
  private readTrpcInline(call: ts.CallExpression, prefix: string[], fact: TrpcRouterFact): void {
    const n = accessPath(unwrap(call.expression))?.join('.') ?? '';
    const obj = TRPC_ROUTER.test(n) && call.arguments.length === 1 ? this.trpcObject(call.arguments[0]) : undefined;
    if (obj) { this.trpcInline.add(call); this.readTrpcRouter(obj, prefix, fact); }
    else if (TRPC_MERGE.test(n)) { this.trpcInline.add(call); this.readTrpcMerge(call, prefix, fact); }
  }

  /** The facts of a procedure chain read by trpcProcedure, at `key` (anchored at `at`). */
  private procedureFact(key: string, at: ts.Node, proc: NonNullable<ReturnType<Extractor['trpcProcedure']>>): TrpcProcedureFact {
    return { key, type: proc.type, range: this.range(at), base: this.mwOf(proc.base)[0], mw: proc.uses.flatMap((u) => this.mwOf(u)), validated: proc.validated, handler: proc.resolver ? this.handlerOf(proc.resolver) : { flags: [], opaque: true } };
  }

  /** A router (or part of one) nested under `prefix`: local or imported. */
  private trpcChild(v: ts.Expression, path: string[], fact: TrpcRouterFact): void {
    if (tsv.isIdentifier(v) && !this.imports.bindings.has(v.text)) fact.children.push({ key: path.join('.'), target: { local: v.text } });
    else if (tsv.isIdentifier(v) || tsv.isPropertyAccessExpression(v)) {
      const ref = moduleRefOf(v, this.imports);
      if (ref) fact.children.push({ key: path.join('.'), target: { ref } });
    }
  }

  private readTrpcRouter(obj: ts.ObjectLiteralExpression, prefix: string[], fact: TrpcRouterFact, depth = 0): void {
    for (const p of obj.properties) {
      let key: string | undefined;
      let value: ts.Expression;
      if (tsv.isPropertyAssignment(p)) { key = propName(p.name); value = p.initializer; }
      else if (tsv.isShorthandPropertyAssignment(p)) { key = p.name.text; value = p.name; }
      else if (tsv.isSpreadAssignment(p)) {
        // `...userQueries`: an object of procedures of this file (read in place) or another module's (nested with no key)
        const own = depth < 3 ? this.trpcObject(p.expression) : undefined;
        if (own) this.readTrpcRouter(own, prefix, fact, depth + 1);
        else this.trpcChild(unwrap(p.expression), prefix, fact);
        continue;
      } else continue;
      if (key === undefined) continue;
      const path = [...prefix, key];
      const v = unwrap(value);
      // a procedure built in a const of its own: `const create = protectedProcedure.input(s).mutation(fn)`
      const own = tsv.isIdentifier(v) && !this.imports.bindings.has(v.text) ? this.consts.valueOf(v) : undefined;
      const proc = this.trpcProcedure(value) ?? (own && this.trpcProcedure(own));
      if (proc) fact.procedures.push(this.procedureFact(path.join('.'), p.name, proc));
      else if (tsv.isCallExpression(v)) this.readTrpcInline(v, path, fact);
      else this.trpcChild(v, path, fact);
    }
  }

  /** Exported pieces of routers: `export const byId = publicProcedure.query(...)`, `export const userQueries = { byId: ... }`. */
  private trpcParts(): void {
    for (const st of this.sf.statements) {
      if (!tsv.isVariableStatement(st) || !st.modifiers?.some((m) => m.kind === tsv.SyntaxKind.ExportKeyword)) continue;
      for (const d of st.declarationList.declarations) {
        if (!tsv.isIdentifier(d.name) || !d.initializer) continue;
        const init = unwrap(d.initializer);
        const fact: TrpcRouterFact = { local: d.name.text, range: this.range(d.name), procedures: [], children: [], part: true };
        const proc = tsv.isCallExpression(init) ? this.trpcProcedure(init) : undefined;
        if (proc) fact.procedures.push(this.procedureFact('', d.name, proc));
        else if (tsv.isObjectLiteralExpression(init)) {
          this.readTrpcRouter(init, [], fact);
          if (!fact.procedures.length) continue;
        } else continue;
        this.trpc.push(fact);
      }
    }
  }

  /** A tRPC procedure chain: `base[.use(mw)][.input(schema)]...(.query|.mutation|.subscription)(resolver)`, its base a procedure builder. */
  private trpcProcedure(e: ts.Expression): { type: TrpcProcedureFact['type']; base: ts.Expression; uses: ts.Expression[]; validated: boolean; resolver?: ts.Expression } | undefined {
    const u = unwrap(e);
    if (!tsv.isCallExpression(u) || !tsv.isPropertyAccessExpression(u.expression)) return undefined;
    const type = u.expression.name.text;
    if (type !== 'query' && type !== 'mutation' && type !== 'subscription') return undefined;
    const uses: ts.Expression[] = [];
    let validated = false;
    let cur = unwrap(u.expression.expression);
    while (tsv.isCallExpression(cur) && tsv.isPropertyAccessExpression(cur.expression) && TRPC_CHAIN.test(cur.expression.name.text)) {
      const m = cur.expression.name.text;
      if (m === 'input' && cur.arguments.length) validated = true;
      if ((m === 'use' || m === 'concat' || m === 'unstable_concat') && cur.arguments[0]) uses.unshift(cur.arguments[0]);
      cur = unwrap(cur.expression.expression);
    }
    // the chain starts at a procedure builder: `publicProcedure`, `protectedProcedure`, `t.procedure`
    const name = tsv.isIdentifier(cur) ? cur.text : tsv.isPropertyAccessExpression(cur) ? cur.name.text : undefined;
    if (!name || !/procedure$/i.test(name)) return undefined;
    return { type, base: cur, uses, validated, resolver: u.arguments[0] };
  }

  private exportedSummaries(): void {
    const fns: Record<string, FnFact> = {};
    const add = (local: string) => {
      const node = this.fnTarget(this.localFns.get(local));
      if (!node || fns[local]) return;
      if (!(isFn(node) || tsv.isClassLike(node) || tsv.isCallExpression(node))) return;
      if (tsv.isCallExpression(node) && isMetadataDecorator(calleeName(node))) {
        // `export const Roles = Reflector.createDecorator<string[]>()`: what it means comes from its name where it is used
        fns[local] = { flags: [], metadata: true, range: this.range(node) };
        return;
      }
      if (tsv.isCallExpression(node) && (this.creationOf(node) || !node.arguments.length)) return;
      const s = tsv.isCallExpression(node) ? this.handlerOfNode(node, local) : this.bodies.summarize(node);
      fns[local] = { flags: s.flags, auth: s.auth, role: s.role, refs: s.refs, pkgRefs: s.pkgRefs, paths: s.paths, enforces: s.enforces, guards: s.guards, optionalAuth: s.optionalAuth, readsMetadata: s.readsMetadata, readsClassMetadata: s.readsClassMetadata, openValidation: s.openValidation, unchecked: s.unchecked, fallsThrough: s.fallsThrough, range: this.range(isFn(node) && node.name ? node.name : tsv.isClassLike(node) && node.name ? node.name : node) };
    };
    const exported = new Set(Object.values(this.facts.exports ?? {}));
    // Classes with an exported instance (`export const users = new UsersService()`): their methods are summarised too.
    const exportedInstanceOf = new Set(Object.entries(this.facts.instances ?? {}).filter(([v]) => exported.has(v)).map(([, c]) => c));
    for (const [local] of this.localFns) {
      const dot = local.indexOf('.');
      const owner = dot < 0 ? local : local.slice(0, dot);
      // `=.favorite.post`: exported through `=.favorite`
      const group = dot < 0 ? undefined : local.slice(0, local.lastIndexOf('.'));
      if (exported.has(local) || exported.has(owner) || (group && exported.has(group)) || exportedInstanceOf.has(owner)) add(local);
    }
    if (Object.keys(fns).length) this.facts.fns = fns;
  }
}

/** A parameter type a ValidationPipe validates: a DTO class (by the usual names), not a primitive, an enum or a union of literals. */
function dtoType(t: ts.TypeNode | undefined): boolean {
  return !!t && tsv.isTypeReferenceNode(t) && tsv.isIdentifier(t.typeName) && /(Dto|DTO|Input|Body|Request|Payload|Schema|Args)$/.test(t.typeName.text);
}

/** Param decorators that hand a Nest handler the signed-in user (the app's own `createParamDecorator`s, by name). */
const USER_PARAM = /^(CurrentUser|User|AuthUser|AuthedUser|AuthenticatedUser|ReqUser|RequestUser|GetUser|LoggedInUser|SessionUser|CurrentAccount|CurrentSession|Viewer)$/;

/**
 * `@CurrentUser() user?: User`, `@CurrentUser() user: User | undefined`: a handler parameter, decorated to receive
 * the signed-in user, that the handler declares it may not get. Not a decorator of Nest's own (`@Req()`...).
 */
function isOptionalUserParam(p: ts.ParameterDeclaration, imports: FileImports): boolean {
  const optional = !!p.questionToken || (!!p.type && tsv.isUnionTypeNode(p.type) && p.type.types.some((t) =>
    t.kind === tsv.SyntaxKind.UndefinedKeyword || (tsv.isLiteralTypeNode(t) && t.literal.kind === tsv.SyntaxKind.NullKeyword)));
  if (!optional) return false;
  return decoratorsOf(p).some((d) => {
    const r = resolveDecorator(d, imports);
    if (r?.module.startsWith('@nestjs/')) return false;
    const callee = tsv.isCallExpression(d.expression) ? d.expression.expression : d.expression;
    const name = r?.name ?? (tsv.isIdentifier(callee) ? callee.text : undefined);
    return !!name && USER_PARAM.test(name);
  });
}

/** Where a call happens, in order: its method name (`.use` of `new Hono().use(a).use(b)` comes after the inner one's), else its start. */
function callPos(call: ts.CallExpression, sf: ts.SourceFile): number {
  return tsv.isPropertyAccessExpression(call.expression) ? call.expression.name.getStart(sf) : call.getStart(sf);
}

/** Whether a file serves a Hono instance: `export default app`, a read of `app.fetch` / `app.fire()`, or `handle(app)` / `serve(app)`. */
function servesHono(sf: ts.SourceFile, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (tsv.isExportAssignment(n) && tsv.isIdentifier(unwrap(n.expression)) && (unwrap(n.expression) as ts.Identifier).text === name) { found = true; return; }
    if (tsv.isPropertyAccessExpression(n) && tsv.isIdentifier(n.expression) && n.expression.text === name && /^(fetch|fire|request)$/.test(n.name.text)) { found = true; return; }
    if (tsv.isCallExpression(n) && /^(handle|serve|createServer|toSSG)$/.test(calleeName(n) ?? '') && n.arguments.some((a) => tsv.isIdentifier(unwrap(a)) && (unwrap(a) as ts.Identifier).text === name)) { found = true; return; }
    tsv.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** The `initApp` of `createFactory({ initApp(app) {...} })` from hono/factory. */
function isHonoInitApp(fn: ts.Node, imports: FileImports): boolean {
  const holder = tsv.isMethodDeclaration(fn) ? fn : tsv.isPropertyAssignment(fn.parent) ? fn.parent : undefined;
  if (!holder || propName(holder.name) !== 'initApp' || !tsv.isObjectLiteralExpression(holder.parent)) return false;
  const call = holder.parent.parent;
  if (!tsv.isCallExpression(call)) return false;
  const r = resolveCallee(call.expression, imports);
  return r?.module === 'hono/factory' && r.path.join('.') === 'createFactory';
}

/** A middleware's facts with what its body does: its flags added, or, when it answers 401 (403) and goes on, its name's `auth` (`role`) dropped. */
function withBody(mw: MwFact, body: Summary): MwFact {
  const out: MwFact = { ...mw, flags: uniq([...mw.flags, ...body.flags]) };
  // `authorizeRequest` whose body only verifies the token: the body says what it checks
  if (authorizeOnlyName(mw.name) && !body.flags.includes('role')) out.flags = out.flags.filter((f) => f !== 'role');
  if (body.fallsThrough) {
    const kind: Flag = body.fallsThrough.status === 401 ? 'auth' : 'role';
    out.flags = out.flags.filter((f) => f !== kind || body.flags.includes(kind));
    out.fallsThrough = body.fallsThrough;
  }
  return out;
}

/** A ValidationPipe argument's `whitelist`: true / false when its options say, undefined when they cannot be read (a pipe of the app's own, options from a variable). */
function pipeWhitelist(a: ts.Expression, consts: ConstTable): boolean | undefined {
  const u = unwrap(a);
  const ctor = tsv.isNewExpression(u) ? u.expression : u;
  const name = accessPath(ctor)?.join('.');
  if (name !== 'ValidationPipe') return undefined;
  if (!tsv.isNewExpression(u) || !u.arguments?.length) return false;
  const o = asObject(u.arguments[0], consts);
  if (!o || hasOpaqueSpread(o, consts)) return undefined;
  const w = findProperty(o, 'whitelist', consts)?.value;
  return !!w && isTrue(w, consts);
}

/** Whether a `@Body()` pipe argument strips unknown keys; a pipe that cannot be read counts as one (no finding from doubt). */
function whitelistPipe(a: ts.Expression, consts: ConstTable): boolean {
  const u = unwrap(a);
  const name = accessPath(tsv.isNewExpression(u) ? u.expression : u)?.join('.');
  if (name !== 'ValidationPipe') return true;
  return pipeWhitelist(a, consts) !== false;
}

/** Drops undefined properties, so facts are the same after a JSON round trip (the cache may serialise them). */
function stripUndefined<T>(v: T): T {
  if (Array.isArray(v)) { v.forEach(stripUndefined); return v; }
  if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (x === undefined) delete (v as Record<string, unknown>)[k]; else stripUndefined(x);
    }
  }
  return v;
}

/** Pathname prefixes (`pathname.startsWith('/admin')`) as matcher patterns. */
const prefixPattern = (p: string) => `${p.replace(/\/+$/, '')}(.*)`;

function hasDirective(stmts: readonly ts.Statement[], text: string): boolean {
  for (const st of stmts) {
    if (!tsv.isExpressionStatement(st) || !tsv.isStringLiteral(st.expression)) return false;
    if (st.expression.text === text) return true;
  }
  return false;
}

function isFpWrapped(fn: ts.Node): boolean {
  const p = fn.parent;
  return !!p && tsv.isCallExpression(p) && /^(fp|fastifyPlugin|plugin)$/.test(calleeName(p) ?? '');
}

function findClass(n: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let p = n.parent; p; p = p.parent) if (tsv.isClassLike(p)) return p;
  return undefined;
}

function pagesRange(sf: ts.SourceFile, node: ts.Node | undefined, fallback: Range): Range {
  if (node && tsv.isFunctionDeclaration(node) && node.name) return nodeRange(sf, node.name);
  return fallback;
}

export function uniq<T>(xs: T[]): T[] { return [...new Set(xs)]; }

/** Joins route path pieces: ('/api', '/users/') -> '/api/users'. */
export function joinPath(a: string, b: string): string {
  const parts = [a, b].map((s) => s.replace(/^\/+|\/+$/g, '')).filter(Boolean);
  return '/' + parts.join('/');
}

function normalizeDir(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop(); else out.push(part);
  }
  return out.join('/');
}

export { mergeInto, addFlag, nameFlags, moduleFlags };
