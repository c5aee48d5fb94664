/** Which kind of file a path is, by its name: decides the parser and the rules that see it. */
export type FileKind =
  | 'ts' | 'package-json' | 'json' | 'lockfile' | 'yaml' | 'dockerfile' | 'prisma' | 'sql'
  | 'markdown' | 'gitignore' | 'dockerignore' | 'env' | 'toml' | 'text';

const TS_EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;
const LOCKFILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock']);
/** Text formats worth a secret scan even though no rule parses them (key files included: PEM private keys, SSH keys). */
const TEXT_EXT = /\.(ini|cfg|conf|properties|sh|bash|zsh|xml|txt|tf|tfvars|hcl|npmrc|rules|graphql|gql|html|vue|svelte|astro|pem|key|p8)$/i;
const TEXT_NAMES = new Set(['.npmrc', '.yarnrc', 'Procfile', 'Jenkinsfile', 'Makefile', 'firestore.rules', 'storage.rules', '.netrc', '.pgpass', '.nvmrc', '.node-version', '.tool-versions', 'id_rsa', 'id_ecdsa', 'id_ed25519', 'id_dsa']);

export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/** The kind of a workspace-relative path, or undefined when no rule reads it. */
export function classify(path: string): FileKind | undefined {
  const name = basename(path);
  if (LOCKFILES.has(name)) return 'lockfile';
  if (name === 'package.json') return 'package-json';
  if (/\.d\.[cm]?ts$/.test(name)) return undefined;
  if (TS_EXT.test(name)) return 'ts';
  // express-generator's entry point, a Node script with no extension (`#!/usr/bin/env node`): it starts the server
  if (name === 'www' && /(^|\/)bin\/www$/.test(path)) return 'ts';
  if (/\.(json|jsonc|json5)$/i.test(name)) return 'json';
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  if (name === 'Dockerfile' || name.startsWith('Dockerfile.') || /\.dockerfile$/i.test(name) || name === 'Containerfile') return 'dockerfile';
  if (/\.prisma$/i.test(name)) return 'prisma';
  if (/\.sql$/i.test(name)) return 'sql';
  if (/\.(md|markdown|mdx)$/i.test(name)) return 'markdown';
  if (name === '.gitignore') return 'gitignore';
  if (name === '.dockerignore') return 'dockerignore';
  if (name === '.env' || name.startsWith('.env.') || /\.env$/.test(name) || ENV_TEMPLATE_DASHED.test(name)) return 'env';
  if (/\.toml$/i.test(name)) return 'toml';
  if (TEXT_NAMES.has(name) || TEXT_EXT.test(name)) return 'text';
  return undefined;
}

/** True for files whose kind is env but which are templates meant to be committed. */
export function isEnvTemplate(path: string): boolean {
  const name = basename(path);
  return /\.env\.(example|sample|template|dist|defaults)$|\.env\.[\w.-]*\.(example|sample|template)$|^(example|sample|template)\.env$/i.test(name) || ENV_TEMPLATE_DASHED.test(name);
}

/** `.env-sample`, `.env_example`, `env.example`: templates named with another separator, or without the dot. */
const ENV_TEMPLATE_DASHED = /^\.?env[-_.](example|sample|template|dist|defaults)$/i;
