/**
 * Firebase security rules are a small DSL with no well-kept npm parser (firebase-rules-parser pins a 2019 antlr4
 * runtime; prettier-plugin-firestore-rules needs Prettier 2), so this rule reads `.rules` files with a tokenizer that
 * knows comments, strings and match paths, and a reader for `service` / `match` / `allow` / `function` blocks. It only
 * needs the nesting of match paths and the text of each allow condition; conditions it cannot classify stay quiet.
 * Realtime Database rules (`database.rules.json`) come from the JSON parser.
 */
import type * as jsonc from 'jsonc-parser';
import type { FileRuleContext, FileRule } from '../../server/engine/types';
import { basename } from '../../server/engine/parse';
import { isTestPath } from '../../server/engine/ts/helpers';

interface Token { t: 'id' | 'num' | 'str' | 'punc' | 'path'; v: string; start: number; end: number }

/** Tokens of a rules file: comments dropped, strings and match paths kept whole. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '/' && text[i + 1] === '/') { while (i < n && text[i] !== '\n') i++; continue; }
    if (c === '/' && text[i + 1] === '*') { const e = text.indexOf('*/', i + 2); i = e < 0 ? n : e + 2; continue; }
    const start = i;
    const prev = out[out.length - 1];
    if (c === '/' && prev?.t === 'id' && prev.v === 'match') {
      let depth = 0;
      while (i < n) {
        const ch = text[i];
        if (ch === '{') { if (depth === 0 && text[i - 1] !== '/') break; depth++; }
        else if (ch === '}') { if (depth === 0) break; depth--; }
        else if (depth === 0 && /\s/.test(ch)) break;
        i++;
      }
      out.push({ t: 'path', v: text.slice(start, i), start, end: i });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < n && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      i++;
      out.push({ t: 'str', v: text.slice(start + 1, i - 1), start, end: Math.min(i, n) });
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      while (i < n && /[A-Za-z0-9_$]/.test(text[i])) i++;
      out.push({ t: 'id', v: text.slice(start, i), start, end: i });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < n && /[0-9.]/.test(text[i])) i++;
      out.push({ t: 'num', v: text.slice(start, i), start, end: i });
      continue;
    }
    const two = text.slice(i, i + 2);
    const len = ['==', '!=', '<=', '>=', '&&', '||'].includes(two) ? 2 : 1;
    i += len;
    out.push({ t: 'punc', v: text.slice(start, i), start, end: i });
  }
  return out;
}

/** One `allow` statement with the match path it sits in. */
export interface AllowRule { service: string; path: string; methods: string[]; condition?: Token[]; start: number; end: number }

/** The allow statements of a rules file, each with its full match path. */
export function readRules(tokens: Token[]): AllowRule[] {
  const out: AllowRule[] = [];
  let i = 0;
  const skipBlock = () => {
    let depth = 0;
    for (; i < tokens.length; i++) {
      if (tokens[i].v === '{' && tokens[i].t === 'punc') depth++;
      else if (tokens[i].v === '}' && tokens[i].t === 'punc' && --depth === 0) { i++; return; }
    }
  };
  const block = (service: string, path: string): void => {
    while (i < tokens.length) {
      const tok = tokens[i];
      if (tok.t === 'punc' && tok.v === '}') { i++; return; }
      if (tok.t === 'id' && tok.v === 'service') {
        let name = '';
        for (i++; i < tokens.length && tokens[i].v !== '{'; i++) name += tokens[i].v;
        i++;
        block(name, '');
        continue;
      }
      if (tok.t === 'id' && tok.v === 'match' && tokens[i + 1]?.t === 'path') {
        const p = tokens[i + 1].v;
        i += 2;
        if (tokens[i]?.v === '{') { i++; block(service, path + p); }
        continue;
      }
      if (tok.t === 'id' && tok.v === 'allow') {
        const start = tok.start;
        const methods: string[] = [];
        for (i++; tokens[i]?.t === 'id'; i++) {
          methods.push(tokens[i].v);
          if (tokens[i + 1]?.v !== ',') { i++; break; }
          i++;
        }
        let condition: Token[] | undefined;
        if (tokens[i]?.v === ':') {
          i++;
          if (tokens[i]?.t === 'id' && tokens[i].v === 'if') i++;
          condition = [];
          let depth = 0;
          for (; i < tokens.length; i++) {
            const t = tokens[i];
            if (t.t === 'punc' && (t.v === '(' || t.v === '[' || t.v === '{')) depth++;
            else if (t.t === 'punc' && (t.v === ')' || t.v === ']' || t.v === '}')) { if (depth === 0) break; depth--; }
            else if (t.v === ';' && depth === 0) break;
            condition.push(t);
          }
        }
        const end = tokens[i]?.v === ';' ? tokens[i].end : (tokens[i - 1]?.end ?? start);
        if (tokens[i]?.v === ';') i++;
        out.push({ service, path, methods, condition, start, end });
        continue;
      }
      if (tok.t === 'id' && tok.v === 'function') { while (i < tokens.length && tokens[i].v !== '{') i++; skipBlock(); continue; }
      if (tok.t === 'punc' && tok.v === '{') { skipBlock(); continue; }
      i++;
    }
  };
  block('', '');
  return out;
}

type Verdict = { kind: 'open' } | { kind: 'test-mode'; until?: string } | { kind: 'signed-in' };

const ymd = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** What a condition allows, when it is one of the recognisable open forms; undefined for real checks. */
function classify(condition: Token[] | undefined): Verdict | undefined {
  if (!condition) return { kind: 'open' };
  const core = condition.filter((t) => t.v !== '(' && t.v !== ')');
  const text = core.map((t) => t.v).join(' ');
  if (text === 'true') return { kind: 'open' };
  const ids = new Set(core.filter((t) => t.t === 'id').map((t) => t.v));
  if (ids.has('request') && ids.has('time') && [...ids].every((x) => ['request', 'time', 'timestamp', 'date', 'value'].includes(x))) {
    const nums = core.filter((t) => t.t === 'num').map((t) => Number(t.v));
    return { kind: 'test-mode', until: nums.length >= 3 ? ymd(nums[0], nums[1], nums[2]) : undefined };
  }
  if (/^(request \. auth|request \. auth \. uid) != null$|^null != (request \. auth|request \. auth \. uid)$/.test(text)) return { kind: 'signed-in' };
  return undefined;
}

const WRITE = new Set(['write', 'create', 'update', 'delete']);
const READ = new Set(['read', 'get', 'list']);
const USER_DATA = /^(users?|accounts?|profiles?|customers?|members?|orders?|payments?|invoices?|messages?|chats?|conversations?|private|admin|secrets?|settings|subscriptions?|billing|transactions?|notifications?|emails?|addresses|contacts?|carts?|purchases?|tokens?|sessions?|keys)$/i;

/** The path below the service's fixed root (`/databases/{database}/documents`, `/b/{bucket}/o`). */
function localPath(service: string, path: string): string {
  if (service.includes('firestore')) return path.replace(/^\/databases\/\{[^}]+\}\/documents/, '') || '/';
  if (service.includes('storage')) return path.replace(/^\/b\/\{[^}]+\}\/o/, '') || '/';
  return path || '/';
}

interface Scope { everything: boolean; userData: boolean; label: string }

function scopeOf(service: string, path: string): Scope {
  const local = localPath(service, path);
  const segments = local.split('/').filter(Boolean);
  const storage = service.includes('storage');
  const everything = segments.length === 0 || (segments.length === 1 && /^\{[^}]*=\*\*\}$/.test(segments[0]));
  const first = segments[0]?.replace(/^\{|\}$/g, '') ?? '';
  return {
    everything,
    userData: USER_DATA.test(first) || segments.some((s) => /^\{(uid|userId|user_id|ownerId)\}$/.test(s)),
    label: everything ? (storage ? 'every file in the bucket' : 'every document') : `${storage ? 'files under' : 'documents in'} \`${local}\``,
  };
}

const verbs = (write: boolean, read: boolean) => (write && read ? 'read and write' : write ? 'write' : 'read');

function message(v: Verdict, scope: Scope, write: boolean, read: boolean, shown: string): string | undefined {
  if (v.kind === 'test-mode') {
    return `These are Firebase's "test mode" rules: anyone can ${verbs(write, read)} ${scope.label}${v.until ? ` until ${v.until}` : ''} (\`${shown}\`), and after that date every request is denied and the app stops working. Replace them with rules per collection or path that check \`request.auth\` and ownership.`;
  }
  if (v.kind === 'signed-in') {
    if (!scope.everything) return undefined;
    return `Any signed-in user can ${verbs(write, read)} ${scope.label} (\`${shown}\`): anyone can create an account with your app's public config, then read other users' data or overwrite and delete everything. Write rules per collection that check ownership (\`request.auth.uid == userId\`) and validate \`request.resource.data\`.`;
  }
  const publicRead = read && (scope.everything || scope.userData);
  if (!write && !publicRead) return undefined;
  return `Anyone on the internet can ${verbs(write, publicRead)} ${scope.label} (\`${shown}\`): no sign-in is needed, and your app's public config says where the data is. Require \`request.auth != null\`, check ownership (\`request.auth.uid == userId\`), and validate \`request.resource.data\` on writes.`;
}

const clip = (s: string) => { const one = s.replace(/\s+/g, ' '); return one.length > 70 ? `${one.slice(0, 67)}...` : one; };

function checkRulesFile(ctx: FileRuleContext): void {
  const { file } = ctx;
  const tokens = tokenize(file.text);
  const services = tokens.filter((t, i) => t.t === 'id' && t.v === 'service' && tokens[i + 1]?.t === 'id');
  if (!services.length) return;
  for (const r of readRules(tokens)) {
    if (!/firestore|storage/.test(r.service)) continue;
    const v = classify(r.condition);
    if (!v) continue;
    const write = r.methods.some((m) => WRITE.has(m));
    const read = r.methods.some((m) => READ.has(m));
    const msg = message(v, scopeOf(r.service, r.path), write, read, clip(file.text.slice(r.start, r.end)));
    if (msg) ctx.report({ message: msg, range: file.lines.range(r.start, r.end) });
  }
}

const NOW_MS = /^\s*now\s*<\s*(\d{12,14})\s*$/;

function rtdbVerdict(value: jsonc.Node): Verdict | undefined {
  if (value.type === 'boolean') return value.value === true ? { kind: 'open' } : undefined;
  if (value.type !== 'string') return undefined;
  const s = String(value.value).trim();
  if (s === 'true') return { kind: 'open' };
  const m = NOW_MS.exec(s);
  if (m) { const d = new Date(Number(m[1])); return { kind: 'test-mode', until: ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) }; }
  if (/^auth\s*!==?\s*null$|^auth\.uid\s*!==?\s*null$/.test(s)) return { kind: 'signed-in' };
  return undefined;
}

function walkRtdb(ctx: FileRuleContext, node: jsonc.Node, path: string[]): void {
  if (node.type !== 'object') return;
  const props = (node.children ?? []).filter((p) => p.children?.length === 2);
  const rule = (key: string) => props.find((p) => p.children![0].value === key);
  const read = rule('.read');
  const write = rule('.write');
  const rv = read && rtdbVerdict(read.children![1]);
  const wv = write && rtdbVerdict(write.children![1]);
  const local = '/' + path.join('/');
  const scope: Scope = {
    everything: path.length === 0,
    userData: USER_DATA.test(path[0] ?? '') || path.some((s) => /^\$(uid|userId|user_id)$/.test(s)),
    label: path.length === 0 ? 'the whole database' : `\`${local}\``,
  };
  const report = (anchor: jsonc.Node, v: Verdict, w: boolean, r: boolean) => {
    const msg = message(v, scope, w, r, clip(ctx.file.text.slice(anchor.offset, anchor.offset + anchor.length)));
    if (msg) ctx.report({ message: msg, range: ctx.file.lines.range(anchor.offset, anchor.offset + anchor.length) });
  };
  if (rv && wv && rv.kind === wv.kind) report(read!, rv, true, true);
  else {
    if (rv) report(read!, rv, false, true);
    if (wv) report(write!, wv, true, false);
  }
  for (const p of props) {
    const key = String(p.children![0].value);
    if (!key.startsWith('.')) walkRtdb(ctx, p.children![1], [...path, key]);
  }
}

const rule: FileRule = {
  meta: {
    id: 'security/open-firebase-rules',
    category: 'security',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'Firebase security rules allow public access',
    fixKind: 'none',
    effort: 'day',
    checklist: 'harden.auth',
    docs: {
      why: "With Firebase, the browser talks to the database directly, and the web config that says where it is ships in every page. The security rules are the only access control: `allow read, write: if true;` (or an `allow` with no condition, or `\".write\": true` in Realtime Database rules) lets anyone on the internet read, overwrite or delete the data. The \"test mode\" rules the console suggests (`if request.time < timestamp.date(...)`) are the same, until the date passes and the app stops working; `request.auth != null` on every document lets any self-registered user do the same.",
      checks: "Public reads of specific, non-personal collections (products, posts) stay quiet.",
      bad: { files: { 'firestore.rules': "rules_version = '2';\nservice cloud.firestore {\n  match /databases/{database}/documents {\n    match /{document=**} {\n      allow read, write: if request.time < timestamp.date(2025, 1, 1);\n    }\n  }\n}\n" } },
      good: { files: { 'firestore.rules': "rules_version = '2';\nservice cloud.firestore {\n  match /databases/{database}/documents {\n    match /users/{userId} {\n      allow read, write: if request.auth != null && request.auth.uid == userId;\n    }\n    match /posts/{postId} {\n      allow read: if true;\n      allow create: if request.auth != null && request.resource.data.authorId == request.auth.uid;\n    }\n  }\n}\n" } },
      fix: 'Write rules per collection (or storage path): require `request.auth != null`, tie documents to their owner (`request.auth.uid == userId`, `resource.data.ownerId == request.auth.uid`), validate `request.resource.data` on writes, and keep `if true` for reads of public content only. Test them with the Firebase emulator (@firebase/rules-unit-testing) before deploying.',
    },
  },
  scope: 'file',
  kinds: ['text', 'json'],
  check(ctx) {
    const { file } = ctx;
    if (isTestPath(file.path)) return;
    const name = basename(file.path);
    if (file.kind === 'text' && /\.rules$/i.test(name)) checkRulesFile(ctx);
    else if (file.kind === 'json' && /(^|\.)rules\.json$/i.test(name) && file.ast?.type === 'object') {
      const rules = (file.ast.children ?? []).find((p) => p.children?.[0]?.value === 'rules')?.children?.[1];
      if (rules) walkRtdb(ctx, rules, []);
    }
  },
};

export default rule;
