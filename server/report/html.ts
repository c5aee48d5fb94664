/**
 * The audit report as one self-contained, printable HTML page: the same document as the Markdown report
 * (report/document.ts), rendered with inline CSS (screen and print), no scripts and no external resources.
 * Every text and attribute is HTML-escaped; links are https URLs (rule documentation, evidence) or relative paths.
 */
import { type ReportInput } from './common';
import type { Block, Inline, Tone } from './doc';
import { plainText } from './doc';
import { reportDocument } from './document';
import { buildReportModel, type ReportModel, type ReportOptions } from './model';

export type HtmlOptions = ReportOptions;

export function formatHtml(input: ReportInput, opts: HtmlOptions = {}): string {
  const model = buildReportModel(input, opts);
  return renderHtml(model, reportDocument(model));
}

const ICON: Record<Tone, string> = { bad: '✗', warn: '!', good: '✓', note: '~', unknown: '?', muted: '–' };

export function renderHtml(model: ReportModel, blocks: readonly Block[]): string {
  const title = blocks.find((b) => b.t === 'h' && b.level === 1);
  const body: string[] = [];
  let open = false;
  for (const b of blocks) {
    // Each level-2 heading opens a section, so print can keep headings with their content.
    if (b.t === 'h' && b.level === 2) {
      if (open) body.push('</section>');
      body.push('<section>');
      open = true;
    }
    body.push(block(b));
  }
  if (open) body.push('</section>');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${attr(`${model.tool.name} ${model.tool.version}`)}">`,
    `<title>${esc(title && title.t === 'h' ? plainText(title.c) : model.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    `<body class="verdict-${model.verdict.status}">`,
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function block(b: Block): string {
  switch (b.t) {
    case 'h': return `<h${b.level}${b.level > 1 ? ` id="${attr(slug(plainText(b.c)))}"` : ''}>${inlines(b.c)}</h${b.level}>`;
    case 'p': return `<p${b.muted ? ' class="muted"' : ''}>${inlines(b.c)}</p>`;
    case 'callout': return `<p class="callout ${b.tone}">${inlines(b.c)}</p>`;
    case 'ul': return `<ul>\n${b.items.map((it) => `<li>${inlines(it)}</li>`).join('\n')}\n</ul>`;
    case 'table': {
      const cls = (i: number) => (b.align?.[i] === 'right' ? ' class="num"' : b.nowrap?.[i] ? ' class="nowrap"' : '');
      const head = `<thead><tr>${b.head.map((h, i) => `<th scope="col"${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead>`;
      const rows = b.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${inlines(c)}</td>`).join('')}</tr>`).join('\n');
      return `<table>\n${head}\n<tbody>\n${rows}\n</tbody>\n</table>`;
    }
  }
}

function inlines(c: readonly Inline[]): string {
  return c.map(inline).join('');
}

function inline(x: Inline): string {
  switch (x.t) {
    case 'text': return esc(x.s);
    case 'code': return `<code>${esc(x.s)}</code>`;
    case 'strong': return `<strong>${inlines(x.c)}</strong>`;
    case 'em': return `<em>${inlines(x.c)}</em>`;
    case 'link': return safeHref(x.href) ? `<a href="${attr(x.href)}">${inlines(x.c)}</a>` : inlines(x.c);
    case 'badge': return `<span class="badge ${x.tone}"><span aria-hidden="true">${ICON[x.tone]}</span> ${esc(x.s)}</span>`;
  }
}

/** https/http URLs and relative paths; never `javascript:` or any other scheme. */
function safeHref(href: string): boolean {
  return /^https?:\/\//i.test(href) || !/^[a-z][a-z0-9+.-]*:/i.test(href.trim());
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const attr = esc;

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'section';
}

const CSS = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-soft: #f6f8fa; --bad: #b42318; --bad-bg: #fef3f2; --warn: #9a6700; --warn-bg: #fff8c5; --good: #1a7f37; --good-bg: #dafbe1; --unknown: #6639ba; --unknown-bg: #fbefff; --note: #0550ae; --note-bg: #ddf4ff; --link: #0969da; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--fg); background: #fff; font: 15px/1.55 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2.25rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.08rem; margin: 1.6rem 0 .4rem; }
p { margin: .5rem 0 .8rem; }
.muted { color: var(--muted); font-size: .93rem; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font: .86em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg-soft); border: 1px solid #e6eaef; border-radius: 4px; padding: .05em .3em; overflow-wrap: break-word; }
ul { margin: .3rem 0 .9rem; padding-left: 1.4rem; }
li { margin: .25rem 0; }
table { width: 100%; border-collapse: collapse; margin: .6rem 0 1.2rem; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border: 1px solid var(--line); overflow-wrap: break-word; }
th { background: var(--bg-soft); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nowrap, th.nowrap { white-space: nowrap; }
tbody tr:last-child td { border-bottom-width: 1px; }
.callout { border-left: 4px solid var(--muted); background: var(--bg-soft); padding: .8rem 1rem; border-radius: 0 6px 6px 0; }
.callout.bad { border-color: var(--bad); background: var(--bad-bg); }
.callout.warn { border-color: var(--warn); background: var(--warn-bg); }
.callout.good { border-color: var(--good); background: var(--good-bg); }
.badge { display: inline-block; white-space: nowrap; font-size: .84em; font-weight: 600; border-radius: 999px; padding: .02em .55em; border: 1px solid currentColor; }
.badge.bad { color: var(--bad); background: var(--bad-bg); }
.badge.warn { color: var(--warn); background: var(--warn-bg); }
.badge.good { color: var(--good); background: var(--good-bg); }
.badge.unknown { color: var(--unknown); background: var(--unknown-bg); }
.badge.note { color: var(--note); background: var(--note-bg); }
.badge.muted { color: var(--muted); background: var(--bg-soft); }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  h2 { break-before: auto; break-after: avoid; }
  h3 { break-after: avoid; }
  tr, li, .callout { break-inside: avoid; }
  thead { display: table-header-group; }
  .callout, .badge, th, code { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`.trim();
