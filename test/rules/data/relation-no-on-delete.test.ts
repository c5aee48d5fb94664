import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import rule from '../../../rules/data/relation-no-on-delete';
import { ruleTester, runOn } from '../../helpers/ruleTester';

const prisma = (post: string, extra = '') => ({
  'prisma/schema.prisma': `model User {\n  id    Int    @id @default(autoincrement())\n  posts Post[]\n}\n\nmodel Post {\n  id       Int   @id @default(autoincrement())\n${post}}\n${extra}`,
});

const PRISMA_REQUIRED = prisma('  authorId Int\n  author   User  @relation(fields: [authorId], references: [id])\n');
const PRISMA_OPTIONAL = prisma('  authorId Int?\n  author   User? @relation("PostAuthor", fields: [authorId], references: [id])\n');

ruleTester(rule, {
  valid: [
    { name: 'Prisma, multi-file schema: the soft-deleted model is declared in another file (seen on a real Express + Prisma API)', files: {"package.json": "{\"name\":\"api\",\"dependencies\":{\"@prisma/client\":\"^6.0.0\"}}", "prisma/schema/user.prisma": "model Doctor {\n  id        String   @id @default(uuid())\n  isDeleted Boolean  @default(false)\n  schedules DoctorSchedule[]\n}\n", "prisma/schema/schedule.prisma": "model DoctorSchedule {\n  id       String @id @default(uuid())\n  doctorId String\n  doctor   Doctor @relation(fields: [doctorId], references: [id])\n}\n"} },
    { name: 'sequelize-cli: the association has no onDelete, but the migration that adds its foreign key chooses one (addColumn, as on a real Express + Sequelize API)', files: {"package.json": "{\"name\":\"api\",\"dependencies\":{\"sequelize\":\"^6.13.0\",\"mysql2\":\"^2.3.3\"},\"devDependencies\":{\"sequelize-cli\":\"^6.4.1\"}}", "src/models/multimedia.js": "'use strict';\nconst { Model } = require('sequelize');\nmodule.exports = (sequelize, DataTypes) => {\n  class Multimedia extends Model {\n    static associate(models) {\n      Multimedia.belongsTo(models.Products, {\n        foreignKey: 'id_products',\n        as: 'Products',\n      });\n    }\n  }\n  Multimedia.init({ url: DataTypes.STRING }, { sequelize, modelName: 'Multimedia' });\n  return Multimedia;\n};\n", "src/migrations/20220118152443-product-multimedia.js": "'use strict';\nmodule.exports = {\n  up: async (queryInterface, Sequelize) => {\n    return await queryInterface.addColumn('Multimedia', 'id_products', {\n      type: Sequelize.INTEGER,\n      references: { model: 'Products', key: 'id' },\n      onUpdate: 'CASCADE',\n      onDelete: 'CASCADE',\n    });\n  },\n  down: async (queryInterface) => queryInterface.removeColumn('Multimedia', 'id_products'),\n};\n"} },
    { name: 'sequelize-cli: the foreign key created with its table, with onDelete (createTable)', files: {"package.json": "{\"name\":\"api\",\"dependencies\":{\"sequelize\":\"^6.13.0\",\"mysql2\":\"^2.3.3\"},\"devDependencies\":{\"sequelize-cli\":\"^6.4.1\"}}", "src/models/multimedia.js": "'use strict';\nconst { Model } = require('sequelize');\nmodule.exports = (sequelize, DataTypes) => {\n  class Multimedia extends Model {\n    static associate(models) {\n      Multimedia.belongsTo(models.Products, {\n        foreignKey: 'id_products',\n        as: 'Products',\n      });\n    }\n  }\n  Multimedia.init({ url: DataTypes.STRING }, { sequelize, modelName: 'Multimedia' });\n  return Multimedia;\n};\n", "src/migrations/20220118152443-product-multimedia.js": "'use strict';\nmodule.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.createTable('Multimedia', {\n      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },\n      id_products: { type: Sequelize.INTEGER, references: { model: 'Products', key: 'id' }, onDelete: 'SET NULL' },\n    });\n  },\n  async down(queryInterface) { await queryInterface.dropTable('Multimedia'); },\n};\n"} },
    { name: 'Knex: references with an onDelete anywhere in the chain; a query builder join is no reference', files: {
      'migrations/002_posts.js': "exports.up = (knex) => knex.schema.createTable('posts', (table) => {\n  table.increments('id');\n  table.integer('author_id').unsigned().references('id').inTable('users').onDelete('CASCADE').notNullable();\n  table.integer('editor_id').references('users.id').onDelete('SET NULL');\n});\nexports.down = (knex) => knex.schema.dropTable('posts');\n",
      'src/posts.js': "const db = require('./db');\nexports.list = () => db('posts').join('users', 'users.id', 'posts.author_id').select('posts.*');\n",
    } },
    { name: 'belongsTo between imported models in a package without sequelize (another ORM)', files: {
      'package.json': '{ "name": "api", "dependencies": { "objection": "^3.1.0" } }\n',
      'src/models/index.js': "import Driver from './Driver.js';\nimport Booking from './Booking.js';\n\nBooking.belongsTo(Driver, { foreignKey: 'driver_id' });\nDriver.hasMany(Booking, { foreignKey: 'driver_id' });\n\nexport { Driver, Booking };\n",
    } },
    // Prisma: explicit rules, the side without `fields`, implicit many-to-many
    { files: prisma('  authorId Int\n  author   User  @relation(fields: [authorId], references: [id], onDelete: Cascade)\n') },
    { files: prisma('  authorId Int\n  author   User  @relation(fields: [authorId], references: [id], onDelete: NoAction, onUpdate: Cascade)\n') },
    { files: { 'schema.prisma': 'model User {\n  id      Int      @id\n  profile Profile?\n  tags    Tag[]\n}\nmodel Profile {\n  id     Int  @id\n  userId Int  @unique\n  user   User @relation(fields: [userId], references: [id], onDelete: Cascade)\n}\nmodel Tag {\n  id    Int    @id\n  users User[]\n}\n' } },
    { files: { 'schema.prisma': 'model Tag {\n  id    Int    @id\n  posts Post[] @relation("PostTags")\n}\n' } },
    // SQL: explicit rules in every form
    { files: { 'db/migrations/001_init.sql': 'CREATE TABLE posts (\n  id serial PRIMARY KEY,\n  author_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n  editor_id int REFERENCES users (id) ON UPDATE CASCADE ON DELETE SET NULL,\n  CONSTRAINT posts_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE RESTRICT\n);\n' } },
    { files: { 'prisma/migrations/20240101000000_init/migration.sql': '-- AddForeignKey\nALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;\n' } },
    { files: { 'supabase/migrations/001.sql': 'create table todos (id bigint primary key, user_id uuid references auth.users(id) on delete cascade not null);\n' } },
    {
      name: 'SQL: a later migration re-creates the foreign key with a delete rule',
      files: {
        'migrations/001_init.sql': 'CREATE TABLE posts (id serial PRIMARY KEY, author_id int REFERENCES users(id));\n',
        'migrations/002_cascade.sql': 'ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey;\nALTER TABLE posts ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES users(id) ON DELETE CASCADE;\n',
      },
    },
    // TypeORM
    { filename: 'src/post.entity.ts', code: "import { Entity, ManyToOne } from 'typeorm';\n@Entity()\nexport class Post {\n  @ManyToOne(() => User, (user) => user.posts, { onDelete: 'CASCADE' })\n  author: User;\n}" },
    { filename: 'src/post.entity.ts', code: "import { Entity, ManyToOne } from 'typeorm';\nconst owned = { onDelete: 'CASCADE', nullable: false } as const;\n@Entity()\nexport class Post {\n  @ManyToOne(() => User, { ...owned, eager: true })\n  author: User;\n}" },
    { name: 'TypeORM options built elsewhere', filename: 'src/post.entity.ts', code: "import { Entity, ManyToOne } from 'typeorm';\nimport { ownedBy } from './relations';\n@Entity()\nexport class Post {\n  @ManyToOne(() => User, ownedBy)\n  author: User;\n  @ManyToOne(() => Org, (o) => o.posts, { ...ownedBy })\n  org: Org;\n}" },
    { filename: 'src/post.entity.ts', code: "import { Entity, ManyToOne, OneToMany, OneToOne } from 'typeorm';\n@Entity()\nexport class User {\n  @OneToMany(() => Post, (p) => p.author)\n  posts: Post[];\n  @OneToOne(() => Profile, (p) => p.user)\n  profile: Profile;\n  @ManyToOne(() => Legacy, { createForeignKeyConstraints: false })\n  legacy: Legacy;\n}" },
    { name: 'TypeORM view entity', filename: 'src/stats.entity.ts', code: "import { ViewEntity, ManyToOne } from 'typeorm';\n@ViewEntity({ expression: 'select 1' })\nexport class PostStats {\n  @ManyToOne(() => User)\n  author: User;\n}" },
    { name: 'MikroORM has its own @ManyToOne (deleteRule)', filename: 'src/post.entity.ts', code: "import { Entity, ManyToOne } from '@mikro-orm/core';\n@Entity()\nexport class Post {\n  @ManyToOne(() => User)\n  author!: User;\n}" },
    { name: 'a local decorator with the same name', filename: 'src/post.ts', code: "import { ManyToOne } from './decorators';\nclass Post {\n  @ManyToOne(() => User)\n  author: User;\n}" },
    // Sequelize
    "import { Model } from 'sequelize';\nexport class Post extends Model {}\nPost.belongsTo(User, { foreignKey: 'authorId', onDelete: 'CASCADE' });",
    { name: 'Sequelize: the hasMany side of the pair sets onDelete', code: "const { DataTypes } = require('sequelize');\nUser.hasMany(Post, { foreignKey: 'authorId', onDelete: 'CASCADE' });\nPost.belongsTo(User, { foreignKey: 'authorId' });" },
    "const { Model } = require('sequelize');\nconst opts = { foreignKey: 'authorId', onDelete: 'SET NULL' };\nPost.belongsTo(User, opts);",
    "import { Model } from 'sequelize';\nexport function associate(opts: object) { Post.belongsTo(User, opts); }",
    { name: 'Bookshelf also has belongsTo', code: "const bookshelf = require('bookshelf')(knex);\nconst Post = bookshelf.model('Post', {\n  tableName: 'posts',\n  author() { return this.belongsTo('User'); },\n});" },
    "import { Table, Model, BelongsTo, ForeignKey } from 'sequelize-typescript';\n@Table\nexport class Post extends Model {\n  @BelongsTo(() => User, { foreignKey: 'userId', onDelete: 'CASCADE' })\n  user: User;\n}",
    // Drizzle
    "import { pgTable, integer } from 'drizzle-orm/pg-core';\nexport const posts = pgTable('posts', {\n  authorId: integer('author_id').references(() => users.id, { onDelete: 'cascade' }),\n});",
    { name: 'Drizzle table-level foreignKey() with .onDelete()', code: "import { pgTable, uuid, foreignKey } from 'drizzle-orm/pg-core';\nexport const lessons = pgTable('lessons', { courseId: uuid('course_id').notNull() }, (t) => [\n  foreignKey({ columns: [t.courseId], foreignColumns: [courses.id] }).onDelete('cascade').onUpdate('cascade'),\n]);\n" },
    { name: 'a foreignKey() that is not Drizzle\'s', code: "import { foreignKey } from './schema-helpers';\nexport const fk = foreignKey({ columns: ['a'], foreignColumns: ['b'] });\n" },
    { name: 'a references() that is not a Drizzle column', code: "import { z } from 'zod';\nconst schema = builder.string('x').references(() => other);" },
  ],
  invalid: [
    {
      name: 'Prisma: a relation to a model deleted softly (isDeleted) needs no delete rule; one to a model deleted for real does (seen on a real Express + Prisma API)',
      files: { 'prisma/schema.prisma': "model Doctor {\n  id        String   @id @default(uuid())\n  name      String\n  isDeleted Boolean  @default(false)\n  schedules DoctorSchedule[]\n}\n\nmodel Patient {\n  id     String  @id @default(uuid())\n  visits Visit[]\n}\n\nmodel DoctorSchedule {\n  id       String @id @default(uuid())\n  doctorId String\n  doctor   Doctor @relation(fields: [doctorId], references: [id])\n}\n\nmodel Visit {\n  id        String  @id @default(uuid())\n  patientId String\n  patient   Patient @relation(fields: [patientId], references: [id])\n}\n" },
      errors: [{ file: 'prisma/schema.prisma', line: 22, column: 21, message: /Visit\.patient/ }],
    },
    {
      name: 'sequelize-cli: the migration adds the foreign key without onDelete either: the association is reported',
      files: {"package.json": "{\"name\":\"api\",\"dependencies\":{\"sequelize\":\"^6.13.0\",\"mysql2\":\"^2.3.3\"},\"devDependencies\":{\"sequelize-cli\":\"^6.4.1\"}}", "src/models/multimedia.js": "'use strict';\nconst { Model } = require('sequelize');\nmodule.exports = (sequelize, DataTypes) => {\n  class Multimedia extends Model {\n    static associate(models) {\n      Multimedia.belongsTo(models.Products, {\n        foreignKey: 'id_products',\n        as: 'Products',\n      });\n    }\n  }\n  Multimedia.init({ url: DataTypes.STRING }, { sequelize, modelName: 'Multimedia' });\n  return Multimedia;\n};\n", "src/migrations/20220118152443-product-multimedia.js": "'use strict';\nmodule.exports = {\n  up: async (queryInterface, Sequelize) => {\n    return await queryInterface.addColumn('Multimedia', 'id_products', {\n      type: Sequelize.INTEGER,\n      references: { model: 'Products', key: 'id' },\n    });\n  },\n};\n"},
      errors: [{ file: 'src/models/multimedia.js', line: 6, column: 7, message: /^`Multimedia.belongsTo\(Products\)` has no `onDelete`/ }],
    },
    {
      name: 'Knex: a merchant row referencing users with no onDelete (seen on a real Express + Knex app)',
      files: { 'migrations/20201110154557_create-merchant.js': "exports.up = (knex) => knex.schema.createTable('merchants', (t) => {\n  t.uuid('id').primary();\n  t.uuid('user_id').references('id').inTable('users');\n  t.integer('category_id').notNullable();\n  t.foreign('category_id').references('categories.id');\n});\nexports.down = (knex) => knex.schema.dropTable('merchants');\n" },
      errors: [
        { line: 3, column: 21, message: "`.references()` of `user_id` has no `.onDelete()`: the database creates the foreign key with NO ACTION, so deleting a row of `users` fails while this one points to it. Decide what deleting the parent should do: .onDelete('CASCADE'), 'RESTRICT' or 'SET NULL'." },
        { line: 5, column: 28, message: /^`\.references\(\)` of `category_id` has no `\.onDelete\(\)`: .* deleting a row of `categories` fails/ },
      ],
      output: { 'migrations/20201110154557_create-merchant.js': "exports.up = (knex) => knex.schema.createTable('merchants', (t) => {\n  t.uuid('id').primary();\n  t.uuid('user_id').references('id').inTable('users').onDelete('CASCADE');\n  t.integer('category_id').notNullable();\n  t.foreign('category_id').references('categories.id');\n});\nexports.down = (knex) => knex.schema.dropTable('merchants');\n" },
    },
    {
      // seen on a real Express + Sequelize app (sequelize-cli's layout): associations in models/index.js, models in their own files
      name: 'Sequelize: associations of imported models in models/index.js, in a package that depends on sequelize',
      files: {
        'package.json': '{ "name": "api", "dependencies": { "sequelize": "^6.37.0", "mysql2": "^3.11.0" } }\n',
        'src/models/Driver.js': "import { DataTypes } from 'sequelize';\nimport sequelize from '../config/database.js';\nconst Driver = sequelize.define('Driver', { name: DataTypes.STRING });\nexport default Driver;\n",
        'src/models/Booking.js': "import { DataTypes } from 'sequelize';\nimport sequelize from '../config/database.js';\nconst Booking = sequelize.define('Booking', { driver_id: DataTypes.INTEGER });\nexport default Booking;\n",
        'src/models/index.js': "import Driver from './Driver.js';\nimport Booking from './Booking.js';\n\nBooking.belongsTo(Driver, { foreignKey: 'driver_id' });\nDriver.hasMany(Booking, { foreignKey: 'driver_id' });\n\nexport { Driver, Booking };\n",
      },
      errors: [{ file: 'src/models/index.js', line: 4, column: 1, message: /^`Booking.belongsTo\(Driver\)` has no `onDelete`/ }],
      output: { 'src/models/index.js': "import Driver from './Driver.js';\nimport Booking from './Booking.js';\n\nBooking.belongsTo(Driver, { foreignKey: 'driver_id', onDelete: 'CASCADE' });\nDriver.hasMany(Booking, { foreignKey: 'driver_id' });\n\nexport { Driver, Booking };\n" },
    },
    {
      name: 'Prisma required relation: Cascade',
      files: PRISMA_REQUIRED,
      errors: [{ line: 9, column: 18, endColumn: 27, message: 'Relation `Post.author` has no `onDelete`: Prisma falls back to Restrict, so deleting a User that still has Post rows fails with a foreign-key error. Decide what deleting the parent should do: onDelete Cascade, Restrict or SetNull.' }],
      output: prisma('  authorId Int\n  author   User  @relation(fields: [authorId], references: [id], onDelete: Cascade)\n'),
    },
    {
      name: 'Prisma required relation: Restrict',
      files: PRISMA_REQUIRED,
      errors: [{ line: 9, column: 18 }],
      fixIndex: 1,
      output: prisma('  authorId Int\n  author   User  @relation(fields: [authorId], references: [id], onDelete: Restrict)\n'),
    },
    {
      name: 'Prisma optional relation: SetNull is offered',
      files: PRISMA_OPTIONAL,
      errors: [{ line: 9, column: 18, message: /falls back to SetNull, so deleting a User silently detaches its Post rows/ }],
      fixIndex: 2,
      output: prisma('  authorId Int?\n  author   User? @relation("PostAuthor", fields: [authorId], references: [id], onDelete: SetNull)\n'),
    },
    {
      name: 'Prisma: composite key, spaces before the parenthesis, one model among several',
      files: {
        'prisma/schema.prisma': 'model Membership {\n  orgId  String\n  userId String\n  user   User @relation(fields: [userId], references: [id], onDelete: Cascade)\n  member Member @relation(fields: [orgId, userId], references: [orgId, userId] )\n}\n',
      },
      errors: [{ line: 5, column: 17 }],
      output: { 'prisma/schema.prisma': 'model Membership {\n  orgId  String\n  userId String\n  user   User @relation(fields: [userId], references: [id], onDelete: Cascade)\n  member Member @relation(fields: [orgId, userId], references: [orgId, userId], onDelete: Cascade )\n}\n' },
    },
    {
      name: 'SQL column constraint (lower-case style kept)',
      files: { 'supabase/migrations/20240101_init.sql': 'create table posts (\n  id bigint primary key,\n  author_id bigint not null references profiles(id)\n);\n' },
      errors: [{ line: 3, column: 29, message: 'Foreign key `posts.author_id` → `profiles` has no ON DELETE: the default NO ACTION makes deleting a row of `profiles` fail while rows of `posts` point to it. Decide what deleting the parent should do: ON DELETE CASCADE, RESTRICT or SET NULL.' }],
      output: { 'supabase/migrations/20240101_init.sql': 'create table posts (\n  id bigint primary key,\n  author_id bigint not null references profiles(id) on delete cascade\n);\n' },
    },
    {
      name: 'SQL table constraint with ON UPDATE: the delete rule goes after the referenced columns',
      files: { 'db/001.sql': 'CREATE TABLE posts (\n  id serial PRIMARY KEY,\n  org_id int NOT NULL,\n  CONSTRAINT posts_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id) ON UPDATE CASCADE\n);\n' },
      errors: [{ line: 4, column: 3 }],
      fixIndex: 1,
      output: { 'db/001.sql': 'CREATE TABLE posts (\n  id serial PRIMARY KEY,\n  org_id int NOT NULL,\n  CONSTRAINT posts_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE RESTRICT ON UPDATE CASCADE\n);\n' },
    },
    {
      name: 'SQL ALTER TABLE in a later migration: the column is nullable in the first one, so SET NULL is offered',
      files: {
        'migrations/001_init.sql': 'CREATE TABLE tasks (id serial PRIMARY KEY, assignee_id int);\n',
        'migrations/002_fk.sql': 'ALTER TABLE tasks\n  ADD CONSTRAINT tasks_assignee_fk FOREIGN KEY (assignee_id) REFERENCES users (id);\n',
      },
      errors: [{ file: 'migrations/002_fk.sql', line: 2, column: 7 }],
      fixIndex: 2,
      output: { 'migrations/002_fk.sql': 'ALTER TABLE tasks\n  ADD CONSTRAINT tasks_assignee_fk FOREIGN KEY (assignee_id) REFERENCES users (id) ON DELETE SET NULL;\n' },
    },
    {
      name: 'TypeORM @ManyToOne with an inverse side and no options',
      filename: 'src/post.entity.ts',
      code: "import { Entity, ManyToOne } from 'typeorm';\n@Entity()\nexport class Post {\n  @ManyToOne(() => User, (user) => user.posts)\n  author: User;\n}",
      errors: [{ line: 4, column: 3, endColumn: 13, message: "`@ManyToOne` `Post.author` has no `onDelete`: TypeORM creates the foreign key with NO ACTION, so deleting a User that still has rows here fails with a foreign-key error. Decide what deleting the parent should do: onDelete 'CASCADE', 'RESTRICT' or 'SET NULL'." }],
      output: "import { Entity, ManyToOne } from 'typeorm';\n@Entity()\nexport class Post {\n  @ManyToOne(() => User, (user) => user.posts, { onDelete: 'CASCADE' })\n  author: User;\n}",
    },
    {
      name: 'TypeORM @OneToOne owning side (@JoinColumn), nullable: false: no SET NULL',
      filename: 'src/profile.entity.ts',
      code: "import * as orm from 'typeorm';\n@orm.Entity()\nexport class Profile {\n  @orm.OneToOne(() => User, {\n    nullable: false,\n  })\n  @orm.JoinColumn()\n  user: User;\n}",
      errors: [{ line: 4, column: 3 }],
      fixIndex: 1,
      output: "import * as orm from 'typeorm';\n@orm.Entity()\nexport class Profile {\n  @orm.OneToOne(() => User, {\n    nullable: false,\n    onDelete: 'RESTRICT',\n  })\n  @orm.JoinColumn()\n  user: User;\n}",
    },
    {
      name: 'TypeORM @ManyToOne with only the target: options inserted',
      filename: 'src/task.entity.ts',
      code: 'import { Entity, ManyToOne } from "typeorm";\n@Entity()\nexport class Task {\n  @ManyToOne(() => User)\n  assignee?: User;\n}',
      errors: [{ line: 4, column: 3 }],
      fixIndex: 2,
      output: 'import { Entity, ManyToOne } from "typeorm";\n@Entity()\nexport class Task {\n  @ManyToOne(() => User, { onDelete: "SET NULL" })\n  assignee?: User;\n}',
    },
    {
      name: 'Sequelize belongsTo (import), no options',
      code: "import { Model } from 'sequelize';\nexport class Post extends Model {}\nPost.belongsTo(User);",
      errors: [{ line: 3, column: 1, message: "`Post.belongsTo(User)` has no `onDelete`: Sequelize then picks SET NULL (NO ACTION for a NOT NULL key) on its own, so deleting a User silently detaches these rows or fails. Decide what deleting the parent should do: onDelete 'CASCADE', 'RESTRICT' or 'SET NULL'." }],
      output: "import { Model } from 'sequelize';\nexport class Post extends Model {}\nPost.belongsTo(User, { onDelete: 'CASCADE' });",
    },
    {
      name: 'Sequelize CLI model template (no import, define): this.belongsTo in associate',
      filename: 'models/post.js',
      code: "module.exports = (sequelize, DataTypes) => {\n  const Post = sequelize.define('Post', { title: DataTypes.STRING }, {});\n  Post.associate = function (models) {\n    Post.belongsTo(models.User, { foreignKey: 'userId' });\n  };\n  return Post;\n};",
      errors: [{ line: 4, column: 5, message: /`Post.belongsTo\(User\)`/ }],
      fixIndex: 2,
      output: "module.exports = (sequelize, DataTypes) => {\n  const Post = sequelize.define('Post', { title: DataTypes.STRING }, {});\n  Post.associate = function (models) {\n    Post.belongsTo(models.User, { foreignKey: 'userId', onDelete: 'SET NULL' });\n  };\n  return Post;\n};",
    },
    {
      name: 'Sequelize class model: this.belongsTo, NOT NULL foreign key: no SET NULL',
      filename: 'models/comment.js',
      code: "const { Model } = require('sequelize');\nclass Comment extends Model {\n  static associate(models) {\n    this.belongsTo(models.Post, { foreignKey: { name: 'postId', allowNull: false } });\n  }\n}",
      errors: [{ line: 4, column: 5, message: /`Comment.belongsTo\(Post\)`/ }],
      fixIndex: 1,
      output: "const { Model } = require('sequelize');\nclass Comment extends Model {\n  static associate(models) {\n    this.belongsTo(models.Post, { foreignKey: { name: 'postId', allowNull: false }, onDelete: 'RESTRICT' });\n  }\n}",
    },
    {
      name: 'sequelize-typescript @BelongsTo with a foreign key name',
      filename: 'src/models/post.ts',
      code: "import { Table, Model, BelongsTo, ForeignKey, Column } from 'sequelize-typescript';\n@Table\nexport class Post extends Model {\n  @ForeignKey(() => User)\n  @Column\n  userId: number;\n  @BelongsTo(() => User, 'userId')\n  user: User;\n}",
      errors: [{ line: 7, column: 3 }],
      output: "import { Table, Model, BelongsTo, ForeignKey, Column } from 'sequelize-typescript';\n@Table\nexport class Post extends Model {\n  @ForeignKey(() => User)\n  @Column\n  userId: number;\n  @BelongsTo(() => User, { foreignKey: 'userId', onDelete: 'CASCADE' })\n  user: User;\n}",
    },
    {
      name: 'Drizzle table-level foreignKey() without .onDelete() (as drizzle-kit pull writes it)',
      code: "import { pgTable, uuid, foreignKey } from 'drizzle-orm/pg-core';\nexport const lessons = pgTable('lessons', { courseId: uuid('course_id').notNull() }, (t) => [\n  foreignKey({ columns: [t.courseId], foreignColumns: [courses.id], name: 'lessons_course_fk' }),\n]);\n",
      errors: [{ line: 3, column: 3, message: "`foreignKey()` to `courses` has no `.onDelete()`: Drizzle creates the foreign key with NO ACTION, so deleting a row of `courses` fails while this one points to it. Decide what deleting the parent should do: .onDelete('cascade'), 'restrict' or 'set null'." }],
      output: "import { pgTable, uuid, foreignKey } from 'drizzle-orm/pg-core';\nexport const lessons = pgTable('lessons', { courseId: uuid('course_id').notNull() }, (t) => [\n  foreignKey({ columns: [t.courseId], foreignColumns: [courses.id], name: 'lessons_course_fk' }).onDelete('cascade'),\n]);\n",
    },
    {
      name: 'Drizzle column .references() without options',
      filename: 'src/db/schema.ts',
      code: "import { pgTable, integer, serial } from 'drizzle-orm/pg-core';\nexport const posts = pgTable('posts', {\n  id: serial('id').primaryKey(),\n  authorId: integer('author_id').notNull().references(() => users.id),\n});",
      errors: [{ line: 4, column: 44, message: "`.references()` of `author_id` has no `onDelete`: Drizzle creates the foreign key with NO ACTION, so deleting a row of `users` fails while this one points to it. Decide what deleting the parent should do: onDelete 'cascade', 'restrict' or 'set null'." }],
      output: "import { pgTable, integer, serial } from 'drizzle-orm/pg-core';\nexport const posts = pgTable('posts', {\n  id: serial('id').primaryKey(),\n  authorId: integer('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),\n});",
    },
    {
      name: 'Drizzle nullable column with options but no onDelete',
      filename: 'src/db/schema.ts',
      code: "import { sqliteTable, integer } from 'drizzle-orm/sqlite-core';\nexport const tasks = sqliteTable('tasks', {\n  assigneeId: integer('assignee_id').references(() => users.id, { onUpdate: 'cascade' }),\n});",
      errors: [{ line: 3, column: 38 }],
      fixIndex: 2,
      output: "import { sqliteTable, integer } from 'drizzle-orm/sqlite-core';\nexport const tasks = sqliteTable('tasks', {\n  assigneeId: integer('assignee_id').references(() => users.id, { onUpdate: 'cascade', onDelete: 'set null' }),\n});",
    },
  ],
});

describe('data/relation-no-on-delete: fix choices', () => {
  const titles = (files: Record<string, string>) => runOn([rule], files)[0].fixes.map((f) => f.title);
  it('offers SetNull only for nullable foreign keys', () => {
    assert.deepEqual(titles(PRISMA_REQUIRED), ['Set onDelete: Cascade', 'Set onDelete: Restrict']);
    assert.deepEqual(titles(PRISMA_OPTIONAL), ['Set onDelete: Cascade', 'Set onDelete: Restrict', 'Set onDelete: SetNull']);
    assert.deepEqual(titles({ 'a.sql': 'CREATE TABLE t (u int NOT NULL REFERENCES users(id));' }), ['Add ON DELETE CASCADE', 'Add ON DELETE RESTRICT']);
    assert.deepEqual(titles({ 'a.sql': 'CREATE TABLE t (u int REFERENCES users(id));' }), ['Add ON DELETE CASCADE', 'Add ON DELETE RESTRICT', 'Add ON DELETE SET NULL']);
  });
  it('no fix is marked safe: the choice is a product decision', () => {
    for (const f of runOn([rule], PRISMA_OPTIONAL)[0].fixes) assert.equal(f.safe, false);
  });
});
