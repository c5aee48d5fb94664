/**
 * The HTML audit report (--format html): parsed with parse5, it is a well-formed, self-contained page (no script, no
 * external resource, print styles) carrying the same sections as the Markdown report, with every injected text
 * escaped.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatHtml } from '../../server/report/html';
import { formatMarkdown } from '../../server/report/markdown';
import { INFORMATION_URI, type ReportInput } from '../../server/report/common';
import { Workspace } from '../../server/engine/workspace';
import type { WorkspaceRule } from '../../server/engine/types';
import { GENERATED, HOSTILE_REASON, TODAY, analyseFolder, attr, elements, mvpWorkspace, parseHtml, parseMarkdown, removeWorkspace, textOf, type HtmlElement } from './fixture';

let root: string;
let input: ReportInput;
let html: string;

before(() => {
  root = mvpWorkspace();
  input = analyseFolder(root);
  html = formatHtml(input, { generatedAt: GENERATED });
});
after(() => removeWorkspace(root));

const byTag = (els: HtmlElement[], tag: string) => els.filter((e) => e.tagName === tag);
const EVIDENCE_URL = 'https://wiki.taskly.dev/runbook#rollback';

describe('html report', () => {
  it('parses without errors: doctype, lang, charset, title', () => {
    const { document, errors } = parseHtml(html);
    assert.deepEqual(errors, []);
    assert.equal(document.mode, 'no-quirks');
    const els = elements(document);
    assert.equal(attr(byTag(els, 'html')[0], 'lang'), 'en');
    assert.ok(byTag(els, 'meta').some((m) => attr(m, 'charset') === 'utf-8'));
    assert.equal(textOf(byTag(els, 'title')[0]), `Production readiness audit: mvp — ${TODAY}`);
  });

  it('is self-contained: inline CSS with print styles, no script, no external resource, links only to rule docs, evidence and files', () => {
    const els = elements(parseHtml(html).document);
    assert.deepEqual(byTag(els, 'script'), []);
    assert.deepEqual(byTag(els, 'link'), []);
    for (const tag of ['img', 'iframe', 'object', 'embed', 'video', 'audio', 'source', 'base', 'form']) assert.deepEqual(byTag(els, tag), [], tag);
    assert.ok(els.every((e) => e.attrs.every((a) => !/^on/i.test(a.name) && a.name !== 'src' && a.name !== 'srcset')));
    const css = byTag(els, 'style').map(textOf).join('\n');
    assert.match(css, /@media print\s*\{/);
    assert.match(css, /@page/);
    assert.doesNotMatch(css, /url\(|@import/, 'no external resource in the CSS');
    const hrefs = byTag(els, 'a').map((a) => attr(a, 'href') ?? '');
    const external = hrefs.filter((h) => /^[a-z][a-z0-9+.-]*:/i.test(h));
    assert.ok(external.length > 0);
    for (const h of external) assert.ok(h.startsWith(`${INFORMATION_URI}/`) || h === INFORMATION_URI || h === EVIDENCE_URL, h);
    const files = hrefs.filter((h) => !external.includes(h));
    assert.ok(files.length > 0 && files.every((h) => /^[^/].*#L\d+$/.test(h)), files.join(' '));
  });

  it('has the same headings, tables and links as the Markdown report', () => {
    const els = elements(parseHtml(html).document);
    const md = parseMarkdown(formatMarkdown(input, { generatedAt: GENERATED }));
    const headings = els.filter((e) => /^h[1-3]$/.test(e.tagName)).map((e) => `${e.tagName}:${textOf(e)}`);
    assert.deepEqual(headings, md.sections.filter((s) => s.level).map((s) => `h${s.level}:${s.title}`));
    assert.equal(byTag(els, 'table').length, md.sections.reduce((n, s) => n + s.tables.length, 0));
    const mdLinks = md.sections.flatMap((s) => s.links.map((l) => l.href));
    assert.deepEqual(byTag(els, 'a').map((a) => attr(a, 'href')), mdLinks);
    const h2 = byTag(els, 'h2').map(textOf);
    assert.ok(['Summary', 'Attestations', 'Plan by phase', 'About this report'].every((t) => h2.includes(t)));
    assert.equal(byTag(els, 'section').length, h2.length, 'one section per level-2 heading');
    const verdict = els.find((e) => (attr(e, 'class') ?? '').split(' ').includes('callout'))!;
    assert.match(textOf(verdict), /^Not ready to grow yet: 17 ship-stopping issues to fix first/);
    assert.ok(textOf(verdict).includes(' '), 'words around inline markup keep their spaces');
  });

  it('escapes the team\'s text and evidence: injected markup is text, not elements', () => {
    const { document } = parseHtml(html);
    const els = elements(document);
    const cells = byTag(els, 'td').map(textOf);
    assert.ok(cells.includes(HOSTILE_REASON), 'the inline reason, verbatim as text');
    assert.ok(cells.includes('staging.taskly.dev <script>alert("evidence")</script>'));
    assert.ok(!html.includes('<script'), 'no script tag anywhere in the source');
    assert.ok(html.includes('&lt;script&gt;alert(&quot;evidence&quot;)&lt;/script&gt;'));
  });
});

describe('html escaping', () => {
  const hostile: WorkspaceRule = {
    scope: 'workspace',
    meta: {
      id: 'security/test-only-hostile', category: 'security', phase: 'harden', tier: 'ship-stopping', title: 'Title <img src=x onerror=alert(1)>',
      fixKind: 'none', effort: 'hour', checklist: 'harden.validation',
      docs: { why: '"><script>alert(1)</script>', bad: { files: { 'a.ts': 'x\n' } }, good: { files: { 'a.ts': 'y\n' } }, fix: 'Use `<b>`.' },
    },
    check(ctx) {
      ctx.report({ file: 'src/"><svg onload=alert(1)>.ts', workspace: false, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'Found <script>alert(1)</script> & \'quotes\' "here"' });
    },
  };

  it('no element or attribute comes from a message, a title, the docs, a file name, a reason or evidence', () => {
    const ws = new Workspace({ rules: [hostile], today: () => TODAY });
    ws.setFile('src/"><svg onload=alert(1)>.ts', 'x\n');
    ws.setFile('production-gap.json', JSON.stringify({
      attestations: [{ item: 'infra.backups', evidence: 'javascript:alert(1) and https://x.test/"><script>alert(1)</script>', by: '<i>eve</i>', date: '2025-05-01' }],
    }));
    const out = formatHtml({ ...ws.analyze(), rules: ws.rules, name: '</title><script>alert(1)</script>', today: TODAY });
    const { document, errors } = parseHtml(out);
    assert.deepEqual(errors, []);
    const els = elements(document);
    assert.deepEqual(byTag(els, 'script'), []);
    assert.deepEqual([...new Set(els.map((e) => e.tagName))].filter((t) => ['img', 'svg', 'b', 'i'].includes(t)), []);
    assert.ok(els.every((e) => e.attrs.every((a) => !/^on/i.test(a.name))));
    assert.equal(textOf(byTag(els, 'title')[0]), 'Production readiness audit: </title><script>alert(1)</script>');
    const hrefs = byTag(els, 'a').map((a) => attr(a, 'href') ?? '');
    assert.ok(hrefs.every((h) => !/^javascript:/i.test(h)));
    assert.ok(hrefs.includes('src/%22%3E%3Csvg%20onload%3Dalert(1)%3E.ts#L1'));
    assert.ok(byTag(els, 'li').some((li) => textOf(li) === 'src/"><svg onload=alert(1)>.ts:1: Found <script>alert(1)</script> & \'quotes\' "here"'));
    assert.ok(byTag(els, 'code').some((c) => textOf(c) === '<b>'));
  });
});
