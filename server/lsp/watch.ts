/**
 * Which files the server watches on disk, and whether a path belongs to the analysed set: the same answer as
 * the engine's discovery (default excludes, configured excludes, nested .gitignore files), without a re-walk.
 */
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { DEFAULT_EXCLUDES } from '../engine/discover';
import { classify } from '../engine/parse';

/** Globs covering every name engine/parse/kinds.ts classify() accepts. */
export const WATCH_GLOBS: readonly string[] = [
  '**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts}',
  '**/*.{json,jsonc,json5,yml,yaml,prisma,sql,md,markdown,mdx,toml,lock,lockb}',
  '**/*.{ini,cfg,conf,properties,sh,bash,zsh,xml,txt,tf,tfvars,hcl,npmrc,rules,graphql,gql,html,vue,svelte,astro,pem,key,p8}',
  '**/{id_rsa,id_ecdsa,id_ed25519,id_dsa}',
  '**/bin/www',
  '**/{Dockerfile,Dockerfile.*,*.dockerfile,Containerfile}',
  '**/{.gitignore,.dockerignore,.npmrc,.yarnrc,.netrc,.pgpass,.nvmrc,.node-version,.tool-versions,Procfile,Jenkinsfile,Makefile}',
  '**/{.env,.env.*,*.env}',
];

/** Watched for creation and deletion of anything: folder moves and deletions arrive as one event for the folder. */
export const FOLDER_GLOB = '**/*';

export interface IgnoreSource {
  /** The text of a workspace-relative file when the workspace holds it (used for .gitignore files). */
  getText(path: string): string | undefined;
}

/** Answers "would discovery have listed this path?" from the .gitignore files the workspace already holds. */
export class Inclusion {
  private readonly excludeGlob: (p: string) => boolean;
  private readonly igCache = new Map<string, { text: string; ig: Ignore }>();

  constructor(exclude: readonly string[], private readonly source: IgnoreSource) {
    this.excludeGlob = exclude.length ? picomatch([...exclude], { dot: true }) : () => false;
  }

  /** True when `rel` is a file kind the engine reads and no exclude or .gitignore leaves it out. */
  includes(rel: string): boolean {
    return classify(rel) !== undefined && !this.excludedPath(rel, false);
  }

  /** True when discovery would skip `rel` (a file, or a folder when isDir) or one of its parent folders. */
  excludedPath(rel: string, isDir: boolean): boolean {
    const parts = rel.split('/');
    for (let i = 0; i < parts.length; i++) {
      const dir = i < parts.length - 1 || isDir;
      const sub = parts.slice(0, i + 1).join('/');
      if (dir && DEFAULT_EXCLUDES.includes(parts[i])) return true;
      if (this.excludeGlob(sub) || (dir && this.excludeGlob(sub + '/'))) return true;
      // .gitignore files of every folder above this level (root first), as discovery stacks them.
      for (let j = 0; j <= i; j++) {
        const base = parts.slice(0, j).join('/');
        const ig = this.ignoreAt(base);
        if (!ig) continue;
        const within = parts.slice(j, i + 1).join('/');
        if (ig.ignores(dir ? within + '/' : within)) return true;
      }
    }
    return false;
  }

  private ignoreAt(dir: string): Ignore | undefined {
    const file = dir ? `${dir}/.gitignore` : '.gitignore';
    const text = this.source.getText(file);
    if (text === undefined) return undefined;
    const cached = this.igCache.get(file);
    if (cached && cached.text === text) return cached.ig;
    const ig = ignore().add(text);
    this.igCache.set(file, { text, ig });
    return ig;
  }
}
