import rule from '../../../rules/security/public-env-secret';
import { ruleTester } from '../../helpers/ruleTester';

// Fake credentials assembled at run time, so that this file holds no credential-shaped literal.
const j = (...parts: string[]) => parts.join('');
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (payload: object) => [b64url({ alg: 'HS256', typ: 'JWT' }), b64url(payload), 'X3qSQNXZKL98DIAAUqdV59e21yOrpmL13unWwfxz'].join('.');
const stripeLive = j('sk_', 'live_', '51PzQ8cnW06ZqvJFsthSx9S9BC36kY');
const stripeTest = j('sk_', 'test_', '51PzQ8cnW06ZqvJFsthSx9S9BC36kY');
const stripePk = j('pk_', 'live_', '51PzQ8cnW06ZqvJFsthSx9S9BC36kY');
const serviceRole = jwt({ iss: 'supabase', ref: 'qwmvtjzhxkrp', role: 'service_role', iat: 1700000000, exp: 2015000000 });
const anon = jwt({ iss: 'supabase', ref: 'qwmvtjzhxkrp', role: 'anon', iat: 1700000000, exp: 2015000000 });
const mapboxPk = j('pk', '.eyJ1IjoiYWNtZSIsImEiOiJ', 'jbGFiYzEyMyJ9.X3qSQNXZKL98DIAAUqdV59e21y');
const googleKey = j('AIza', 'SyD4x9Qm2Lk7Rt8Vb3Nc6Pw1Zs5Hj0Ue_gY');

const NEXT = /Next\.js inlines NEXT_PUBLIC_ variables into the JavaScript it sends to every visitor/;

ruleTester(rule, {
  valid: [
    "const url = process.env.NEXT_PUBLIC_SUPABASE_URL!;\nconst anonKey = process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!;",
    "const pk = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;\nconst maps = process.env.NEXT_PUBLIC_GOOGLE_MAPS_API_KEY;\nconst mapbox = process.env.NEXT_PUBLIC_MAPBOX_TOKEN;",
    "const firebaseConfig = { apiKey: import.meta.env.VITE_FIREBASE_API_KEY, authDomain: import.meta.env.VITE_FIREBASE_AUTH_DOMAIN };",
    "const dsn = process.env.NEXT_PUBLIC_SENTRY_DSN;\nconst ph = process.env.NEXT_PUBLIC_POSTHOG_KEY;\nconst site = process.env.NEXT_PUBLIC_RECAPTCHA_SITE_KEY;",
    "const key = process.env.REACT_APP_AUTH_TOKEN_KEY ?? 'token';\nconst minLength = Number(process.env.NEXT_PUBLIC_PASSWORD_MIN_LENGTH);",
    // server-only names: privileged-key-in-client's business
    "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);",
    // PUBLIC_ through process.env is not public; the SvelteKit / Astro forms are
    "const secret = process.env.PUBLIC_API_SECRET;",
    { files: { '.env': 'PUBLIC_API_SECRET=abc\n', 'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0' } }) } },
    { files: { '.env.local': `NEXT_PUBLIC_SUPABASE_ANON_KEY=${anon}\nNEXT_PUBLIC_STRIPE_KEY=${stripePk}\nNEXT_PUBLIC_MAPBOX_TOKEN=${mapboxPk}\nNEXT_PUBLIC_FIREBASE_API_KEY=${googleKey}\nSTRIPE_SECRET_KEY=${stripeLive}\n` } },
    { filename: 'src/app.test.ts', code: 'const k = process.env.NEXT_PUBLIC_OPENAI_API_KEY;' },
    { filename: 'next.config.js', code: "module.exports = {\n  env: { NEXT_PUBLIC_APP_URL: process.env.APP_URL, BUILD_ID: process.env.GIT_SHA },\n  images: { domains: ['cdn.example.com'] },\n};" },
    { filename: 'vite.config.ts', code: "import { defineConfig } from 'vite';\nexport default defineConfig({ define: { __APP_VERSION__: JSON.stringify(process.env.npm_package_version), 'process.env': {} } });" },
  ],
  invalid: [
    {
      name: 'code read of a NEXT_PUBLIC_ secret',
      code: "'use client';\nimport OpenAI from 'openai';\nconst openai = new OpenAI({ apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY, dangerouslyAllowBrowser: true });\nexport const again = process.env.NEXT_PUBLIC_OPENAI_API_KEY;",
      filename: 'app/chat/page.tsx',
      errors: [{ line: 3, column: 37, message: '`NEXT_PUBLIC_OPENAI_API_KEY` is named like an OpenAI API key, and Next.js inlines NEXT_PUBLIC_ variables into the JavaScript it sends to every visitor: if it holds the real value, anyone can read it from the bundle and use it. Keep it server-side (drop the NEXT_PUBLIC_ prefix and use it only in route handlers, server actions or API routes) and rotate it.' }],
    },
    {
      name: 'Vite, CRA, Expo reads',
      code: "import { createClient } from '@supabase/supabase-js';\nexport const admin = createClient(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_SERVICE_ROLE_KEY);\nconst secret = process.env.REACT_APP_JWT_SECRET;\nconst key = process.env['EXPO_PUBLIC_RESEND_API_KEY'];",
      errors: [
        { line: 2, column: 70, message: /^`VITE_SUPABASE_SERVICE_ROLE_KEY` is named like the Supabase service-role key, and Vite embeds/ },
        { line: 3, column: 16, message: /^`REACT_APP_JWT_SECRET` is named like a secret, and Create React App/ },
        { line: 4, column: 13, message: /^`EXPO_PUBLIC_RESEND_API_KEY` is named like a Resend API key, and Expo/ },
      ],
    },
    {
      name: 'SvelteKit $env/static/public and $env/dynamic/public, Astro import.meta.env',
      code: "import { PUBLIC_STRIPE_SECRET_KEY } from '$env/static/public';\nimport { env } from '$env/dynamic/public';\nconst token = env.PUBLIC_GITHUB_TOKEN;\nconst pw = import.meta.env.PUBLIC_ADMIN_PASSWORD;",
      errors: [
        { line: 1, column: 10, message: /^`PUBLIC_STRIPE_SECRET_KEY` is named like a Stripe secret key, and SvelteKit/ },
        { line: 3, column: 15, message: /a GitHub access token/ },
        { line: 4, column: 12, message: /a password/ },
      ],
    },
    {
      name: 'env file: by name (template) and by value',
      files: {
        '.env.example': 'NEXT_PUBLIC_SUPABASE_URL=\nNEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY=\n',
        '.env.local': `NEXT_PUBLIC_STRIPE_KEY=${stripeLive}\nNEXT_PUBLIC_SUPABASE_ANON_KEY=${serviceRole}\nNEXT_PUBLIC_STRIPE_TEST_KEY=${stripeTest}\n`,
      },
      errors: [
        { file: '.env.example', line: 2, column: 1, message: /^`NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY` is named like the Supabase service-role key/ },
        { file: '.env.local', line: 1, column: 1, message: '`NEXT_PUBLIC_STRIPE_KEY` holds a Stripe live secret key (`sk_l****`), and Next.js inlines NEXT_PUBLIC_ variables into the JavaScript it sends to every visitor: anyone can read it from the bundle and use it. Rotate it, and keep it server-side (drop the NEXT_PUBLIC_ prefix and use it only in route handlers, server actions or API routes).', tier: 'ship-stopping' },
        { file: '.env.local', line: 2, column: 1, message: /^`NEXT_PUBLIC_SUPABASE_ANON_KEY` holds a Supabase service-role key \(`eyJh\*\*\*\*`\)/ },
        { file: '.env.local', line: 3, column: 1, message: /holds a Stripe test-mode secret key/, tier: 'tech-debt' },
      ],
    },
    {
      name: 'PUBLIC_ in a SvelteKit package env file',
      files: {
        'package.json': JSON.stringify({ name: 'web', devDependencies: { '@sveltejs/kit': '^2.0.0' } }),
        '.env': 'PUBLIC_SITE_NAME=Acme\nPUBLIC_OPENAI_API_KEY=abc\n',
      },
      errors: [{ file: '.env', line: 2, column: 1, message: /SvelteKit \(\$env\/\*\/public\) and Astro expose PUBLIC_ variables/ }],
    },
    {
      name: 'next.config env and Vite define',
      files: {
        'next.config.mjs': "const nextConfig = {\n  env: {\n    STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY,\n    APP_URL: process.env.APP_URL,\n  },\n};\nexport default nextConfig;\n",
        'vite.config.ts': "import { defineConfig, loadEnv } from 'vite';\nexport default defineConfig(({ mode }) => {\n  const env = loadEnv(mode, process.cwd(), '');\n  return { define: { 'process.env.OPENAI_API_KEY': JSON.stringify(env.OPENAI_API_KEY), 'process.env': env } };\n});\n",
      },
      errors: [
        { file: 'next.config.mjs', line: 3, column: 5, message: /^`env.STRIPE_SECRET_KEY` in next.config is named like a Stripe secret key, and Next.js inlines every key of `env`/ },
        { file: 'vite.config.ts', line: 4, column: 22, message: /^Vite `define` inlines `process.env.OPENAI_API_KEY`/ },
        { file: 'vite.config.ts', line: 4, column: 88, message: /every environment variable it holds/ },
      ],
    },
    {
      name: 'SvelteKit: a renamed $env/static/public import (gate: the module)',
      code: "import { PUBLIC_OPENAI_API_KEY as openaiKey } from '$env/static/public';\nexport const client = { key: openaiKey };",
      errors: [{ line: 1, column: 10, message: /^`PUBLIC_OPENAI_API_KEY` is named like an OpenAI API key/ }],
    },
    {
      name: 'next.config: quoted env keys, no process.env',
      filename: 'next.config.mjs',
      code: "export default { 'env': { 'OPENAI_API_KEY': 'sk-placeholder' } };",
      errors: [{ line: 1, column: 27, message: /^`env.OPENAI_API_KEY` in next.config/ }],
    },
    {
      name: 'one finding per name and file',
      code: "export const a = process.env.NEXT_PUBLIC_ADMIN_SECRET;\nexport const b = process.env.NEXT_PUBLIC_ADMIN_SECRET;",
      errors: [{ line: 1, column: 18, message: NEXT }],
    },
  ],
});
