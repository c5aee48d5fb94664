import type { Range, WorkspaceRule } from '../../server/engine/types';
import { START } from '../../server/engine/positions';
import { jsonKeyRange } from '../../server/engine/jsonEdits';
import { isTestPath } from '../../server/engine/ts/helpers';
import { baseName, isMigrationPath } from '../../server/engine/schema/migrations';
import { isDevOnlyPath } from './auto-sync-schema';

type Layer = 'prisma' | 'drizzle' | 'typeorm' | 'sequelize' | 'knex' | 'kysely' | 'mikro-orm' | 'pg' | 'mysql' | 'sqlite' | 'supabase';

/** Packages whose import means a SQL database is used from this code (Mongoose / Firestore are schemaless: not here). */
const IMPORTS: Record<string, Layer> = {
  '@prisma/client': 'prisma', 'drizzle-orm': 'drizzle', typeorm: 'typeorm', '@nestjs/typeorm': 'typeorm', sequelize: 'sequelize', 'sequelize-typescript': 'sequelize',
  '@sequelize/core': 'sequelize', knex: 'knex', kysely: 'kysely', '@mikro-orm/core': 'mikro-orm', '@mikro-orm/postgresql': 'mikro-orm', '@mikro-orm/mysql': 'mikro-orm',
  pg: 'pg', postgres: 'pg', '@neondatabase/serverless': 'pg', '@vercel/postgres': 'pg', 'pg-promise': 'pg', mysql2: 'mysql', mysql: 'mysql', mariadb: 'mysql',
  'better-sqlite3': 'sqlite', sqlite3: 'sqlite', '@libsql/client': 'sqlite',
};
/** A TypeORM entity or model definition (`user.entity.ts`, `entities/user.ts`): it declares tables, it does not connect to a database. */
const ENTITY_FILE = /(\.entity\.[cm]?[jt]s$)|(^|\/)(entities|entity)\//;
const DEPENDENCY: Record<Layer, string[]> = {
  prisma: ['@prisma/client', 'prisma'], drizzle: ['drizzle-orm'], typeorm: ['typeorm', '@nestjs/typeorm'], sequelize: ['sequelize', 'sequelize-typescript', '@sequelize/core'],
  knex: ['knex'], kysely: ['kysely'], 'mikro-orm': ['@mikro-orm/core'], pg: ['pg', 'postgres', '@neondatabase/serverless', '@vercel/postgres', 'pg-promise'],
  mysql: ['mysql2', 'mysql', 'mariadb'], sqlite: ['better-sqlite3', 'sqlite3', '@libsql/client'], supabase: ['@supabase/supabase-js'],
};
const NAMES: Record<Layer, string> = {
  prisma: 'Prisma', drizzle: 'Drizzle', typeorm: 'TypeORM', sequelize: 'Sequelize', knex: 'Knex', kysely: 'Kysely', 'mikro-orm': 'MikroORM',
  pg: 'PostgreSQL (pg)', mysql: 'MySQL', sqlite: 'SQLite', supabase: 'Supabase',
};
const HOW: Record<Layer, string> = {
  prisma: 'run `prisma migrate dev --name init` and commit prisma/migrations (for a database that already exists, baseline it with `prisma migrate diff --from-empty` and `prisma migrate resolve --applied`)',
  drizzle: 'run `drizzle-kit generate` and commit the output folder, then apply it with `drizzle-kit migrate`',
  typeorm: 'generate migrations with `typeorm migration:generate`, commit them and run them with `migration:run`',
  sequelize: 'write migrations with sequelize-cli (`migration:generate`), commit them and run `sequelize db:migrate` on deploy',
  knex: 'create migrations with `knex migrate:make`, commit them and run `knex migrate:latest` on deploy',
  kysely: "keep migrations in a folder read by Kysely's `Migrator` and commit them",
  'mikro-orm': 'create migrations with `mikro-orm migration:create`, commit them and run `migration:up` on deploy',
  pg: 'adopt a migration tool (node-pg-migrate, dbmate, graphile-migrate...) and commit its migrations folder',
  mysql: 'adopt a migration tool (dbmate, knex, db-migrate...) and commit its migrations folder',
  sqlite: 'adopt a migration tool and commit its migrations folder',
  supabase: 'capture the schema with `supabase db diff -f init` (or `supabase migration new`) and commit supabase/migrations',
};
const IGNORED_PROBES = ['prisma/migrations/0_init/migration.sql', 'migrations/0001_init.sql', 'drizzle/0000_init.sql', 'supabase/migrations/0_init.sql', 'db/migrations/0001_init.sql', 'src/migrations/0001-init.ts'];

/** A file that is a migration: SQL or code in a migrations folder, a drizzle journal, a numbered SQL file, a TypeORM-named migration. */
export function isMigrationFile(path: string, kind: string): boolean {
  const name = baseName(path);
  if (name === '_journal.json' && path.endsWith('meta/_journal.json')) return true;
  if (kind === 'sql') return isMigrationPath(path) || /^(V\d+__|\d+[_.-]).+\.sql$/i.test(name);
  if (kind === 'ts') return isMigrationPath(path) || /^\d{13}-[\w-]+\.[cm]?[jt]s$/.test(name);
  return false;
}

const rule: WorkspaceRule = {
  meta: {
    id: 'data/no-migrations',
    category: 'data',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'SQL database with no migrations checked in',
    fixKind: 'none',
    effort: 'day',
    checklist: 'harden.schema',
    docs: {
      why: "Without migrations in the repository, the production schema is whatever someone last pushed, synced or clicked in a dashboard. It cannot be reviewed in a pull request, rebuilt on a fresh database (staging, a restored backup, a new developer's machine), or rolled back, and the next schema change is made by diffing against production itself.",
      checks: "Any folder of migrations counts (prisma/migrations, drizzle/, supabase/migrations, migrations/, db/migrate...); Mongoose and Firestore apps are schemaless and not reported.",
      bad: {
        files: {
          'package.json': '{\n  "name": "api",\n  "dependencies": { "@prisma/client": "^5.22.0" },\n  "devDependencies": { "prisma": "^5.22.0" }\n}\n',
          'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n}\n',
          'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
        },
      },
      good: {
        files: {
          'package.json': '{\n  "name": "api",\n  "dependencies": { "@prisma/client": "^5.22.0" },\n  "devDependencies": { "prisma": "^5.22.0" }\n}\n',
          'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n}\n',
          'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\nCREATE UNIQUE INDEX "User_email_key" ON "User"("email");\n',
          'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
        },
      },
      fix: 'Generate a first migration from the current schema with your tool (`prisma migrate dev --name init`, `drizzle-kit generate`, `typeorm migration:generate`, `knex migrate:make`, `supabase db diff -f init`), commit it, mark it as already applied on the existing production database (baseline), and from then on change the schema only through new migrations applied on deploy.',
    },
  },
  scope: 'workspace',

  check(ctx) {
    const { files, facts } = ctx;
    for (const [path, f] of files) if (!isTestPath(path) && isMigrationFile(path, f.kind)) return;
    const uses = new Map<string, Set<Layer>>();
    const schemas = new Map<string, string[]>();
    const use = (path: string, layer: Layer) => {
      const dir = facts.packageOf(path)?.dir ?? '';
      let set = uses.get(dir);
      if (!set) uses.set(dir, (set = new Set()));
      set.add(layer);
    };
    const supabaseProject = files.has('supabase/config.toml');
    const providers = [...files.values()].map((f) => (f.kind === 'prisma' ? f.facts.deploy?.datasource?.provider : undefined)).filter((p): p is string => !!p);
    // With a schema in the repository, Prisma is reported once, at the schema (not again in every package importing the client).
    const mongoPrisma = providers.length > 0 && providers.every((p) => p === 'mongodb');
    for (const [path, f] of files) {
      if ((f.kind !== 'prisma' && f.kind !== 'ts') || isTestPath(path) || isDevOnlyPath(path)) continue;
      if (f.kind === 'prisma' && f.facts.deploy?.datasource?.provider !== 'mongodb') {
        use(path, 'prisma');
        const dir = facts.packageOf(path)?.dir ?? '';
        schemas.set(dir, [...(schemas.get(dir) ?? []), path]);
      }
      // entity files alone are not a database: a TypeORM entity left over in a Mongoose app connects to nothing
      if (f.kind === 'ts') for (const m of f.facts.imports ?? []) if (IMPORTS[m] && !(IMPORTS[m] === 'prisma' && (mongoPrisma || providers.length > 0)) && !(m === 'typeorm' && ENTITY_FILE.test(path))) use(path, IMPORTS[m]);
      if (f.kind === 'ts' && supabaseProject && (f.facts.imports ?? []).includes('@supabase/supabase-js')) use(path, 'supabase');
    }
    for (const [dir, layers] of [...uses].sort(([a], [b]) => a.localeCompare(b))) {
      const pkg = facts.packages.find((p) => p.dir === dir);
      const list = [...layers].sort((a, b) => Object.keys(NAMES).indexOf(a) - Object.keys(NAMES).indexOf(b));
      const main = list[0];
      const schema = (schemas.get(dir) ?? []).sort((a, b) => Number(baseName(b) === 'schema.prisma') - Number(baseName(a) === 'schema.prisma') || a.localeCompare(b))[0];
      let file: string | undefined = schema;
      let range: Range = (schema && files.get(schema)?.facts.deploy?.datasource?.range) || START;
      if (!file && pkg) {
        file = pkg.manifestPath;
        const text = files.get(file)?.text ?? '';
        for (const d of list.flatMap((l) => DEPENDENCY[l])) {
          const r = jsonKeyRange(text, ['dependencies', d]) ?? jsonKeyRange(text, ['devDependencies', d]);
          if (r) { range = r; break; }
        }
      }
      if (!file) continue;
      const ignored = IGNORED_PROBES.map((p) => (dir ? `${dir}/${p}` : p)).find((p) => facts.gitIgnores(p));
      const folder = ignored && ignored.slice(0, ignored.lastIndexOf(ignored.includes('prisma/migrations') ? '/0_init' : '/'));
      const names = list.map((l) => NAMES[l]);
      ctx.report({
        file,
        range,
        message: `${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are` : `${names[0]} is`} used${dir ? ` in ${dir}` : ''} but no migrations are checked in${folder ? ` (${folder} is listed in .gitignore)` : ''}: the production schema is whatever was last pushed or synced, so it cannot be reviewed, rebuilt on a fresh database (staging, a restored backup) or rolled back. To fix it, ${HOW[main]}.`,
      });
    }
  },
};

export default rule;
