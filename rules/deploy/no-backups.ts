import type { Range, WorkspaceRule } from '../../server/engine/types';
import type { DataLayer, PackageInfo } from '../../server/engine/facts/workspaceFacts';
import { LineIndex, START } from '../../server/engine/positions';
import { jsonKeyRange } from '../../server/engine/jsonEdits';
import { isTestPath } from '../../server/engine/ts/helpers';
import { allCommands, backsUp } from '../../server/engine/deploy/shell';
import { ciFilesOf, deploySignals, docsCover } from '../../server/engine/deploy/signals';
import { COMPOSE_FILE } from '../../server/engine/facts/deployFacts';

/** Data layers backed by a database server or file the team runs (BaaS platforms like Supabase and Firebase manage their own). */
const DATABASES: ReadonlySet<DataLayer> = new Set(['prisma', 'typeorm', 'sequelize', 'drizzle', 'mongoose', 'knex', 'pg', 'mysql2', 'sqlite']);
/** Drivers first (the database itself), then ORMs. */
const DB_DEPS = ['@prisma/client', 'prisma', 'pg', 'postgres', 'mysql2', 'mysql', 'mongodb', 'better-sqlite3', 'sqlite3', 'mongoose', '@nestjs/mongoose', 'typeorm', '@nestjs/typeorm', 'sequelize', 'sequelize-typescript', 'drizzle-orm', 'knex'];
const DB_IMAGE = /(^|\/)(postgres|postgis\/postgis|mysql|mariadb|mongo|bitnami\/(postgresql|mysql|mongodb|mariadb))(:|$)/;
/** Files whose name says backup: scripts/backup.sh, .github/workflows/db-backup.yml, litestream.yml, k8s CronJobs... */
const BACKUP_PATH = /(^|[\/._-])(backups?|pg_?dump|mongodump|litestream)([\/._-]|$)/i;
const BACKUP_SERVICE = /backup|litestream|pgbackrest|wal-g/i;
/** Neon's drivers and adapters: a Neon database always keeps a point-in-time restore window (its length depends on the plan). */
const NEON_DEPS = ['@neondatabase/serverless', '@prisma/adapter-neon', '@neondatabase/api-client'];

const LABELS: Record<string, string> = { prisma: 'Prisma', typeorm: 'TypeORM', sequelize: 'Sequelize', drizzle: 'Drizzle', mongoose: 'MongoDB (Mongoose)', knex: 'Knex', pg: 'PostgreSQL', mysql2: 'MySQL', sqlite: 'SQLite' };

const rule: WorkspaceRule = {
  meta: {
    id: 'deploy/no-backups',
    category: 'deploy',
    phase: 'infrastructure',
    tier: 'ship-stopping',
    title: 'Production database with no backups',
    fixKind: 'none',
    effort: 'day',
    checklist: 'infra.backups',
    docs: {
      why: 'A dropped table, a bad migration, a compromised credential or a provider incident can erase the database, and with it the customers\' data. Without backups taken on a schedule, kept somewhere else, and a restore that someone has tried, that loss is permanent, and it is the one production failure a startup rarely survives.',
      bad: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": { "@prisma/client": "^5.22.0", "express": "^4.21.2" }\n}\n',
        'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
        Dockerfile: 'FROM node:22-alpine\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
      } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": { "@prisma/client": "^5.22.0", "express": "^4.21.2" }\n}\n',
        'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
        Dockerfile: 'FROM node:22-alpine\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
        '.github/workflows/backup.yml': 'on:\n  schedule:\n    - cron: "0 2 * * *"\njobs:\n  backup:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pg_dump "$DATABASE_URL" --format=custom --file=db.dump\n      - run: aws s3 cp db.dump "s3://acme-backups/$(date +%F).dump"\n',
      } },
      fix: 'Turn on the managed provider\'s automated backups with point-in-time recovery (RDS `backup_retention_period`, Render or Heroku paid Postgres, Neon, Supabase Pro), or schedule your own dump (`pg_dump`, `mongodump`, Litestream for SQLite) to storage in another account or region. Write down in the RUNBOOK where backups run and how to restore, and try a restore. If backups are handled where the scan cannot see, record it as an attestation.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts, files } = ctx;
    const dbPackages = facts.packages.filter((p) => [...p.dataLayers].some((d) => DATABASES.has(d)));
    if (!dbPackages.length) return;
    const signals = deploySignals(ctx);
    if (!signals.deploys) return;

    for (const { ci } of ciFilesOf(ctx)) {
      if (ci.commands.some((c) => allCommands(c.text).some(backsUp)) || ci.labels.some((l) => /\bbackups?\b/i.test(l))) return;
    }
    for (const p of facts.packages) for (const body of Object.values(p.manifest.scripts)) if (allCommands(body).some(backsUp)) return;
    for (const [path, f] of files) {
      if (BACKUP_PATH.test(path) && !isTestPath(path)) return;
      const d = f.facts.deploy;
      if (d?.render?.databases || d?.heroku?.postgres || d?.terraform?.backups) return;
      if (d?.compose?.services.some((s) => BACKUP_SERVICE.test(s.name) || BACKUP_SERVICE.test(s.image ?? ''))) return;
    }
    if (docsCover(ctx, 'backup')) return;

    const pkg = dbPackages.find((p) => p.dir === '') ?? dbPackages[0];
    const neon = dbPackages.find((p) => NEON_DEPS.some((d) => p.manifest.dependencies.includes(d)));
    if (neon) {
      const dep = NEON_DEPS.find((d) => neon.manifest.dependencies.includes(d))!;
      const text = files.get(neon.manifestPath)?.text ?? '';
      ctx.report({
        message: `The database is Neon (${dep}), which keeps a point-in-time restore window, but nothing here says how long it is or how to restore: the window depends on the plan (hours on the free plan, days on paid ones), and a mistake noticed after it closes, or a deleted project, cannot be undone. Check the project's restore window against how late you would notice a bad migration, keep a scheduled \`pg_dump\` outside Neon if you need older copies, and write down how to restore (a RUNBOOK section, or an attestation of where backups run).`,
        file: neon.manifestPath,
        range: jsonKeyRange(text, ['dependencies', dep]) ?? (text ? new LineIndex(text).lineRange(0) : START),
        tier: 'tech-debt',
      });
      return;
    }
    const kinds = [...new Set(dbPackages.flatMap((p) => [...p.dataLayers].filter((d) => DATABASES.has(d))))].map((d) => LABELS[d] ?? d);
    const where = signals.ciDeployFiles[0]?.path ?? signals.platformFiles[0] ?? signals.dockerfiles[0];
    const message = `No database backups in sight: the app keeps its data in a database (${kinds.join(', ')}) and ${where ? `deploys (${where})` : 'deploys'}, but nothing here takes backups (no pg_dump/mongodump job, backup script, managed database with backups, or RUNBOOK section saying where backups run), so a bad migration, a dropped table or a provider incident loses customer data for good. Turn on automated backups and write down how to restore (or record where they run as an attestation).`;
    const anchor = anchorFor(ctx, pkg);
    ctx.report({ message, file: anchor.file, range: anchor.range });
  },
};

/**
 * Where a person looks at the production database: the Prisma datasource, else the database driver (or ORM) in
 * package.json. A compose database service is usually the local dev database, so it is only a last resort.
 */
function anchorFor(ctx: Parameters<WorkspaceRule['check']>[0], pkg: PackageInfo): { file: string; range: Range } {
  const { facts, files } = ctx;
  const inPkg = (path: string) => facts.packageOf(path) === pkg;
  const entries = [...files].sort(([a], [b]) => a.localeCompare(b));
  for (const [path, f] of entries) {
    const ds = f.facts.deploy?.datasource;
    if (ds && inPkg(path) && !isTestPath(path)) return { file: path, range: ds.range };
  }
  const text = files.get(pkg.manifestPath)?.text ?? '';
  const dep = DB_DEPS.find((d) => pkg.manifest.dependencies.includes(d) || pkg.manifest.devDependencies.includes(d));
  const depRange = dep ? jsonKeyRange(text, ['dependencies', dep]) ?? jsonKeyRange(text, ['devDependencies', dep]) : undefined;
  if (depRange) return { file: pkg.manifestPath, range: depRange };
  for (const [path, f] of entries) {
    const svc = COMPOSE_FILE.test(path) ? f.facts.deploy?.compose?.services.find((s) => DB_IMAGE.test(s.image ?? '')) : undefined;
    if (svc) return { file: path, range: svc.range };
  }
  return { file: pkg.manifestPath, range: text ? new LineIndex(text).lineRange(0) : START };
}

export default rule;
