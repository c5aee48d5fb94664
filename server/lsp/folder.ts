/** The state the server keeps per workspace folder: its engine Workspace, settings, last result and what was published. */
import * as path from 'node:path';
import type { Workspace, AnalysisResult } from '../engine/workspace';
import type { Finding } from '../engine/types';
import type { ProductionGapSettings } from './protocol';
import { DEFAULT_SETTINGS } from './settings';
import { joinRoot, pathToUri, relativeTo } from './paths';
import type { Inclusion } from './watch';

export type FolderState = 'new' | 'loading' | 'idle' | 'disabled';

export interface OpenVersion { uri: string; version: number }

export class Folder {
  state: FolderState = 'new';
  settings: ProductionGapSettings = structuredClone(DEFAULT_SETTINGS) as ProductionGapSettings;
  ws?: Workspace;
  /** `ws.stats.parses` when the analyses were last written to the store (nothing new to write while it is unchanged). */
  storedAt?: number;
  inclusion?: Inclusion;
  /** Folders of the workspace nested inside this one: analysed there, excluded here. */
  nested: string[] = [];
  /** Open documents whose editor text the workspace holds: engine path -> uri and version. */
  readonly open = new Map<string, OpenVersion>();
  /** The last published result and the document versions it was computed on. */
  result?: AnalysisResult;
  resultVersions = new Map<string, number>();
  /** Every finding of the last result per engine path (all tiers, for code actions). */
  findingsByFile = new Map<string, Finding[]>();
  /** What the client shows per engine path: the uri published to and a signature of the diagnostics. */
  readonly published = new Map<string, { uri: string; sig: string }>();
  /** Per open document: the findings of the last result that its own analysis did not produce (workspace findings). */
  readonly workspaceFindings = new Map<string, Finding[]>();
  timer?: NodeJS.Timeout;
  /** The Workspace's content changed since the last workspace analysis. */
  dirty = true;
  /** The analysis in flight, if any. */
  analysing?: Promise<void>;
  /** Incremented by every analysis: a result older than the newest analysis is dropped. */
  generation = 0;
  /** Open documents whose new version has not been answered with a publish yet. */
  readonly pendingAck = new Set<string>();
  /** Pending 'all' analysis requested (else the next scheduled run answers the edited documents only). */
  nextStep: 'file' | 'all' = 'file';
  /** The deferred workspace step, and since when it is due. */
  workspaceTimer?: NodeJS.Timeout;
  workspaceDueSince?: number;
  lastFileStepMs = 0;
  lastWorkspaceStepMs = 0;
  /** Workspace steps run since the folder was created. */
  workspaceSteps = 0;
  /** When the first edit not yet answered by a publish arrived; the last edit-to-publish durations (server side). */
  changedAt?: number;
  /** When the last document change of this folder arrived (the edit throttle: server.ts `documentChanged`). */
  lastChangeAt = -Infinity;
  readonly editLatencies: number[] = [];

  constructor(readonly uri: string, readonly root: string) {}

  get name(): string { return path.basename(this.root) || this.root; }

  rel(abs: string): string | undefined { return relativeTo(this.root, abs); }
  abs(rel: string): string { return joinRoot(this.root, rel); }
  /** The uri to publish a file's diagnostics to: the open document's own uri, else the file's. */
  uriOf(rel: string): string { return this.open.get(rel)?.uri ?? pathToUri(this.abs(rel)); }

  /** Exclude globs for the folders nested inside this one. */
  nestedExcludes(): string[] { return this.nested.flatMap((n) => [n, `${n}/**`]); }
}
