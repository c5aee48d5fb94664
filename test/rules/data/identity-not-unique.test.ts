import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import rule, { belongsToPerson, identityKind, modelWords } from '../../../rules/data/identity-not-unique';
import { ruleTester } from '../../helpers/ruleTester';

const schema = (body: string) => ({ 'prisma/schema.prisma': body });
const EMAIL_MSG = '`User.email` has no unique constraint: two accounts can end up with the same email (a double-submitted sign-up, two requests racing), and every lookup by email then returns an arbitrary one: logins and password resets reach the wrong account. Make it unique in the schema (check existing rows for duplicates before migrating).';

ruleTester(rule, {
  valid: [
    { name: 'account / login fields without a password beside them (a reference, a ledger), and SMTP settings with an email and a password', files: {
      'src/models/Transaction.ts': "import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class Transaction {\n  @PrimaryGeneratedColumn() id: number;\n  @Column() account: string;\n  @Column() amount: number;\n}\n",
      'src/models/MailSettings.ts': "import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class MailSettings {\n  @PrimaryGeneratedColumn() id: number;\n  @Column() email: string;\n  @Column() password: string;\n  @Column() host: string;\n}\n",
    } },
    { name: 'Kysely migrations: a unique column, a unique constraint, a unique index in a later migration', files: {
      'src/db/migrations/001_users.ts': "import { Kysely } from 'kysely';\nexport async function up(db: Kysely<any>) {\n  await db.schema.createTable('users').addColumn('id', 'serial', (col) => col.primaryKey()).addColumn('email', 'text', (col) => col.notNull().unique()).addColumn('username', 'text').addUniqueConstraint('users_username_key', ['username']).execute();\n  await db.schema.createTable('lessons').addColumn('id', 'serial', (col) => col.primaryKey()).addColumn('slug', 'text', (col) => col.notNull()).execute();\n}\n",
      'src/db/migrations/002_lesson_slug.ts': "import { Kysely } from 'kysely';\nexport async function up(db: Kysely<any>) {\n  await db.schema.createIndex('lessons_slug_idx').on('lessons').column('slug').unique().execute();\n}\n",
    } },
    { name: 'a byline Author (a CMS: name, avatar, email, website; nobody signs in as one), TypeORM and Prisma (seen on a real Koa CMS)', files: {
      'src/models/Author.ts': "import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class Author {\n  @PrimaryGeneratedColumn() id: number;\n  @Column('varchar') name: string;\n  @Column('varchar', { default: '' }) avatar: string;\n  @Column('varchar', { default: '' }) email: string;\n  @Column('varchar', { default: '' }) website: string;\n}\n",
      ...schema('model Creator {\n  id      Int    @id @default(autoincrement())\n  name    String\n  email   String\n  bio     String?\n}\n'),
    } },
    { name: 'Knex: identities made unique in the chain, by t.unique() (single or composite), by a raw unique index in another migration, and an orders table', files: {
      'package.json': JSON.stringify({ name: 'api', dependencies: { knex: '^3.1.0', pg: '^8.11.0' } }),
      'migrations/001_users.js': "exports.up = async (knex) => {\n  await knex.schema.createTable('users', (table) => {\n    table.increments('id');\n    table.string('email', 255).notNullable().unique();\n    table.string('username').notNullable();\n    table.string('slug');\n    table.unique('username');\n  });\n  await knex.schema.createTable('orders', (table) => {\n    table.increments('id');\n    table.string('email');\n  });\n  await knex.schema.createTable('members', (table) => {\n    table.increments('id');\n    table.integer('team_id');\n    table.string('email');\n    table.unique(['team_id', 'email']);\n  });\n};\nexports.down = async () => {};\n",
      'migrations/002_slug.js': "exports.up = (knex) => knex.raw('CREATE UNIQUE INDEX users_slug_key ON users (slug)');\nexports.down = (knex) => knex.raw('DROP INDEX users_slug_key');\n",
    } },
    // Prisma: unique in every spelling, deliberate scoping, and models where many rows per address are normal
    { files: schema('model User {\n  id       Int    @id @default(autoincrement())\n  email    String @unique\n  username String @unique @db.VarChar(40)\n  githubId Int?   @unique\n}\n') },
    { files: schema('model User {\n  email String @id\n}\nmodel Account {\n  id       String @id\n  username String\n  slug     String\n  @@unique([username])\n  @@unique(fields: [slug], name: "account_slug")\n}\n') },
    { name: 'Prisma composite unique: scoped per tenant on purpose', files: schema('model User {\n  id       String @id\n  tenantId String\n  email    String\n  @@unique([tenantId, email])\n  @@index([email])\n}\n') },
    { name: 'NextAuth Account / VerificationToken', files: schema('model Account {\n  id                String @id @default(cuid())\n  userId            String\n  provider          String\n  providerAccountId String\n  @@unique([provider, providerAccountId])\n}\nmodel VerificationToken {\n  identifier String\n  token      String @unique\n  expires    DateTime\n  @@unique([identifier, token])\n}\n') },
    { name: 'models where many rows per email / customer are normal', files: schema('model Order {\n  id    Int    @id\n  email String\n}\nmodel Invite {\n  id    Int    @id\n  email String\n}\nmodel EmailLog {\n  id    Int    @id\n  email String\n}\nmodel LoginAttempt {\n  id       Int    @id\n  username String\n}\nmodel Organization {\n  id    Int    @id\n  email String\n  slug  String @unique\n}\nmodel Subscription {\n  id               Int    @id\n  stripeCustomerId String\n}\nmodel DeletedUser {\n  id    Int    @id\n  email String\n}\nmodel PostTranslation {\n  id     Int    @id\n  locale String\n  slug   String\n}\nmodel TeamMember {\n  id    Int    @id\n  email String\n}\n') },
    { name: 'a list of emails, a relation named like an identity', files: schema('model User {\n  id        Int      @id\n  altEmails String[]\n  handle    Handle?\n}\n') },
    { name: 'Prisma test fixture', files: { 'test/fixtures/schema.prisma': 'model User {\n  id    Int    @id\n  email String\n}\n' } },
    // SQL
    { files: { 'db/001.sql': 'CREATE TABLE users (\n  id serial PRIMARY KEY,\n  email text NOT NULL UNIQUE,\n  username citext,\n  slug text,\n  UNIQUE (username),\n  CONSTRAINT users_slug_key UNIQUE (tenant_id, slug)\n);\nCREATE TABLE orders (id serial, email text);\nCREATE TABLE email_logs (id serial, email text);\n' } },
    {
      name: 'SQL: the unique index comes in a later migration',
      files: {
        'supabase/migrations/001_init.sql': 'create table profiles (id uuid primary key, username text, stripe_customer_id text);\n',
        'supabase/migrations/002_unique.sql': 'create unique index profiles_username_key on profiles (lower(username));\nalter table profiles add constraint profiles_stripe_key unique (stripe_customer_id);\n',
      },
    },
    {
      name: 'SQL generated by Prisma Migrate: the schema is the source of truth',
      files: {
        'prisma/schema.prisma': 'model User {\n  id    Int    @id\n  email String @unique\n}\n',
        'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" (\n    "id" SERIAL NOT NULL,\n    "email" TEXT NOT NULL,\n    CONSTRAINT "User_pkey" PRIMARY KEY ("id")\n);\n',
      },
    },
    {
      name: 'SQL generated by drizzle-kit',
      files: {
        'drizzle/0000_init.sql': 'CREATE TABLE "users" ("id" serial PRIMARY KEY NOT NULL, "email" text NOT NULL);\n',
        'drizzle/meta/_journal.json': '{ "version": "7", "entries": [] }\n',
      },
    },
    // TypeORM
    { filename: 'src/user.entity.ts', code: "import { Entity, Column, PrimaryColumn } from 'typeorm';\n@Entity()\nexport class User {\n  @PrimaryColumn()\n  username: string;\n  @Column({ unique: true })\n  email: string;\n  @Column('varchar', { length: 80, unique: true })\n  slug: string;\n}" },
    { filename: 'src/user.entity.ts', code: "import { Entity, Column, Unique, Index } from 'typeorm';\n@Entity('users')\n@Unique(['email'])\n@Unique('UQ_user_handle', ['handle'])\n@Index(['username'], { unique: true })\n@Index('IDX_tenant_slug', ['tenantId', 'slug'], { unique: true })\nexport class UserEntity {\n  @Column() email: string;\n  @Column() handle: string;\n  @Column() username: string;\n  @Column() slug: string;\n  @Index({ unique: true })\n  @Column()\n  githubId: string;\n}" },
    { name: 'TypeORM: the column made unique by a migration, not the entity (createTable isUnique, a TableIndex, generated SQL) (seen on a real Express + TypeORM app)', files: {
      'src/models/User.ts': "import { Entity, Column, PrimaryGeneratedColumn, BaseEntity } from 'typeorm';\n@Entity('users')\nexport class User extends BaseEntity {\n  @PrimaryGeneratedColumn() id: number;\n  @Column({ name: 'email' }) email: string;\n  @Column({ name: 'user_name' }) username: string;\n}\n",
      'src/models/Author.ts': "import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class Author {\n  @PrimaryGeneratedColumn() id: number;\n  @Column() slug: string;\n}\n",
      'src/models/Customer.ts': "import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class Customer {\n  @PrimaryGeneratedColumn() id: number;\n  @Column() email: string;\n}\n",
      'src/database/migrations/1708720732998-CreateUsersTable.ts': "import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';\nexport class CreateUsersTable1708720732998 implements MigrationInterface {\n  public async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.createTable(new Table({\n      name: 'users',\n      columns: [\n        { name: 'id', type: 'int', isPrimary: true, isGenerated: true },\n        { name: 'email', type: 'varchar', length: '100', isUnique: true },\n        { name: 'user_name', type: 'varchar' },\n      ],\n    }));\n    await queryRunner.createIndex('users', new TableIndex({ columnNames: ['user_name'], isUnique: true }));\n  }\n  public async down(queryRunner: QueryRunner): Promise<void> { await queryRunner.dropTable('users'); }\n}\n",
      'src/migrations/1700000000000-Init.ts': "import { MigrationInterface, QueryRunner } from 'typeorm';\nexport class Init1700000000000 implements MigrationInterface {\n  name = 'Init1700000000000';\n  public async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`CREATE TABLE \"author\" (\"id\" SERIAL NOT NULL, \"slug\" character varying NOT NULL, CONSTRAINT \"UQ_author_slug\" UNIQUE (\"slug\"), CONSTRAINT \"PK_author\" PRIMARY KEY (\"id\"))`);\n    await queryRunner.query(`CREATE UNIQUE INDEX \"IDX_customer_email\" ON \"customer\" (\"email\")`);\n  }\n  public async down(queryRunner: QueryRunner): Promise<void> {}\n}\n",
    } },
    { name: 'TypeORM: non-account entity, options from elsewhere, another ORM', filename: 'src/order.entity.ts', code: "import { Entity, Column } from 'typeorm';\nimport { emailColumn } from './columns';\n@Entity()\nexport class Order {\n  @Column() email: string;\n}\n@Entity()\nexport class Customer {\n  @Column(emailColumn) email: string;\n}" },
    { filename: 'src/user.ts', code: "import { Entity, Property } from '@mikro-orm/core';\n@Entity()\nexport class User {\n  @Property() email!: string;\n}" },
    // Sequelize
    "import { DataTypes } from 'sequelize';\nexport const User = sequelize.define('User', {\n  email: { type: DataTypes.STRING, allowNull: false, unique: true },\n  username: { type: DataTypes.STRING, unique: 'users_username' },\n  slug: { type: DataTypes.STRING, primaryKey: true },\n  handle: DataTypes.STRING,\n}, { indexes: [{ unique: true, fields: ['handle'] }] });",
    { name: 'Sequelize: a non-account model and an unrelated define()', code: "const { DataTypes } = require('sequelize');\nconst Order = sequelize.define('Order', { email: DataTypes.STRING });\ncustomElements.define('user-card', class extends HTMLElement {});" },
    "import { Model, DataTypes } from 'sequelize';\nexport class Customer extends Model {}\nCustomer.init({\n  email: { type: DataTypes.STRING, unique: true },\n  stripeCustomerId: { type: DataTypes.STRING, unique: { name: 'customers_stripe', msg: 'taken' } },\n}, { sequelize, modelName: 'Customer' });",
    "import { Table, Column, Model, Unique, PrimaryKey, DataType } from 'sequelize-typescript';\n@Table({ indexes: [{ unique: true, fields: ['slug'] }] })\nexport class User extends Model {\n  @Unique @Column email: string;\n  @PrimaryKey @Column username: string;\n  @Column({ type: DataType.STRING, unique: true }) handle: string;\n  @Column slug: string;\n}",
    // Mongoose
    "import mongoose from 'mongoose';\nconst UserSchema = new mongoose.Schema({\n  email: { type: String, required: true, unique: true, lowercase: true },\n  username: { type: String, index: { unique: true } },\n  slug: String,\n  handle: String,\n});\nUserSchema.index({ slug: 1 }, { unique: true });\nUserSchema.index({ tenant: 1, handle: 1 }, { unique: true });",
    { name: 'a local Schema class that is not mongoose', files: { 'src/validation.ts': 'export class Schema { constructor(public shape: object) {} }\n', 'src/users.ts': "import { Schema } from './validation';\nimport * as v from './validation';\nexport const userInput = new Schema({ email: String, username: String });\nexport const other = new v.Schema({ email: String });\n" } },
    { name: 'Mongoose: many rows per email in an order; another library\'s Schema', code: "const { Schema, model } = require('mongoose');\nconst orderSchema = new Schema({ email: String, total: Number });\nmodel('Order', orderSchema);\nimport { Schema as PmSchema } from 'prosemirror-model';\nconst userSchema = new PmSchema({ email: String });" },
    "import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';\n@Schema()\nexport class User {\n  @Prop({ required: true, unique: true })\n  email: string;\n  @Prop()\n  username: string;\n}\nexport const UserSchema = SchemaFactory.createForClass(User);\nUserSchema.index({ username: 1 }, { unique: true });",
    // Drizzle
    "import { pgTable, serial, text, varchar } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', {\n  id: serial('id').primaryKey(),\n  email: varchar('email', { length: 255 }).notNull().unique(),\n  username: text('username').unique('users_username_key'),\n});",
    "import { pgTable, text, uniqueIndex, unique, primaryKey } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', {\n  email: text('email').notNull(),\n  tenantId: text('tenant_id'),\n  slug: text('slug'),\n  githubId: text('github_id'),\n}, (t) => ({\n  emailIdx: uniqueIndex('users_email_idx').on(t.email),\n  slugPerTenant: unique().on(t.tenantId, t.slug),\n  pk: primaryKey({ columns: [t.githubId] }),\n}));",
    "import { sqliteTable, text } from 'drizzle-orm/sqlite-core';\nexport const orders = sqliteTable('orders', { email: text('email') });",
    { name: 'Drizzle OAuth accounts: the array form of the extra config, a builder as an element, in a nested array, or in the old object form', code: "import { pgTable, text, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';\nexport const accounts = pgTable('account', {\n  userId: text('userId').notNull(),\n  provider: text('provider').notNull(),\n  providerAccountId: text('providerAccountId').notNull(),\n}, (account) => [primaryKey({ columns: [account.provider, account.providerAccountId] })]);\nexport const identities = pgTable('identity', {\n  provider: text('provider').notNull(),\n  providerAccountId: text('provider_account_id').notNull(),\n}, (t) => [[uniqueIndex('identity_provider_idx').on(t.provider, t.providerAccountId)]]);\nexport const logins = pgTable('login', {\n  provider: text('provider').notNull(),\n  providerAccountId: text('provider_account_id').notNull(),\n}, (t) => ({ pk: primaryKey({ columns: [t.provider, t.providerAccountId] }) }));\n" },
    // Link records: a person-like model that belongs many-to-one to another one (one person, several rows)
    {
      name: 'Prisma OAuth Account belonging to User: the same email on a Google and a GitHub account',
      files: schema('model User {\n  id       String    @id @default(uuid())\n  email    String    @unique\n  accounts Account[]\n}\nmodel Account {\n  id       String @id @default(uuid())\n  provider String\n  sub      String\n  email    String\n  userId   String\n  user     User   @relation(fields: [userId], references: [id], onDelete: Cascade)\n  @@unique([provider, sub])\n  @@index([email])\n}\n'),
    },
    {
      name: 'Prisma Member / Customer rows of a user, optional relation, named relation',
      files: schema('model Member {\n  id       Int     @id\n  username String\n  userId   Int?\n  user     User?   @relation("memberships", fields: [userId], references: [id])\n}\nmodel Customer {\n  id         Int    @id\n  email      String\n  ownerId    Int\n  owner      Admin  @relation(fields: [ownerId], references: [id])\n}\n'),
    },
    {
      name: 'TypeORM Account @ManyToOne(() => User)',
      filename: 'src/auth/account.entity.ts',
      code: "import { Entity, Column, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';\nimport { User } from '../users/user.entity';\n@Entity('accounts')\n@Unique(['provider', 'sub'])\nexport class Account {\n  @PrimaryGeneratedColumn('uuid') id: string;\n  @Column() provider: string;\n  @Column() sub: string;\n  @Column() email: string;\n  @ManyToOne(() => User, (user) => user.accounts, { onDelete: 'CASCADE' })\n  user: User;\n}",
    },
    {
      name: 'Mongoose account schema with ref: User',
      filename: 'src/models/account.ts',
      code: "import { Schema, model } from 'mongoose';\nconst accountSchema = new Schema({\n  provider: String,\n  sub: String,\n  email: String,\n  user: { type: Schema.Types.ObjectId, ref: 'User', required: true },\n});\naccountSchema.index({ provider: 1, sub: 1 }, { unique: true });\nexport const Account = model('Account', accountSchema);",
    },
    {
      name: 'NestJS @Prop({ type: Types.ObjectId, ref: User.name })',
      filename: 'src/auth/account.schema.ts',
      code: "import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';\nimport { Types } from 'mongoose';\nimport { User } from '../users/user.schema';\n@Schema()\nexport class Account {\n  @Prop({ type: Types.ObjectId, ref: User.name, required: true })\n  user: Types.ObjectId;\n  @Prop()\n  email: string;\n}\nexport const AccountSchema = SchemaFactory.createForClass(Account);",
    },
    {
      name: 'Sequelize define with references: { model: \'users\' }',
      code: "import { DataTypes } from 'sequelize';\nexport const Account = sequelize.define('Account', {\n  email: DataTypes.STRING,\n  userId: { type: DataTypes.UUID, allowNull: false, references: { model: 'users', key: 'id' } },\n});",
    },
    {
      name: 'Sequelize CLI model with Account.belongsTo(models.User)',
      filename: 'models/account.js',
      code: "module.exports = (sequelize, DataTypes) => {\n  const Account = sequelize.define('Account', {\n    provider: DataTypes.STRING,\n    email: DataTypes.STRING,\n  });\n  Account.associate = (models) => {\n    Account.belongsTo(models.User, { foreignKey: 'userId' });\n  };\n  return Account;\n};",
    },
    {
      name: 'Sequelize Model.init with User.hasMany(Profile)',
      code: "import { Model, DataTypes } from 'sequelize';\nexport class User extends Model {}\nUser.init({ email: { type: DataTypes.STRING, unique: true } }, { sequelize });\nexport class Profile extends Model {}\nProfile.init({ handle: DataTypes.STRING }, { sequelize });\nUser.hasMany(Profile);",
    },
    {
      name: 'sequelize-typescript @ForeignKey / @BelongsTo(() => User)',
      code: "import { Table, Column, Model, ForeignKey, BelongsTo } from 'sequelize-typescript';\nimport { User } from './user.model';\n@Table\nexport class Account extends Model {\n  @ForeignKey(() => User)\n  @Column\n  userId: number;\n  @BelongsTo(() => User)\n  user: User;\n  @Column\n  email: string;\n}",
    },
    {
      name: 'Drizzle accounts with .references(() => users.id), and with a foreignKey() in the extra config',
      code: "import { pgTable, text, integer, foreignKey, primaryKey } from 'drizzle-orm/pg-core';\nimport { users } from './users';\nexport const accounts = pgTable('account', {\n  userId: text('userId').notNull().references(() => users.id, { onDelete: 'cascade' }),\n  provider: text('provider').notNull(),\n  providerAccountId: text('providerAccountId').notNull(),\n  email: text('email'),\n}, (account) => [primaryKey({ columns: [account.provider, account.providerAccountId] })]);\nexport const members = pgTable('members', {\n  userId: integer('user_id').notNull(),\n  username: text('username'),\n}, (t) => [foreignKey({ columns: [t.userId], foreignColumns: [users.id] })]);",
    },
    {
      name: 'SQL accounts REFERENCES users, a FOREIGN KEY added in a later migration',
      files: {
        'db/001.sql': 'create table users (id uuid primary key, email text unique);\ncreate table accounts (\n  id uuid primary key,\n  user_id uuid not null references users(id) on delete cascade,\n  provider text,\n  sub text,\n  email text,\n  unique (provider, sub)\n);\ncreate table customers (id serial primary key, user_id uuid, email text);\n',
        'db/002.sql': 'ALTER TABLE customers ADD CONSTRAINT customers_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n',
      },
    },
    // test files are not the schema
    { filename: 'test/user.test.ts', code: "import { Entity, Column } from 'typeorm';\n@Entity()\nclass User {\n  @Column() email: string;\n}" },
  ],
  invalid: [
    {
      name: 'a login name other than email (account) in tables that hold a password, whatever their names: User, Manages (seen on a real Koa CMS)',
      files: {
        'src/models/User.ts': "import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn() id: number;\n  @Column('varchar') account: string;\n  @Column('varchar') password: string;\n  @Column('varchar') salt: string;\n}\n",
        'src/models/Manages.ts': "import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class Manages {\n  @PrimaryGeneratedColumn() id: number;\n  @Column('varchar') account: string;\n  @Column('varchar') password: string;\n}\n",
      },
      errors: [
        { file: 'src/models/Manages.ts', line: 5, column: 22, message: /^`Manages\.account` has no unique constraint: two accounts can end up with the same login name \(a double-submitted sign-up, two requests racing\), and every lookup by login name then returns an arbitrary one/ },
        { file: 'src/models/User.ts', line: 5, column: 22, message: /^`User\.account` has no unique constraint/ },
      ],
    },
    {
      name: 'Kysely migration: users.email without .unique() (seen on a real Fastify + Kysely app whose sign-up checked, then inserted)',
      files: { 'src/db/migrations/20240419T182807-create_users_table.ts': "import { Kysely } from 'kysely';\nexport async function up(db: Kysely<any>): Promise<void> {\n  await db.schema\n    .createTable('users')\n    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())\n    .addColumn('email', 'text', (col) => col.notNull())\n    .addColumn('name', 'text')\n    .execute();\n}\n" },
      errors: [{ file: 'src/db/migrations/20240419T182807-create_users_table.ts', line: 6, column: 16, message: /^`users\.email` has no unique constraint/ }],
      output: { 'src/db/migrations/20240419T182807-create_users_table.ts': "import { Kysely } from 'kysely';\nexport async function up(db: Kysely<any>): Promise<void> {\n  await db.schema\n    .createTable('users')\n    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())\n    .addColumn('email', 'text', (col) => col.notNull().unique())\n    .addColumn('name', 'text')\n    .execute();\n}\n" },
    },
    {
      name: 'an Author people sign in as (it has a password hash): its email is an identity',
      files: { 'src/models/Author.ts': "import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class Author {\n  @PrimaryGeneratedColumn() id: number;\n  @Column() email: string;\n  @Column() passwordHash: string;\n}\n" },
      errors: [{ file: 'src/models/Author.ts', line: 5, column: 13, message: /^`Author\.email` has no unique constraint/ }],
    },
    {
      name: 'Knex: a users table whose email and username have no unique constraint (seen on a real Express + Knex app); a later alterTable makes one of them unique',
      files: {
        'package.json': JSON.stringify({ name: 'cart', dependencies: { express: '^4.17.1', knex: '^0.21.0', pg: '^8.4.0' } }),
        'migrations/20201108113521_create-user.js': "exports.up = (knex) =>\n  knex.schema.createTable('users', (t) => {\n    t.uuid('id').primary();\n    t.text('email').notNullable();\n    t.string('user_name', 50);\n    t.string('github_id');\n  });\n\nexports.down = (knex) => knex.schema.dropTable('users');\n",
        'migrations/20201109120000_unique-github.js': "const tableName = 'users';\nexports.up = (knex) => knex.schema.alterTable(tableName, (t) => {\n  t.unique(['github_id']);\n});\nexports.down = (knex) => knex.schema.alterTable('users', (t) => t.dropUnique(['github_id']));\n",
      },
      errors: [
        { file: 'migrations/20201108113521_create-user.js', line: 4, column: 12, message: /^`users\.email` has no unique constraint/ },
        { file: 'migrations/20201108113521_create-user.js', line: 5, column: 14, message: /^`users\.user_name` has no unique constraint/ },
      ],
      output: { 'migrations/20201108113521_create-user.js': "exports.up = (knex) =>\n  knex.schema.createTable('users', (t) => {\n    t.uuid('id').primary();\n    t.text('email').notNullable().unique();\n    t.string('user_name', 50);\n    t.string('github_id');\n  });\n\nexports.down = (knex) => knex.schema.dropTable('users');\n" },
    },
    {
      name: 'TypeORM: neither the entity nor its migration makes the email unique (reported at the entity, after the workspace is read)',
      files: {
        'src/models/User.ts': "import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';\n@Entity('users')\nexport class User {\n  @PrimaryGeneratedColumn() id: number;\n  @Column({ length: 100 }) email: string;\n}\n",
        'src/database/migrations/1708720732998-CreateUsersTable.ts': "import { MigrationInterface, QueryRunner, Table } from 'typeorm';\nexport class CreateUsersTable1708720732998 implements MigrationInterface {\n  public async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.createTable(new Table({ name: 'users', columns: [{ name: 'id', type: 'int', isPrimary: true }, { name: 'email', type: 'varchar', length: '100' }] }));\n  }\n  public async down(queryRunner: QueryRunner): Promise<void> {}\n}\n",
      },
      errors: [{ file: 'src/models/User.ts', line: 5, column: 28, message: /^`User\.email` has no unique constraint/ }],
      output: { 'src/models/User.ts': "import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';\n@Entity('users')\nexport class User {\n  @PrimaryGeneratedColumn() id: number;\n  @Column({ length: 100, unique: true }) email: string;\n}\n" },
    },
    {
      name: 'Prisma User.email',
      files: schema('model User {\n  id    Int    @id @default(autoincrement())\n  email String\n  name  String?\n}\n'),
      errors: [{ line: 3, column: 3, endColumn: 8, message: EMAIL_MSG }],
      output: schema('model User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n  name  String?\n}\n'),
    },
    {
      name: 'Prisma optional email with a native type, non-unique index only',
      files: schema('model Customer {\n  id    String  @id\n  email String? @db.VarChar(255)\n  @@index([email])\n}\n'),
      errors: [{ line: 3, column: 3, message: /^`Customer.email` has no unique constraint/ }],
      output: schema('model Customer {\n  id    String  @id\n  email String? @unique @db.VarChar(255)\n  @@index([email])\n}\n'),
    },
    {
      name: 'Prisma provider id on an organization, slug on a post',
      files: schema('model Organization {\n  id               String @id\n  stripeCustomerId String\n}\nmodel Post {\n  id   Int @id\n  slug String\n}\n'),
      errors: [
        { line: 3, column: 3, message: '`Organization.stripeCustomerId` has no unique constraint: two rows can be linked to the same stripeCustomerId, so the provider\'s webhooks (a payment failed, a subscription renewed or cancelled) update an arbitrary one of them, or none. Make it unique in the schema (check existing rows for duplicates before migrating).' },
        { line: 7, column: 3, message: '`Post.slug` has no unique constraint: two rows can get the same slug, and its URL then resolves to an arbitrary one. Make it unique in the schema (check existing rows for duplicates before migrating).' },
      ],
      output: schema('model Organization {\n  id               String @id\n  stripeCustomerId String @unique\n}\nmodel Post {\n  id   Int @id\n  slug String\n}\n'),
    },
    {
      name: 'SQL column (upper case)',
      files: { 'db/migrations/001_users.sql': 'CREATE TABLE users (\n  id SERIAL PRIMARY KEY,\n  email VARCHAR(255) NOT NULL DEFAULT \'\',\n  name TEXT\n);\n' },
      errors: [{ line: 3, column: 3, message: /^`users.email` has no unique constraint/ }],
      output: { 'db/migrations/001_users.sql': 'CREATE TABLE users (\n  id SERIAL PRIMARY KEY,\n  email VARCHAR(255) NOT NULL DEFAULT \'\' UNIQUE,\n  name TEXT\n);\n' },
    },
    {
      name: 'SQL column (lower case, quoted names, a non-unique index)',
      files: { 'supabase/migrations/001.sql': 'create table "profiles" (\n  "id" uuid primary key,\n  "username" varchar(40)\n);\ncreate index profiles_username_idx on profiles (username);\n' },
      errors: [{ line: 3, column: 3 }],
      output: { 'supabase/migrations/001.sql': 'create table "profiles" (\n  "id" uuid primary key,\n  "username" varchar(40) unique\n);\ncreate index profiles_username_idx on profiles (username);\n' },
    },
    {
      name: 'SQL ALTER TABLE ADD COLUMN',
      files: { 'migrations/003_github.sql': 'ALTER TABLE accounts ADD COLUMN github_id bigint;\n' },
      errors: [{ line: 1, column: 33, message: /^`accounts.github_id` has no unique constraint/ }],
      output: { 'migrations/003_github.sql': 'ALTER TABLE accounts ADD COLUMN github_id bigint UNIQUE;\n' },
    },
    {
      name: 'TypeORM @Column() on a User entity',
      filename: 'src/entities/user.entity.ts',
      code: "import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';\n@Entity({ name: 'users' })\nexport class UserEntity {\n  @PrimaryGeneratedColumn('uuid') id: string;\n  @Column()\n  email: string;\n}",
      errors: [{ line: 6, column: 3, message: /^`UserEntity.email` has no unique constraint/ }],
      output: "import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';\n@Entity({ name: 'users' })\nexport class UserEntity {\n  @PrimaryGeneratedColumn('uuid') id: string;\n  @Column({ unique: true })\n  email: string;\n}",
    },
    {
      name: 'TypeORM type + options, a non-unique @Index, a composite unique on other columns',
      filename: 'src/account.entity.ts',
      code: "import * as typeorm from 'typeorm';\n@typeorm.Entity('accounts')\n@typeorm.Unique(['tenantId', 'email'])\nexport class Account {\n  @typeorm.Index()\n  @typeorm.Column('varchar', { length: 40 })\n  username: string;\n  @typeorm.Column() email: string;\n}",
      errors: [{ line: 7, column: 3 }],
      output: "import * as typeorm from 'typeorm';\n@typeorm.Entity('accounts')\n@typeorm.Unique(['tenantId', 'email'])\nexport class Account {\n  @typeorm.Index()\n  @typeorm.Column('varchar', { length: 40, unique: true })\n  username: string;\n  @typeorm.Column() email: string;\n}",
    },
    {
      name: 'TypeORM type only: an options argument is added',
      filename: 'src/customer.entity.ts',
      code: "import { Entity, Column } from 'typeorm';\n@Entity()\nexport class Customer {\n  @Column('text') stripeCustomerId: string;\n}",
      errors: [{ line: 4, column: 19 }],
      output: "import { Entity, Column } from 'typeorm';\n@Entity()\nexport class Customer {\n  @Column('text', { unique: true }) stripeCustomerId: string;\n}",
    },
    {
      name: 'Sequelize CLI define (no import): shorthand attribute',
      filename: 'models/user.js',
      code: "module.exports = (sequelize, DataTypes) => {\n  const User = sequelize.define('User', {\n    email: DataTypes.STRING,\n    name: DataTypes.STRING,\n  }, {});\n  return User;\n};",
      errors: [{ line: 3, column: 5, message: EMAIL_MSG }],
      output: "module.exports = (sequelize, DataTypes) => {\n  const User = sequelize.define('User', {\n    email: { type: DataTypes.STRING, unique: true },\n    name: DataTypes.STRING,\n  }, {});\n  return User;\n};",
    },
    {
      name: 'Sequelize Model.init inside a class (this.init), modelName from the class',
      filename: 'src/models/member.ts',
      code: "import { Model, DataTypes, Sequelize } from 'sequelize';\nexport class Member extends Model {\n  static setup(sequelize: Sequelize) {\n    this.init({\n      username: {\n        type: DataTypes.STRING,\n        allowNull: false,\n      },\n    }, { sequelize });\n  }\n}",
      errors: [{ line: 5, column: 7, message: /^`Member.username`/ }],
      output: "import { Model, DataTypes, Sequelize } from 'sequelize';\nexport class Member extends Model {\n  static setup(sequelize: Sequelize) {\n    this.init({\n      username: {\n        type: DataTypes.STRING,\n        allowNull: false,\n        unique: true,\n      },\n    }, { sequelize });\n  }\n}",
    },
    {
      name: 'sequelize-typescript @Column(DataType.STRING)',
      filename: 'src/models/user.model.ts',
      code: "import { Table, Column, Model, DataType } from 'sequelize-typescript';\n@Table({ tableName: 'users' })\nexport class User extends Model {\n  @Column(DataType.STRING)\n  email: string;\n}",
      errors: [{ line: 5, column: 3 }],
      output: "import { Table, Column, Model, DataType } from 'sequelize-typescript';\n@Table({ tableName: 'users' })\nexport class User extends Model {\n  @Column({ type: DataType.STRING, unique: true })\n  email: string;\n}",
    },
    {
      name: 'sequelize-typescript bare @Column',
      filename: 'src/models/user.model.ts',
      code: "import { Table, Column, Model } from 'sequelize-typescript';\n@Table\nexport class User extends Model {\n  @Column\n  username: string;\n}",
      errors: [{ line: 5, column: 3 }],
      output: "import { Table, Column, Model } from 'sequelize-typescript';\n@Table\nexport class User extends Model {\n  @Column({ unique: true })\n  username: string;\n}",
    },
    {
      name: 'Mongoose shorthand and object fields, model name from mongoose.model()',
      filename: 'src/models/account.js',
      code: "const mongoose = require('mongoose');\nconst schema = new mongoose.Schema({\n  email: String,\n  username: { type: String, required: true },\n});\nmodule.exports = mongoose.model('Account', schema);",
      errors: [{ line: 3, column: 3, message: /^`Account.email`/ }, { line: 4, column: 3, message: /^`Account.username`/ }],
      output: "const mongoose = require('mongoose');\nconst schema = new mongoose.Schema({\n  email: { type: String, unique: true },\n  username: { type: String, required: true },\n});\nmodule.exports = mongoose.model('Account', schema);",
    },
    {
      name: 'Mongoose through the app\'s own module that re-exports it (seen on a real Express app)',
      files: {
        'package.json': '{ "name": "api", "dependencies": { "mongoose": "^5.13.0" } }\n',
        'src/config/database.js': "import mongoose from 'mongoose';\nmongoose.connect(process.env.MONGO_URI);\nexport default mongoose;\n",
        'src/models/User.js': "import mongoose from '../config/database';\nconst UserSchema = new mongoose.Schema({\n  username: { type: String, required: true },\n  email: { type: String, required: true },\n  password: String,\n});\nexport default mongoose.model('User', UserSchema);\n",
      },
      errors: [{ file: 'src/models/User.js', line: 3, column: 3, message: /^`User.username`/ }, { file: 'src/models/User.js', line: 4, column: 3, message: /^`User.email`/ }],
      output: {
        'src/models/User.js': "import mongoose from '../config/database';\nconst UserSchema = new mongoose.Schema({\n  username: { type: String, required: true, unique: true },\n  email: { type: String, required: true },\n  password: String,\n});\nexport default mongoose.model('User', UserSchema);\n",
      },
    },
    {
      name: 'Mongoose object field: unique added',
      filename: 'src/models/user.ts',
      code: "import { Schema, model } from 'mongoose';\nconst userSchema = new Schema<IUser>({ githubId: { type: String, index: true } });\nexport default model<IUser>('User', userSchema);",
      errors: [{ line: 2, column: 40 }],
      output: "import { Schema, model } from 'mongoose';\nconst userSchema = new Schema<IUser>({ githubId: { type: String, index: true, unique: true } });\nexport default model<IUser>('User', userSchema);",
    },
    {
      name: 'NestJS @Prop()',
      filename: 'src/users/user.schema.ts',
      code: "import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';\n@Schema({ timestamps: true })\nexport class User {\n  @Prop()\n  email: string;\n}\nexport const UserSchema = SchemaFactory.createForClass(User);",
      errors: [{ line: 5, column: 3 }],
      output: "import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';\n@Schema({ timestamps: true })\nexport class User {\n  @Prop({ unique: true })\n  email: string;\n}\nexport const UserSchema = SchemaFactory.createForClass(User);",
    },
    {
      name: 'Drizzle: a primaryKey wrapped in an object inside the returned array, which Drizzle drops (seen on a real Next.js + Auth.js app: its migrations dropped the key)',
      filename: 'src/db/schema.ts',
      code: "import { pgTable, text, primaryKey } from 'drizzle-orm/pg-core';\nexport const accounts = pgTable('account', {\n  userId: text('userId').notNull(),\n  provider: text('provider').notNull(),\n  providerAccountId: text('providerAccountId').notNull(),\n}, (account) => [\n  {\n    compoundKey: primaryKey({ columns: [account.provider, account.providerAccountId] }),\n  },\n]);\n",
      errors: [{ line: 5, column: 3, message: "`account.providerAccountId` has no unique constraint: two rows can be linked to the same providerAccountId, so sign-ins from that provider resolve to an arbitrary one. The `primaryKey(...)` under `compoundKey` in the table's extra config does nothing: it is a property of an object inside the returned array, and Drizzle reads only the array's own elements. Make it unique in the schema (check existing rows for duplicates before migrating)." }],
      output: "import { pgTable, text, primaryKey } from 'drizzle-orm/pg-core';\nexport const accounts = pgTable('account', {\n  userId: text('userId').notNull(),\n  provider: text('provider').notNull(),\n  providerAccountId: text('providerAccountId').notNull(),\n}, (account) => [\n  primaryKey({ columns: [account.provider, account.providerAccountId] }),\n]);\n",
    },
    {
      name: 'Drizzle column, a non-unique index in the extra config',
      filename: 'src/db/schema.ts',
      code: "import { pgTable, serial, text, index } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', {\n  id: serial('id').primaryKey(),\n  email: text('email').notNull(),\n}, (t) => [index('users_email_idx').on(t.email)]);",
      errors: [{ line: 4, column: 3, message: /^`users.email`/ }],
      output: "import { pgTable, serial, text, index } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', {\n  id: serial('id').primaryKey(),\n  email: text('email').notNull().unique(),\n}, (t) => [index('users_email_idx').on(t.email)]);",
    },
    {
      name: 'Drizzle MySQL column named in snake case',
      filename: 'src/db/schema.ts',
      code: "import { mysqlTable, varchar } from 'drizzle-orm/mysql-core';\nexport const customers = mysqlTable('customers', {\n  stripeId: varchar('stripe_customer_id', { length: 64 }),\n});",
      errors: [{ line: 3, column: 3, message: /^`customers.stripe_customer_id`/ }],
      output: "import { mysqlTable, varchar } from 'drizzle-orm/mysql-core';\nexport const customers = mysqlTable('customers', {\n  stripeId: varchar('stripe_customer_id', { length: 64 }).unique(),\n});",
    },
    {
      name: 'Prisma User belonging to an Organization (a tenant, not a person) is still where people sign in',
      files: schema('model User {\n  id             String       @id\n  email          String\n  organizationId String\n  organization   Organization @relation(fields: [organizationId], references: [id])\n}\nmodel Organization {\n  id    String @id\n  users User[]\n}\n'),
      errors: [{ line: 3, column: 3, message: EMAIL_MSG }],
      output: schema('model User {\n  id             String       @id\n  email          String @unique\n  organizationId String\n  organization   Organization @relation(fields: [organizationId], references: [id])\n}\nmodel Organization {\n  id    String @id\n  users User[]\n}\n'),
    },
    {
      name: 'Prisma self-relations: User.invitedBy, Account.parent',
      files: schema('model User {\n  id          String  @id\n  email       String\n  invitedById String?\n  invitedBy   User?   @relation("invites", fields: [invitedById], references: [id])\n  invitees    User[]  @relation("invites")\n}\nmodel Account {\n  id       String   @id\n  username String\n  parentId String?\n  parent   Account? @relation("tree", fields: [parentId], references: [id])\n  children Account[] @relation("tree")\n}\n'),
      errors: [{ line: 3, column: 3, message: EMAIL_MSG }, { line: 10, column: 3, message: /^`Account.username`/ }],
    },
    {
      name: 'Prisma: the users table called Account (no relation to a person), User belonging to a tenant called Account',
      files: schema('model Account {\n  id    String @id\n  email String\n  posts Post[]\n}\nmodel User {\n  id        String  @id\n  username  String\n  accountId String\n  account   Account @relation(fields: [accountId], references: [id])\n}\n'),
      errors: [{ line: 3, column: 3, message: /^`Account.email`/ }, { line: 8, column: 3, message: /^`User.username`/ }],
    },
    {
      name: 'Prisma one-to-one Profile (its foreign key is unique): one row per person, its username identifies them',
      files: schema('model Profile {\n  id       String @id\n  username String\n  userId   String @unique\n  user     User   @relation(fields: [userId], references: [id])\n}\n'),
      errors: [{ line: 3, column: 3, message: /^`Profile.username`/ }],
    },
    {
      name: 'Prisma link Account: a provider id is still an identity',
      files: schema('model Account {\n  id       String @id\n  githubId String\n  email    String\n  userId   String\n  user     User   @relation(fields: [userId], references: [id])\n}\n'),
      errors: [{ line: 3, column: 3, message: /^`Account.githubId`/ }],
    },
    {
      name: 'TypeORM User @ManyToOne(() => Organization); Account @OneToOne(() => User) is one row per person',
      filename: 'src/user.entity.ts',
      code: "import { Entity, Column, ManyToOne, OneToOne, JoinColumn } from 'typeorm';\n@Entity()\nexport class User {\n  @Column() email: string;\n  @ManyToOne(() => Organization) organization: Organization;\n}\n@Entity()\nexport class Account {\n  @Column() username: string;\n  @OneToOne(() => User) @JoinColumn() user: User;\n}",
      errors: [{ line: 4, column: 13, message: /^`User.email`/ }, { line: 9, column: 13, message: /^`Account.username`/ }],
    },
    {
      name: 'Mongoose User with refs to an organization and to itself, Account with a unique ref to User',
      filename: 'src/models/user.js',
      code: "const mongoose = require('mongoose');\nconst userSchema = new mongoose.Schema({\n  email: { type: String, required: true },\n  org: { type: mongoose.Schema.Types.ObjectId, ref: 'Organization' },\n  invitedBy: { type: mongoose.Schema.Types.ObjectId, ref: 'User' },\n});\nmongoose.model('User', userSchema);\nconst accountSchema = new mongoose.Schema({\n  email: { type: String },\n  user: { type: mongoose.Schema.Types.ObjectId, ref: 'User', unique: true },\n  friends: [{ type: mongoose.Schema.Types.ObjectId, ref: 'User' }],\n});\nmongoose.model('Account', accountSchema);",
      errors: [{ line: 3, column: 3, message: /^`User.email`/ }, { line: 9, column: 3, message: /^`Account.email`/ }],
    },
    {
      name: 'Sequelize Account.belongsTo(models.Organization): the app\'s users, called accounts',
      filename: 'models/account.js',
      code: "module.exports = (sequelize, DataTypes) => {\n  const Account = sequelize.define('Account', {\n    email: DataTypes.STRING,\n  });\n  Account.associate = (models) => {\n    Account.belongsTo(models.Organization);\n    Account.belongsTo(models.Account, { as: 'referrer' });\n  };\n  return Account;\n};",
      errors: [{ line: 3, column: 5, message: /^`Account.email`/ }],
    },
    {
      name: 'Drizzle users referencing itself and a tenant',
      filename: 'src/db/schema.ts',
      code: "import { pgTable, serial, text, integer, type AnyPgColumn } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', {\n  id: serial('id').primaryKey(),\n  email: text('email'),\n  invitedBy: integer('invited_by').references((): AnyPgColumn => users.id),\n  orgId: integer('org_id').references(() => organizations.id),\n});",
      errors: [{ line: 4, column: 3, message: /^`users.email`/ }],
    },
    {
      name: 'SQL users referencing a tenant; a Supabase profile whose key references auth.users (one per person)',
      files: { 'supabase/migrations/001.sql': 'create table users (\n  id uuid primary key,\n  org_id uuid references organizations(id),\n  email text\n);\ncreate table profiles (\n  id uuid primary key references auth.users on delete cascade,\n  username text\n);\n' },
      errors: [{ line: 4, column: 3, message: /^`users.email`/ }, { line: 8, column: 3, message: /^`profiles.username`/ }],
    },
  ],
});

describe('data/identity-not-unique: which models and fields', () => {
  it('splits model names into words', () => {
    assert.deepEqual(modelWords('UserEntity'), ['user']);
    assert.deepEqual(modelWords('team_members'), ['team', 'member']);
    assert.deepEqual(modelWords('IUser'), ['user']);
    assert.deepEqual(modelWords('People'), ['person']);
    assert.deepEqual(modelWords('companies'), ['company']);
  });
  it('classifies fields by model', () => {
    assert.equal(identityKind('User', 'email'), 'person');
    assert.equal(identityKind('users', 'email_address'), 'person');
    assert.equal(identityKind('Member', 'email'), 'person');
    assert.equal(identityKind('TeamMember', 'email'), undefined);
    assert.equal(identityKind('Organization', 'email'), undefined);
    assert.equal(identityKind('Organization', 'stripeCustomerId'), 'external');
    assert.equal(identityKind('Subscription', 'stripeCustomerId'), undefined);
    assert.equal(identityKind('Event', 'slug'), 'slug');
    assert.equal(identityKind('AuditEvent', 'slug'), undefined);
    assert.equal(identityKind('UserHistory', 'email'), undefined);
    assert.equal(identityKind('User', 'emailVerified'), undefined);
  });
  it('link records: a person-like model (not User) belonging to another one', () => {
    assert.equal(belongsToPerson('Account', [], 'User'), true);
    assert.equal(belongsToPerson('accounts', [], 'auth_users'), true);
    assert.equal(belongsToPerson('Subscriber', [], 'Customer'), true);
    assert.equal(belongsToPerson('User', [], 'Account'), false);
    assert.equal(belongsToPerson('Account', [], 'Organization'), false);
    assert.equal(belongsToPerson('Account', [], 'Accounts'), false);
    assert.equal(belongsToPerson('AccountEntity', ['accounts'], 'Account'), false);
  });
  it('every fix needs a human look (existing duplicates break the migration)', () => {
    assert.equal(rule.meta.fixKind, 'edit');
  });
});
