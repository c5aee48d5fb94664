import rule from '../../../rules/data/destructive-migration';
import { ruleTester } from '../../helpers/ruleTester';

const DROP_BIO = 'This migration drops the column `User.bio`: the data is gone for good (only a backup brings it back), and the version still running during the deploy fails on it. Make sure it is intended, ship it in steps (stop using the column or table in one deploy, drop it in a later one; add, copy and switch instead of renaming), and check that a restorable backup exists first.';

ruleTester(rule, {
  valid: [
    { files: { 'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" ("id" SERIAL NOT NULL, "bio" TEXT);\nALTER TABLE "User" ADD COLUMN "age" INTEGER;\nDROP INDEX "User_email_idx";\nALTER TABLE "User" DROP CONSTRAINT "User_x_fkey";\n' } },
    { name: 'dropping what the same migration created', files: { 'migrations/0002_tmp.sql': 'CREATE TABLE tmp_import (id int);\nDROP TABLE tmp_import;\nALTER TABLE users ADD COLUMN tmp int;\nALTER TABLE users DROP COLUMN tmp;\n' } },
    { name: 'SQLite table redefinition by Prisma (drop, then rename the copy into place)', files: { 'prisma/migrations/20240302000000_x/migration.sql': 'PRAGMA foreign_keys=OFF;\nCREATE TABLE "new_Post" ("id" INTEGER NOT NULL PRIMARY KEY, "title" TEXT NOT NULL);\nINSERT INTO "new_Post" ("id", "title") SELECT "id", "title" FROM "Post";\nDROP TABLE "Post";\nALTER TABLE "new_Post" RENAME TO "Post";\n' } },
    { name: 'the down half: dbmate section and a .down.sql file', files: { 'db/migrations/20240101000000_x.sql': '-- migrate:up\nALTER TABLE users ADD COLUMN nickname text;\n\n-- migrate:down\nALTER TABLE users DROP COLUMN nickname;\n', 'migrations/000002_users.down.sql': 'DROP TABLE users;\n' } },
    { name: 'a targeted DELETE, and SQL outside a migrations folder', files: { 'migrations/0003.sql': "DELETE FROM sessions WHERE expires_at < now();\n", 'db/reset-dev.sql': 'DROP TABLE users;\nTRUNCATE orders;\n', 'test/fixtures/migrations/001.sql': 'DROP TABLE users;\n' } },
    // JS migrations
    { name: 'Knex: destructive calls only in down()', filename: 'migrations/20240101_users.js', code: "exports.up = (knex) => knex.schema.createTable('users', (t) => { t.increments(); t.string('email'); });\nexports.down = (knex) => knex.schema.dropTable('users');\n" },
    { name: 'Sequelize: drops in down, a targeted bulkDelete in up', filename: 'migrations/20240101-create-user.js', code: "module.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.addColumn('Users', 'bio', { type: Sequelize.TEXT });\n    await queryInterface.bulkDelete('Sessions', { expired: true });\n  },\n  async down(queryInterface) {\n    await queryInterface.removeColumn('Users', 'bio');\n    await queryInterface.dropTable('Users');\n  },\n};\n" },
    { name: 'TypeORM: generated down()', filename: 'src/migrations/1700000000000-Init.ts', code: "import { MigrationInterface, QueryRunner } from 'typeorm';\nexport class Init1700000000000 implements MigrationInterface {\n  async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`CREATE TABLE \"user\" (\"id\" SERIAL NOT NULL, \"name\" character varying NOT NULL)`);\n  }\n  async down(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`DROP TABLE \"user\"`);\n  }\n}\n" },
    { name: 'creating then dropping a scratch table in the same up()', filename: 'migrations/20240101_backfill.js', code: "exports.up = async (knex) => {\n  await knex.schema.createTable('tmp_ids', (t) => t.integer('id'));\n  await knex.schema.dropTable('tmp_ids');\n};\n" },
    { name: 'dropTable outside a migrations folder', filename: 'src/admin/reset.ts', code: "export async function reset(knex) { await knex.schema.dropTable('users'); }\n" },
  ],
  invalid: [
    {
      name: 'Prisma migration dropping a column (warnings comment with backticks above it)',
      files: { 'prisma/migrations/20240301120000_drop_bio/migration.sql': '/*\n  Warnings:\n\n  - You are about to drop the column `bio` on the `User` table. All the data in the column will be lost.\n\n*/\n-- AlterTable\nALTER TABLE "User" DROP COLUMN "bio";\n' },
      errors: [{ line: 8, column: 1, endColumn: 38, message: DROP_BIO }],
    },
    {
      name: 'one finding per statement: several changes in one ALTER TABLE',
      files: { 'migrations/0004_users.sql': 'ALTER TABLE users\n  DROP COLUMN bio,\n  ALTER COLUMN age TYPE bigint,\n  ADD COLUMN nickname text;\n' },
      errors: [{ line: 1, column: 1, message: /^This migration drops the column `users.bio` and changes the type of `users.age` to `bigint`: the data is gone for good .*; the table is rewritten under an exclusive lock/ }],
    },
    {
      name: 'drop table, rename column, rename table, truncate, delete all',
      files: { 'supabase/migrations/20240101000000_cleanup.sql': 'drop table if exists legacy_orders;\nalter table profiles rename column name to full_name;\nalter table todos rename to tasks;\ntruncate audit_events;\ndelete from sessions;\n' },
      errors: [
        { line: 1, column: 1, message: /^This migration drops the table `legacy_orders`/ },
        { line: 2, column: 1, message: /^This migration renames the column `profiles.name` to `full_name`: the version still running during the deploy/ },
        { line: 3, column: 1, message: /^This migration renames the table `todos` to `tasks`/ },
        { line: 4, column: 1, message: /^This migration deletes every row of `audit_events`: every row is deleted\./ },
        { line: 5, column: 1, message: /^This migration deletes every row of `sessions`/ },
      ],
    },
    {
      name: 'dbmate: the up half is checked',
      files: { 'db/migrations/20240101000000_x.sql': '-- migrate:up\nALTER TABLE users DROP COLUMN legacy_id;\n\n-- migrate:down\nALTER TABLE users ADD COLUMN legacy_id int;\n' },
      errors: [{ line: 2, column: 1, message: /^This migration drops the column `users.legacy_id`/ }],
    },
    {
      name: 'Knex: dropColumn in a table() callback, .alter(), renameTable, truncate',
      filename: 'migrations/20240301_users.js',
      code: "exports.up = async (knex) => {\n  await knex.schema.table('users', (t) => {\n    t.dropColumn('bio');\n    t.string('name', 500).alter();\n    t.dropTimestamps();\n  });\n  await knex.schema.renameTable('todos', 'tasks');\n  await knex('sessions').truncate();\n};\nexports.down = async (knex) => {\n  await knex.schema.renameTable('tasks', 'todos');\n};\n",
      errors: [
        { line: 3, column: 5, message: /^This migration drops the column `users.bio`/ },
        { line: 4, column: 5, message: /^This migration changes the type of `users.name`/ },
        { line: 5, column: 5, message: /^This migration drops the column `users.created_at\/updated_at`/ },
        { line: 7, column: 9, message: /^This migration renames the table `todos` to `tasks`/ },
        { line: 8, column: 9, message: /^This migration deletes every row of `sessions`/ },
      ],
    },
    {
      name: 'Sequelize queryInterface in up()',
      filename: 'migrations/20240301-users.js',
      code: "'use strict';\nmodule.exports = {\n  up: async (queryInterface, Sequelize) => {\n    await queryInterface.removeColumn('Users', 'bio');\n    await queryInterface.changeColumn('Users', 'age', { type: Sequelize.BIGINT });\n    await queryInterface.renameColumn('Users', 'name', 'fullName');\n    await queryInterface.bulkDelete('Sessions', null, {});\n  },\n  down: async () => {},\n};\n",
      errors: [
        { line: 4, column: 11, message: /^This migration drops the column `Users.bio`/ },
        { line: 5, column: 11, message: /^This migration changes the type of `Users.age`/ },
        { line: 6, column: 11, message: /^This migration renames the column `Users.name` to `fullName`/ },
        { line: 7, column: 11, message: /^This migration deletes every row of `Sessions`/ },
      ],
    },
    {
      name: 'TypeORM: generated SQL in up(), and queryRunner helpers',
      filename: 'src/migrations/1710000000000-DropBio.ts',
      code: "import { MigrationInterface, QueryRunner } from 'typeorm';\nexport class DropBio1710000000000 implements MigrationInterface {\n  name = 'DropBio1710000000000';\n  public async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`ALTER TABLE \"user\" DROP COLUMN \"bio\"`);\n    await queryRunner.dropTable('legacy');\n  }\n  public async down(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`ALTER TABLE \"user\" ADD \"bio\" character varying`);\n  }\n}\n",
      errors: [
        { line: 5, column: 29, message: /^This migration drops the column `user.bio`/ },
        { line: 6, column: 11, message: /^This migration drops the table `legacy`/ },
      ],
    },
  ],
});
