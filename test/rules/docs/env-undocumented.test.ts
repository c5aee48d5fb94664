import rule from '../../../rules/docs/env-undocumented';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = '{ "name": "api" }';

ruleTester(rule, {
  valid: [
    { name: 'a variable the code sets from two others (NEXTAUTH_URL from NEXTAUTH_URL_LOCAL / _PRODUCTION) is not read from the environment (seen on a real Next.js app)', files: { 'package.json': pkg, '.env.example': 'NEXTAUTH_URL_LOCAL=\nNEXTAUTH_URL_PRODUCTION=\n', 'app/_lib/auth.ts': "if (process.env.NODE_ENV === 'development') {\n  process.env.NEXTAUTH_URL = process.env.NEXTAUTH_URL_LOCAL;\n} else {\n  process.env.NEXTAUTH_URL = process.env.NEXTAUTH_URL_PRODUCTION;\n}\ndelete process.env.DEBUG_AUTH;\n" } },
    { name: "build escape hatches of tools (t3-env's SKIP_ENV_VALIDATION, ANALYZE; seen on a real Next.js app)", files: { 'package.json': pkg, '.env.example': 'DATABASE_URL=\n', 'src/env.mjs': 'export const env = { url: process.env.DATABASE_URL, skip: !!process.env.SKIP_ENV_VALIDATION, analyze: process.env.ANALYZE === "true" };\n' } },
    { name: 'listed in .env.example', files: { 'package.json': pkg, '.env.example': 'DATABASE_URL=postgres://localhost/app\nexport STRIPE_SECRET_KEY=\n', 'src/db.ts': "export const url = process.env.DATABASE_URL;\nexport const stripe = process.env['STRIPE_SECRET_KEY'];" } },
    { name: 'listed commented out in .env.example, as an optional setting (seen on a real NestJS starter)', files: { 'package.json': pkg, '.env.example': 'DATABASE_URL=\n# Optional: Redis cache\n# REDIS_HOST=localhost\n#REDIS_PORT=6379\n', 'src/cache.ts': 'export const cache = { host: process.env.REDIS_HOST, port: Number(process.env.REDIS_PORT), db: process.env.DATABASE_URL };\n' } },
    { name: 'listed as bare names, one per line, in a template named .env_example (seen on a real Express + Sequelize API)', files: { 'package.json': pkg, '.env_example': 'PORT\nSECRETKEY\nJWT_EXPIRES_IN\n', 'src/auth.js': "const jwt = require('jsonwebtoken');\nexports.sign = (email) => jwt.sign({ email }, process.env.SECRETKEY, { expiresIn: process.env.JWT_EXPIRES_IN });\n" } },
    { name: 'listed in the `KEY: value` form dotenv also reads (seen on a real Express app)', files: { 'package.json': pkg, '.env.example': "PORT=3000\nFRONTEND_URL: 'http://localhost:8080'\n", 'src/mail.ts': 'export const link = `${process.env.FRONTEND_URL}/reset`;\n' } },
    { name: 'listed in .env.sample / .env.template', files: { 'package.json': pkg, '.env.sample': 'REDIS_URL=\n', 'config/.env.template': 'SMTP_HOST=\n', 'src/a.ts': 'export const a = [process.env.REDIS_URL, process.env.SMTP_HOST];' } },
    { name: 'listed in .env-sample, env.example or example.env (seen on a real Express + TypeORM app)', files: { 'package.json': pkg, '.env-sample': 'DB_HOST=localhost\nDB_PORT=3306\n', 'api/env.example': 'SMTP_HOST=\n', 'worker/example.env': 'QUEUE_URL=\n', 'src/a.ts': 'export const a = [process.env.DB_HOST, process.env.DB_PORT, process.env.SMTP_HOST, process.env.QUEUE_URL];' } },
    { name: 'documented in the README (a table or a code block)', files: {
      'package.json': pkg,
      'README.md': '# API\n\n## Configuration\n\n| Variable | Meaning |\n|---|---|\n| `SENTRY_DSN` | error tracking |\n\n```sh\nexport OPENAI_API_KEY=sk-...\n```\n',
      'src/a.ts': 'export const dsn = process.env.SENTRY_DSN;\nexport const k = process.env.OPENAI_API_KEY;',
    } },
    { name: 'documented in a doc page', files: { 'package.json': pkg, 'docs/configuration.md': '# Configuration\n\nSet `S3_BUCKET` to the bucket name.\n', 'src/a.ts': 'export const b = process.env.S3_BUCKET;' } },
    { name: 'a committed .env.development lists it', files: { 'package.json': pkg, '.env.development': 'VITE_API_URL=http://localhost:3000\n', 'src/api.ts': 'export const base = import.meta.env.VITE_API_URL;' } },
    { name: 'runtime and platform variables', files: {
      'package.json': pkg,
      'src/server.ts': "const port = Number(process.env.PORT ?? 3000);\nconst prod = process.env.NODE_ENV === 'production';\nconst ci = process.env.CI;\nconst sha = process.env.VERCEL_GIT_COMMIT_SHA ?? process.env.RAILWAY_GIT_COMMIT_SHA ?? process.env.RENDER_GIT_COMMIT ?? process.env.FLY_APP_NAME;\nconst gh = process.env.GITHUB_SHA;\nconst v = process.env.npm_package_version;\nconst tz = process.env.TZ;\nconst url = process.env.NEXT_PUBLIC_VERCEL_URL;\nconst opts = process.env.NODE_OPTIONS;",
    } },
    { name: 'variables the Cloud Functions / Firebase runtime and emulators set (seen on a real Firebase backend)', files: { 'package.json': pkg, 'functions/src/backup.ts': "const project = process.env.GCP_PROJECT || process.env.GCLOUD_PROJECT;\nconst local = process.env.FUNCTIONS_EMULATOR === 'true' || !!process.env.FIRESTORE_EMULATOR_HOST;\nconst cfg = JSON.parse(process.env.FIREBASE_CONFIG ?? '{}');\nexport const target = { project, local, cfg };\n" } },
    { name: "Vite's built-in import.meta.env keys", files: { 'package.json': pkg, 'src/main.ts': 'if (import.meta.env.DEV) console.log(import.meta.env.MODE, import.meta.env.BASE_URL);' } },
    { name: 'test files and test-runner configuration', files: {
      'package.json': pkg,
      'src/auth.test.ts': 'const k = process.env.TEST_API_KEY;',
      'test/setup.ts': 'process.env.DATABASE_URL_TEST ??= "postgres://localhost/test";',
      'playwright.config.ts': 'export default { use: { baseURL: process.env.E2E_BASE_URL } };',
    } },
  ],
  invalid: [
    {
      // seen on a real Express + Prisma app: the schema's keys were not taken for env reads
      name: 'the keys of a schema the environment is parsed with (zod .parse(process.env), envalid cleanEnv, t3-env createEnv)',
      files: {
        'package.json': pkg,
        '.env.example': 'DATABASE_URL=\n',
        'src/config/env.ts': "import { z } from 'zod';\nconst EnvSchema = z.object({\n  DATABASE_URL: z.string().url(),\n  JWT_PUBLIC_KEY: z.string(),\n  MAGIC_LINK_TTL_SECONDS: z.coerce.number().default(900),\n});\nexport const env = EnvSchema.parse(process.env);\n",
        'src/worker/env.ts': "import { cleanEnv, str } from 'envalid';\nexport const env = cleanEnv(process.env, { REDIS_URL: str() });\n",
        'src/web/env.mjs': "import { createEnv } from '@t3-oss/env-nextjs';\nimport { z } from 'zod';\nexport const env = createEnv({\n  server: { STRIPE_SECRET_KEY: z.string() },\n  client: {},\n  experimental__runtimeEnv: {},\n});\n",
      },
      errors: [
        { file: 'src/config/env.ts', line: 4, column: 3, message: /^`JWT_PUBLIC_KEY` is read here but documented nowhere/ },
        { file: 'src/config/env.ts', line: 5, column: 3, message: /^`MAGIC_LINK_TTL_SECONDS` is read here but documented nowhere/ },
        { file: 'src/web/env.mjs', line: 4, column: 13, message: /^`STRIPE_SECRET_KEY` is read here but documented nowhere/ },
        { file: 'src/worker/env.ts', line: 2, column: 44, message: /^`REDIS_URL` is read here but documented nowhere/ },
      ],
      output: { '.env.example': 'DATABASE_URL=\nJWT_PUBLIC_KEY=\n' },
    },
    {
      name: 'read through NestJS ConfigService and env-var, and by Prisma\'s env() (seen on a real NestJS + Prisma app)',
      files: {
        'package.json': pkg,
        '.env.example': 'PORT=3000\n',
        'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
        'src/auth/jwt.strategy.ts': "import { ConfigService } from '@nestjs/config';\nexport class JwtStrategy {\n  constructor(private readonly config: ConfigService) {}\n  secret() { return this.config.getOrThrow<string>('JWT_SECRET'); }\n  prefix() { return this.config.get('app.apiPrefix', 'api'); }\n}\n",
        'src/mail.ts': "import env from 'env-var';\nexport const smtp = env.get('SMTP_URL').required().asUrlString();\nexport const port = env.get('PORT').asPortNumber();\n",
      },
      errors: [
        { file: 'prisma/schema.prisma', line: 3, column: 3, message: /^`DATABASE_URL` is read here but documented nowhere/ },
        { file: 'src/auth/jwt.strategy.ts', line: 4, column: 52, message: /^`JWT_SECRET` is read here but documented nowhere/ },
        { file: 'src/mail.ts', line: 2, column: 29, message: /^`SMTP_URL` is read here but documented nowhere/ },
      ],
      output: { '.env.example': 'PORT=3000\nDATABASE_URL=\n' },
    },
    {
      name: 'names destructured from process.env (renamed, with a default; a rest element is not a name) (seen on a real Express app)',
      files: {
        'package.json': pkg,
        '.env.example': 'DATABASE_URL=\n',
        'src/auth.ts': "const {\n  ACCESS_TOKEN_EXPIRE,\n  JWT_SECRET: secret = 'dev',\n  ...rest\n} = process.env;\nexport const cfg = { ACCESS_TOKEN_EXPIRE, secret, rest, db: process.env.DATABASE_URL };\n",
      },
      errors: [
        { file: 'src/auth.ts', line: 2, column: 3, endColumn: 22, message: /^`ACCESS_TOKEN_EXPIRE` is read here but documented nowhere/ },
        { file: 'src/auth.ts', line: 3, column: 3, endColumn: 13, message: /^`JWT_SECRET` is read here but documented nowhere/ },
      ],
      output: { '.env.example': 'DATABASE_URL=\nACCESS_TOKEN_EXPIRE=\n' },
    },
    {
      name: 'missing from an existing .env.example: appended',
      files: {
        'package.json': pkg,
        '.env.example': 'DATABASE_URL=',
        'src/billing.ts': "import Stripe from 'stripe';\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);",
      },
      errors: [{ file: 'src/billing.ts', line: 2, column: 34, endLine: 2, endColumn: 63, tier: 'tech-debt', message: '`STRIPE_SECRET_KEY` is read here but documented nowhere (no .env.example entry, not in the README): whoever sets up or deploys the project next finds out it is needed when something breaks. Add it to .env.example.' }],
      output: { '.env.example': 'DATABASE_URL=\nSTRIPE_SECRET_KEY=\n' },
    },
    {
      name: 'no template: created; one finding per variable at its first read, each fix adds only its own',
      files: {
        'package.json': pkg,
        'src/a.ts': 'export const mail = process.env.RESEND_API_KEY;\nexport const again = process.env.RESEND_API_KEY;',
        'src/b.ts': "export const host = process.env.HOST ?? '0.0.0.0';\nexport const key = process.env.RESEND_API_KEY;",
      },
      errors: [{ file: 'src/a.ts', line: 1, column: 21 }, { file: 'src/b.ts', line: 1, column: 21, message: /^`HOST` is read here/ }],
      output: { '.env.example': 'RESEND_API_KEY=\n' },
    },
    {
      name: 'import.meta.env in a Vite app: only documented in a personal .env.local',
      files: {
        'package.json': pkg,
        '.env.local': 'VITE_SUPABASE_URL=https://x.supabase.co\n',
        '.env.example': '# Supabase\n',
        'src/supabase.ts': "import { createClient } from '@supabase/supabase-js';\nexport const supabase = createClient(\n  import.meta.env.VITE_SUPABASE_URL,\n  import.meta.env.VITE_SUPABASE_ANON_KEY,\n);",
      },
      errors: [{ file: 'src/supabase.ts', line: 3, column: 3 }, { file: 'src/supabase.ts', line: 4, column: 3 }],
      output: { '.env.example': '# Supabase\nVITE_SUPABASE_URL=\n' },
    },
    {
      name: 'monorepo: the package template is preferred over the root one',
      files: {
        'package.json': '{ "name": "root", "private": true, "workspaces": ["apps/*"] }',
        '.env.example': 'TURBO_TOKEN=\n',
        'apps/api/package.json': '{ "name": "api" }',
        'apps/api/.env.example': 'DATABASE_URL=\r\n',
        'apps/api/src/queue.ts': 'export const redis = process.env.REDIS_URL;',
      },
      errors: [{ file: 'apps/api/src/queue.ts', line: 1, column: 22, message: /Add it to apps\/api\/\.env\.example\.$/ }],
      output: { 'apps/api/.env.example': 'DATABASE_URL=\r\nREDIS_URL=\r\n' },
    },
    {
      name: 'monorepo: no template anywhere, created in the package',
      files: {
        'package.json': '{ "name": "root", "private": true, "workspaces": ["apps/*"] }',
        'apps/web/package.json': '{ "name": "web" }',
        'apps/web/app/page.tsx': 'export default function Page() { return <a href={process.env.NEXT_PUBLIC_SITE_URL}>home</a>; }',
      },
      errors: [{ file: 'apps/web/app/page.tsx', line: 1, column: 50 }],
      output: { 'apps/web/.env.example': 'NEXT_PUBLIC_SITE_URL=\n' },
    },
  ],
});
