/** Core data types of the engine: positions, findings, fixes, rules. No LSP, no vscode. */
import type { ts } from 'ts-morph';
import type { FileKind, ParsedFile } from './parse';
import type { FileFacts } from './facts/fileFacts';
import type { WorkspaceFacts } from './facts/workspaceFacts';
import type { FileImports } from './ts/imports';
import type { ConstTable } from './ts/helpers';

/** Zero-based line and UTF-16 character, as in LSP. */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export type Category = 'auth' | 'data' | 'errors' | 'deploy' | 'security' | 'docs';
export type Phase = 'audit' | 'harden' | 'infrastructure' | 'documentation';
export type Tier = 'ship-stopping' | 'tech-debt' | 'accepted';
export type FixKind = 'none' | 'edit' | 'multi-file';
/** Typical effort to close one gap of a rule (engine/effort.ts turns it into hours). */
export type Effort = 'minutes' | 'hour' | 'day' | 'days';

export const CATEGORIES: readonly Category[] = ['auth', 'data', 'errors', 'deploy', 'security', 'docs'];
export const PHASES: readonly Phase[] = ['audit', 'harden', 'infrastructure', 'documentation'];
export const TIERS: readonly Tier[] = ['ship-stopping', 'tech-debt', 'accepted'];

/** One text replacement in one workspace file (path relative to the root, '/'-separated). */
export interface TextEdit { file: string; range: Range; newText: string }
/** A file the fix creates (it must not exist yet). */
export interface FileCreate { file: string; content: string }

/** A quick fix: text edits, possibly across files, and files to create. */
export interface Fix {
  title: string;
  /** Safe fixes may be applied in bulk ("fix all safe"); unsafe ones need a human look. */
  safe: boolean;
  edits: TextEdit[];
  creates?: FileCreate[];
  /** Env var names the fix needs in the env template of the package holding `near`; the workspace resolves this into an edit or creation of .env.example (engine/envTemplate.ts). */
  envKeys?: { near: string; keys: string[] };
}

export interface Finding {
  ruleId: string;
  category: Category;
  phase: Phase;
  tier: Tier;
  message: string;
  file: string;
  range: Range;
  /** True for a finding about the workspace as a whole, anchored on a file a person would open. */
  workspace?: boolean;
  fixes: Fix[];
  /** Stable across edits above the finding: rule id + file + the anchored line's content + occurrence. */
  fingerprint: string;
  /** Set when the team accepted this gap (tier 'accepted'): in production-gap.json ('ledger'), by a comment next to it ('inline'), or for the whole rule by a setting ('config'). */
  acceptance?: Acceptance;
  /** Report.yieldsTo, until the rule settings are applied (they drop the finding or this field). */
  yieldsTo?: string[];
}

export interface Acceptance {
  reason: string;
  by?: string;
  /** YYYY-MM-DD */
  date?: string;
  /** YYYY-MM-DD: after it the finding comes back at its own tier. */
  revisit?: string;
  source: 'ledger' | 'inline' | 'config';
  /** The revisit date passed: the finding is back at its own tier. */
  expired?: boolean;
}

/** A bad or good doc example: an in-memory workspace (path -> content). */
export interface DocExample { files: Record<string, string> }

export interface RuleDocs {
  /** Why the gap matters for a product about to grow: the risk, for the report's "Why it matters" (not what the rule reads). */
  why: string;
  /** What the rule checks: the forms and files it reads, what it flags and what it accepts as fixed (its documentation page, SARIF help). */
  checks?: string;
  bad: DocExample;
  good: DocExample;
  /** How to fix it. */
  fix: string;
}

export interface RuleMeta {
  id: string;
  category: Category;
  phase: Phase;
  tier: Tier;
  title: string;
  fixKind: FixKind;
  /** Typical effort to fix it, for the plan's estimates. */
  effort: Effort;
  /** Checklist item id this rule backs (see engine/checklist.ts). */
  checklist: string;
  docs: RuleDocs;
}

/** A finding as a rule reports it; the runner fills in category, phase, tier defaults and fingerprint. */
export interface Report {
  message: string;
  /** Defaults to the file being checked (file rules). Required for workspace rules. */
  file?: string;
  range: Range;
  /** Overrides the rule's default tier (e.g. `credentials: true` makes CORS ship-stopping). */
  tier?: Tier;
  fixes?: Fix[];
  workspace?: boolean;
  /**
   * Rules that report the same thing more specifically (a JWT secret that is also a hardcoded secret): the finding
   * stands only when every one of them is turned off for its file (engine `yieldsToActiveRule`).
   */
  yieldsTo?: string[];
}

/** A TypeScript SyntaxKind's name: 'CallExpression', 'VariableDeclaration'... */
export type SyntaxKindName = keyof typeof ts.SyntaxKind;

/**
 * Handlers keyed by the name of a TypeScript SyntaxKind (`{ CallExpression(n) {...} }`): the runner walks each file
 * once and calls every rule's handlers. Names, not the kinds' numbers: an object keyed by numbers up to ~360 gets an
 * elements store of that length (about 3 KB), and every rule builds one per file.
 */
export type TsVisitor = { [K in SyntaxKindName]?: (node: ts.Node) => void } & { onEnd?: () => void };

export interface FileRuleContext {
  readonly file: ParsedFile;
  readonly facts: FileFacts;
  report(r: Report): void;
}

export interface WorkspaceRuleContext {
  readonly facts: WorkspaceFacts;
  /** Every analysed file with its cached facts (no re-parse). */
  readonly files: ReadonlyMap<string, { kind: FileKind; facts: FileFacts; text: string }>;
  report(r: Report & { file: string }): void;
}

/** What a TS rule sees: the compiler's source file, the file's module bindings and its constants. */
export interface TsRuleContext extends FileRuleContext {
  readonly sf: ts.SourceFile;
  readonly imports: FileImports;
  readonly consts: ConstTable;
  /** Whether a name occurs as an identifier in the file (a superset after incremental parses): for cheap early exits inside a rule. Always true when unknown. */
  hasName(name: string): boolean;
  /** Whether some identifier of the file passes `test` (same table as hasName). Always true when unknown. */
  someName(test: (name: string) => boolean): boolean;
}

interface RuleBase { meta: RuleMeta }

/** A rule over TypeScript/JavaScript files: returns visitors, so all rules share one walk. */
export interface TsRule extends RuleBase {
  scope: 'ts';
  /**
   * When set, the rule runs only on files where one of `names` occurs as a name (an identifier, a quoted key or
   * `x['name']`, an import specifier; not other strings: see parse/namesOf) or that import one of `modules` (or a
   * subpath of one).
   * Purely a speed gate: it must hold for every file on which the rule could report or record a fact. The rule
   * tests check it (each case is also analysed with the gates off, and must give the same result).
   */
  triggers?: { names?: readonly string[]; modules?: readonly string[] };
  create(ctx: TsRuleContext): TsVisitor;
  /** Optional, for a rule that spans scopes (e.g. a schema rule over ORM code, Prisma and SQL): a check over files of `kinds`... */
  kinds?: readonly FileKind[];
  check?(ctx: FileRuleContext): void;
  /** ...and a pass over cached facts, run with the workspace rules. */
  checkWorkspace?(ctx: WorkspaceRuleContext): void;
}

/** A rule over one file of another kind (its parsed form is in ctx.file). */
export interface FileRule extends RuleBase {
  scope: 'file';
  kinds: readonly FileKind[];
  check(ctx: FileRuleContext): void;
}

/** A rule over the whole workspace: reads only cached per-file facts and workspace facts. */
export interface WorkspaceRule extends RuleBase {
  scope: 'workspace';
  check(ctx: WorkspaceRuleContext): void;
}

export type Rule = TsRule | FileRule | WorkspaceRule;

/** A problem the engine met while analysing (unreadable file, rule error...): logged, never fatal. */
export interface EngineLog { level: 'info' | 'warn' | 'error'; message: string; file?: string; ruleId?: string }

export interface RuleSetting { off?: boolean; tier?: Tier }
export interface EngineConfig {
  /** Per rule id: 'off' or a tier override. */
  rules?: Record<string, 'off' | Tier>;
  /** Extra exclude globs (relative to the root). */
  exclude?: string[];
}
