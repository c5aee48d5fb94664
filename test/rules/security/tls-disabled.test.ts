import rule from '../../../rules/security/tls-disabled';
import { ruleTester } from '../../helpers/ruleTester';

const DB = /encrypts the database connection but accepts any certificate/;
const GENERIC = /turns off TLS certificate checks/;
const NODE_TLS = /sets `NODE_TLS_REJECT_UNAUTHORIZED=0`/;

ruleTester(rule, {
  valid: [
    "import { readFileSync } from 'node:fs';\nimport { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL, ssl: { rejectUnauthorized: true, ca: readFileSync('ca.pem', 'utf8') } });",
    "import { Pool } from 'pg';\nexport const pool = new Pool({ ssl: process.env.NODE_ENV === 'production' ? { ca: process.env.DB_CA } : false });",
    "import { Pool } from 'pg';\nexport const pool = new Pool({ ssl: { rejectUnauthorized: process.env.NODE_ENV === 'production' } });",
    "import { Pool } from 'pg';\nconst isProd = process.env.NODE_ENV === 'production';\nexport const pool = new Pool({ ssl: isProd ? { rejectUnauthorized: true } : { rejectUnauthorized: false } });",
    "if (process.env.NODE_ENV === 'development') {\n  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n}",
    "export function devProxy() {\n  if (process.env.NODE_ENV === 'production') return;\n  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n}",
    "import https from 'node:https';\nexport const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: !process.env.ALLOW_SELF_SIGNED });",
    "import tls from 'node:tls';\nexport const socket = tls.connect({ host: 'localhost', port: 8443, rejectUnauthorized: false });",
    "import { Pool } from 'pg';\nexport const pool = new Pool({ host: '127.0.0.1', ssl: { rejectUnauthorized: false } });",
    "const url = 'postgres://app@db.example.com/app?sslmode=verify-full';",
    "import axios from 'axios';\nexport const api = axios.create({ baseURL: process.env.API_URL, httpsAgent: isDev ? new https.Agent({ rejectUnauthorized: false }) : undefined });",
    { filename: 'test/setup.ts', code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';" },
    { filename: 'src/db.test.ts', code: "import { Pool } from 'pg';\nconst pool = new Pool({ ssl: { rejectUnauthorized: false } });" },
    { files: { '.env.development': 'NODE_TLS_REJECT_UNAUTHORIZED=0\n', '.env.test': 'NODE_TLS_REJECT_UNAUTHORIZED=0\n', '.env': 'NODE_TLS_REJECT_UNAUTHORIZED=1\nDATABASE_URL=postgres://u@db.example.com/app?sslmode=require\n' } },
    { files: { 'package.json': JSON.stringify({ name: 'web', scripts: { dev: 'NODE_TLS_REJECT_UNAUTHORIZED=0 next dev', 'test:e2e': 'NODE_TLS_REJECT_UNAUTHORIZED=0 playwright test', start: 'next start' } }, null, 2) } },
    { name: 'CI test job', files: { '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      NODE_TLS_REJECT_UNAUTHORIZED: "0"\n    steps:\n      - run: npm test\n' } },
    { files: { '.npmrc': 'registry=https://registry.npmjs.org/\nstrict-ssl=true\n' } },
  ],
  invalid: [
    {
      name: 'pg pool with ssl.rejectUnauthorized false',
      code: "import { Pool } from 'pg';\n\nexport const pool = new Pool({\n  connectionString: process.env.DATABASE_URL,\n  ssl: { rejectUnauthorized: false },\n});\n",
      errors: [{ line: 5, column: 10, message: "`ssl: { rejectUnauthorized: false }` encrypts the database connection but accepts any certificate: anyone on the network path can impersonate the database and read every query and result, password hashes included. Managed databases (Heroku, Render, Supabase, Neon, RDS, DigitalOcean) publish their CA certificate: pass it as `ssl: { ca: fs.readFileSync('ca.pem', 'utf8') }`, or use `sslmode=verify-full` with `sslrootcert`." }],
      output: null,
    },
    {
      name: 'the production branch of a conditional',
      code: "import { Pool } from 'pg';\nexport const pool = new Pool({ ssl: process.env.NODE_ENV === 'production' ? { rejectUnauthorized: false } : false });",
      errors: [{ line: 2, column: 79, message: DB }],
    },
    {
      name: 'Sequelize dialectOptions',
      code: "import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize(process.env.DATABASE_URL!, {\n  dialect: 'postgres',\n  dialectOptions: { ssl: { require: true, rejectUnauthorized: false } },\n});",
      errors: [{ line: 4, column: 43, message: DB }],
    },
    {
      name: 'MongoClient option',
      code: "import { MongoClient } from 'mongodb';\nexport const client = new MongoClient(process.env.MONGODB_URI!, { tls: true, tlsAllowInvalidCertificates: true });",
      errors: [{ line: 2, column: 78, message: /^`tlsAllowInvalidCertificates: true` encrypts the database connection/ }],
    },
    {
      name: 'NODE_TLS_REJECT_UNAUTHORIZED assigned in code',
      code: "import express from 'express';\nprocess.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';\nconst app = express();",
      errors: [{ line: 2, column: 1, message: NODE_TLS }],
    },
    {
      name: 'axios with an https.Agent',
      code: "import axios from 'axios';\nimport https from 'node:https';\nexport const payments = axios.create({\n  baseURL: 'https://api.payments.example',\n  httpsAgent: new https.Agent({ rejectUnauthorized: false }),\n});",
      errors: [{ line: 5, column: 33, message: GENERIC }],
    },
    {
      name: 'got https options',
      code: "import got from 'got';\nexport const fetchReport = (url: string) => got(url, { https: { rejectUnauthorized: false } }).json();",
      errors: [{ line: 2, column: 65, message: GENERIC }],
    },
    {
      name: 'options in a const, request strictSSL',
      code: "const insecure = { rejectUnauthorized: false };\nexport const agent = new https.Agent(insecure);\nrequest({ url, strictSSL: false });",
      errors: [{ line: 1, column: 20, message: GENERIC }, { line: 3, column: 16, message: /^`strictSSL: false`/ }],
    },
    {
      name: 'nodemailer tls',
      code: "import nodemailer from 'nodemailer';\nexport const mailer = nodemailer.createTransport({\n  host: 'smtp.sendgrid.net',\n  port: 587,\n  auth: { user: 'apikey', pass: process.env.SENDGRID_API_KEY },\n  tls: { rejectUnauthorized: false },\n});",
      errors: [{ line: 6, column: 10, message: /accepts any certificate from the mail server/ }],
    },
    {
      name: 'global agent and checkServerIdentity',
      code: "import https from 'node:https';\nhttps.globalAgent.options.rejectUnauthorized = false;\nexport const agent = new https.Agent({ checkServerIdentity: () => undefined });",
      errors: [{ line: 2, column: 1, message: GENERIC }, { line: 3, column: 40, message: /accepts any host name/ }],
    },
    {
      name: 'sslmode=no-verify in a connection string',
      code: "import postgres from 'postgres';\nexport const sql = postgres('postgres://app:' + process.env.DB_PASSWORD + '@db.example.com:5432/app?sslmode=no-verify');",
      errors: [{ line: 2, column: 75, message: /`sslmode=no-verify`/ }],
    },
    {
      name: '.env files',
      files: { '.env': 'PORT=3000\nNODE_TLS_REJECT_UNAUTHORIZED=0\n', '.env.production': 'DATABASE_URL=postgres://app@db.example.com/app?sslmode=no-verify\n' },
      errors: [
        { file: '.env', line: 2, column: 1, message: /^\.env sets `NODE_TLS_REJECT_UNAUTHORIZED=0`/ },
        { file: '.env.production', line: 1, column: 1, message: /`sslmode=no-verify`/ },
      ],
    },
    {
      name: 'package.json start script',
      files: { 'package.json': '{\n  "name": "api",\n  "scripts": {\n    "dev": "tsx watch src/server.ts",\n    "start": "cross-env NODE_TLS_REJECT_UNAUTHORIZED=0 node dist/server.js"\n  }\n}\n' },
      errors: [{ line: 5, column: 14, message: /^The "start" script sets/ }],
    },
    {
      name: 'Dockerfile ENV and npm strict-ssl',
      files: { Dockerfile: 'FROM node:20-alpine\nRUN npm config set strict-ssl false\nENV NODE_ENV=production NODE_TLS_REJECT_UNAUTHORIZED=0\nCMD ["node", "dist/server.js"]\n' },
      errors: [
        { line: 2, column: 20, message: /turns off npm's certificate checks/, tier: 'tech-debt' },
        { line: 3, column: 25, message: /^This Dockerfile's ENV sets/, tier: 'ship-stopping' },
      ],
    },
    {
      name: 'docker-compose environment list and Kubernetes env',
      files: {
        'docker-compose.yml': 'services:\n  api:\n    image: api\n    environment:\n      - NODE_ENV=production\n      - NODE_TLS_REJECT_UNAUTHORIZED=0\n',
        'k8s/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          env:\n            - name: NODE_TLS_REJECT_UNAUTHORIZED\n              value: "0"\n',
      },
      errors: [{ file: 'docker-compose.yml', line: 6, column: 9, message: NODE_TLS }, { file: 'k8s/deployment.yaml', line: 10, column: 22, message: NODE_TLS }],
    },
    {
      name: 'CI deploy job env',
      files: { '.github/workflows/deploy.yml': 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      NODE_TLS_REJECT_UNAUTHORIZED: 0\n    steps:\n      - run: npm run migrate\n' },
      errors: [{ line: 6, column: 37, message: NODE_TLS }],
    },
    {
      name: '.npmrc strict-ssl=false',
      files: { '.npmrc': 'registry=https://registry.npmjs.org/\nstrict-ssl=false\n' },
      errors: [{ line: 2, column: 1, tier: 'tech-debt', message: /^This \.npmrc turns off npm's certificate checks/ }],
    },
  ],
});
