/**
 * Keeps a folder's file analyses on disk between runs (the editor: in the extension's workspace storage; the CLI:
 * `--cache DIR`), so the next run re-analyses only the files that changed. An analysis is a pure function of a
 * file's path and text and of the engine build: entries are keyed by content hash and path, and a store written by another build is ignored.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { FileAnalysis } from './workspace';

const FORMAT = 1;

interface StoreFile { format: number; build: string; root: string; entries: Array<[string, FileAnalysis]> }

export class AnalysisStore {
  constructor(private readonly dir: string, private readonly build: string) {}

  private fileOf(root: string): string {
    return path.join(this.dir, `analyses-${createHash('sha1').update(root).digest('hex').slice(0, 16)}.json`);
  }

  /** The stored analyses of a folder; none when there is no store, or it is unreadable or from another build (said in `why`). */
  load(root: string): { entries: Array<[string, FileAnalysis]>; why?: string } {
    const file = this.fileOf(root);
    if (!fs.existsSync(file)) return { entries: [], why: 'no stored analyses yet' };
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<StoreFile>;
      if (data.format !== FORMAT || data.build !== this.build || data.root !== root || !Array.isArray(data.entries)) {
        return { entries: [], why: 'the stored analyses are from another version of the extension' };
      }
      return { entries: data.entries };
    } catch (e) {
      return { entries: [], why: `the stored analyses could not be read (${e instanceof Error ? e.message : String(e)})` };
    }
  }

  /** Writes a folder's analyses (to a temporary file, then renamed: a crash never leaves half a store). */
  save(root: string, entries: Array<[string, FileAnalysis]>): number {
    const file = this.fileOf(root);
    fs.mkdirSync(this.dir, { recursive: true });
    const body: StoreFile = { format: FORMAT, build: this.build, root, entries };
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(body));
    fs.renameSync(tmp, file);
    return entries.length;
  }
}

/** Identifies the running engine build: a hash of the server bundle (a rule change makes old analyses stale). */
export function buildId(bundle: string): string {
  try {
    return createHash('sha1').update(fs.readFileSync(bundle)).digest('hex');
  } catch {
    return `unknown-${Date.now()}`; // never matches a stored build
  }
}
