/** `production-gap audit`: loads the folder into the engine, renders the chosen format, writes it, and returns the exit code. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadWorkspace } from '../engine/load';
import { AnalysisStore, buildId } from '../engine/analysisStore';
import { analyzeAll, workersFromEnv } from '../engine/parallel';
import type { EngineLog } from '../engine/types';
import { RULES } from '../../rules';
import { TOOL_NAME, formatCount, plural, type ReportInput } from '../report/common';
import { formatText } from '../report/text';
import { formatJson } from '../report/json';
import { formatSarif } from '../report/sarif';
import { formatMarkdown } from '../report/markdown';
import { formatHtml } from '../report/html';
import { failingTiers, type AuditArgs } from './args';
import { Progress, percent } from './progress';
import { reason } from './paths';
import { readBaseline, toBaseline } from './baseline';

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** Audits `root` (a readable folder); returns the exit code. */
export async function runAudit(args: AuditArgs, root: string): Promise<number> {
  const stderr = process.stderr;
  const progress = new Progress(stderr, stderr.isTTY === true && !args.quiet);
  const logs: EngineLog[] = [];
  const log = (l: EngineLog) => {
    logs.push(l);
    if (args.verbose) { progress.clear(); stderr.write(`${logLine(l)}\n`); }
  };
  // A --cache folder inside the audited one is not part of the audit.
  const cacheRel = args.cache ? path.relative(root, path.resolve(args.cache)).split(path.sep).join('/') : undefined;
  const exclude = cacheRel && !cacheRel.startsWith('..') && !path.isAbsolute(cacheRel) ? [...args.exclude, `${cacheRel}/**`] : args.exclude;
  const ws = loadWorkspace(root, {
    rules: RULES,
    config: { exclude },
    log,
    onProgress: (done, total) => progress.update(`Reading ${formatCount(total)} files… ${percent(done, total)}`),
  });
  // --cache: analyses of an earlier run, for the files whose content has not changed.
  const store = args.cache ? new AnalysisStore(path.resolve(args.cache), buildId(__filename)) : undefined;
  if (store) {
    const { entries, why } = store.load(root);
    const reused = ws.seedAnalyses(entries);
    log({ level: 'info', message: `${formatCount(reused)} stored analyses reused from ${args.cache}${why ? ` (${why})` : ''}` });
  }
  // Every file not reused, on every core (the analysis worker next to this bundle, dist/worker.js).
  const run = await analyzeAll(ws, (p) => ws.analyzeFile(p), {
    workerScript: path.join(__dirname, 'worker.js'),
    workers: args.threads !== undefined ? Math.max(0, args.threads - 1) : workersFromEnv(),
    log,
    onProgress: (done, total) => progress.update(`Analysing ${formatCount(total)} files… ${percent(done, total)}`),
  });
  if (run.workers) log({ level: 'info', message: `${formatCount(run.files)} files analysed, ${formatCount(run.inWorkers)} of them on ${plural(run.workers, 'worker thread')}` });
  const result = ws.analyze();
  progress.clear();
  if (store) {
    try { store.save(root, ws.snapshotAnalyses()); } catch (e) {
      stderr.write(`${TOOL_NAME}: cannot write the cache ${args.cache}: ${reason(e)}\n`);
    }
  }

  let baselined: Set<string> | undefined;
  if (args.baseline) {
    try { baselined = readBaseline(path.resolve(args.baseline)); } catch (e) {
      stderr.write(`${TOOL_NAME}: cannot read the baseline ${args.baseline}: ${reason(e)}\n`);
      return EXIT.usage;
    }
  }
  if (args.writeBaseline) {
    try {
      const out = path.resolve(args.writeBaseline);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, JSON.stringify(toBaseline(result.findings), null, 2) + '\n');
    } catch (e) {
      stderr.write(`${TOOL_NAME}: cannot write ${args.writeBaseline}: ${reason(e)}\n`);
      return EXIT.usage;
    }
  }
  const input: ReportInput = { ...result, rules: ws.rules, name: path.basename(root), baselined };
  const toFile = args.output !== undefined;
  const report = render(args, input, root, toFile);
  if (toFile) {
    const out = path.resolve(args.output!);
    try {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, report);
    } catch (e) {
      stderr.write(`${TOOL_NAME}: cannot write ${args.output}: ${reason(e)}\n`);
      return EXIT.usage;
    }
  } else {
    process.stdout.write(report);
  }

  if (!args.verbose) {
    const note = logSummary(logs, args.quiet);
    if (note) stderr.write(`${note}\n`);
  }
  const t = result.checklist.totals;
  if (toFile && !args.quiet) {
    stderr.write(`Wrote the ${args.format} report to ${args.output}: ${formatCount(t['ship-stopping'])} ship-stopping, ${formatCount(t['tech-debt'])} tech debt, ${formatCount(t.accepted)} accepted.\n`);
  }
  const tiers = failingTiers(args.failOn);
  const failing = result.findings.filter((f) => tiers.includes(f.tier) && !baselined?.has(f.fingerprint)).length;
  return failing > 0 ? EXIT.findings : EXIT.ok;
}

function render(args: AuditArgs, input: ReportInput, root: string, toFile: boolean): string {
  switch (args.format) {
    case 'json': return formatJson(input);
    case 'sarif': return formatSarif(input, { srcRootUri: pathToFileURL(root).href + '/' });
    case 'markdown': return formatMarkdown(input, { generatedAt: new Date(), linkBase: linkBase(root, args.output) });
    case 'html': return formatHtml(input, { generatedAt: new Date(), linkBase: linkBase(root, args.output) });
    case 'text': {
      const tty = !toFile && process.stdout.isTTY === true;
      return formatText(input, {
        color: args.color ?? (!toFile && colourByEnvironment(tty)),
        width: tty ? process.stdout.columns : undefined,
        pathPrefix: displayPrefix(root),
        compact: args.quiet,
      });
    }
  }
}

/**
 * File links in the Markdown and HTML reports are relative to the audited folder; written elsewhere with --output,
 * they are prefixed with the way from the report's folder to it (`../` for `reports/audit.md`). On stdout the report
 * is assumed to be saved at the root of the audited folder.
 */
function linkBase(root: string, output: string | undefined): string {
  if (output === undefined) return '';
  const rel = path.relative(path.dirname(path.resolve(output)), root);
  if (!rel) return '';
  if (path.isAbsolute(rel)) return pathToFileURL(root).href + '/';
  return rel.split(path.sep).map(encodeURIComponent).join('/') + '/';
}

/** Colours on a terminal; NO_COLOR (https://no-color.org) turns them off, FORCE_COLOR on. */
function colourByEnvironment(tty: boolean): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return tty;
}

/** Locations resolve from the current directory when the audited folder is below it (`examples/mvp/src/app.ts:3:1`). */
function displayPrefix(root: string): string {
  const rel = path.relative(process.cwd(), root);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return '';
  return rel.split(path.sep).join('/') + '/';
}

/** One line per log entry; a parser quoting a long token back (which may be a secret) is masked like rule messages. */
function logLine(l: EngineLog): string {
  const where = l.file && !l.message.includes(l.file) ? `${l.file}: ` : '';
  const message = l.message.split('\n')[0].replace(/(['"`])([^'"`\s]{9,})\1/g, (_m, q: string, v: string) => `${q}${v.slice(0, 4)}****${q}`);
  return `${l.level}: ${where}${message}`;
}

/** `3 files skipped, 1 rule error (use --verbose)`; with --quiet only rule errors are worth a line. */
function logSummary(logs: readonly EngineLog[], quiet: boolean): string | undefined {
  const skipped = new Set(logs.filter((l) => l.level !== 'error' && /^skipped/.test(l.message)).map((l) => l.file ?? l.message));
  const parse = new Set(logs.filter((l) => /^parse:/.test(l.message)).map((l) => l.file));
  const ruleErrors = logs.filter((l) => l.level === 'error').length;
  const parts = [
    !quiet && skipped.size ? `${plural(skipped.size, 'file')} skipped` : '',
    !quiet && parse.size ? `${plural(parse.size, 'file')} with parse errors` : '',
    ruleErrors ? `${plural(ruleErrors, 'rule error')}: the audit is incomplete` : '',
  ].filter(Boolean);
  return parts.length ? `${TOOL_NAME}: ${parts.join(', ')} (use --verbose for details)` : undefined;
}
