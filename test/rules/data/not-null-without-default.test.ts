import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import rule, { sqlDefaultFor } from '../../../rules/data/not-null-without-default';
import { ruleTester } from '../../helpers/ruleTester';

const ROLE_MSG = 'This migration adds the NOT NULL column `User.role` with no DEFAULT: on a table that already has rows the database cannot fill it, so this migration fails in production (it passed locally on an empty table). Add a DEFAULT, or add the column as nullable, backfill it, then set NOT NULL.';

ruleTester(rule, {
  valid: [
    { name: 'SET NOT NULL after a backfill, on a table created here, or on a column added with a default', files: {
      'migrations/001_init.sql': 'CREATE TABLE teams (id serial PRIMARY KEY, name text);\nALTER TABLE teams ALTER COLUMN name SET NOT NULL;\nALTER TABLE users ADD COLUMN plan text DEFAULT \'free\';\n',
      'migrations/002_backfill.sql': 'ALTER TABLE users ADD COLUMN status text;\nUPDATE users SET status = \'active\' WHERE status IS NULL;\nALTER TABLE users ALTER COLUMN status SET NOT NULL;\n',
      'migrations/003_plan.sql': 'ALTER TABLE users ALTER COLUMN plan SET NOT NULL;\n',
    } },
    { files: { 'prisma/migrations/20240301000000_role/migration.sql': 'ALTER TABLE "User" ADD COLUMN "role" TEXT NOT NULL DEFAULT \'member\',\nADD COLUMN "bio" TEXT,\nADD COLUMN "seq" SERIAL NOT NULL;\n' } },
    { name: 'the table is created in the same migration', files: { 'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" ("id" SERIAL NOT NULL);\nALTER TABLE "User" ADD COLUMN "role" TEXT NOT NULL;\n' } },
    { name: 'nullable, backfill, then SET NOT NULL', files: { 'migrations/0005_role.sql': "ALTER TABLE users ADD COLUMN role text;\nUPDATE users SET role = 'member';\nALTER TABLE users ALTER COLUMN role SET NOT NULL;\n" } },
    { name: 'identity / generated columns fill themselves; the table is emptied first', files: { 'migrations/0006.sql': 'ALTER TABLE orders ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY NOT NULL;\nTRUNCATE carts;\nALTER TABLE carts ADD COLUMN token text NOT NULL;\n' } },
    { name: 'the down half of a dbmate migration', files: { 'db/migrations/20240101000000_x.sql': '-- migrate:up\nALTER TABLE users DROP COLUMN legacy;\n-- migrate:down\nALTER TABLE users ADD COLUMN legacy int NOT NULL;\n' } },
    // JS migrations
    { name: 'Knex: defaultTo, nullable, and a new table', filename: 'migrations/20240101_users.js', code: "exports.up = async (knex) => {\n  await knex.schema.alterTable('users', (t) => {\n    t.string('role').notNullable().defaultTo('member');\n    t.integer('age').nullable();\n    t.string('name').notNullable().alter();\n  });\n  await knex.schema.createTable('teams', (t) => { t.increments(); t.string('name').notNullable(); });\n};\nexports.down = (knex) => knex.schema.alterTable('users', (t) => { t.string('x').notNullable(); });\n" },
    { name: 'Sequelize: defaultValue or allowNull', filename: 'migrations/20240101-role.js', code: "module.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.addColumn('Users', 'role', { type: Sequelize.STRING, allowNull: false, defaultValue: 'member' });\n    await queryInterface.addColumn('Users', 'bio', { type: Sequelize.TEXT });\n    await queryInterface.addColumn('Users', 'uid', { type: Sequelize.INTEGER, allowNull: false, autoIncrement: true });\n  },\n};\n" },
    { name: 'TypeORM: nullable column, column with a default, and a table created in up()', filename: 'src/migrations/1700000000000-Role.ts', code: "import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';\nexport class Role1700000000000 implements MigrationInterface {\n  async up(queryRunner: QueryRunner) {\n    await queryRunner.addColumn('user', new TableColumn({ name: 'nick', type: 'varchar', isNullable: true }));\n    await queryRunner.addColumn('user', new TableColumn({ name: 'role', type: 'varchar', default: \"'member'\" }));\n    await queryRunner.createTable(new Table({ name: 'team', columns: [] }));\n    await queryRunner.query(`ALTER TABLE \"team\" ADD \"name\" character varying NOT NULL`);\n  }\n}\n" },
    { name: 'addColumn outside a migrations folder is some other API', filename: 'src/grid.ts', code: "grid.addColumn('total', 'price', { allowNull: false });\n" },
  ],
  invalid: [
    { name: 'Prisma: the same NOT NULL column added in an old migration (later ones stacked on it: tech debt) and in the newest (ship-stopping) (seen on real T3, Fastify and NestJS apps)', files: {
      'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
      'prisma/migrations/20230516050118_add_order/migration.sql': 'CREATE TABLE "Order" ("id" TEXT NOT NULL, CONSTRAINT "Order_pkey" PRIMARY KEY ("id"));\n',
      'prisma/migrations/20230516052801_order_fields/migration.sql': '-- AlterTable\nALTER TABLE "Order" ADD COLUMN "status" TEXT NOT NULL;\n',
      'prisma/migrations/20230601090000_order_email/migration.sql': '-- AlterTable\nALTER TABLE "Order" ADD COLUMN "deliveryEmail" TEXT NOT NULL;\n',
    },
    errors: [
      { file: 'prisma/migrations/20230516052801_order_fields/migration.sql', line: 2, column: 32, tier: 'tech-debt', message: /But later migrations are stacked on this one: it has most likely run already wherever they have, and fails only on a database where it has not run yet and the table holds rows\.$/ },
      { file: 'prisma/migrations/20230601090000_order_email/migration.sql', line: 2, column: 32, tier: 'ship-stopping', message: /^(?!.*Later migrations)/ },
    ] },
    { name: 'Prisma: a column added nullable in an earlier migration made required with SET NOT NULL and a SET DEFAULT, no backfill (seen on a real Next.js + Stripe app)', files: {
      'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
      'prisma/migrations/20250305032529_add_stripe/migration.sql': 'CREATE TYPE "subscription_status" AS ENUM (\'ACTIVE\', \'CANCELED\');\n\nALTER TABLE "users" ADD COLUMN "subscription_status" "subscription_status",\nADD COLUMN "plan" TEXT DEFAULT \'FREE\';\n',
      'prisma/migrations/20250308160229_/migration.sql': '-- AlterTable\nALTER TABLE "users" ALTER COLUMN "subscription_status" SET NOT NULL,\nALTER COLUMN "subscription_status" SET DEFAULT \'ACTIVE\',\nALTER COLUMN "plan" SET NOT NULL;\n',
    },
    errors: [{ file: 'prisma/migrations/20250308160229_/migration.sql', line: 2, column: 34, message: /^`ALTER COLUMN subscription_status SET NOT NULL` on `users` fails on a table with rows where `subscription_status` is NULL: it was added without a default/ }] },
    { name: 'SQL: a column added nullable and set NOT NULL in the same migration, nothing filled in', filename: 'migrations/003_status.sql',
      code: 'ALTER TABLE users ADD COLUMN status text;\nALTER TABLE users ALTER COLUMN status SET NOT NULL;\n',
      errors: [{ line: 2, column: 32, message: /this migration added it without a default and fills nothing in/ }] },
    {
      name: 'Prisma: required column added to an existing table',
      files: { 'prisma/migrations/20240301000000_role/migration.sql': '/*\n  Warnings:\n\n  - Added the required column `role` to the `User` table without a default value. This is not possible if the table is not empty.\n\n*/\n-- AlterTable\nALTER TABLE "User" ADD COLUMN "role" TEXT NOT NULL;\n' },
      errors: [{ line: 8, column: 31, endColumn: 37, message: ROLE_MSG }],
      output: { 'prisma/migrations/20240301000000_role/migration.sql': '/*\n  Warnings:\n\n  - Added the required column `role` to the `User` table without a default value. This is not possible if the table is not empty.\n\n*/\n-- AlterTable\nALTER TABLE "User" ADD COLUMN "role" TEXT NOT NULL DEFAULT \'\';\n' },
    },
    {
      name: 'type-appropriate defaults: number, boolean, timestamp',
      files: { 'migrations/0007_flags.sql': 'ALTER TABLE users ADD COLUMN credits integer NOT NULL;\nalter table users add column active boolean not null;\nALTER TABLE users ADD COLUMN seen_at timestamptz NOT NULL;\n' },
      errors: [{ line: 1, column: 30 }, { line: 2, column: 30 }, { line: 3, column: 30 }],
      output: { 'migrations/0007_flags.sql': 'ALTER TABLE users ADD COLUMN credits integer NOT NULL DEFAULT 0;\nalter table users add column active boolean not null;\nALTER TABLE users ADD COLUMN seen_at timestamptz NOT NULL;\n' },
    },
    {
      name: 'lower-case style kept',
      files: { 'migrations/0008.sql': 'alter table users add column active boolean not null;\n' },
      errors: [{ line: 1, column: 30 }],
      output: { 'migrations/0008.sql': 'alter table users add column active boolean not null default false;\n' },
    },
    {
      name: 'timestamps get now()',
      files: { 'migrations/0009.sql': 'ALTER TABLE orders ADD COLUMN placed_at TIMESTAMP(3) NOT NULL;\n' },
      errors: [{ line: 1, column: 31 }],
      output: { 'migrations/0009.sql': 'ALTER TABLE orders ADD COLUMN placed_at TIMESTAMP(3) NOT NULL DEFAULT now();\n' },
    },
    {
      name: 'a uuid foreign key has no sensible default: no fix (statement read lexically)',
      files: { 'supabase/migrations/20240101000000_owner.sql': 'alter table todos add column owner uuid not null references auth.users;\n' },
      errors: [{ line: 1, column: 30, message: /^This migration adds the NOT NULL column `todos.owner` with no DEFAULT/ }],
      output: null,
    },
    {
      name: 'a required foreign-key column added by Prisma: no constant default fits, no fix',
      files: { 'prisma/migrations/20240301000000_author/migration.sql': 'ALTER TABLE "Post" ADD COLUMN "authorId" INTEGER NOT NULL;\nALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;\n' },
      errors: [{ line: 1, column: 31, message: /^This migration adds the NOT NULL column `Post.authorId` with no DEFAULT/ }],
      output: null,
    },
    {
      name: 'Knex alterTable: .defaultTo() added after .notNullable()',
      filename: 'migrations/20240301_role.js',
      code: "exports.up = (knex) => knex.schema.alterTable('users', (t) => {\n  t.string('role').notNullable();\n  t.timestamp('seen_at').notNullable().index();\n});\n",
      errors: [
        { line: 2, column: 12, message: /^This migration adds the NOT NULL column `users.role` with no DEFAULT/ },
        { line: 3, column: 15, message: /^This migration adds the NOT NULL column `users.seen_at`/ },
      ],
      output: "exports.up = (knex) => knex.schema.alterTable('users', (t) => {\n  t.string('role').notNullable().defaultTo('');\n  t.timestamp('seen_at').notNullable().index();\n});\n",
    },
    {
      name: 'Knex timestamp: knex.fn.now()',
      filename: 'migrations/20240302_seen.js',
      code: "exports.up = function (knex) {\n  return knex.schema.table('users', function (table) {\n    table.timestamp('seen_at').notNullable();\n  });\n};\n",
      errors: [{ line: 3, column: 21 }],
      output: "exports.up = function (knex) {\n  return knex.schema.table('users', function (table) {\n    table.timestamp('seen_at').notNullable().defaultTo(knex.fn.now());\n  });\n};\n",
    },
    {
      name: 'Sequelize addColumn allowNull: false',
      filename: 'migrations/20240301-role.js',
      code: "module.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.addColumn('Users', 'role', {\n      type: Sequelize.STRING,\n      allowNull: false,\n    });\n  },\n  async down(queryInterface) {\n    await queryInterface.removeColumn('Users', 'role');\n  },\n};\n",
      errors: [{ line: 3, column: 45, message: /^`addColumn` adds the NOT NULL column `Users.role` with no DEFAULT/ }],
      output: "module.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.addColumn('Users', 'role', {\n      type: Sequelize.STRING,\n      allowNull: false,\n      defaultValue: '',\n    });\n  },\n  async down(queryInterface) {\n    await queryInterface.removeColumn('Users', 'role');\n  },\n};\n",
    },
    {
      name: 'TypeORM: generated SQL, and a TableColumn (not nullable by default)',
      filename: 'src/migrations/1710000000000-Plan.ts',
      code: "import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';\nexport class Plan1710000000000 implements MigrationInterface {\n  async up(queryRunner: QueryRunner) {\n    await queryRunner.addColumn('user', new TableColumn({ name: 'plan', type: 'varchar' }));\n    await queryRunner.query(`ALTER TABLE \"user\" ADD \"credits\" integer NOT NULL`);\n  }\n}\n",
      errors: [
        { line: 4, column: 41, message: /^`addColumn` adds the NOT NULL column `user.plan`/ },
        { line: 5, column: 29, message: /^This migration adds the NOT NULL column `user.credits`/ },
      ],
      output: "import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';\nexport class Plan1710000000000 implements MigrationInterface {\n  async up(queryRunner: QueryRunner) {\n    await queryRunner.addColumn('user', new TableColumn({ name: 'plan', type: 'varchar', default: \"''\" }));\n    await queryRunner.query(`ALTER TABLE \"user\" ADD \"credits\" integer NOT NULL`);\n  }\n}\n",
    },
  ],
});

describe('data/not-null-without-default: defaults', () => {
  it('picks a default that fits the type', () => {
    assert.equal(sqlDefaultFor('character varying(255)'), "''");
    assert.equal(sqlDefaultFor('numeric(12,2)'), '0');
    assert.equal(sqlDefaultFor('bool'), 'false');
    assert.equal(sqlDefaultFor('timestamp with time zone'), 'now()');
    assert.equal(sqlDefaultFor('date'), 'CURRENT_DATE');
    assert.equal(sqlDefaultFor('jsonb'), "'{}'");
    assert.equal(sqlDefaultFor('text[]'), "'{}'");
    assert.equal(sqlDefaultFor('uuid'), undefined);
    assert.equal(sqlDefaultFor('mood'), undefined);
  });
});
