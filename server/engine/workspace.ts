/**
 * The workspace index: files in, findings and checklist out.
 * Per-file analysis (parse, facts, file-rule findings) is cached by content; workspace facts and
 * workspace rules are re-derived from the cached facts, so an edit re-parses only the edited file.
 */
import { createHash } from 'node:crypto';
import picomatch from 'picomatch';
import { ts } from 'ts-morph';
import { classify, namesOf, parseFile, parseTs, type FileKind, type ParsedFile } from './parse';
import { otherFacts, tsFactsVisitor, type FileFacts } from './facts/fileFacts';
import { deriveWorkspaceFacts, type WorkspaceFacts } from './facts/workspaceFacts';
import { collectImports, type FileImports } from './ts/imports';
import { ConstTable } from './ts/helpers';
import { handlersByKind, kindOf } from './ts/visitors';
import { buildChecklist, type Checklist } from './checklist';
import { checklistEvidence } from './deploy/signals';
import { fingerprint } from './fingerprint';
import { skipReason } from './limits';
import { LineIndex } from './positions';
import { resolveEnvKeys } from './envTemplate';
import { CHECKLIST } from './checklist';
import { collectInlineAccepts, type InlineAccept } from './inlineAccept';
import { isProjectFile, localToday, nearestProject, parseProjectFile, type ConfigProblem, type ProjectConfig } from './project';
import { applyAcceptances, currentAttestations } from './triage';
import type { EngineConfig, EngineLog, Finding, Report, Rule, Tier, TsRule, TsRuleContext, TsVisitor, FileRule, WorkspaceRule } from './types';

export interface FileAnalysis {
  kind: FileKind;
  facts: FileFacts;
  /** Findings of file rules, before config (tier overrides, rules off) is applied. */
  findings: Finding[];
  logs: EngineLog[];
  /** `production-gap-accept` comments in the file (engine/inlineAccept.ts). */
  accepts?: InlineAccept[];
  /** The file's facts (but what rules recorded) are not computed yet (`analyzeFile(path, { deferFacts: true })`); analyzeFile completes them. */
  factsPending?: true;
}

export interface AnalysisResult {
  findings: Finding[];
  checklist: Checklist;
  facts: WorkspaceFacts;
  /** Number of files analysed. */
  fileCount: number;
  /** Problems in the team's controls: production-gap.json content, accept comments without a reason, stale entries. */
  configProblems: ConfigProblem[];
  /** The parsed project files (production-gap.json), root first. */
  projects: ProjectConfig[];
}

interface Entry { text: string; hash: string; kind?: FileKind; analysis?: FileAnalysis; skipped?: string }

export interface WorkspaceOptions {
  rules: readonly Rule[];
  config?: EngineConfig;
  /** Receives every log line (skipped files, parse errors, rule errors). */
  log?: (l: EngineLog) => void;
  /** Today's date (YYYY-MM-DD) for revisit and expiry dates; injectable for tests. Default: the local date. */
  today?: () => string;
  /** When given, receives the time spent per rule id (and '(parse)', '(facts)', '(workspace facts)'), in ms: for benchmarks. */
  timing?: Map<string, number>;
  /** Run every TS rule on every file, ignoring the rules' `triggers`, and take every name as present (ctx.hasName): tests compare both ways. Default false. */
  ignoreTriggers?: boolean;
}

/** How many edited files keep their syntax tree for the next edit (each costs about a parse's memory). */
const EDITED_TREES = 8;

const hashOf = (text: string) => createHash('sha1').update(text).digest('hex');

export class Workspace {
  private readonly entries = new Map<string, Entry>();
  /** Analyses by content hash + path, so reverting an edit or re-opening a file is free. */
  private readonly cache = new Map<string, FileAnalysis>();
  private readonly tsRules: TsRule[];
  /** The TS rules' triggers, indexed by name and by module (see `gatedOff`). */
  private readonly triggerIndex: TriggerIndex;
  private readonly fileRules: FileRule[];
  private readonly wsRules: WorkspaceRule[];
  private config: EngineConfig;
  private excluded: (path: string) => boolean;
  private gitTracked?: ReadonlySet<string>;
  private readonly log: (l: EngineLog) => void;
  private lastFacts?: WorkspaceFacts;
  private readonly projectPaths = new Set<string>();
  private projectState?: { configs: ProjectConfig[]; problems: ConfigProblem[]; excluders: Array<{ dir: string; match: (p: string) => boolean }> };
  /** Files whose text changed after they were first set (edited in the editor, changed on disk). */
  private readonly edited = new Set<string>();
  /** The syntax trees of the last few edited TS/JS files, for incremental re-parsing (parse/index.ts `parseTs`). */
  private readonly editedTrees = new Map<string, ts.SourceFile>();
  /** Counters for tests and benchmarks: how many files were parsed and analysed. */
  readonly stats = { parses: 0, incrementalParses: 0 };

  constructor(readonly options: WorkspaceOptions) {
    this.tsRules = options.rules.filter((r): r is TsRule => r.scope === 'ts');
    this.triggerIndex = indexTriggers(this.tsRules);
    this.fileRules = options.rules.filter((r): r is FileRule => r.scope === 'file');
    this.wsRules = options.rules.filter((r): r is WorkspaceRule => r.scope === 'workspace');
    // Rules spanning scopes: their file and workspace parts run in those passes under the same id.
    for (const r of this.tsRules) {
      const { check, kinds, checkWorkspace } = r;
      if (check && kinds) this.fileRules.push({ meta: r.meta, scope: 'file', kinds, check: (ctx) => check.call(r, ctx) });
      if (checkWorkspace) this.wsRules.push({ meta: r.meta, scope: 'workspace', check: (ctx) => checkWorkspace.call(r, ctx) });
    }
    this.config = options.config ?? {};
    this.excluded = this.makeExcluder();
    this.log = options.log ?? (() => {});
  }

  get rules(): readonly Rule[] { return this.options.rules; }

  setConfig(config: EngineConfig): void { this.config = config; this.excluded = this.makeExcluder(); }
  setGitTracked(paths: ReadonlySet<string> | undefined): void { this.gitTracked = paths; }
  /** Files git tracks (as set by the loader), if known. */
  getGitTracked(): ReadonlySet<string> | undefined { return this.gitTracked; }

  private makeExcluder(): (path: string) => boolean {
    const globs = this.config.exclude ?? [];
    const local = globs.length ? picomatch(globs, { dot: true }) : () => false;
    return (path) => {
      if (local(path)) return true;
      const own = nearestProject(this.projects().excluders, path);
      return own ? own.match(own.dir ? path.slice(own.dir.length + 1) : path) : false;
    };
  }

  /** The project files (production-gap.json), parsed once per content; editor edits to them apply at the next analysis. */
  projects(): { configs: ProjectConfig[]; problems: ConfigProblem[]; excluders: Array<{ dir: string; match: (p: string) => boolean }> } {
    if (this.projectState) return this.projectState;
    const known = {
      ruleIds: new Set(this.rules.map((r) => r.meta.id)),
      checklistIds: new Set(CHECKLIST.filter((d) => d.phase !== 'audit').map((d) => d.id)),
    };
    const configs: ProjectConfig[] = [];
    const problems: ConfigProblem[] = [];
    for (const path of [...this.projectPaths].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))) {
      const r = parseProjectFile(path, this.entries.get(path)!.text, known);
      configs.push(r.config);
      problems.push(...r.problems);
    }
    const excluders = configs.filter((c) => c.exclude.length).map((c) => ({ dir: c.dir, match: picomatch(c.exclude, { dot: true }) }));
    return (this.projectState = { configs, problems, excluders });
  }

  /** Adds or replaces a file's text (from disk or from the editor). */
  setFile(path: string, text: string): void {
    const old = this.entries.get(path);
    if (old && old.text === text) return;
    if (old) this.edited.add(path);
    if (isProjectFile(path)) { this.projectPaths.add(path); this.projectState = undefined; }
    const kind = classify(path);
    const skipped = kind ? skipReason(path, text) : undefined;
    if (skipped) this.log({ level: 'warn', file: path, message: `skipped: ${skipped}` });
    this.entries.set(path, { text, hash: hashOf(text), kind, skipped });
  }

  /**
   * The completed analyses of the current files, each under its cache key (content hash and path): what a cache
   * that outlives the process keeps. An analysis depends only on the file's path and text (and the engine build).
   */
  snapshotAnalyses(): Array<[string, FileAnalysis]> {
    const out: Array<[string, FileAnalysis]> = [];
    for (const [path, e] of this.entries) {
      const a = e.analysis ?? this.cache.get(`${e.hash}:${path}`);
      if (a && !a.factsPending) out.push([`${e.hash}:${path}`, a]);
    }
    return out;
  }

  /** Seeds the content cache (from `snapshotAnalyses` of an earlier run): a file whose key matches is not analysed again. Returns how many match a current file. */
  seedAnalyses(entries: Iterable<[string, FileAnalysis]>): number {
    return this.seed(entries, false);
  }

  /**
   * Takes analyses computed elsewhere just now (another thread's Workspace, engine/parallel.ts) as if this one had
   * run them: like `seedAnalyses`, and their log lines are logged and the files counted as parsed. An analysis of a
   * text that has changed since is dropped (the file stays to analyse). Returns how many were taken.
   */
  adoptAnalyses(entries: Iterable<[string, FileAnalysis]>): number {
    return this.seed(entries, true);
  }

  private seed(entries: Iterable<[string, FileAnalysis]>, fresh: boolean): number {
    let matched = 0;
    for (const [key, a] of entries) {
      const path = key.slice(key.indexOf(':') + 1);
      const e = this.entries.get(path);
      if (!e || `${e.hash}:${path}` !== key || a.factsPending) continue;
      this.cache.set(key, a);
      matched++;
      if (fresh) {
        this.stats.parses++;
        for (const l of a.logs) this.log(l);
      }
    }
    return matched;
  }

  /** The files `analyzeFile` would analyse now (readable, not skipped, not excluded, not analysed yet), with their texts: work to hand out. */
  unanalysed(): Array<{ path: string; text: string }> {
    const out: Array<{ path: string; text: string }> = [];
    for (const [path, e] of this.entries) if (this.pending(path, e)) out.push({ path, text: e.text });
    return out;
  }

  /** Whether `analyzeFile(path)` would analyse the file now (see `unanalysed`). */
  needsAnalysis(path: string): boolean {
    const e = this.entries.get(path);
    return !!e && this.pending(path, e);
  }

  private pending(path: string, e: Entry): boolean {
    return !!e.kind && !e.skipped && !e.analysis && !this.cache.has(`${e.hash}:${path}`) && !this.excluded(path);
  }

  deleteFile(path: string): void {
    this.entries.delete(path);
    this.edited.delete(path);
    this.editedTrees.delete(path);
    if (this.projectPaths.delete(path)) this.projectState = undefined;
  }
  hasFile(path: string): boolean { return this.entries.has(path); }
  getText(path: string): string | undefined { return this.entries.get(path)?.text; }
  paths(): string[] { return [...this.entries.keys()]; }

  /**
   * Analyses one file (cached by content): facts and file-rule findings. `deferFacts`: the caller needs the file's
   * findings now and its facts only later (the editor's answer to a keystroke): the facts collector (environment
   * reads, servers, error trackers, ops, and the route facts, a walk of their own) is then left for the next call
   * without it. Its only readers are the workspace facts and rules; what rules record is there at once.
   */
  analyzeFile(path: string, opts: { deferFacts?: boolean } = {}): FileAnalysis | undefined {
    const e = this.entries.get(path);
    if (!e || !e.kind || e.skipped || this.excluded(path)) return undefined;
    let a = e.analysis;
    if (!a) {
      const key = `${e.hash}:${path}`;
      a = this.cache.get(key);
      if (!a) {
        a = this.runFile(path, e.text, e.kind, !!opts.deferFacts);
        if (this.cache.size > 20_000) this.cache.clear();
        this.cache.set(key, a);
        for (const l of a.logs) this.log(l);
      }
      e.analysis = a;
    }
    if (a.factsPending && !opts.deferFacts) this.completeFacts(path, e.text, a);
    return a;
  }

  /** Runs the facts collector, alone, over the file's tree (kept from the last edit) and adds its facts. */
  private completeFacts(path: string, text: string, a: FileAnalysis): void {
    delete a.factsPending;
    const t0 = this.options.timing ? performance.now() : 0;
    try {
      const tree = this.editedTrees.get(path);
      const sf = tree && tree.text === text ? tree : parseTs(path, text);
      const v = handlersByKind(tsFactsVisitor(sf, collectImports(sf), a.facts));
      const visit = (n: ts.Node): void => {
        const h = v[n.kind];
        if (h !== undefined) h(n);
        ts.forEachChild(n, visit);
      };
      visit(sf);
    } catch (err) {
      const l: EngineLog = { level: 'error', file: path, message: `facts: ${err instanceof Error ? err.stack ?? err.message : String(err)}` };
      a.logs.push(l);
      this.log(l);
    }
    if (this.options.timing) this.time('(facts)', t0);
  }

  private runFile(path: string, text: string, kind: FileKind, deferFacts = false): FileAnalysis {
    const logs: EngineLog[] = [];
    this.stats.parses++;
    const t0 = this.options.timing ? performance.now() : 0;
    const previous = this.editedTrees.get(path);
    this.editedTrees.delete(path);
    if (previous && kind === 'ts') this.stats.incrementalParses++;
    const parsed = parseFile(path, text, kind, previous);
    if (this.options.timing) this.time('(parse)', t0);
    if (parsed?.kind === 'ts' && this.edited.has(path)) {
      this.editedTrees.set(path, parsed.ast);
      if (this.editedTrees.size > EDITED_TREES) this.editedTrees.delete(this.editedTrees.keys().next().value!);
    }
    if (!parsed) return { kind, facts: {}, findings: [], logs };
    if (parsed.parseError) logs.push({ level: 'warn', file: path, message: `parse: ${parsed.parseError}` });
    const findings: Finding[] = [];
    const seen = new Map<string, number>();
    const reporter = (rule: Rule) => (r: Report) => {
      findings.push(this.toFinding(rule, r, r.file ?? path, parsed.lines, seen));
    };
    let facts: FileFacts;
    if (parsed.kind === 'ts') {
      facts = {};
      this.walkTs(parsed, facts, reporter, logs, deferFacts);
    } else {
      facts = otherFacts(parsed);
      for (const rule of this.fileRules) {
        if (!rule.kinds.includes(parsed.kind)) continue;
        try {
          const ctx = { file: parsed, facts, report: reporter(rule) };
          this.timed(rule.meta.id, () => rule.check(ctx))();
        } catch (err) {
          logs.push(ruleError(rule, path, err));
        }
      }
    }
    let accepts: InlineAccept[] | undefined;
    try { accepts = collectInlineAccepts(parsed); } catch (err) { logs.push({ level: 'error', file: path, message: `accept comments: ${String(err)}` }); }
    return { kind, facts, findings, logs, ...(accepts?.length ? { accepts } : {}), ...(deferFacts && parsed.kind === 'ts' ? { factsPending: true as const } : {}) };
  }

  /** One walk of the compiler's nodes for the facts collector and every TS rule. */
  private walkTs(parsed: Extract<ParsedFile, { kind: 'ts' }>, facts: FileFacts, reporter: (rule: Rule) => (r: Report) => void, logs: EngineLog[], deferFacts: boolean): void {
    const sf = parsed.ast;
    const imports = collectImports(sf);
    const consts = ConstTable.of(sf);
    // Handlers by syntax kind (arrays: this is the hottest loop of the engine), and the rule owning each one.
    const handlers: Array<Array<(n: ts.Node) => void> | undefined> = [];
    const owners: Array<Array<Rule | undefined>> = [];
    const ends: Array<{ fn: () => void; rule: Rule }> = [];
    const failed = new Set<Rule>();
    const timing = !!this.options.timing;
    const add = (v: TsVisitor, rule?: Rule) => {
      const names: string[] = [];
      for (const name in v) if (name !== 'onEnd') { kindOf(name); names.push(name); } // a bad key fails the rule before any handler is in
      for (const name of names) {
        const kind = kindOf(name);
        const h = (v as Record<string, (n: ts.Node) => void>)[name];
        let list = handlers[kind];
        if (list === undefined) { handlers[kind] = list = []; owners[kind] = []; }
        list.push(timing ? this.timed(rule?.meta.id ?? '(facts)', h) : h);
        owners[kind].push(rule);
      }
    };
    if (!deferFacts) add(tsFactsVisitor(sf, imports, facts));
    const names = this.options.ignoreTriggers ? undefined : namesOf(sf);
    const hasName = names ? (n: string) => names.has(n) : () => true;
    const someName = names ? (test: (n: string) => boolean) => { for (const n of names.keys()) if (test(n)) return true; return false; } : () => true;
    const off = names ? gatedOff(this.triggerIndex, names, imports) : undefined;
    for (let r = 0; r < this.tsRules.length; r++) {
      const rule = this.tsRules[r];
      if (off?.[r]) continue;
      const ctx: TsRuleContext = { file: parsed, facts, sf, imports, consts, hasName, someName, report: reporter(rule) };
      try {
        const v = timing ? this.timed(rule.meta.id, () => rule.create(ctx))() : rule.create(ctx);
        add(v, rule);
        if (v.onEnd) ends.push({ fn: timing ? this.timed(rule.meta.id, v.onEnd) : v.onEnd, rule });
      } catch (err) {
        logs.push(ruleError(rule, parsed.path, err));
      }
    }
    const noop = () => {};
    /** A rule threw: log it once and silence its other handlers for this file. The facts collector's errors are fatal for the file. */
    const fail = (kind: number, i: number, err: unknown) => {
      const rule = owners[kind][i];
      if (!rule) throw err;
      failed.add(rule);
      logs.push(ruleError(rule, parsed.path, err));
      owners.forEach((list, k) => list?.forEach((r, x) => { if (r === rule) handlers[k]![x] = noop; }));
    };
    const visit = (node: ts.Node): void => {
      const list = handlers[node.kind];
      if (list !== undefined) {
        for (let i = 0; i < list.length; i++) {
          try { list[i](node); } catch (err) { fail(node.kind, i, err); }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    for (const e of ends) {
      if (failed.has(e.rule)) continue;
      try { e.fn(); } catch (err) { logs.push(ruleError(e.rule, parsed.path, err)); }
    }
  }

  private time(key: string, since: number): void {
    const t = this.options.timing!;
    t.set(key, (t.get(key) ?? 0) + performance.now() - since);
  }

  /** `fn` itself, or when timing is on, `fn` adding its time to `key`. */
  private timed<A extends unknown[], R>(key: string, fn: (...args: A) => R): (...args: A) => R {
    if (!this.options.timing) return fn;
    return (...args: A) => {
      const t0 = performance.now();
      try { return fn(...args); } finally { this.time(key, t0); }
    };
  }

  private toFinding(rule: Rule, r: Report, file: string, lines: LineIndex, seen: Map<string, number>): Finding {
    return {
      ruleId: rule.meta.id,
      category: rule.meta.category,
      phase: rule.meta.phase,
      tier: r.tier ?? rule.meta.tier,
      message: r.message,
      file,
      range: r.range,
      workspace: r.workspace || undefined,
      fixes: r.fixes ?? [],
      fingerprint: fingerprint(rule.meta.id, file, lines.lineText(r.range.start.line), seen),
      ...(r.yieldsTo?.length ? { yieldsTo: r.yieldsTo } : {}),
    };
  }

  /** Workspace facts derived from the cached per-file facts (analysing files not yet analysed). */
  facts(): WorkspaceFacts {
    const inputs = new Map<string, { kind: FileKind; facts: FileFacts }>();
    for (const path of this.entries.keys()) {
      const a = this.analyzeFile(path);
      if (a) inputs.set(path, { kind: a.kind, facts: a.facts });
    }
    this.lastFacts = this.timed('(workspace facts)', deriveWorkspaceFacts)(inputs, this.gitTracked, this.entries.keys());
    return this.lastFacts;
  }

  /** Full result: every file's findings, workspace findings, and the checklist, with config applied. */
  analyze(): AnalysisResult {
    const facts = this.facts();
    const raw: Finding[] = [];
    const views = new Map<string, { kind: FileKind; facts: FileFacts; text: string }>();
    let fileCount = 0;
    for (const [path, e] of this.entries) {
      const a = this.analyzeFile(path);
      if (!a) continue;
      fileCount++;
      raw.push(...a.findings);
      views.set(path, { kind: a.kind, facts: a.facts, text: e.text });
    }
    const seen = new Map<string, number>();
    const lineIndexes = new Map<string, LineIndex>();
    for (const rule of this.wsRules) {
      try {
        const ctx: Parameters<WorkspaceRule['check']>[0] = {
          facts,
          files: views,
          report: (r) => {
            let lines = lineIndexes.get(r.file);
            if (!lines) lineIndexes.set(r.file, (lines = new LineIndex(this.entries.get(r.file)?.text ?? '')));
            raw.push(this.toFinding(rule, { ...r, workspace: r.workspace ?? true }, r.file, lines, seen));
          },
        };
        this.timed(rule.meta.id, () => rule.check(ctx))();
      } catch (err) {
        this.log(ruleError(rule, undefined, err));
      }
    }
    const envFile = (p: string) => { const t = this.entries.get(p)?.text; return t === undefined ? undefined : { text: t, keys: views.get(p)?.facts.envKeys }; };
    const project = this.projects();
    const inline = new Map<string, InlineAccept[]>();
    for (const path of this.entries.keys()) {
      const a = this.analyzeFile(path)?.accepts;
      if (a) inline.set(path, a);
    }
    const today = this.options.today?.() ?? localToday();
    const triaged = applyAcceptances({
      findings: this.applyConfig(resolveEnvKeys(raw, facts, envFile)),
      projects: project.configs,
      inline,
      ruleIds: new Set(this.rules.map((r) => r.meta.id)),
      today,
    });
    const findings = triaged.findings.sort(compareFindings);
    const attested = currentAttestations(project.configs, today);
    const rootRules = project.configs.find((c) => c.dir === '')?.rules ?? {};
    const activeRules = this.rules.filter((r) => (this.config.rules?.[r.meta.id] ?? rootRules[r.meta.id]) !== 'off');
    const configProblems = [...project.problems, ...triaged.problems, ...attested.problems];
    let evidence: Map<string, string> | undefined;
    try { evidence = checklistEvidence({ facts, files: views, report: () => {} }); } catch (err) { this.log({ level: 'error', message: `checklist evidence: ${String(err)}` }); }
    return { findings, checklist: buildChecklist(activeRules, findings, facts, { attestations: attested.attestations, evidence }), facts, fileCount, configProblems, projects: project.configs };
  }

  /** Rule settings: the nearest project file's, overridden by the local EngineConfig (see engine/project.ts). */
  private applyConfig(findings: Finding[]): Finding[] {
    const local = this.config.rules ?? {};
    const projects = this.projects().configs;
    const out: Finding[] = [];
    for (const raw of findings) {
      if (this.excluded(raw.file)) continue;
      const f = applyRuleSettings(raw, local, projects);
      if (f) out.push(f);
    }
    return out;
  }
}

function ruleError(rule: Rule, file: string | undefined, err: unknown): EngineLog {
  const msg = err instanceof Error ? err.stack?.split('\n').slice(0, 3).join(' | ') ?? err.message : String(err);
  return { level: 'error', ruleId: rule.meta.id, file, message: `rule ${rule.meta.id} failed${file ? ` on ${file}` : ''}: ${msg}` };
}

/**
 * A finding under the rule settings (the local ones, else the nearest project file's): undefined when its rule is
 * off, or when it yields to a more specific rule (Report.yieldsTo) that is on for its file and reports the same
 * thing; else the finding at its set tier, without the yield list. Used for the workspace result and for the
 * editor's answer to a keystroke alike.
 */
export function applyRuleSettings(f: Finding, local: Readonly<Record<string, string>>, projects: readonly ProjectConfig[]): Finding | undefined {
  let project: ProjectConfig | undefined | null = null;
  const settingOf = (id: string) => local[id] ?? (project === null ? (project = nearestProject(projects, f.file)) : project)?.rules[id];
  const setting = settingOf(f.ruleId);
  if (setting === 'off') return undefined;
  let out = f;
  if (f.yieldsTo) {
    if (f.yieldsTo.some((id) => settingOf(id) !== 'off')) return undefined;
    const { yieldsTo: _, ...rest } = f;
    out = rest;
  }
  if (!setting) return out;
  const tiered: Finding = { ...out, tier: setting as Tier };
  // A whole rule accepted by a setting: the reason a person reads with the finding says where that was decided.
  if (setting === 'accepted' && !tiered.acceptance) {
    const where = local[f.ruleId] ? 'the productionGap.rules setting' : projectFile(project ?? undefined);
    tiered.acceptance = { reason: `the rule is set to "accepted" in ${where}, for every finding`, source: 'config' };
  }
  return tiered;
}

function projectFile(p: ProjectConfig | undefined): string {
  return p?.path ?? 'production-gap.json';
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId);
}

/** The rules' triggers (see TsRule.triggers) by name and by module: rule positions in the TS rule list. */
interface TriggerIndex { gated: readonly number[]; byName: ReadonlyMap<string, readonly number[]>; byModule: ReadonlyMap<string, readonly number[]> }

function indexTriggers(rules: readonly TsRule[]): TriggerIndex {
  const gated: number[] = [];
  const byName = new Map<string, number[]>();
  const byModule = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, key: string, r: number) => { const l = m.get(key); if (!l) m.set(key, [r]); else if (!l.includes(r)) l.push(r); };
  rules.forEach((rule, r) => {
    if (!rule.triggers) return;
    gated.push(r);
    for (const n of rule.triggers.names ?? []) add(byName, n, r);
    for (const m of rule.triggers.modules ?? []) add(byModule, m, r);
  });
  return { gated, byName, byModule };
}

/**
 * Which gated rules cannot matter to a file (true at their position): none of their names occurs in it and it imports
 * none of their modules, nor a subpath of one (`want/...`). One pass over the file's names and imports, whatever the
 * number of rules and trigger names.
 */
function gatedOff(index: TriggerIndex, names: ReadonlySet<string> | ReadonlyMap<string, string>, imports: FileImports): boolean[] | undefined {
  if (!index.gated.length) return undefined;
  const off: boolean[] = [];
  for (const r of index.gated) off[r] = true;
  let left = index.gated.length;
  const hit = (rules: readonly number[] | undefined) => { if (rules) for (const r of rules) if (off[r]) { off[r] = false; left--; } };
  for (const m of imports.modules) {
    const spec = m.module;
    hit(index.byModule.get(spec));
    for (let i = spec.indexOf('/'); i > 0; i = spec.indexOf('/', i + 1)) hit(index.byModule.get(spec.slice(0, i)));
  }
  if (left) for (const n of names.keys()) { hit(index.byName.get(n)); if (!left) break; }
  return off;
}
