/** Node.js versions as projects state them (engines ranges, .nvmrc, image tags), resolved to something to pin. */

/** Node major used when the project says nothing and a current line is wanted (the active LTS line). */
export const DEFAULT_NODE = 24;
/** The oldest Node line still maintained: the floor `engines.node` gets when nothing says otherwise (Node 20 reached end of life in April 2026). */
export const NODE_FLOOR = 22;

const CODENAMES: Record<string, number> = { argon: 4, boron: 6, carbon: 8, dubnium: 10, erbium: 12, fermium: 14, gallium: 16, hydrogen: 18, iron: 20, jod: 22, krypton: 24 };

/** Whether a word is a Node LTS codename (`iron`, `jod`...). */
export function isNodeCodename(s: string): boolean { return s.toLowerCase() in CODENAMES; }

/** The lowest major of an open-ended range (`>=20`, `>20.1`, `20.x`), as no-ci pins CI to it or the default. */
export function engineFloor(engines: string): number | undefined {
  const floor = /^>=?\s*v?(\d+)(\.\d+)*(\.x)?$/.exec(engines.trim());
  return floor ? Number(floor[1]) : undefined;
}

/**
 * A version to pin an image or a CI job to, from what a version file or `engines.node` says:
 * an exact version stays exact (`20.18.1`), a major line gives the major (`^20.11` -> `20`), an open-ended range
 * gives its floor or the current LTS line if newer (`>=18` -> `24`). Undefined when it cannot be told (`node`, `lts/*`, `*`).
 */
export function pinnableNodeVersion(spec: string): string | undefined {
  const alternatives = spec.trim().split('||').map((s) => s.trim()).filter(Boolean);
  const last = alternatives[alternatives.length - 1];
  if (!last) return undefined;
  const s = last.replace(/^v(?=\d)/, '').toLowerCase();
  const lts = /^(lts\/)?([a-z]+)$/.exec(s);
  if (lts) return CODENAMES[lts[2]] ? String(CODENAMES[lts[2]]) : undefined;
  if (/^\d+\.\d+\.\d+$/.test(s)) return s;
  if (/^\d+(\.\d+)?$/.test(s)) return s;
  let m = /^(\d+)(\.(x|\*))+$/.exec(s);
  if (m) return m[1];
  m = /^\^\s*v?(\d+)/.exec(s);
  if (m) return m[1];
  m = /^~\s*v?(\d+)(\.\d+)?/.exec(s);
  if (m) return m[1] + (m[2] ?? '');
  const parts = s.split(/\s+/).filter(Boolean);
  let lo: number | undefined;
  let hi: number | undefined;
  for (const p of parts) {
    const c = /^(>=|>|<=|<)\s*v?(\d+)(?:\.(\d+))?/.exec(p);
    if (!c) return undefined;
    const major = Number(c[2]);
    if (c[1] === '>=' || c[1] === '>') lo = major;
    else hi = c[1] === '<=' || Number(c[3] ?? 0) > 0 ? major : major - 1;
  }
  if (lo === undefined && hi === undefined) return undefined;
  const want = Math.max(lo ?? 0, Math.min(hi ?? DEFAULT_NODE, DEFAULT_NODE));
  return hi !== undefined && want > hi ? String(hi) : String(want);
}

/** The major of a version or image tag (`20.18.1-alpine` -> 20, `iron-slim` -> 20). */
export function nodeMajor(s: string): number | undefined {
  const t = s.trim().replace(/^v(?=\d)/, '');
  const m = /^(\d+)/.exec(t);
  if (m) return Number(m[1]);
  return CODENAMES[t.split('-')[0].toLowerCase()];
}
