/**
 * Runs the built CLI as users do: `bin/production-gap.js` -> `dist/cli.js`, from a copy laid out like an
 * installed package (so a concurrent rebuild of dist/ cannot change it under a running test), on temp workspaces.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import { REPO } from './samples';

export { REPO };

export interface CliResult { status: number | null; stdout: string; stderr: string }

/** Builds the bundles in dist/ with the project's build script, unless `npm test` already has. */
export function ensureBuilt(): void {
  // `npm test` builds once before the test files run in parallel (PRODUCTION_GAP_BUILT): rebuilding here would
  // rewrite dist/ while another test file reads it.
  if (process.env.PRODUCTION_GAP_BUILT) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
}

/** Builds the bundles and copies the CLI into a package-shaped temp folder. */
export function buildCli(): string {
  ensureBuilt();
  const pkg = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-cli-'));
  fs.mkdirSync(path.join(pkg, 'bin'));
  fs.mkdirSync(path.join(pkg, 'dist'));
  fs.copyFileSync(path.join(REPO, 'bin/production-gap.js'), path.join(pkg, 'bin/production-gap.js'));
  fs.copyFileSync(path.join(REPO, 'dist/cli.js'), path.join(pkg, 'dist/cli.js'));
  fs.copyFileSync(path.join(REPO, 'dist/worker.js'), path.join(pkg, 'dist/worker.js'));
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(pkg, 'package.json'));
  if (fs.existsSync(path.join(REPO, 'examples'))) fs.symlinkSync(path.join(REPO, 'examples'), path.join(pkg, 'examples'), 'dir');
  return pkg;
}

/** Runs `production-gap <args>` from the built package; stdout is a pipe, so never a TTY. */
export function runCli(pkg: string, args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [path.join(pkg, 'bin/production-gap.js'), ...args], {
    cwd: opts.cwd ?? os.tmpdir(),
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes an in-memory workspace (path -> content) to a new temp folder and returns its path. */
export function tempWorkspace(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-ws-'));
  for (const [p, content] of Object.entries(files)) {
    const abs = path.join(root, p);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return root;
}

export function removeAll(...dirs: string[]): void {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
}

function ajv(): Ajv {
  // The SARIF schema has a pattern that is invalid with the `u` flag; it predates unicode-aware regexps.
  const a = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(a);
  return a;
}

/** Validator for our JSON output (schemas/audit-output.schema.json, draft-07), compiled in strict mode. */
export function auditOutputValidator(): ValidateFunction {
  const a = new Ajv({ allErrors: true, strict: true });
  addFormats(a);
  return a.compile(JSON.parse(fs.readFileSync(path.join(REPO, 'schemas/audit-output.schema.json'), 'utf8')));
}

/** Validator for the official SARIF 2.1.0 schema (shipped by @microsoft/jest-sarif, draft-04: `id` becomes `$id`). */
export function sarifValidator(): ValidateFunction {
  const file = path.join(REPO, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const { $schema: _draft, id, ...schema } = JSON.parse(fs.readFileSync(file, 'utf8'));
  return ajv().compile({ $id: id, ...schema });
}

/** Validation errors of `data` (the first few, as JSON), or undefined when it is valid. */
export function schemaErrors(validate: ValidateFunction, data: unknown): string | undefined {
  return validate(data) ? undefined : JSON.stringify(validate.errors?.slice(0, 5), null, 2);
}
