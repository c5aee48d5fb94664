import { ts } from 'ts-morph';
import type { Range, TsRule, TsVisitor, WorkspaceRuleContext } from '../../server/engine/types';
import type { PackageInfo } from '../../server/engine/facts/workspaceFacts';
import { publicPrefixOf, secretEnvName } from '../../server/engine/envSecrets';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import { calleeName, envVarName, isTestPath, resolveCallee } from '../../server/engine/ts/helpers';
import { nodeRange } from '../../server/engine/ts/edits';

const ID = 'security/privileged-key-in-client';

/** How sure the file is browser code: by itself ('use client', a component with hooks, react-native-dotenv), or depending on the package (Next.js pages, components, a Vite/CRA/Expo app's sources). */
type Where = 'use-client' | 'hooks' | 'rn-env' | 'pages' | 'components' | 'src';
type Kind = 'env' | 'admin-sdk' | 'service-account';
interface Ref { range: Range; subject: string; label?: string; provider?: string; kind: Kind; where?: Where }
interface Data { where: Where; refs: Ref[] }

const SERVER_PATH = /(^|\/)(pages\/api|app\/api|api|server|servers|backend|functions|lambdas?|workers?|jobs|cron|scripts?|prisma|db|database|migrations|seeds?|supabase)\/|\.server\.[cm]?[jt]sx?$|(^|\/)(route|middleware|instrumentation|proxy)\.[cm]?[jt]sx?$|(^|\/)\+server\.[jt]s$|(^|\/)hooks\.server\.[jt]s$|(^|\/)[\w.-]+\.config\.[cm]?[jt]s$/;
const PAGES = /(^|\/)pages\/(?!api\/|_document\.|_middleware\.)[^]*\.[cm]?[jt]sx?$/;
const COMPONENTS = /(^|\/)components\//;
const SERVER_MODULES = /^(node:)?(fs|fs\/promises|child_process|net|tls|dgram|cluster|worker_threads)$|^(express|fastify|koa|hono|@nestjs\/.+|server-only|@hono\/node-server|firebase-functions(\/.*)?|@vercel\/node|next\/headers|next\/server)$/;
const CLIENT_HOOKS = new Set(['useState', 'useEffect', 'useLayoutEffect', 'useReducer', 'useRef', 'useCallback', 'useMemo', 'useContext', 'useTransition', 'useOptimistic', 'useActionState', 'useSyncExternalStore', 'useRouter', 'usePathname', 'useSearchParams', 'useParams']);
/** Functions frameworks keep on the server (Next.js data functions, Remix / React Router loaders and actions, Gatsby). */
const SERVER_ONLY_FNS = /^(getServerSideProps|getStaticProps|getStaticPaths|generateMetadata|generateStaticParams|loader|action|getServerData)$/;
const SERVICE_ACCOUNT_JSON = /(^|\/)[^/]*(service[-_]?account|firebase[-_]adminsdk|admin[-_]?sdk|gcp[-_]?key|google[-_]?credentials|private[-_]?key)[^/]*\.json$/i;
const SPA_DEPS = ['vite', 'react-scripts', '@vitejs/plugin-react', '@vitejs/plugin-react-swc', 'expo', 'react-native', '@craco/craco', 'parcel'];
const SERVER_FRAMEWORKS = /^(next|express|fastify|koa|hono|@nestjs\/core|@remix-run\/.+|@react-router\/dev|@sveltejs\/kit|astro|nuxt|@tanstack\/react-start|@tanstack\/start|vinxi|@hapi\/hapi|@builder\.io\/qwik-city|@solidjs\/start|electron|vite-plugin-electron|electron-vite|vike|vite-plugin-ssr|@analogjs\/platform|nitropack|h3|@vercel\/node|@netlify\/functions)$/;

const WHERE_TEXT: Record<Where, string> = {
  'use-client': "a 'use client' file",
  hooks: 'a React component with hooks',
  'rn-env': 'a React Native app',
  pages: 'a Next.js page component',
  components: 'a component bundled for the browser',
  src: 'front-end code bundled for the browser',
};

function impact(ref: Ref): string {
  if (ref.provider === 'Supabase' && /service-role/.test(ref.label ?? '')) return 'it bypasses row-level security, so whoever holds it reads and writes every table';
  if (ref.provider === 'Stripe') return 'whoever holds it can charge cards, issue refunds and read every customer';
  if (/private key|service-account/.test(ref.label ?? '')) return 'whoever holds it acts as your server account';
  return `whoever holds it uses ${ref.provider ? `your ${ref.provider} account` : 'it'} as your server`;
}

function envNote(pkg: PackageInfo | undefined, where: Where): string {
  const deps = pkg ? [...pkg.manifest.dependencies, ...pkg.manifest.devDependencies] : [];
  const pick = (prefix: string, tool: string) => `${tool} only sends ${prefix} variables to the browser, so it is undefined there, and the usual workaround (a ${prefix} copy) would publish it to every visitor.`;
  if (deps.includes('next') || where === 'pages') return pick('NEXT_PUBLIC_', 'Next.js');
  if (deps.includes('expo')) return pick('EXPO_PUBLIC_', 'Expo');
  if (deps.includes('react-scripts')) return pick('REACT_APP_', 'Create React App');
  if (deps.includes('vite')) return pick('VITE_', 'Vite');
  return 'Bundlers either leave it undefined in the browser or inline it for every visitor to read.';
}

function message(ref: Ref, where: Where, pkg: PackageInfo | undefined): string {
  const place = WHERE_TEXT[where];
  if (ref.kind === 'admin-sdk') return `\`${ref.subject}\` is imported in ${place}: it is Firebase's server SDK, with full access to the project and no security rules, and its credentials cannot be shipped to browsers safely. Use the client SDK (firebase/app, firebase/firestore) with security rules in the browser, and keep firebase-admin in API routes or Cloud Functions.`;
  if (ref.kind === 'service-account') return `\`${ref.subject}\` is imported in ${place}: the bundler copies the whole file, private key included, into the JavaScript every visitor downloads. Load service-account credentials only on the server, from an environment variable or a secret store, and rotate this key.`;
  if (where === 'rn-env') return `\`${ref.subject}\` (${ref.label}) is imported from '@env' in ${place}: react-native-dotenv inlines the value into the app bundle, where anyone can extract it; ${impact(ref)}. Call the provider from your backend instead, and rotate the key.`;
  return `\`${ref.subject}\` (${ref.label}) is read in ${place}. ${envNote(pkg, where)} ${impact(ref)[0].toUpperCase()}${impact(ref).slice(1)}. Use it only on the server (a route handler, server action or API endpoint) and have the browser call that.`;
}

function isSpa(pkg: PackageInfo | undefined): boolean {
  if (!pkg) return false;
  const deps = [...pkg.manifest.dependencies, ...pkg.manifest.devDependencies];
  return deps.some((d) => SPA_DEPS.includes(d)) && !deps.some((d) => SERVER_FRAMEWORKS.test(d)) && pkg.serverEntries.length === 0;
}

const rule: TsRule = {
  meta: {
    id: ID,
    category: 'security',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'Server-only keys referenced from browser code',
    fixKind: 'none',
    effort: 'hour',
    checklist: 'harden.secrets',
    docs: {
      why: "Server-only credentials (the Supabase service-role key, Firebase Admin service accounts, Stripe secret keys, OpenAI/Resend/... API keys) grant full access to your data or your accounts. Browser code is downloaded by every visitor: a key that ends up in it is public, and even when the bundler leaves a server variable undefined, the next step is usually renaming it to `NEXT_PUBLIC_`/`VITE_`, which publishes it.",
      checks: "Browser code here is a `'use client'` file, a component using React hooks, a Next.js page component (getServerSideProps and getStaticProps stay server-side), components of a pages-router Next.js app, the sources of a Vite / Create React App / Expo app without a server, and values imported from react-native-dotenv's '@env'. Variables with a public prefix are reported by security/public-env-secret instead, so one mistake gives one finding.",
      bad: { files: {
        'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', '@supabase/supabase-js': '^2.45.0' } }, null, 2) + '\n',
        'app/admin/users-table.tsx': "'use client';\nimport { createClient } from '@supabase/supabase-js';\n\nconst supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);\n\nexport function UsersTable() {\n  return null;\n}\n",
      } },
      good: { files: {
        'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', '@supabase/supabase-js': '^2.45.0' } }, null, 2) + '\n',
        'app/admin/users/route.ts': "import { createClient } from '@supabase/supabase-js';\n\nconst supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);\n\nexport async function GET() {\n  const { data } = await supabase.from('profiles').select('id, email');\n  return Response.json(data);\n}\n",
        'app/admin/users-table.tsx': "'use client';\nimport { useEffect, useState } from 'react';\n\nexport function UsersTable() {\n  const [users, setUsers] = useState([]);\n  useEffect(() => { fetch('/admin/users').then((r) => r.json()).then(setUsers); }, []);\n  return null;\n}\n",
      } },
      fix: 'Move the code that needs the key to the server: a route handler, server action or API route (Next.js), a serverless function or backend endpoint (Vite, CRA, Expo), a Cloud Function (Firebase), and call it from the browser. In the browser use only public keys (Supabase anon key with row-level security, Firebase web config with security rules, Stripe publishable key). If the key was ever bundled, rotate it.',
    },
  },
  scope: 'ts',
  create(ctx): TsVisitor {
    const { sf, imports, file } = ctx;
    const path = file.path;
    if (isTestPath(path) || SERVER_PATH.test(path)) return {};
    const directives = sf.statements.filter((s): s is ts.ExpressionStatement => ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)).map((s) => (s.expression as ts.StringLiteral).text);
    if (directives.includes('use server') || imports.modules.some((m) => SERVER_MODULES.test(m.module))) return {};
    const useClient = directives.includes('use client');
    const isPages = PAGES.test(path);
    const refs: Array<Ref & { node?: ts.Node }> = [];
    let jsx = false;
    let hooks = false;

    for (const m of imports.modules) {
      const range = ctx.file.lines.range(m.start, m.end);
      if (m.module === 'firebase-admin' || m.module.startsWith('firebase-admin/')) refs.push({ range, subject: m.module, kind: 'admin-sdk' });
      else if (SERVICE_ACCOUNT_JSON.test(m.module)) refs.push({ range, subject: m.module, kind: 'service-account' });
    }
    for (const b of imports.bindings.values()) {
      if (b.module !== '@env' || publicPrefixOf(b.name)) continue;
      const secret = secretEnvName(b.name);
      if (secret) refs.push({ range: nodeRange(sf, b.node), subject: b.name, label: secret.label, provider: secret.provider, kind: 'env', where: 'rn-env' });
    }
    // Every other reference is an env read (`process.env.X`, `process['env'].X`, `import.meta.env.X`), so has the name `env`.
    // No `triggers`: a service-account JSON is imported by a relative path, which no module name can match.
    if (!refs.length && !ctx.hasName('env')) return {};
    const onAccess = (n: ts.Node) => {
      const name = envVarName(n);
      if (!name || publicPrefixOf(name)) return;
      const secret = secretEnvName(name);
      if (secret) refs.push({ range: nodeRange(sf, n), subject: n.getText(sf), label: secret.label, provider: secret.provider, kind: 'env', node: n });
    };
    const onJsx = () => { jsx = true; };
    const onCall = (n: ts.Node) => {
      if (hooks) return;
      const call = n as ts.CallExpression;
      const name = calleeName(call);
      if (!name || !CLIENT_HOOKS.has(name)) return;
      const r = resolveCallee(call.expression, imports);
      if (!r || r.module === 'react' || r.module === 'next/navigation' || r.module === 'next/router') hooks = true;
    };

    const serverFunctionName = (n: ts.Node) => {
      const name = ts.isFunctionDeclaration(n) ? n.name?.text : ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) ? n.name.text : undefined;
      return !!name && SERVER_ONLY_FNS.test(name);
    };
    const inServerFunction = (node: ts.Node): boolean => {
      for (let n: ts.Node | undefined = node.parent; n && !ts.isSourceFile(n); n = n.parent) if (serverFunctionName(n)) return true;
      return false;
    };

    /** In a pages file: inside a component (a function rendering JSX) and not in getServerSideProps / getStaticProps. */
    const inPageComponent = (node: ts.Node): boolean => {
      let component = false;
      for (let n: ts.Node | undefined = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
        if (serverFunctionName(n)) return false;
        if (ts.isFunctionLike(n) && containsJsx(n)) component = true;
      }
      return component;
    };

    return {
      PropertyAccessExpression: onAccess,
      ElementAccessExpression: onAccess,
      JsxElement: onJsx,
      JsxSelfClosingElement: onJsx,
      JsxFragment: onJsx,
      CallExpression: onCall,
      onEnd() {
        if (!refs.length) return;
        const where: Where = useClient ? 'use-client' : jsx && hooks ? 'hooks' : isPages ? 'pages' : COMPONENTS.test(path) ? 'components' : 'src';
        const kept = refs.filter((r) => r.where === 'rn-env' || !r.node || (where === 'pages' ? inPageComponent(r.node) : !inServerFunction(r.node)));
        if (!kept.length) return;
        const data = ruleDataOf<Data>(ctx.facts, ID, () => ({ where, refs: [] }));
        for (const { node: _node, ...ref } of kept) data.refs.push(ref);
      },
    };
  },
  checkWorkspace(ctx: WorkspaceRuleContext) {
    const appRouter = new Set<string>();
    for (const path of ctx.files.keys()) if (/(^|\/)app\/(.*\/)?(page|layout)\.[cm]?[jt]sx?$/.test(path)) appRouter.add(ctx.facts.packageOf(path)?.dir ?? '');
    for (const [path, f] of ctx.files) {
      const data = getRuleData<Data>(f.facts, ID);
      if (!data) continue;
      const pkg = ctx.facts.packageOf(path);
      const deps = pkg ? [...pkg.manifest.dependencies, ...pkg.manifest.devDependencies] : [];
      const next = deps.includes('next');
      const client = (where: Where): boolean => {
        switch (where) {
          case 'use-client': case 'hooks': case 'rn-env': return true;
          case 'pages': return next;
          case 'components': return (next && !appRouter.has(pkg?.dir ?? '')) || isSpa(pkg);
          case 'src': return isSpa(pkg);
        }
      };
      for (const ref of data.refs) {
        const where = ref.where ?? data.where;
        if (client(where)) ctx.report({ file: path, range: ref.range, message: message(ref, where, pkg), workspace: false });
      }
    }
  },
};

function containsJsx(fn: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxFragment(n)) { found = true; return; }
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}

export default rule;
