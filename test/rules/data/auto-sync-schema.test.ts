import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import rule, { isDevOnlyPath } from '../../../rules/data/auto-sync-schema';
import { ruleTester, runOn } from '../../helpers/ruleTester';

const SYNC_MSG = 'TypeORM `synchronize: true` runs on every start, production included: TypeORM alters the live schema to match the entities, and renaming or removing a property drops that column with its data, with no review and no rollback. Enable it only in development and ship schema changes as migrations.';

ruleTester(rule, {
  valid: [
    { name: 'TypeORM synchronize from an env var compared to a string, or parsed', code: "import { DataSource } from 'typeorm';\nexport const a = new DataSource({ type: 'postgres', synchronize: process.env.DB_SYNC === 'true', dropSchema: JSON.parse(process.env.DB_DROP ?? 'false') });\n" },
    // TypeORM: gated on the environment in every usual way
    "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', synchronize: process.env.NODE_ENV !== 'production' });",
    "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', synchronize: false, migrationsRun: true });",
    "import { DataSource } from 'typeorm';\nconst isDev = process.env.NODE_ENV === 'development';\nexport const ds = new DataSource({ type: 'postgres', ...(isDev ? { synchronize: true } : {}) });",
    "import { TypeOrmModule } from '@nestjs/typeorm';\nexport const db = TypeOrmModule.forRootAsync({\n  inject: [ConfigService],\n  useFactory: (config: ConfigService) => ({ type: 'postgres', synchronize: config.get('DB_SYNCHRONIZE') === 'true' }),\n});",
    "import { DataSource } from 'typeorm';\nlet ds: DataSource;\nif (process.env.NODE_ENV === 'development') {\n  ds = new DataSource({ type: 'sqlite', database: 'dev.db', synchronize: true });\n}",
    "import { DataSource } from 'typeorm';\nexport function dataSource(env: string) {\n  switch (env) {\n    case 'test':\n      return new DataSource({ type: 'sqlite', database: ':memory:', synchronize: true, dropSchema: true });\n    default:\n      return new DataSource({ type: 'postgres', migrationsRun: true });\n  }\n}",
    { name: 'per-environment config object', code: "module.exports = {\n  development: { type: 'postgres', entities: ['src/**/*.entity.ts'], synchronize: true },\n  test: { type: 'sqlite', entities: ['src/**/*.entity.ts'], synchronize: true },\n  production: { type: 'postgres', entities: ['dist/**/*.entity.js'], synchronize: false },\n};" },
    { name: 'a dev-named factory in production code', code: "import { DataSource } from 'typeorm';\nexport const createTestDataSource = () => new DataSource({ type: 'sqlite', database: ':memory:', synchronize: true });" },
    "import { DataSource } from 'typeorm';\nconst ds = new DataSource({ type: 'postgres', synchronize: __DEV__ });",
    { name: 'test, seed and dev files', files: {
      'test/setup.ts': "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'sqlite', synchronize: true });",
      'src/users/users.service.spec.ts': "import { TypeOrmModule } from '@nestjs/typeorm';\nTypeOrmModule.forRoot({ type: 'sqlite', synchronize: true });",
      'src/database/seeds/run-seed.ts': "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', synchronize: true });",
      'scripts/reset-db.js': "const db = require('../models');\ndb.sequelize.sync({ force: true });",
      'src/config/typeorm.dev.ts': "export default { type: 'postgres', entities: ['src/**/*.entity.ts'], synchronize: true };",
      'ormconfig.test.json': '{ "type": "sqlite", "synchronize": true }',
    } },
    { name: 'a `synchronize` option of something else', code: "import { createClient } from './sync-client';\nexport const client = createClient({ synchronize: true, intervalMs: 5000 });" },
    // Sequelize
    "import { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize(process.env.DATABASE_URL!);\nawait sequelize.sync();\nawait sequelize.sync({ force: false, logging: false });",
    "const { Sequelize } = require('sequelize');\nif (process.env.NODE_ENV !== 'production') {\n  sequelize.sync({ alter: true });\n}",
    "import { sequelize } from './db';\nawait sequelize.sync({ alter: process.env.DB_ALTER === 'true' });",
    { name: 'Sequelize force sync restricted to test databases by `match`', code: "import { Sequelize } from 'sequelize';\nawait sequelize.sync({ force: true, match: /_test$/ });" },
    { name: 'another library\'s sync()', code: "import simpleGit from 'simple-git';\nawait repo.sync({ force: true });" },
    // Mongoose
    "import mongoose from 'mongoose';\nawait mongoose.connect(process.env.MONGO_URL!, { autoIndex: process.env.NODE_ENV !== 'production' });",
    "import mongoose from 'mongoose';\nawait mongoose.connect(url, { autoIndex: false });\nmongoose.set('autoIndex', false);",
    { name: 'autoIndex of a library that is not Mongoose', code: "import { createIndex } from 'search-lib';\ncreateIndex({ autoIndex: true });" },
    { files: { 'ormconfig.json': '{\n  "type": "postgres",\n  "synchronize": false\n}\n' } },
  ],
  invalid: [
    {
      name: "TypeORM synchronize given the raw env string or its fallback, in the production branch (seen on a real NestJS app: TYPEORM_SYNC=false turns it on)",
      code: "import { TypeOrmModuleOptions } from '@nestjs/typeorm';\nlet config: TypeOrmModuleOptions = { type: 'postgres', synchronize: false };\nif (process.env.NODE_ENV === 'production') {\n  config = { type: 'postgres', url: process.env.DATABASE_URL, synchronize: process.env.TYPEORM_SYNC || dbConfig.synchronize };\n}\n",
      errors: [{ line: 4, column: 63, message: /^`synchronize` gets the string in process\.env\.TYPEORM_SYNC \(or its fallback\): TypeORM treats any non-empty string as true, so TYPEORM_SYNC=false still turns it on/ }],
    },
    {
      name: 'TypeORM synchronize given the raw env string: the fix compares it',
      code: "import { TypeOrmModuleOptions } from '@nestjs/typeorm';\nexport const typeOrmConfig = { type: 'postgres', synchronize: process.env.TYPEORM_SYNC } as TypeOrmModuleOptions;\n",
      errors: [{ line: 2, column: 50, message: /^`synchronize` gets the string in process\.env\.TYPEORM_SYNC: / }],
      output: "import { TypeOrmModuleOptions } from '@nestjs/typeorm';\nexport const typeOrmConfig = { type: 'postgres', synchronize: process.env.TYPEORM_SYNC === 'true' } as TypeOrmModuleOptions;\n",
    },
    {
      name: 'TypeORM DataSource: enable only in development',
      filename: 'src/data-source.ts',
      code: "import { DataSource } from 'typeorm';\nexport const AppDataSource = new DataSource({\n  type: 'postgres',\n  url: process.env.DATABASE_URL,\n  synchronize: true,\n});",
      errors: [{ line: 5, column: 3, endColumn: 20, message: SYNC_MSG }],
      output: "import { DataSource } from 'typeorm';\nexport const AppDataSource = new DataSource({\n  type: 'postgres',\n  url: process.env.DATABASE_URL,\n  synchronize: process.env.NODE_ENV === 'development',\n});",
    },
    {
      name: 'Nest TypeOrmModule.forRoot: set false',
      filename: 'src/app.module.ts',
      code: 'import { Module } from "@nestjs/common";\nimport { TypeOrmModule } from "@nestjs/typeorm";\n@Module({ imports: [TypeOrmModule.forRoot({ type: "postgres", autoLoadEntities: true, synchronize: true })] })\nexport class AppModule {}',
      errors: [{ line: 3, column: 87 }],
      fixIndex: 1,
      output: 'import { Module } from "@nestjs/common";\nimport { TypeOrmModule } from "@nestjs/typeorm";\n@Module({ imports: [TypeOrmModule.forRoot({ type: "postgres", autoLoadEntities: true, synchronize: false })] })\nexport class AppModule {}',
    },
    {
      name: 'Nest forRootAsync: reading config elsewhere in the object does not gate synchronize',
      filename: 'src/app.module.ts',
      code: "import { TypeOrmModule } from '@nestjs/typeorm';\nexport const db = TypeOrmModule.forRootAsync({\n  useFactory: (config: ConfigService) => ({ type: 'postgres', url: config.get('DATABASE_URL'), synchronize: true }),\n});",
      errors: [{ line: 3, column: 96, message: SYNC_MSG }],
      output: "import { TypeOrmModule } from '@nestjs/typeorm';\nexport const db = TypeOrmModule.forRootAsync({\n  useFactory: (config: ConfigService) => ({ type: 'postgres', url: config.get('DATABASE_URL'), synchronize: process.env.NODE_ENV === 'development' }),\n});",
    },
    {
      name: 'ormconfig.js without an import, inside an if on an unrelated env var',
      filename: 'ormconfig.js',
      code: "const config = { type: 'mysql', entities: ['dist/**/*.entity.js'] };\nif (process.env.DATABASE_URL) {\n  module.exports = { ...config, type: 'mysql', entities: ['dist/**/*.entity.js'], synchronize: true };\n}",
      errors: [{ line: 3, column: 83 }],
      fixIndex: 1,
      output: "const config = { type: 'mysql', entities: ['dist/**/*.entity.js'] };\nif (process.env.DATABASE_URL) {\n  module.exports = { ...config, type: 'mysql', entities: ['dist/**/*.entity.js'], synchronize: false };\n}",
    },
    {
      name: 'shorthand property from a const, in the production branch of a per-env object',
      filename: 'src/db.ts',
      code: "import { DataSourceOptions } from 'typeorm';\nconst synchronize = true;\nexport const options: Record<string, DataSourceOptions> = {\n  development: { type: 'postgres', synchronize },\n  production: { type: 'postgres', synchronize },\n};",
      errors: [{ line: 5, column: 35 }],
      output: "import { DataSourceOptions } from 'typeorm';\nconst synchronize = true;\nexport const options: Record<string, DataSourceOptions> = {\n  development: { type: 'postgres', synchronize },\n  production: { type: 'postgres', synchronize: process.env.NODE_ENV === 'development' },\n};",
    },
    {
      name: 'TypeORM dropSchema: only the off fix',
      filename: 'src/data-source.ts',
      code: "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', dropSchema: true });",
      errors: [{ line: 2, column: 54, message: /drops the whole schema/ }],
      output: "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', dropSchema: false });",
    },
    {
      name: 'Sequelize sync({ force: true }) at start-up',
      filename: 'src/server.ts',
      code: "import { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize(process.env.DATABASE_URL!);\nsequelize.sync({ force: true }).then(() => app.listen(3000));",
      errors: [{ line: 3, column: 1, endColumn: 15, message: /^`sync\(\{ force: true \}\)` drops and re-creates every table/ }],
      output: "import { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize(process.env.DATABASE_URL!);\nsequelize.sync({ force: process.env.NODE_ENV === 'development' }).then(() => app.listen(3000));",
    },
    {
      name: 'Sequelize CLI models/index (no import): db.sequelize.sync({ alter: true })',
      filename: 'app.js',
      code: "const db = require('./models');\ndb.sequelize.sync({ alter: true }).then(() => {\n  app.listen(PORT);\n});",
      errors: [{ line: 2, column: 1, message: /^`sync\(\{ alter: true \}\)` rewrites production tables/ }],
      fixIndex: 1,
      output: "const db = require('./models');\ndb.sequelize.sync({ alter: false }).then(() => {\n  app.listen(PORT);\n});",
    },
    {
      name: 'Sequelize alter with options, passed through a const',
      filename: 'src/db.ts',
      code: "import { sequelize } from './sequelize';\nconst syncOptions = { alter: { drop: false } };\nawait sequelize.sync(syncOptions);",
      errors: [{ line: 3, column: 7 }],
      output: "import { sequelize } from './sequelize';\nconst syncOptions = { alter: process.env.NODE_ENV === 'development' };\nawait sequelize.sync(syncOptions);",
    },
    {
      name: 'Mongoose connect option',
      filename: 'src/db.ts',
      code: "import mongoose from 'mongoose';\nexport const connect = () => mongoose.connect(process.env.MONGO_URL!, { autoIndex: true });",
      errors: [{ line: 2, column: 73, message: /^Mongoose `autoIndex: true` builds every index on each start/ }],
      output: "import mongoose from 'mongoose';\nexport const connect = () => mongoose.connect(process.env.MONGO_URL!, { autoIndex: process.env.NODE_ENV === 'development' });",
    },
    {
      name: 'Mongoose schema option and mongoose.set',
      filename: 'src/models/user.js',
      code: "const mongoose = require('mongoose');\nmongoose.set('autoIndex', true);\nconst userSchema = new mongoose.Schema({ name: String }, { autoIndex: true });",
      errors: [{ line: 2, column: 1 }, { line: 3, column: 60 }],
      fixIndex: 1,
      output: "const mongoose = require('mongoose');\nmongoose.set('autoIndex', false);\nconst userSchema = new mongoose.Schema({ name: String }, { autoIndex: true });",
    },
    {
      name: 'NestJS MongooseModule.forRoot',
      filename: 'src/app.module.ts',
      code: "import { MongooseModule } from '@nestjs/mongoose';\nexport const mongo = MongooseModule.forRoot(process.env.MONGO_URI!, { autoIndex: true });",
      errors: [{ line: 2, column: 71 }],
      fixIndex: 1,
      output: "import { MongooseModule } from '@nestjs/mongoose';\nexport const mongo = MongooseModule.forRoot(process.env.MONGO_URI!, { autoIndex: false });",
    },
    {
      name: 'legacy ormconfig.json',
      files: { 'ormconfig.json': '{\n  "type": "postgres",\n  "entities": ["dist/**/*.entity.js"],\n  "synchronize": true\n}\n' },
      errors: [{ line: 4, column: 3, message: SYNC_MSG }],
      output: { 'ormconfig.json': '{\n  "type": "postgres",\n  "entities": ["dist/**/*.entity.js"],\n  "synchronize": false\n}\n' },
    },
    // Triggers: the option names, `sync`, `entities`, and the TypeORM / Mongoose modules.
    {
      name: "mongoose.set('autoIndex', true) alone, through require (the Mongoose module)",
      filename: 'src/models/index.js',
      code: "const mongoose = require('mongoose');\nmongoose.set('autoIndex', true);\n",
      errors: [{ line: 2, column: 1, message: /^Mongoose `autoIndex: true` builds every index on each start/ }],
      fixIndex: 1,
      output: "const mongoose = require('mongoose');\nmongoose.set('autoIndex', false);\n",
    },
    {
      name: 'a computed `synchronize` key in a TypeORM file (the module)',
      filename: 'src/data-source.ts',
      code: "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', ['synchronize']: true });",
      errors: [{ line: 2, column: 54, message: SYNC_MSG }],
      output: "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', ['synchronize']: process.env.NODE_ENV === 'development' });",
    },
    {
      name: 'a computed `dropSchema` key next to `entities`, no import',
      filename: 'ormconfig.js',
      code: "module.exports = { type: 'postgres', entities: ['dist/**/*.entity.js'], ['dropSchema']: true };\n",
      errors: [{ line: 1, column: 73, message: /drops the whole schema/ }],
      output: "module.exports = { type: 'postgres', entities: ['dist/**/*.entity.js'], ['dropSchema']: false };\n",
    },
    {
      name: 'a computed `autoIndex` key, Mongoose as a namespace import',
      filename: 'src/db.ts',
      code: "import * as mongoose from 'mongoose';\nexport const connect = (url: string) => mongoose.connect(url, { [`autoIndex`]: true });\n",
      errors: [{ line: 2, column: 65 }],
      output: "import * as mongoose from 'mongoose';\nexport const connect = (url: string) => mongoose.connect(url, { [`autoIndex`]: process.env.NODE_ENV === 'development' });\n",
    },
  ],
});

describe('data/auto-sync-schema: dev-only paths', () => {
  it('recognises tests, seeds and dev configs, not ordinary code', () => {
    for (const p of ['src/seed.ts', 'prisma/seed.ts', 'db/seeders/users.js', 'scripts/reset-db.ts', 'src/config/typeorm.dev.ts', 'test/app.e2e-spec.ts', 'ormconfig.local.json']) assert.ok(isDevOnlyPath(p), p);
    for (const p of ['src/data-source.ts', 'src/app.module.ts', 'src/devices/device.ts', 'ormconfig.json', 'src/database/database.module.ts']) assert.ok(!isDevOnlyPath(p), p);
  });
  it('offers two fixes, neither marked safe', () => {
    const [f] = runOn([rule], { 'src/db.ts': "import { DataSource } from 'typeorm';\nnew DataSource({ type: 'postgres', synchronize: true });" });
    assert.deepEqual(f.fixes.map((x) => [x.title, x.safe]), [['Enable synchronize only in development', false], ['Set synchronize: false (apply migrations instead)', false]]);
  });
});
