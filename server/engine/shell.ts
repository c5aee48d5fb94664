/**
 * A small shell reader for commands written in config (package.json scripts, Dockerfile RUN/CMD, Procfile, CI
 * `run:` steps): splits a command line into commands and words (quotes, escapes, line continuations, comments),
 * keeping each word's offsets so a rule can edit exactly that word. Not a shell: no expansion, no here-docs.
 */

export interface ShellWord {
  /** The word after quote removal. */
  value: string;
  /** Offsets in the source (after mapping through `offsets` when given). */
  start: number;
  end: number;
}

/**
 * Splits `text` into commands (at `&&`, `||`, `;`, `|`, `&`, newlines, parentheses) of words.
 * `offsets[i]` is the source offset of text[i] (identity plus `base` when omitted), for text decoded from JSON.
 */
export function shellCommands(text: string, base = 0, offsets?: readonly number[]): ShellWord[][] {
  const at = (i: number) => (offsets ? offsets[i] : base + i);
  const commands: ShellWord[][] = [];
  let cur: ShellWord[] = [];
  let word: { value: string; start: number } | undefined;
  const endWord = (i: number) => { if (word) { cur.push({ value: word.value, start: at(word.start), end: at(i) }); word = undefined; } };
  const endCommand = (i: number) => { endWord(i); if (cur.length) commands.push(cur); cur = []; };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '\n') { endWord(i); i += 2; continue; }
    if (c === '\\' && text[i + 1] === '\r' && text[i + 2] === '\n') { endWord(i); i += 3; continue; }
    if (c === ' ' || c === '\t') { endWord(i); i++; continue; }
    if (c === '\n' || c === '\r' || c === ';' || c === '(' || c === ')') { endCommand(i); i++; continue; }
    if (c === '&' || c === '|') { endCommand(i); i += text[i + 1] === c ? 2 : 1; continue; }
    if (c === '#' && !word) { while (i < n && text[i] !== '\n') i++; continue; }
    word ??= { value: '', start: i };
    if (c === "'") {
      const e = text.indexOf("'", i + 1);
      const stop = e < 0 ? n : e;
      word.value += text.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < n && '"\\$`'.includes(text[i + 1])) { word.value += text[i + 1]; i += 2; continue; }
        word.value += text[i++];
      }
      i++;
      continue;
    }
    if (c === '\\' && i + 1 < n) { word.value += text[i + 1]; i += 2; continue; }
    word.value += c;
    i++;
  }
  endCommand(n);
  return commands;
}

/**
 * Decodes a JSON string token (`"a \"b\""`, quotes included) with the source offset of every decoded character
 * (and one past the end), so positions found in the value map back to the file.
 */
export function decodeJsonString(text: string, start: number, end: number): { value: string; offsets: number[] } {
  let value = '';
  const offsets: number[] = [];
  let i = start + 1;
  const stop = end - 1;
  while (i < stop) {
    const c = text[i];
    if (c === '\\' && i + 1 < stop) {
      const e = text[i + 1];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
      if (e === 'u') { value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16) || 0); offsets.push(i); i += 6; continue; }
      value += simple[e] ?? e;
      offsets.push(i);
      i += 2;
      continue;
    }
    value += c;
    offsets.push(i);
    i++;
  }
  offsets.push(stop);
  return { value, offsets };
}

/** An invocation of a program, after env assignments and runners (`npx`, `pnpm exec`, `dotenv --`, `cross-env`...). */
export interface Invocation {
  /** The program's name (basename of the path, lower-cased). */
  bin: string;
  binWord: ShellWord;
  args: ShellWord[];
}

const RUNNERS_SKIP_FLAGS = new Set(['npx', 'bunx', 'pnpx', 'time', 'exec', 'nohup', 'sudo']);
const WITH_SUB: Record<string, Set<string>> = { pnpm: new Set(['exec', 'dlx']), yarn: new Set(['exec', 'dlx']), npm: new Set(['exec', 'x']), bun: new Set(['x']) };
const ENV_TOOLS = new Set(['dotenv', 'dotenv-cli', 'cross-env', 'env', 'env-cmd', 'cross-env-shell', 'dotenvx']);
const SECRET_RUNNERS = new Set(['doppler', 'infisical', 'op', 'chamber', 'aws-vault', 'teller']);
const FLAG_WITH_VALUE = new Set(['-e', '-f', '-c', '-v', '-p', '--file', '--env', '--package', '--env-file', '--environment', '--config', '--project']);
/** Tools that `pnpm <bin>` / `yarn <bin>` run directly. */
const KNOWN_BINS = /^(prisma|drizzle-kit|typeorm(-ts-node-(commonjs|esm))?|knex|sequelize(-cli)?|node-pg-migrate|db-migrate)$/;

export function invocation(words: readonly ShellWord[]): Invocation | undefined {
  let i = 0;
  const skipFlags = () => {
    while (i < words.length && words[i].value.startsWith('-') && words[i].value !== '--') {
      i += FLAG_WITH_VALUE.has(words[i].value) ? 2 : 1;
    }
    if (words[i]?.value === '--') i++;
  };
  for (let guard = 0; guard < 8 && i < words.length; guard++) {
    const w = words[i].value;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) { i++; guard--; continue; }
    const name = w.slice(w.lastIndexOf('/') + 1).toLowerCase().replace(/(.)@.*$/, '$1');
    if (RUNNERS_SKIP_FLAGS.has(name)) { i++; skipFlags(); continue; }
    if (WITH_SUB[name] && words[i + 1] && WITH_SUB[name].has(words[i + 1].value)) { i += 2; skipFlags(); continue; }
    if ((name === 'pnpm' || name === 'yarn') && words[i + 1] && KNOWN_BINS.test(words[i + 1].value)) { i++; continue; }
    if (ENV_TOOLS.has(name)) {
      i++;
      const dashdash = words.findIndex((x, k) => k >= i && x.value === '--');
      if (dashdash >= 0) { i = dashdash + 1; continue; }
      while (i < words.length && (words[i].value.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].value))) i += FLAG_WITH_VALUE.has(words[i].value) ? 2 : 1;
      continue;
    }
    if (SECRET_RUNNERS.has(name)) {
      const dashdash = words.findIndex((x, k) => k > i && x.value === '--');
      if (dashdash < 0) return undefined;
      i = dashdash + 1;
      continue;
    }
    return { bin: name, binWord: words[i], args: words.slice(i + 1) };
  }
  return undefined;
}

/** Package scripts a command runs: `npm run x`, `npm start`, `yarn x`, `pnpm run x`, `bun run x`, `run-s a b`, `npm-run-all a b`. */
export function scriptReferences(words: readonly ShellWord[], scripts: Readonly<Record<string, string>>): string[] {
  const inv = invocation(words);
  if (!inv) return [];
  const a = inv.args.map((w) => w.value);
  const out: string[] = [];
  const pick = (list: string[]) => { for (const s of list) if (!s.startsWith('-') && scripts[s] !== undefined) out.push(s); };
  switch (inv.bin) {
    case 'npm':
      if (a[0] === 'run' || a[0] === 'run-script') pick(a.slice(1, 2));
      else if (['start', 'test', 'stop', 'restart'].includes(a[0])) pick([a[0]]);
      break;
    case 'pnpm':
    case 'yarn':
    case 'bun':
      if (a[0] === 'run') pick(a.slice(1, 2)); else if (inv.bin !== 'bun') pick(a.slice(0, 1));
      break;
    case 'npm-run-all':
    case 'run-s':
    case 'run-p':
      pick(a);
      break;
  }
  return out;
}
