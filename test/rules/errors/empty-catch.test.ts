import rule from '../../../rules/errors/empty-catch';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    "try {\n  run();\n} catch (err) {\n  console.error(err);\n}",
    // a comment inside says the swallow is deliberate (as ESLint's no-empty)
    "try {\n  fs.unlinkSync(tmp);\n} catch (e) {\n  /* ignore: the file may not exist */\n}",
    "try {\n  fs.unlinkSync(tmp);\n} catch {\n  // best effort cleanup\n}",
    'try { fs.unlinkSync(tmp); } catch { /* already gone */ }',
    'try { fs.unlinkSync(tmp); } catch {} // best effort cleanup',
    "try {\n  return JSON.parse(raw);\n} catch (ignored) {}",
    // a parse into a variable that already holds the fallback (seen on a real Next.js app: one per column of an import)
    "let translations: Record<string, string> = {};\ntry { translations = JSON.parse(row.translations); } catch (e) {}\nlet site = null;\ntry {\n  site = new URL(input);\n} catch {}",
    "try {\n  return JSON.parse(raw);\n} catch (e) {\n  return null;\n}",
    // test files may swallow on purpose
    { filename: 'src/app.test.ts', code: 'try { run(); } catch {}\np.catch(() => {});' },
    { filename: 'test/helpers/db.ts', code: 'try { run(); } catch {}' },
    { filename: 'src/__tests__/util.ts', code: 'p.catch(() => null);' },
    // handlers that do something
    "import { logger } from './logger';\nsend().catch((err) => logger.error(err));",
    'send().catch(console.error);',
    'send().catch(handleError);',
    'send().catch((err) => { captureException(err); });',
    "send().catch(() => { /* fire and forget: the next sync retries */ });",
    'const cfg = await load().catch(() => /* optional file */ null);',
    'const cfg = await load().catch(() => null); // the config file is optional',
    // a body that cannot be read becomes null, which the code tests next (seen on a real Next.js + Supabase app)
    "export async function POST(request: Request) {\n  const form = await request.formData().catch(() => null);\n  const file = form?.get('file');\n  if (!(file instanceof File)) return Response.json({ error: 'Attach a CSV file' }, { status: 400 });\n  return Response.json({ ok: true });\n}\n",
    "export async function submit(res: Response) {\n  const json = await res.json().catch(() => null);\n  if (!res.ok) throw new Error(json?.error ?? 'Request failed');\n  return json;\n}\n",
    'await fs.rm(dir, { recursive: true }).catch(() => {}); // may already be gone',
    // explicit fallbacks are not swallowed errors
    'const list = await fetchList().catch(() => []);',
    'const ok = await ping().catch(() => false);',
    'const cfg = await load().catch(() => defaultConfig);',
    // not a catch handler
    'p.then(onOk, () => {});',
    'emitter.on("error", () => {});',
    'const noop = () => {};\nnoop();',
  ],
  invalid: [
    {
      name: 'multi-line catch with a binding: log and rethrow',
      code: "export async function charge(id: string) {\n  try {\n    await stripe.charges.create({ customer: id });\n  } catch (err) {}\n}",
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 19, message: /^Empty catch block: the error is swallowed/, tier: 'tech-debt' }],
      output: "export async function charge(id: string) {\n  try {\n    await stripe.charges.create({ customer: id });\n  } catch (err) {\n    console.error(err);\n    throw err;\n  }\n}",
    },
    {
      name: 'the log-only fix keeps the flow',
      code: "export async function charge(id: string) {\n  try {\n    await stripe.charges.create({ customer: id });\n  } catch (e) {\n  }\n}",
      errors: [{ line: 4, column: 5 }],
      fixIndex: 1,
      output: "export async function charge(id: string) {\n  try {\n    await stripe.charges.create({ customer: id });\n  } catch (e) {\n    console.error(e);\n  }\n}",
    },
    {
      name: 'optional catch binding on one line (JSON.parse)',
      code: 'let data;\ntry { data = JSON.parse(raw); } catch {}',
      errors: [{ line: 2, column: 33 }],
      output: 'let data;\ntry { data = JSON.parse(raw); } catch (err) { console.error(err); throw err; }',
    },
    {
      name: 'tab indentation and a typed binding',
      code: "function f() {\n\ttry {\n\t\trun();\n\t} catch (e: unknown) {}\n}",
      errors: [{ line: 4, column: 4 }],
      output: "function f() {\n\ttry {\n\t\trun();\n\t} catch (e: unknown) {\n\t\tconsole.error(e);\n\t\tthrow e;\n\t}\n}",
    },
    {
      name: "uses the file's imported logger",
      code: "import { logger } from '../lib/logger';\n\ntry {\n  await sync();\n} catch (error) {}",
      errors: [{ line: 5, column: 3 }],
      output: "import { logger } from '../lib/logger';\n\ntry {\n  await sync();\n} catch (error) {\n  logger.error(error);\n  throw error;\n}",
    },
    {
      name: 'uses a pino logger created in the file, whatever its name',
      code: "import pino from 'pino';\nconst log = pino();\n\ntry {\n  await sync();\n} catch {}",
      errors: [{ line: 6, column: 3 }],
      fixIndex: 1,
      output: "import pino from 'pino';\nconst log = pino();\n\ntry {\n  await sync();\n} catch (err) {\n  log.error(err);\n}",
    },
    {
      name: 'winston via require',
      code: "const winston = require('winston');\nconst appLogger = winston.createLogger({ level: 'info' });\nload().catch(() => {});",
      errors: [{ line: 3, column: 8 }],
      output: "const winston = require('winston');\nconst appLogger = winston.createLogger({ level: 'info' });\nload().catch((err) => { appLogger.error(err); });",
    },
    {
      name: 'NestJS service with a logger property',
      code: "import { Injectable, Logger } from '@nestjs/common';\n\n@Injectable()\nexport class MailService {\n  private readonly logger = new Logger(MailService.name);\n\n  async send(to: string) {\n    try {\n      await this.client.send(to);\n    } catch (e) {}\n  }\n}",
      errors: [{ line: 10, column: 7 }],
      output: "import { Injectable, Logger } from '@nestjs/common';\n\n@Injectable()\nexport class MailService {\n  private readonly logger = new Logger(MailService.name);\n\n  async send(to: string) {\n    try {\n      await this.client.send(to);\n    } catch (e) {\n      this.logger.error(e);\n      throw e;\n    }\n  }\n}",
    },
    {
      name: 'NestJS logger injected as a parameter property, handler in an arrow function',
      code: "export class Jobs {\n  constructor(private readonly logger: Logger) {}\n  start() {\n    this.queue.on('ready', () => this.run().catch(() => {}));\n  }\n}",
      errors: [{ line: 4, column: 45 }],
      output: "export class Jobs {\n  constructor(private readonly logger: Logger) {}\n  start() {\n    this.queue.on('ready', () => this.run().catch((err) => { this.logger.error(err); }));\n  }\n}",
    },
    {
      name: 'a nested function rebinds this: falls back to console',
      code: "export class Jobs {\n  private logger = new Logger('jobs');\n  start() {\n    setTimeout(function () {\n      try { run(); } catch (e) {}\n    });\n  }\n}",
      errors: [{ line: 5, column: 22 }],
      fixIndex: 1,
      output: "export class Jobs {\n  private logger = new Logger('jobs');\n  start() {\n    setTimeout(function () {\n      try { run(); } catch (e) { console.error(e); }\n    });\n  }\n}",
    },
    {
      name: '.catch(() => {})',
      code: 'sendWelcomeEmail(user).catch(() => {});',
      errors: [{ line: 1, column: 24, endColumn: 39, message: /^`\.catch\(\(\) => \{\}\)` swallows the rejection/ }],
      output: 'sendWelcomeEmail(user).catch((err) => { console.error(err); });',
    },
    {
      name: '.catch(() => null) keeps the fallback value',
      code: 'const user = await db.user.findUnique({ where: { id } }).catch(() => null);',
      errors: [{ line: 1, column: 58, message: /^`\.catch\(\(\) => null\)`/ }],
      output: 'const user = await db.user.findUnique({ where: { id } }).catch((err) => { console.error(err); return null; });',
    },
    {
      name: 'a body read whose null nothing tests is still reported',
      code: "export async function POST(request: Request) {\n  const body = await request.json().catch(() => null);\n  await save(body);\n  return Response.json({ ok: true });\n}\n",
      errors: [{ line: 2, column: 37 }],
    },
    {
      name: '.catch(() => undefined), multi-line chain',
      code: 'const res = await fetch(url)\n  .then((r) => r.json())\n  .catch(() => undefined);',
      errors: [{ line: 3, column: 4 }],
      output: 'const res = await fetch(url)\n  .then((r) => r.json())\n  .catch((err) => { console.error(err); return undefined; });',
    },
    {
      name: '.catch(noop) from lodash',
      code: "import { noop } from 'lodash';\nrefreshCache().catch(noop);",
      errors: [{ line: 2, column: 16, message: /^`\.catch\(noop\)`/ }],
      output: "import { noop } from 'lodash';\nrefreshCache().catch((err) => { console.error(err); });",
    },
    {
      name: '.catch(_.noop)',
      code: "const _ = require('lodash');\nrefreshCache().catch(_.noop);",
      errors: [{ line: 2, column: 16, message: /^`\.catch\(_\.noop\)`/ }],
      output: "const _ = require('lodash');\nrefreshCache().catch((err) => { console.error(err); });",
    },
    {
      name: 'a local empty function in a const',
      code: 'const ignoreErrors = () => {};\nwarmUp().catch(ignoreErrors);',
      errors: [{ line: 2, column: 10, message: /^`\.catch\(ignoreErrors\)`/ }],
      output: 'const ignoreErrors = () => {};\nwarmUp().catch((err) => { console.error(err); });',
    },
    {
      name: 'keeps a named parameter; function expression; optional chaining',
      code: 'job?.catch(function (e) {});',
      errors: [{ line: 1, column: 6 }],
      output: 'job?.catch((e) => { console.error(e); });',
    },
    {
      name: 'an underscore parameter is renamed, its type kept',
      code: 'load().catch((_e: unknown) => { return null; });',
      errors: [{ line: 1, column: 8, message: /^`\.catch\(\(\) => \{ return null; \}\)`/ }],
      output: 'load().catch((err: unknown) => { console.error(err); return null; });',
    },
    {
      name: 'a JS file with require, both forms',
      filename: 'server/index.js',
      code: "const fs = require('fs/promises');\nasync function clean(p) {\n  try {\n    await fs.unlink(p);\n  } catch (e) {}\n  fs.rmdir(p).catch(() => {});\n}",
      errors: [{ line: 5, column: 5 }, { line: 6, column: 15 }],
      output: "const fs = require('fs/promises');\nasync function clean(p) {\n  try {\n    await fs.unlink(p);\n  } catch (e) {\n    console.error(e);\n    throw e;\n  }\n  fs.rmdir(p).catch(() => {});\n}",
    },
  ],
});
