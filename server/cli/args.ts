/** Command-line arguments of `production-gap`: parsing, validation and the help text. */
import { parseArgs } from 'node:util';
import type { Tier } from '../engine/types';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];
export const FAIL_ON = ['ship-stopping', 'tech-debt', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface AuditArgs {
  command: 'audit';
  path?: string;
  format: Format;
  output?: string;
  failOn: FailOn;
  exclude: string[];
  /** Findings whose fingerprint is in this baseline file neither fail the audit nor count as new. */
  baseline?: string;
  /** Records today's findings to this file. */
  writeBaseline?: string;
  /** Keeps the file analyses in this folder between runs (only changed files are analysed again). */
  cache?: string;
  /** Threads analysing files (this one included); default: engine/parallel.ts `defaultWorkers` plus this one. */
  threads?: number;
  quiet: boolean;
  verbose: boolean;
  /** Forced on or off by --color / --no-color; undefined: decide from the terminal and NO_COLOR. */
  color?: boolean;
}

export type Parsed = AuditArgs | { command: 'help' } | { command: 'version' };

/** A bad command line: the CLI prints the message and exits 2. */
export class UsageError extends Error {}

export const HELP = `Usage: production-gap audit [path] [options]

Audits a Node/TypeScript repository for what stands between a working MVP and a
production-ready product: findings by tier, and the four-phase readiness checklist.

Arguments:
  path                   folder to audit (default: the bundled example, examples/mvp)

Options:
  -f, --format FORMAT    text (default), json, sarif, markdown or html (the audit
                         report as a self-contained, printable page)
  -o, --output FILE      write the report to FILE instead of standard output
      --fail-on TIER     exit 1 when there are findings at or above TIER:
                         ship-stopping (default), tech-debt or never
                         (accepted findings never fail)
      --exclude GLOB     skip files matching GLOB, relative to path (repeatable)
      --baseline FILE    only findings not in FILE fail the audit (baselined ones are
                         listed as such; SARIF marks them baselineState unchanged)
      --write-baseline FILE
                         record today's findings (rule, file, fingerprint) to FILE
      --cache DIR        keep the file analyses in DIR between runs: the next audit
                         analyses only the files that changed (e.g. a CI cache folder)
      --threads N        analyse files on N threads (default: 1 on up to 3 cores,
                         else one fewer than the cores, at most 4)
  -q, --quiet            nothing on stderr but errors; text format: findings and summary only
      --verbose          print the engine's log (skipped files, parse and rule errors) on stderr
      --color            force colours in the text format
      --no-color         no colours (also: NO_COLOR=1); default: colours on a terminal
  -h, --help             show this help
  -v, --version          print the version

Exit status: 0 nothing at or above --fail-on, 1 findings at or above it,
2 bad arguments or a path that cannot be read.

Examples:
  production-gap audit .
  production-gap audit . --format sarif --output production-gap.sarif --fail-on never
  production-gap audit apps/api --format markdown -o AUDIT.md --exclude 'scripts/**'
  production-gap audit . --format html -o reports/audit.html --fail-on never
`;

export function parseCliArgs(argv: readonly string[]): Parsed {
  let values: Record<string, string | boolean | string[] | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        exclude: { type: 'string', multiple: true },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        cache: { type: 'string' },
        threads: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        verbose: { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }));
  } catch (e) {
    if (argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
    const err = e as Error & { code?: string };
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const opt = /'([^']+)'/.exec(err.message)?.[1];
      throw new UsageError(`unknown option ${opt ? `'${opt}'` : ''}`.trim());
    }
    throw new UsageError(err.message.replace(/^Option /, 'option '));
  }
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };

  const [command, path, ...extra] = positionals;
  if (!command) throw new UsageError('missing command: expected `audit`');
  if (command === 'help') return { command: 'help' };
  if (command !== 'audit') throw new UsageError(`unknown command '${command}': expected \`audit\``);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}': audit takes one path`);
  if (values.quiet && values.verbose) throw new UsageError('--quiet and --verbose cannot be used together');
  if (values.color && values['no-color']) throw new UsageError('--color and --no-color cannot be used together');

  const format = oneOf('--format', values.format as string | undefined, FORMATS, 'text');
  const failOn = oneOf('--fail-on', values['fail-on'] as string | undefined, FAIL_ON, 'ship-stopping');
  const output = values.output as string | undefined;
  if (output === '') throw new UsageError('--output needs a file name');
  if (path === '') throw new UsageError('the path is empty');
  const exclude = ((values.exclude as string[] | undefined) ?? []).map((g) => g.trim().replace(/^\.\//, ''));
  if (exclude.some((g) => !g)) throw new UsageError('--exclude needs a glob');
  const threadsText = values.threads as string | undefined;
  if (threadsText !== undefined && !/^[1-9]\d*$/.test(threadsText.trim())) throw new UsageError('--threads needs a whole number of at least 1');

  return {
    command: 'audit',
    path,
    format,
    output,
    failOn,
    exclude,
    ...optional('baseline', nonEmpty('--baseline', values.baseline as string | undefined)),
    ...optional('writeBaseline', nonEmpty('--write-baseline', values['write-baseline'] as string | undefined)),
    ...optional('cache', values.cache === '' ? (() => { throw new UsageError('--cache needs a folder'); })() : values.cache as string | undefined),
    ...(threadsText !== undefined ? { threads: Number(threadsText) } : {}),
    quiet: values.quiet === true,
    verbose: values.verbose === true,
    color: values.color ? true : values['no-color'] ? false : undefined,
  };
}

function optional<K extends string>(key: K, v: string | undefined): Partial<Record<K, string>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, string>);
}

function nonEmpty(flag: string, v: string | undefined): string | undefined {
  if (v === '') throw new UsageError(`${flag} needs a file name`);
  return v;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const list = `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
  throw new UsageError(`invalid ${flag} '${value}': expected ${list}`);
}

/** The tiers that make the audit fail under a `--fail-on` threshold. */
export function failingTiers(failOn: FailOn): Tier[] {
  return failOn === 'ship-stopping' ? ['ship-stopping'] : failOn === 'tech-debt' ? ['ship-stopping', 'tech-debt'] : [];
}
