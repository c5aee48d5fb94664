import rule from '../../../rules/data/no-migrations';
import { ruleTester } from '../../helpers/ruleTester';

const PRISMA_PKG = '{\n  "name": "api",\n  "dependencies": {\n    "@prisma/client": "^5.22.0",\n    "express": "^4.21.2"\n  },\n  "devDependencies": {\n    "prisma": "^5.22.0"\n  }\n}\n';
const SCHEMA = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel User {\n  id Int @id\n}\n';
const DB_TS = "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n";

ruleTester(rule, {
  valid: [
    { name: 'a TypeORM entity left over in a Mongoose app: nothing connects to a SQL database (seen on a real NestJS app)', files: {
      'package.json': '{ "dependencies": { "@nestjs/mongoose": "^10.0.0", "mongoose": "^8.0.0", "typeorm": "^0.3.17" } }\n',
      'src/user/models/user.entity.ts': "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn() id: number;\n  @Column() email: string;\n}\n",
      'src/user/models/user.schema.ts': "import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';\n@Schema()\nexport class User {\n  @Prop({ unique: true }) email: string;\n}\nexport const UserSchema = SchemaFactory.createForClass(User);\n",
    } },
    { name: 'Prisma with migrations', files: { 'package.json': PRISMA_PKG, 'prisma/schema.prisma': SCHEMA, 'src/db.ts': DB_TS, 'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" ("id" INTEGER NOT NULL);\n' } },
    { name: 'Drizzle output folder (journal only so far)', files: { 'package.json': '{ "dependencies": { "drizzle-orm": "^0.38.0" } }\n', 'src/db.ts': "import { drizzle } from 'drizzle-orm/node-postgres';\nexport const db = drizzle(process.env.DATABASE_URL!);\n", 'drizzle/meta/_journal.json': '{ "version": "7", "dialect": "postgresql", "entries": [] }\n' } },
    { name: 'Knex migrations in JS', files: { 'package.json': '{ "dependencies": { "knex": "^3.1.0", "pg": "^8.13.1" } }\n', 'src/db.js': "const knex = require('knex')({ client: 'pg' });\nmodule.exports = knex;\n", 'db/migrations/20240101120000_users.js': "exports.up = (knex) => knex.schema.createTable('users', (t) => t.increments());\n" } },
    { name: 'TypeORM migrations named by TypeORM, in a folder set in the data source', files: { 'package.json': '{ "dependencies": { "typeorm": "^0.3.20", "pg": "^8.13.1" } }\n', 'src/data-source.ts': "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', migrations: ['src/db/changes/*.ts'] });\n", 'src/db/changes/1700000000000-Init.ts': "import { MigrationInterface } from 'typeorm';\nexport class Init1700000000000 implements MigrationInterface { async up() {} async down() {} }\n" } },
    { name: 'Supabase migrations', files: { 'package.json': '{ "dependencies": { "@supabase/supabase-js": "^2.47.0" } }\n', 'supabase/config.toml': 'project_id = "web"\n', 'supabase/migrations/20240101000000_init.sql': 'create table todos (id bigint primary key);\n', 'src/supabase.ts': "import { createClient } from '@supabase/supabase-js';\nexport const supabase = createClient(url, key);\n" } },
    { name: 'numbered SQL files applied by a script', files: { 'package.json': '{ "dependencies": { "pg": "^8.13.1" } }\n', 'src/db.ts': "import pg from 'pg';\nexport const pool = new pg.Pool();\n", 'sql/001_init.sql': 'CREATE TABLE users (id serial PRIMARY KEY);\n' } },
    { name: 'Prisma on MongoDB has no migrations (db push is the way)', files: { 'package.json': PRISMA_PKG, 'prisma/schema.prisma': 'datasource db {\n  provider = "mongodb"\n  url      = env("DATABASE_URL")\n}\n', 'src/db.ts': DB_TS } },
    { name: 'a Mongoose-only app: schemaless, no migrations expected', files: { 'package.json': '{ "dependencies": { "mongoose": "^8.9.0", "express": "^4.21.2" } }\n', 'src/models/user.ts': "import mongoose from 'mongoose';\nexport const User = mongoose.model('User', new mongoose.Schema({ email: String }));\n" } },
    { name: 'supabase-js for auth only, no Supabase project in the repo', files: { 'package.json': '{ "dependencies": { "@supabase/supabase-js": "^2.47.0", "next": "^15.1.0" } }\n', 'app/login/page.tsx': "'use client';\nimport { createClient } from '@supabase/supabase-js';\nexport default function Login() { return null; }\n" } },
    { name: 'a database driver used only by a seed script and tests', files: { 'package.json': '{ "dependencies": { "express": "^4.21.2" }, "devDependencies": { "pg": "^8.13.1" } }\n', 'scripts/seed.ts': "import pg from 'pg';\nnew pg.Client();\n", 'test/db.test.ts': "import pg from 'pg';\n" } },
    { name: 'a dependency that is never imported', files: { 'package.json': '{ "dependencies": { "pg": "^8.13.1", "express": "^4.21.2" } }\n', 'src/server.ts': "import express from 'express';\nexpress().listen(3000);\n" } },
  ],
  invalid: [
    {
      name: 'Prisma schema without prisma/migrations: anchored on the schema',
      files: { 'package.json': PRISMA_PKG, 'prisma/schema.prisma': SCHEMA, 'src/db.ts': DB_TS },
      errors: [{ file: 'prisma/schema.prisma', line: 1, column: 1, endColumn: 14, message: 'Prisma is used but no migrations are checked in: the production schema is whatever was last pushed or synced, so it cannot be reviewed, rebuilt on a fresh database (staging, a restored backup) or rolled back. To fix it, run `prisma migrate dev --name init` and commit prisma/migrations (for a database that already exists, baseline it with `prisma migrate diff --from-empty` and `prisma migrate resolve --applied`).' }],
      output: null,
    },
    {
      name: 'prisma/migrations is git-ignored',
      files: { 'package.json': PRISMA_PKG, 'prisma/schema.prisma': SCHEMA, 'src/db.ts': DB_TS, '.gitignore': 'node_modules\n.env\nprisma/migrations\n' },
      errors: [{ file: 'prisma/schema.prisma', line: 1, column: 1, message: /^Prisma is used but no migrations are checked in \(prisma\/migrations is listed in \.gitignore\):/ }],
    },
    {
      name: 'Sequelize with sync(): anchored on the dependency',
      files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.2",\n    "sequelize": "^6.37.5",\n    "pg": "^8.13.1"\n  }\n}\n',
        'src/db.js': "const { Sequelize } = require('sequelize');\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nsequelize.sync();\nmodule.exports = sequelize;\n",
      },
      errors: [{ file: 'package.json', line: 5, column: 5, endColumn: 16, message: /^Sequelize is used but no migrations are checked in: .* write migrations with sequelize-cli/ }],
    },
    {
      name: 'Drizzle with drizzle-kit push only',
      files: {
        'package.json': '{\n  "dependencies": {\n    "drizzle-orm": "^0.38.0",\n    "postgres": "^3.4.5"\n  }\n}\n',
        'src/db/index.ts': "import { drizzle } from 'drizzle-orm/postgres-js';\nimport postgres from 'postgres';\nexport const db = drizzle(postgres(process.env.DATABASE_URL!));\n",
        'drizzle.config.ts': "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ schema: './src/db/schema.ts', dialect: 'postgresql' });\n",
      },
      errors: [{ file: 'package.json', line: 3, column: 5, message: /^Drizzle and PostgreSQL \(pg\) are used but no migrations are checked in: .* run `drizzle-kit generate`/ }],
    },
    {
      // seen on a real NestJS + Drizzle app: its code lives in src/drizzle/, which was taken for drizzle-kit's output folder
      name: 'Drizzle code in a src/drizzle/ folder (NestJS layout) is not a migrations folder',
      files: {
        'package.json': '{\n  "dependencies": {\n    "drizzle-orm": "^0.38.0",\n    "better-sqlite3": "^11.0.0"\n  }\n}\n',
        'src/drizzle/schema.ts': "import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';\nexport const users = sqliteTable('users', { id: integer('id').primaryKey(), email: text('email').notNull() });\n",
        'src/drizzle/drizzle.module.ts': "import { drizzle } from 'drizzle-orm/better-sqlite3';\nimport Database from 'better-sqlite3';\nexport const db = drizzle(new Database(process.env.DB_FILE!));\n",
      },
      errors: [{ file: 'package.json', line: 3, column: 5, message: /^Drizzle and SQLite are used but no migrations are checked in/ }],
    },
    {
      name: 'a monorepo: the API package uses raw pg; the web package is not reported',
      files: {
        'package.json': '{ "private": true, "workspaces": ["apps/*"] }\n',
        'apps/api/package.json': '{\n  "name": "api",\n  "dependencies": {\n    "pg": "^8.13.1"\n  }\n}\n',
        'apps/api/src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool();\n",
        'apps/web/package.json': '{ "name": "web", "dependencies": { "next": "^15.1.0" } }\n',
        'apps/web/app/page.tsx': 'export default function Page() { return null; }\n',
      },
      errors: [{ file: 'apps/api/package.json', line: 4, column: 5, message: /^PostgreSQL \(pg\) is used in apps\/api but no migrations are checked in: .* adopt a migration tool/ }],
    },
    {
      name: 'a monorepo with the Prisma schema in a db package: reported once, at the schema',
      files: {
        'package.json': '{ "private": true, "workspaces": ["apps/*", "packages/*"] }\n',
        'packages/db/package.json': '{ "name": "@acme/db", "dependencies": { "@prisma/client": "^5.22.0" } }\n',
        'packages/db/prisma/schema.prisma': SCHEMA,
        'packages/db/src/index.ts': DB_TS,
        'apps/web/package.json': '{ "name": "web", "dependencies": { "@acme/db": "*", "@prisma/client": "^5.22.0" } }\n',
        'apps/web/lib/users.ts': "import type { User } from '@prisma/client';\nexport type U = User;\n",
      },
      errors: [{ file: 'packages/db/prisma/schema.prisma', line: 1, column: 1, message: /^Prisma is used in packages\/db but no migrations are checked in/ }],
    },
    {
      name: 'a Supabase project (supabase/config.toml) with no migrations',
      files: {
        'package.json': '{\n  "dependencies": {\n    "@supabase/supabase-js": "^2.47.0"\n  }\n}\n',
        'supabase/config.toml': 'project_id = "web"\n',
        'src/lib/supabase.ts': "import { createClient } from '@supabase/supabase-js';\nexport const supabase = createClient(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY);\n",
      },
      errors: [{ file: 'package.json', line: 3, column: 5, message: /^Supabase is used but no migrations are checked in: .* `supabase db diff -f init`/ }],
    },
  ],
});
