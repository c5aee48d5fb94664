/** File URIs <-> absolute paths <-> folder-relative '/'-separated paths (the engine's file names). */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Absolute file-system path of a file: URI, or undefined for other schemes (untitled:, git:...). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try { return path.resolve(fileURLToPath(uri)); } catch { return undefined; }
}

export function pathToUri(abs: string): string { return pathToFileURL(abs).href; }

/** The '/'-separated path of `abs` relative to `root`, or undefined when it is not inside root. */
export function relativeTo(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

export function joinRoot(root: string, rel: string): string { return path.join(root, ...rel.split('/')); }
