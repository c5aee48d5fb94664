/**
 * A small document tree (headings, paragraphs, lists, tables; text, code, emphasis, links, badges) that the audit
 * report is laid out in once (report/document.ts) and rendered twice: Markdown (report/markdown.ts) and HTML
 * (report/html.ts). Every renderer escapes text for its own syntax, so no report text is ever interpreted as markup.
 */

/** How a badge or a callout reads: bad (ship-stopping, fail), warn (debt, expired), good (pass), note (accepted), unknown, muted. */
export type Tone = 'bad' | 'warn' | 'good' | 'note' | 'unknown' | 'muted';

export type Inline =
  | { t: 'text'; s: string }
  | { t: 'code'; s: string }
  | { t: 'strong'; c: Inline[] }
  | { t: 'em'; c: Inline[] }
  /** `href`: an https URL or a relative path (already percent-encoded). */
  | { t: 'link'; href: string; c: Inline[] }
  | { t: 'badge'; tone: Tone; s: string };

export type Block =
  | { t: 'h'; level: 1 | 2 | 3; c: Inline[] }
  | { t: 'p'; c: Inline[]; muted?: boolean }
  /** The report's verdict: a paragraph that stands out. */
  | { t: 'callout'; tone: Tone; c: Inline[] }
  | { t: 'ul'; items: Inline[][] }
  /** `nowrap`: columns whose cells should not wrap (dates, short labels), a hint for HTML. */
  | { t: 'table'; head: string[]; align?: Array<'left' | 'right'>; nowrap?: boolean[]; rows: Inline[][][] };

export const text = (s: string): Inline => ({ t: 'text', s });
export const code = (s: string): Inline => ({ t: 'code', s });
export const strong = (...c: Inline[]): Inline => ({ t: 'strong', c });
export const em = (...c: Inline[]): Inline => ({ t: 'em', c });
export const link = (href: string, ...c: Inline[]): Inline => ({ t: 'link', href, c });
export const badge = (tone: Tone, s: string): Inline => ({ t: 'badge', tone, s });

/** Inlines separated by `sep` (text). */
export function join(parts: readonly Inline[][], sep: string): Inline[] {
  const out: Inline[] = [];
  parts.forEach((p, i) => { if (i) out.push(text(sep)); out.push(...p); });
  return out;
}

/**
 * Text written by rule authors (messages, why, fix), where backtick spans are code: `a \`b\` c` -> text, code, text.
 * Backtick runs pair as in CommonMark (a run opens, the next run of the same length closes; an unmatched run is
 * literal text). Nothing else is markup: `*`, `_`, `<` and the rest stay text.
 */
export function rich(s: string): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  let i = 0;
  const flush = () => { if (buf) out.push(text(buf)); buf = ''; };
  while (i < s.length) {
    if (s[i] !== '`') { buf += s[i++]; continue; }
    let n = 0;
    while (s[i + n] === '`') n++;
    let j = i + n;
    let close = -1;
    while (j < s.length) {
      if (s[j] !== '`') { j++; continue; }
      let m = 0;
      while (s[j + m] === '`') m++;
      if (m === n) { close = j; break; }
      j += m;
    }
    if (close < 0) { buf += s.slice(i, i + n); i += n; continue; }
    let body = s.slice(i + n, close).replace(/\n/g, ' ');
    if (body.length > 2 && body.startsWith(' ') && body.endsWith(' ') && body.trim()) body = body.slice(1, -1);
    flush();
    out.push(code(body));
    i = close + n;
  }
  flush();
  return out;
}

/** The plain text of inlines (for titles, alt text and tests). */
export function plainText(c: readonly Inline[]): string {
  return c.map((x) => (x.t === 'text' || x.t === 'code' || x.t === 'badge' ? x.s : plainText(x.c))).join('');
}
