import { ts } from 'ts-morph';
import type { FileRuleContext, Range, Tier, TsRule, TsVisitor, WorkspaceRuleContext } from '../../server/engine/types';
import { isEnvTemplate } from '../../server/engine/parse';
import { detectInValue, isTemplatePath, mask } from '../../server/engine/secrets';
import { publicPrefixOf, secretEnvName, type PublicPrefix } from '../../server/engine/envSecrets';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import { accessPath, envVarName, isTestPath, propName, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { nodeRange } from '../../server/engine/ts/edits';

const ID = 'security/public-env-secret';
const NEXT_CONFIG = /(^|\/)next\.config\.[cm]?[jt]s$/;
const VITE_CONFIG = /(^|\/)vite\.config\.[cm]?[jt]s$/;

/** Where the secret belongs instead, per tool. */
const KEEP: Record<string, string> = {
  NEXT_PUBLIC_: 'drop the NEXT_PUBLIC_ prefix and use it only in route handlers, server actions or API routes',
  EXPO_PUBLIC_: 'keep it on your backend and have the app call an endpoint that uses it',
  NUXT_PUBLIC_: 'move it to the private runtimeConfig and use it only in server/ routes',
  REACT_APP_: 'keep it on a backend (or a serverless function) that calls the provider for the browser',
  VITE_: 'keep it on a backend (or a serverless function) that calls the provider for the browser',
  GATSBY_: 'keep it in a Gatsby Function or another backend that calls the provider for the browser',
  VUE_APP_: 'keep it on a backend that calls the provider for the browser',
  PUBLIC_: 'use a private variable ($env/static/private in +page.server.ts / +server.ts, or an Astro endpoint)',
};

interface Pending { key: string; range: Range; message: string; tier?: Tier }
interface Data { pending: Pending[] }

function nameMessage(name: string, label: string, prefix: PublicPrefix): string {
  return `\`${name}\` is named like ${label}, and ${prefix.how}: if it holds the real value, anyone can read it from the bundle and use it. Keep it server-side (${KEEP[prefix.prefix]}) and rotate it.`;
}

function valueMessage(name: string, label: string, value: string, prefix: PublicPrefix): string {
  return `\`${name}\` holds ${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label} (\`${mask(value)}\`), and ${prefix.how}: anyone can read it from the bundle and use it. Rotate it, and keep it server-side (${KEEP[prefix.prefix]}).`;
}

const rule: TsRule = {
  meta: {
    id: ID,
    category: 'security',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'Secrets in public (browser-exposed) environment variables',
    fixKind: 'none',
    effort: 'hour',
    checklist: 'harden.secrets',
    docs: {
      why: "Front-end tools copy variables with a public prefix into the JavaScript every visitor downloads: `NEXT_PUBLIC_` (Next.js), `VITE_`, `REACT_APP_`, `EXPO_PUBLIC_`, `NUXT_PUBLIC_`, `GATSBY_`, `VUE_APP_`, and `PUBLIC_` in SvelteKit and Astro. A secret key under such a name is published: anyone can open the bundle, take the key and run up your OpenAI bill, read your Stripe customers or bypass Supabase row-level security.",
      checks: "Reported by name (`NEXT_PUBLIC_OPENAI_API_KEY`, `VITE_SUPABASE_SERVICE_ROLE_KEY`, `REACT_APP_JWT_SECRET`) where code reads it or an env file defines it, and by value (a `sk_live_` key in `NEXT_PUBLIC_STRIPE_KEY`) in env files; also keys of next.config `env` and Vite `define`, which are inlined whatever their name. Browser-safe keys stay quiet: Stripe publishable, Supabase anon, Firebase web config, Mapbox `pk.` tokens, Google Maps, PostHog, Sentry DSN. Server-only names read from browser code are security/privileged-key-in-client's.",
      bad: { files: {
        '.env.example': 'NEXT_PUBLIC_SUPABASE_URL=\nNEXT_PUBLIC_OPENAI_API_KEY=\n',
        'app/chat/page.tsx': "'use client';\nimport OpenAI from 'openai';\n\nconst openai = new OpenAI({ apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY, dangerouslyAllowBrowser: true });\n",
      } },
      good: { files: {
        '.env.example': 'NEXT_PUBLIC_SUPABASE_URL=\nOPENAI_API_KEY=\n',
        'app/api/chat/route.ts': "import OpenAI from 'openai';\n\nconst openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n\nexport async function POST(req: Request) {\n  const { prompt } = await req.json();\n  const answer = await openai.responses.create({ model: 'gpt-4.1-mini', input: String(prompt) });\n  return Response.json({ text: answer.output_text });\n}\n",
      } },
      fix: 'Rename the variable without the public prefix, use it only in server code (a route handler, server action, API route, serverless function), and have the browser call that code. Then rotate the key: every build that shipped it published it.',
    },
  },
  scope: 'ts',
  // process.env.X / process.env['X'] / import.meta.env.X, next.config's `env`, vite.config's `define`, SvelteKit's $env modules
  triggers: { names: ['env', 'process', 'define'], modules: ['$env/static/public', '$env/dynamic/public'] },
  kinds: ['env'],
  create(ctx): TsVisitor {
    const { sf, imports, file } = ctx;
    const path = file.path;
    if (isTestPath(path)) return {};
    const seen = new Set<string>();
    const report = (name: string, anchor: ts.Node, viaImportMeta: boolean, explicitPublic = false) => {
      const prefix = publicPrefixOf(name);
      if (!prefix || seen.has(name)) return;
      if (prefix.frameworkOnly && !viaImportMeta && !explicitPublic) return;
      const secret = secretEnvName(name.slice(prefix.prefix.length));
      if (!secret) return;
      seen.add(name);
      ctx.report({ message: nameMessage(name, secret.label, prefix), range: nodeRange(sf, anchor) });
    };
    const svelteDynamic = new Set([...imports.bindings.values()].filter((b) => b.module === '$env/dynamic/public' && b.name === 'env').map((b) => b.local));
    const onAccess = (n: ts.Node) => {
      const name = envVarName(n);
      const access = n as ts.PropertyAccessExpression | ts.ElementAccessExpression;
      if (name) {
        const env = access.expression;
        report(name, n, ts.isPropertyAccessExpression(env) && ts.isMetaProperty(env.expression));
        return;
      }
      if (svelteDynamic.size) {
        const p = accessPath(access);
        if (p?.length === 2 && svelteDynamic.has(p[0])) report(p[1], n, false, true);
      }
    };
    for (const b of imports.bindings.values()) if (b.module === '$env/static/public') report(b.name, b.node, false, true);

    const isNext = NEXT_CONFIG.test(path);
    const isVite = VITE_CONFIG.test(path);
    const onProperty = (n: ts.Node) => {
      const p = n as ts.PropertyAssignment;
      const key = propName(p.name);
      const obj = unwrap(p.initializer);
      if (!ts.isObjectLiteralExpression(obj)) return;
      if (isNext && key === 'env' && !ts.isPropertyAssignment(p.parent.parent)) {
        for (const q of obj.properties) {
          const name = propName(q.name);
          const secret = name && secretEnvName(name.slice(publicPrefixOf(name)?.prefix.length ?? 0));
          if (!name || !secret || !q.name) continue;
          ctx.report({ message: `\`env.${name}\` in next.config is named like ${secret.label}, and Next.js inlines every key of \`env\` into the JavaScript sent to visitors, whatever its name: anyone can read it from the bundle. Remove it from \`env\` and read process.env.${name} only in server code.`, range: nodeRange(sf, q.name) });
        }
      }
      if (isVite && key === 'define') {
        for (const q of obj.properties) {
          const name = propName(q.name);
          if (!name || !q.name) continue;
          const value = ts.isPropertyAssignment(q) ? unwrap(q.initializer) : undefined;
          if (/^(process\.env|import\.meta\.env)$/.test(name)) {
            if (value && (ts.isObjectLiteralExpression(value) || stringValue(value) !== undefined)) continue;
            ctx.report({ message: `Vite \`define\` replaces \`${name}\` with this value in the browser bundle: every environment variable it holds, secrets included, ships to every visitor. Define only the variables the browser needs, one by one.`, range: nodeRange(sf, q.name) });
            continue;
          }
          const last = name.split('.').pop()!.replace(/^__|__$/g, '');
          const secret = secretEnvName(last.slice(publicPrefixOf(last)?.prefix.length ?? 0));
          if (!secret) continue;
          ctx.report({ message: `Vite \`define\` inlines \`${name}\` (named like ${secret.label}) into the JavaScript sent to every visitor: anyone can read it from the bundle. Keep it out of the front-end and call the provider from a backend.`, range: nodeRange(sf, q.name) });
        }
      }
    };
    const visitor: TsVisitor = { PropertyAccessExpression: onAccess, ElementAccessExpression: onAccess };
    if (isNext || isVite) visitor.PropertyAssignment = onProperty;
    return visitor;
  },
  check(ctx: FileRuleContext) {
    const { file } = ctx;
    if (file.kind !== 'env' || isTestPath(file.path)) return;
    const template = isEnvTemplate(file.path) || isTemplatePath(file.path);
    for (const e of file.ast) {
      const prefix = publicPrefixOf(e.key);
      if (!prefix) continue;
      const range = file.lines.range(e.keyStart, e.keyStart + e.key.length);
      let message: string | undefined;
      let tier: Tier | undefined;
      const hit = template ? undefined : detectInValue(e.value, {});
      if (hit && hit.label !== 'Google API key') {
        message = valueMessage(e.key, hit.label, e.value.slice(hit.start, hit.end), prefix);
        tier = hit.tier;
      } else {
        const secret = secretEnvName(e.key.slice(prefix.prefix.length));
        if (secret) message = nameMessage(e.key, secret.label, prefix);
      }
      if (!message) continue;
      if (prefix.frameworkOnly) ruleDataOf<Data>(ctx.facts, ID, () => ({ pending: [] })).pending.push({ key: e.key, range, message, tier });
      else ctx.report({ message, range, tier });
    }
  },
  checkWorkspace(ctx: WorkspaceRuleContext) {
    for (const [path, f] of ctx.files) {
      const data = getRuleData<Data>(f.facts, ID);
      if (!data?.pending.length) continue;
      const pkg = ctx.facts.packageOf(path);
      const deps = pkg ? [...pkg.manifest.dependencies, ...pkg.manifest.devDependencies] : [];
      for (const p of data.pending) {
        const only = publicPrefixOf(p.key)?.frameworkOnly ?? [];
        if (only.some((d) => deps.includes(d))) ctx.report({ file: path, range: p.range, message: p.message, tier: p.tier, workspace: false });
      }
    }
  },
};

export default rule;
