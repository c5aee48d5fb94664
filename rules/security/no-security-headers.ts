import { ts } from 'ts-morph';
import type * as jsonc from 'jsonc-parser';
import type { FileRuleContext, Fix, Position, Range, TextEdit, TsRule, TsVisitor, WorkspaceRuleContext } from '../../server/engine/types';
import type { PackageInfo } from '../../server/engine/facts/workspaceFacts';
import { basename } from '../../server/engine/parse';
import { tomlLeaves } from '../../server/engine/toml';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import { LineIndex, START } from '../../server/engine/positions';
import { jsonKeyRange, setJsonValue } from '../../server/engine/jsonEdits';
import { calleeName, isTestPath, propName, resolveCallee, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { packageName } from '../../server/engine/ts/imports';
import { afterImports, nodeRange, quoteOf } from '../../server/engine/ts/edits';
import { ENTRY_NAMES, SERVER_DEPS } from '../../server/engine/facts/servers';

const ID = 'security/no-security-headers';
const SECURITY_HEADERS = new Set(['content-security-policy', 'strict-transport-security', 'x-frame-options', 'x-content-type-options', 'content-security-policy-report-only']);
const HEADER_PACKAGES = new Set(['helmet', '@fastify/helmet', 'fastify-helmet', 'koa-helmet', 'next-safe', '@next-safe/middleware', 'next-secure-headers', 'lusca', 'elysia-helmet', '@hapi/blankie', 'blankie', 'hono-helmet']);
const HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append', 'writeHead']);
/** The modules an app site is resolved from (`site` below). */
const APP_MODULES = new Set(['express', 'fastify', '@nestjs/core', 'koa', 'hono']);
const SETTER_OR_KEY = [...HEADER_SETTERS, 'key'];

type Flavor = 'express' | 'fastify' | 'koa' | 'hono' | 'nest' | 'nest-fastify';
/** Where an app object is created, and what the fix needs to register the middleware right after it. */
interface AppSite { flavor: Flavor; app?: string; range: Range; after?: Position; indent: string; awaitable: boolean; importAt: Position; importAfter: boolean; esm: boolean; quote: string; helmetBound: boolean }
interface Data { headers?: boolean; apps?: AppSite[] }

const PLAN: Record<Flavor, { pkg?: string; version?: string; importName: string; module: string; named?: boolean; call: (app: string, aw: boolean) => string; advice: string }> = {
  express: { pkg: 'helmet', version: '^8.1.0', importName: 'helmet', module: 'helmet', call: (a) => `${a}.use(helmet());`, advice: 'Add helmet before the routes: `app.use(helmet())`.' },
  nest: { pkg: 'helmet', version: '^8.1.0', importName: 'helmet', module: 'helmet', call: (a) => `${a}.use(helmet());`, advice: 'Add helmet in main.ts: `app.use(helmet())`.' },
  koa: { pkg: 'koa-helmet', version: '^9.0.0', importName: 'helmet', module: 'koa-helmet', call: (a) => `${a}.use(helmet());`, advice: 'Add koa-helmet before the routes: `app.use(helmet())`.' },
  fastify: { pkg: '@fastify/helmet', version: '^13.0.1', importName: 'helmet', module: '@fastify/helmet', call: (a, aw) => `${aw ? 'await ' : ''}${a}.register(helmet);`, advice: 'Register @fastify/helmet: `await app.register(helmet)`.' },
  'nest-fastify': { pkg: '@fastify/helmet', version: '^13.0.1', importName: 'helmet', module: '@fastify/helmet', call: (a) => `await ${a}.register(helmet);`, advice: 'Register @fastify/helmet in main.ts: `await app.register(helmet)`.' },
  hono: { importName: 'secureHeaders', module: 'hono/secure-headers', named: true, call: (a) => `${a}.use(secureHeaders());`, advice: "Add Hono's secureHeaders middleware: `app.use(secureHeaders())`." },
};

const WHY = 'responses carry no Content-Security-Policy, Strict-Transport-Security, X-Frame-Options or X-Content-Type-Options, so browsers allow clickjacking, MIME sniffing and HTTPS downgrades on what it serves';

const headerName = (e: ts.Expression | undefined) => { const s = e && stringValue(e); return !!s && SECURITY_HEADERS.has(s.toLowerCase()); };

/** The expression a value is part of: up through the object / array literals, spreads, conditionals and casts holding it. */
function holder(n: ts.Node): ts.Node {
  for (;;) {
    const p = n.parent;
    const up = ts.isObjectLiteralExpression(p) || ts.isArrayLiteralExpression(p) || ts.isSpreadElement(p) || ts.isSpreadAssignment(p)
      || ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isNonNullExpression(p)
      || (ts.isPropertyAssignment(p) && p.initializer === n) || ts.isShorthandPropertyAssignment(p)
      || (ts.isConditionalExpression(p) && p.condition !== n)
      || (ts.isBinaryExpression(p) && p.right === n && (p.operatorToken.kind === ts.SyntaxKind.BarBarToken || p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken));
    if (!up) return n;
    n = p;
  }
}

/**
 * Whether headers written as properties are put to use: passed to a call (`res.set({...})`, `NextResponse.next({ headers })`,
 * `new Headers({...})`), returned (next.config's `headers()`), assigned, exported, or held by a const that is. An array
 * of header names nobody reads sets nothing.
 */
function headersUsed(prop: ts.Node, sf: ts.SourceFile, depth = 0): boolean {
  const top = holder(prop);
  const p = top.parent;
  if (!p || depth > 4) return false;
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(top as ts.Expression)) return true;
  if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === top) || ts.isExportAssignment(p) || ts.isJsxExpression(p)) return true;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === top) return true;
  if (ts.isPropertyAccessExpression(p) && p.expression === top) return true;
  if (ts.isVariableDeclaration(p) && p.initializer === top && ts.isIdentifier(p.name)) {
    const st = p.parent.parent;
    if (ts.isVariableStatement(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return true;
    const name = p.name.text;
    const decl = p.name;
    let used = false;
    const visit = (n: ts.Node): void => {
      if (used) return;
      if (ts.isIdentifier(n) && n.text === name && n !== decl && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !(ts.isPropertyAssignment(n.parent) && n.parent.name === n)) {
        if (ts.isExportSpecifier(n.parent) || headersUsed(n, sf, depth + 1)) used = true;
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    return used;
  }
  return false;
}

const rule: TsRule = {
  meta: {
    id: ID,
    category: 'security',
    phase: 'harden',
    tier: 'tech-debt',
    title: 'No security headers (helmet or equivalent)',
    fixKind: 'multi-file',
    effort: 'minutes',
    checklist: 'harden.cors-headers',
    docs: {
      why: "Browsers enforce a set of protections only when the server asks for them: Content-Security-Policy (limits what an injected script can do), Strict-Transport-Security (no downgrade to HTTP), X-Frame-Options / frame-ancestors (no clickjacking), X-Content-Type-Options (no MIME sniffing). Express, Fastify, Koa, Nest and Hono send none by default. One middleware sets sane defaults: helmet, @fastify/helmet, koa-helmet, Hono's secureHeaders; for Next.js, `headers()` in next.config or a middleware.",
      checks: "Headers set by hand, in vercel.json / netlify.toml, or by an nginx in front count too.",
      bad: { files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0' } }, null, 2) + '\n',
        'src/server.ts': "import express from 'express';\n\nconst app = express();\napp.use(express.json());\napp.listen(3000);\n",
      } },
      good: { files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', helmet: '^8.1.0' } }, null, 2) + '\n',
        'src/server.ts': "import express from 'express';\nimport helmet from 'helmet';\n\nconst app = express();\napp.use(helmet());\napp.use(express.json());\napp.listen(3000);\n",
      } },
      fix: "Express / Nest: `app.use(helmet())` (helmet); Fastify: `await app.register(helmet)` (@fastify/helmet); Koa: `app.use(helmet())` (koa-helmet); Hono: `app.use(secureHeaders())` (hono/secure-headers); Next.js: `async headers()` in next.config returning Content-Security-Policy, Strict-Transport-Security, X-Frame-Options and X-Content-Type-Options (or next-safe). The quick fix adds the middleware right after the app is created, its import, and the dependency. Tune the Content-Security-Policy for pages that load third-party scripts.",
    },
  },
  scope: 'ts',
  kinds: ['json', 'toml', 'text'],
  create(ctx): TsVisitor {
    const { sf, imports, file } = ctx;
    if (isTestPath(file.path)) return {};
    const data = () => ruleDataOf<Data>(ctx.facts, ID, () => ({}));
    if (imports.modules.some((m) => HEADER_PACKAGES.has(packageName(m.module) ?? '') || m.module === 'hono/secure-headers')) data().headers = true;
    // The rest needs an app created from one of APP_MODULES, a setter call, a `key:` property or a security header's name as a
    // key (quoted or computed keys are in the name table). No `triggers`: header keys come in any case, and the table is case-sensitive.
    if (!imports.modules.some((m) => APP_MODULES.has(m.module)) && !SETTER_OR_KEY.some(ctx.hasName)
      && !ctx.someName((n) => SECURITY_HEADERS.has(n.toLowerCase()))) return {};
    const esm = sf.statements.some((s) => ts.isImportDeclaration(s)) || (imports.modules.length === 0 && /\.(m?tsx?|mjs)$/i.test(file.path));
    const importEnd = afterImports(sf);
    const importAt = sf.getLineAndCharacterOfPosition(importEnd);
    const q = quoteOf(sf);
    const helmetBound = imports.bindings.has('helmet') || imports.bindings.has('secureHeaders');

    const site = (flavor: Flavor, call: ts.Node) => {
      let n: ts.Node = call;
      while (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent)) n = n.parent;
      const decl = n.parent;
      let app: string | undefined;
      let after: Position | undefined;
      let indent = '';
      let awaitable = false;
      if (ts.isVariableDeclaration(decl) && decl.initializer === n && ts.isIdentifier(decl.name) && ts.isVariableDeclarationList(decl.parent) && ts.isVariableStatement(decl.parent.parent) && decl.parent.declarations.length === 1) {
        const st = decl.parent.parent;
        app = decl.name.text;
        after = sf.getLineAndCharacterOfPosition(st.end);
        const lineStart = sf.getPositionOfLineAndCharacter(sf.getLineAndCharacterOfPosition(st.getStart(sf)).line, 0);
        indent = /^[ \t]*/.exec(sf.text.slice(lineStart, st.getStart(sf)))![0];
        let fn: ts.Node | undefined = st.parent;
        while (fn && !ts.isFunctionLike(fn) && !ts.isSourceFile(fn)) fn = fn.parent;
        awaitable = !!fn && ts.isFunctionLike(fn) && !!ts.getModifiers(fn as ts.FunctionLikeDeclaration)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
      }
      (data().apps ??= []).push({ flavor, app, range: nodeRange(sf, call), after, indent, awaitable, importAt, importAfter: importEnd > 0, esm, quote: q, helmetBound });
    };

    const onCall = (node: ts.Node) => {
      const call = node as ts.CallExpression | ts.NewExpression;
      const r = resolveCallee(call.expression, imports);
      const path = r?.path.join('.');
      if (r && ts.isCallExpression(call)) {
        if (r.module === 'express' && path === '') site('express', call);
        else if (r.module === 'fastify' && (path === '' || path === 'fastify' || path === 'default')) site('fastify', call);
        else if (r.module === '@nestjs/core' && path === 'NestFactory.create') {
          const adapter = call.arguments[1] && unwrap(call.arguments[1]);
          const fastify = !!adapter && ts.isNewExpression(adapter) && /FastifyAdapter$/.test(adapter.expression.getText(sf));
          site(fastify ? 'nest-fastify' : 'nest', call);
        } else if (r.module === 'hono/secure-headers') data().headers = true;
      }
      if (r && ts.isNewExpression(call)) {
        if (r.module === 'koa' && path === '') site('koa', call);
        else if (r.module === 'hono' && path === 'Hono') site('hono', call);
      }
      if (ts.isCallExpression(call) && HEADER_SETTERS.has(calleeName(call) ?? '')) {
        if (headerName(call.arguments[0])) data().headers = true;
        else if (call.arguments.some((a) => { const o = unwrap(a); return ts.isObjectLiteralExpression(o) && o.properties.some((p) => SECURITY_HEADERS.has((propName(p.name) ?? '').toLowerCase())); })) data().headers = true;
      }
    };
    return {
      CallExpression: onCall,
      NewExpression: onCall,
      PropertyAssignment(node) {
        const p = node as ts.PropertyAssignment;
        const name = propName(p.name)?.toLowerCase();
        if (!name) return;
        if ((SECURITY_HEADERS.has(name) || (name === 'key' && headerName(p.initializer))) && !data().headers && headersUsed(p, sf)) data().headers = true;
      },
    };
  },
  check(ctx: FileRuleContext) {
    const { file } = ctx;
    const name = basename(file.path);
    let found = false;
    if (file.kind === 'json' && name === 'vercel.json' && file.ast) {
      const visit = (n: jsonc.Node): void => {
        if (found) return;
        if (n.type === 'string' && typeof n.value === 'string' && SECURITY_HEADERS.has(n.value.toLowerCase())) found = true;
        n.children?.forEach(visit);
      };
      visit(file.ast);
    } else if (file.kind === 'toml' && name === 'netlify.toml' && file.ast) {
      // [[headers]] for = "/*" with [headers.values] (or `values = { ... }`): a security header's name as a key.
      found = tomlLeaves(file.ast).some(({ path }) => path[0] === 'headers' && typeof path[1] === 'number' && path[2] === 'values' && typeof path[3] === 'string' && SECURITY_HEADERS.has(path[3].toLowerCase()));
    } else if (file.kind === 'text' && (/(^|\.)nginx[\w.-]*\.conf$|^nginx\.conf$|\.conf$/i.test(name) || name === 'Caddyfile')) {
      for (const line of file.text.split(/\r?\n/)) {
        const l = line.trim();
        if (l.startsWith('#')) continue;
        const words = l.split(/[\s=:"']+/).filter(Boolean).map((w) => w.toLowerCase());
        if (words.some((w) => SECURITY_HEADERS.has(w))) { found = true; break; }
      }
    }
    if (found) ruleDataOf<Data>(ctx.facts, ID, () => ({})).headers = true;
  },
  checkWorkspace(ctx: WorkspaceRuleContext) {
    const { facts, files } = ctx;
    const protectedDirs = new Set<string>();
    let proxy = false;
    const sites = new Map<string, Array<{ file: string; site: AppSite }>>();
    for (const [path, f] of files) {
      const data = getRuleData<Data>(f.facts, ID);
      if (!data) continue;
      const dir = facts.packageOf(path)?.dir ?? '';
      if (data.headers) {
        if (f.kind === 'text') proxy = true;
        else protectedDirs.add(dir);
      }
      for (const site of data.apps ?? []) {
        if (f.facts.isTest) continue;
        if (!sites.has(dir)) sites.set(dir, []);
        sites.get(dir)!.push({ file: path, site });
      }
    }
    if (proxy) return;
    const byName = new Map(facts.packages.filter((p) => p.manifest.name).map((p) => [p.manifest.name!, p]));
    for (const pkg of facts.packages) {
      const m = pkg.manifest;
      const runtime = SERVER_DEPS.filter((d) => m.dependencies.includes(d));
      if (!pkg.serverEntries.length && !runtime.length) continue;
      if (!pkg.serverEntries.length && pkg.dir === '' && m.workspaces) continue;
      if (protectedDirs.has(pkg.dir)) continue;
      // a header package in package.json counts when some code of the package imports it (its use may be beyond
      // what the scan reads); installed and imported nowhere, it protects nothing
      const installed = [...m.dependencies, ...m.devDependencies].find((d) => HEADER_PACKAGES.has(d));
      if (installed && [...files].some(([path, f]) => facts.packageOf(path) === pkg && f.facts.imports?.some((i) => HEADER_PACKAGES.has(i)))) continue;
      const unused = installed ? ` (${installed} is in package.json, but no file imports it)` : '';
      if (m.dependencies.some((d) => byName.get(d) && byName.get(d) !== pkg && protectedDirs.has(byName.get(d)!.dir))) continue;
      const label = m.name ? `"${m.name}"` : pkg.dir || 'this server';
      const manifestText = files.get(pkg.manifestPath)?.text ?? '';
      if (runtime.includes('next')) {
        const config = ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs'].map((n) => (pkg.dir ? `${pkg.dir}/${n}` : n)).find((p) => files.has(p));
        const message = `No security headers are set in ${label}${unused}: ${WHY}. Return them from \`async headers()\` in next.config (or set them in middleware.ts, or use next-safe).`;
        if (config) ctx.report({ file: config, range: START, message });
        else ctx.report({ file: pkg.manifestPath, range: jsonKeyRange(manifestText, ['dependencies', 'next']) ?? START, message });
        continue;
      }
      const candidates = sites.get(pkg.dir) ?? [];
      const chosen = pickSite(candidates, pkg);
      if (chosen) {
        const plan = PLAN[chosen.site.flavor];
        ctx.report({ file: chosen.file, range: chosen.site.range, message: `No security headers are set in ${label}${unused}: ${WHY}. ${plan.advice}`, fixes: fixFor(chosen.file, chosen.site, files.get(chosen.file)?.text ?? '', pkg, manifestText) });
        continue;
      }
      if (!pkg.serverEntries.length && runtime.every((d) => d === 'hono')) continue;
      const entry = [...pkg.serverEntries].sort()[0];
      const start = entry ? files.get(entry)?.facts.serverStart : undefined;
      const message = `No security headers are set in ${label}${unused}: ${WHY}. Add helmet (or your framework's equivalent) before the routes.`;
      if (entry) ctx.report({ file: entry, range: start?.range ?? START, message });
      else ctx.report({ file: pkg.manifestPath, range: jsonKeyRange(manifestText, ['dependencies', runtime[0]]) ?? START, message });
    }
  },
};

function pickSite(candidates: Array<{ file: string; site: AppSite }>, pkg: PackageInfo): { file: string; site: AppSite } | undefined {
  const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  return [...candidates].sort((a, b) =>
    Number(!pkg.serverEntries.includes(a.file)) - Number(!pkg.serverEntries.includes(b.file)) ||
    Number(!ENTRY_NAMES.test(base(a.file))) - Number(!ENTRY_NAMES.test(base(b.file))) ||
    a.file.split('/').length - b.file.split('/').length || a.file.localeCompare(b.file) ||
    a.site.range.start.line - b.site.range.start.line)[0];
}

function fixFor(file: string, site: AppSite, text: string, pkg: PackageInfo, manifestText: string): Fix[] | undefined {
  if (!site.app || !site.after || site.helmetBound || !text) return undefined;
  const plan = PLAN[site.flavor];
  const eol = new LineIndex(text).eol;
  const q = site.quote;
  const spec = `${q}${plan.module}${q}`;
  const importLine = site.esm
    ? `import ${plan.named ? `{ ${plan.importName} }` : plan.importName} from ${spec};`
    : `const ${plan.named ? `{ ${plan.importName} }` : plan.importName} = require(${spec});`;
  const edits: TextEdit[] = [
    { file, range: { start: site.importAt, end: site.importAt }, newText: site.importAfter ? `${eol}${importLine}` : `${importLine}${eol}` },
    { file, range: { start: site.after, end: site.after }, newText: `${eol}${site.indent}${plan.call(site.app, site.awaitable)}` },
  ];
  if (plan.pkg && plan.version && !pkg.manifest.dependencies.includes(plan.pkg)) edits.push(...setJsonValue(pkg.manifestPath, manifestText, ['dependencies', plan.pkg], plan.version));
  const what = plan.pkg ?? plan.module;
  return [{ title: `Add ${what} to the ${site.flavor.startsWith('nest') ? 'Nest' : site.flavor[0].toUpperCase() + site.flavor.slice(1)} app`, safe: false, edits }];
}

export default rule;
