import { ts } from 'ts-morph';
import type { Fix, TextEdit, TsRule, TsVisitor } from '../../server/engine/types';
import { accessPath, asObject, calleeName, findProperty, isTestPath, isTrue, resolveCallee, stringValue, unwrap } from '../../server/engine/ts/helpers';
import type { FileImports } from '../../server/engine/ts/imports';
import { nodeRange, quoteOf } from '../../server/engine/ts/edits';
import { clip } from '../../server/engine/ts/clip';
import { StaticValues, findDeclaration } from '../../server/engine/ts/values';

type Sink = 'eval' | 'function' | 'vm' | 'exec' | 'spawn' | 'timer';

const CHILD_PROCESS = new Set(['child_process', 'node:child_process']);
const VM = new Set(['vm', 'node:vm']);
const VM_RUNNERS = new Set(['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction', 'Script']);
const SHELL_EXEC = new Set(['exec', 'execSync']);
const SPAWNERS = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);
const PATH_MODULES = new Set(['path', 'node:path', 'path/posix', 'node:path/posix']);
const PATH_FNS = new Set(['join', 'resolve', 'normalize', 'dirname', 'basename', 'extname', 'relative', 'posix.join', 'posix.resolve']);
const SHELL_QUOTERS = new Map([['shell-quote', 'quote'], ['shell-escape', ''], ['shescape', 'quote'], ['any-shell-escape', '']]);
/** Developer-run scripts, seeds, command-line entry points and tool configs: no request input reaches them. */
const DEV_FILE = /(^|\/)(scripts?|seeds?|seeders?|tools?|bin)\/|(^|\/)seed\.[cm]?[jt]s$|(^|\/)[\w.-]+\.config\.[cm]?[jt]s$/i;
/** Literal parts of a command the fix may split on spaces: no quoting, expansion, globbing, redirection or chaining. */
const PLAIN_COMMAND = /^[A-Za-z0-9_\-.,/:=@%+ ]*$/;

const WHY: Record<Sink, string> = {
  eval: 'whoever controls that value runs JavaScript in your server process, with its environment secrets and database access',
  function: 'whoever controls that value runs JavaScript in your server process, with its environment secrets and database access',
  vm: 'the vm module is not a security sandbox: code it runs can reach the host process (`this.constructor.constructor("return process")()`), so whoever controls that value controls the server',
  exec: 'the command goes through a shell, so a value containing `;`, `|`, `&&`, `$()` or backticks runs any command on the server',
  spawn: 'with `shell: true` the command and its arguments go through a shell, so a value containing `;`, `|`, `$()` or backticks runs any command on the server',
  timer: 'a string passed to a timer is evaluated as code, like eval()',
};
const TODO: Record<Sink, string> = {
  eval: 'Parse data with JSON.parse, and replace dynamic code with a lookup of functions you wrote.',
  function: 'Replace generated code with a lookup of functions you wrote (or a small expression parser for user formulas).',
  vm: 'Never run code users can influence; if you must, isolate it in a separate process or an isolate (isolated-vm, a worker with no privileges).',
  exec: 'Run the program directly with execFile/spawn and an argument array (no shell), and pass user values after `--` when the program accepts options.',
  spawn: 'Drop `shell: true` and pass the program and an argument array, so no shell interprets the values.',
  timer: 'Pass a function instead: `setTimeout(() => run(x), ms)`.',
};

/** A named function-like binding of `child_process` (via import, require, or `promisify(exec)`). */
interface ShellFn { name: string; promisified?: boolean }

const rule: TsRule = {
  meta: {
    id: 'security/code-injection',
    category: 'security',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'Code or shell commands are built from non-constant input',
    fixKind: 'edit',
    effort: 'hour',
    checklist: 'harden.validation',
    docs: {
      why: "`eval`, `new Function`, the `vm` module and shell commands (`child_process.exec`, `execSync`, `spawn` with `shell: true`) turn a string into code. When part of that string comes from a request, a file name or a database row, one crafted value runs arbitrary code or commands on the server: reading every secret in its environment, the database, and the machine.",
      checks: "Strings built only from constants are not reported; neither are tests, seeds, scripts and tool configs.",
      bad: { files: { 'src/thumbnails.ts': "import { exec } from 'node:child_process';\n\nexport function thumbnail(input: string, output: string, done: (err: Error | null) => void) {\n  exec(`convert ${input} -resize 200x200 ${output}`, done);\n}\n" } },
      good: { files: { 'src/thumbnails.ts': "import { execFile } from 'node:child_process';\n\nexport function thumbnail(input: string, output: string, done: (err: Error | null) => void) {\n  execFile('convert', [input, '-resize', '200x200', output], done);\n}\n" } },
      fix: "Run programs without a shell: `execFile('convert', [input, output], cb)` or `spawn(cmd, args)` without `shell: true` (the quick fix rewrites `exec(`cmd ${a} ${b}`)` into that form when the template is plain words and values). Replace `eval`/`new Function` with JSON.parse or a lookup of known functions, and pass functions to setTimeout. The vm module is not a sandbox.",
    },
  },
  scope: 'ts',
  // modules: child_process / vm functions reached by element access or a quoted destructuring key
  triggers: {
    names: ['eval', 'Function', 'setTimeout', 'setInterval', 'setImmediate', ...SHELL_EXEC, ...SPAWNERS, ...VM_RUNNERS],
    modules: [...CHILD_PROCESS, ...VM, 'shelljs'],
  },
  create(ctx): TsVisitor {
    const { sf, imports, file } = ctx;
    const path = file.path;
    if (isTestPath(path) || DEV_FILE.test(path)) return {};
    const values = new StaticValues((id) => imports.bindings.get(id.text)?.module);
    let shellFns: Map<string, ShellFn> | undefined;
    const reported = new Set<ts.Node>();

    /** The first part of `e` that is neither constant nor a path built from the program's own location. */
    const culprit = (e: ts.Expression | undefined, depth = 0): ts.Expression | undefined => {
      if (!e || depth > 6) return undefined;
      const u = unwrap(e);
      if (ts.isTemplateExpression(u)) { for (const s of u.templateSpans) { const c = culprit(s.expression, depth + 1); if (c) return c; } return undefined; }
      if (ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.PlusToken) return culprit(u.left, depth + 1) ?? culprit(u.right, depth + 1);
      if (ts.isIdentifier(u) && (u.text === '__dirname' || u.text === '__filename')) return undefined;
      if (ts.isPropertyAccessExpression(u) && ts.isMetaProperty(u.expression) && /^(dirname|filename|url)$/.test(u.name.text)) return undefined;
      if (ts.isCallExpression(u)) {
        const r = resolveCallee(u.expression, imports);
        const p = accessPath(u.expression)?.join('.');
        if (p === 'process.cwd' || (r && /^(node:)?os$/.test(r.module) && /^(tmpdir|homedir)$/.test(r.path.join('.')))) return undefined;
        if (r && PATH_MODULES.has(r.module) && PATH_FNS.has(r.path.join('.'))) { for (const a of u.arguments) { const c = culprit(a, depth + 1); if (c) return c; } return undefined; }
        if (r && SHELL_QUOTERS.has(r.module) && SHELL_QUOTERS.get(r.module) === r.path.join('.')) return undefined;
        if (r && /^(node:)?url$/.test(r.module) && r.path.join('.') === 'fileURLToPath') return culprit(u.arguments[0], depth + 1);
      }
      if (ts.isIdentifier(u)) {
        const decl = findDeclaration(u);
        if (decl && ts.isVariableDeclaration(decl) && decl.initializer && ts.isVariableDeclarationList(decl.parent) && decl.parent.flags & ts.NodeFlags.Const) { const c = culprit(decl.initializer, depth + 1); return c ? values.dynamicPart(u) ?? c : undefined; }
      }
      return values.dynamicPart(u);
    };

    /** Local names bound to child_process functions, including `promisify(exec)` results. */
    const shellBindings = (): Map<string, ShellFn> => {
      if (shellFns) return shellFns;
      shellFns = new Map();
      for (const b of imports.bindings.values()) if (CHILD_PROCESS.has(b.module) && b.name !== '*' && b.name !== 'default') shellFns.set(b.local, { name: b.name });
      const visit = (n: ts.Node): void => {
        if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
          const init = unwrap(n.initializer);
          if (ts.isCallExpression(init) && calleeName(init) === 'promisify' && init.arguments[0]) {
            const target = childProcessFn(init.arguments[0], imports, shellFns!);
            if (target) shellFns!.set(n.name.text, { name: target, promisified: true });
          }
        }
        if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
      };
      sf.statements.forEach(visit);
      return shellFns;
    };

    const report = (anchor: ts.Node, sink: Sink, what: string, bad: ts.Expression, fixes?: Fix[]) => {
      if (reported.has(anchor)) return;
      reported.add(anchor);
      ctx.report({
        message: `${what} is built from a non-constant value (\`${clip(bad.getText(sf))}\`): ${WHY[sink]}. ${TODO[sink]}`,
        range: nodeRange(sf, anchor),
        fixes,
      });
    };

    const onCall = (node: ts.Node) => {
      const call = node as ts.CallExpression | ts.NewExpression;
      const args = call.arguments ?? ts.factory.createNodeArray<ts.Expression>();
      const callee = unwrap(call.expression);
      const isNew = ts.isNewExpression(call);
      const label = (ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee)) ? callee.getText(sf) : calleeName(call) ?? 'call';

      if (ts.isIdentifier(callee) || (ts.isPropertyAccessExpression(callee) && /^(window|globalThis|global|self)$/.test(callee.expression.getText(sf)))) {
        const name = ts.isIdentifier(callee) ? callee.text : callee.name.text;
        const local = ts.isIdentifier(callee) && (imports.bindings.has(name) || findDeclaration(callee));
        if (!local) {
          if (name === 'eval' && !isNew) { const bad = culprit(args[0]); if (bad) report(call, 'eval', '`eval()` runs a string that', bad); return; }
          if (name === 'Function') { for (const a of args) { const bad = culprit(a); if (bad) { report(call, 'function', `\`${isNew ? 'new ' : ''}Function()\` compiles code that`, bad); return; } } return; }
          if ((name === 'setTimeout' || name === 'setInterval' || name === 'setImmediate') && args[0]) {
            const arg = unwrap(args[0]);
            if (ts.isTemplateExpression(arg) || stringConcat(arg)) {
              const bad = culprit(arg);
              if (bad) report(call, 'timer', `\`${name}()\` gets a string of code that`, bad);
            }
            return;
          }
        }
      }

      const resolved = resolveCallee(call.expression, imports) ?? inlineRequire(call.expression);
      const rpath = resolved?.path.join('.');
      if (resolved && VM.has(resolved.module) && rpath && VM_RUNNERS.has(rpath) && (rpath !== 'Script' || isNew)) {
        const bad = culprit(args[0]);
        if (bad) report(call, 'vm', `\`${label}()\` runs code that`, bad);
        return;
      }
      if (resolved?.module === 'shelljs' && rpath === 'exec') {
        const bad = culprit(args[0]);
        if (bad) report(call, 'exec', `The shell command of \`${label}()\``, bad);
        return;
      }
      let fn: ShellFn | undefined;
      if (resolved && CHILD_PROCESS.has(resolved.module) && rpath) fn = { name: rpath };
      else if (ts.isIdentifier(callee)) fn = shellBindings().get(callee.text);
      if (!fn || isNew) return;
      if (SHELL_EXEC.has(fn.name)) {
        const bad = culprit(args[0]);
        if (!bad) return;
        report(call, 'exec', `The shell command of \`${label}()\``, bad, fn.promisified ? undefined : execFileFix(sf, path, imports, call as ts.CallExpression, fn.name));
        return;
      }
      if (SPAWNERS.has(fn.name)) {
        const optsArg = args.find((a, i) => i > 0 && asObject(a, ctx.consts));
        const opts = asObject(optsArg, ctx.consts);
        const shell = opts && findProperty(opts, 'shell', ctx.consts)?.value;
        if (!shell || !(isTrue(shell, ctx.consts) || stringValue(shell, ctx.consts) !== undefined)) return;
        const argv = args[1] && !asObject(args[1], ctx.consts) ? args[1] : undefined;
        const bad = culprit(args[0]) ?? culprit(argv);
        if (bad) report(call, 'spawn', `The command of \`${label}()\` with \`shell: true\``, bad);
      }
    };

    return { CallExpression: onCall, NewExpression: onCall };
  },
};

/** `'a' + x`, `x + 'a' + y`: a concatenation with a string literal in it. */
function stringConcat(e: ts.Expression): boolean {
  const u = unwrap(e);
  if (!ts.isBinaryExpression(u) || u.operatorToken.kind !== ts.SyntaxKind.PlusToken) return false;
  const side = (x: ts.Expression) => ts.isStringLiteralLike(unwrap(x)) || ts.isTemplateExpression(unwrap(x)) || stringConcat(x);
  return side(u.left) || side(u.right);
}

/** `require('child_process').exec` and `require('vm').runInNewContext`, inline. */
function inlineRequire(e: ts.Expression): { module: string; path: string[] } | undefined {
  const u = unwrap(e);
  if (!ts.isPropertyAccessExpression(u)) return undefined;
  const obj = unwrap(u.expression);
  if (ts.isCallExpression(obj) && ts.isIdentifier(obj.expression) && obj.expression.text === 'require' && obj.arguments[0] && ts.isStringLiteralLike(obj.arguments[0])) {
    return { module: obj.arguments[0].text, path: [u.name.text] };
  }
  return undefined;
}

/** The child_process function an expression names: `exec`, `cp.exec`, `require('child_process').exec`. */
function childProcessFn(e: ts.Expression, imports: FileImports, known: Map<string, ShellFn>): string | undefined {
  const u = unwrap(e);
  if (ts.isIdentifier(u) && known.has(u.text) && !known.get(u.text)!.promisified) return known.get(u.text)!.name;
  const r = resolveCallee(u, imports) ?? inlineRequire(u);
  return r && CHILD_PROCESS.has(r.module) ? r.path.join('.') : undefined;
}

interface Token { parts: Array<{ text: string } | { expr: ts.Expression }> }

/** Splits `cmd ${a} --out=${b}` into words of literal text and values; undefined unless every literal part is plain. */
function words(tpl: ts.TemplateExpression): Token[] | undefined {
  const tokens: Token[] = [];
  let cur: Token | undefined;
  const addText = (text: string) => {
    if (!PLAIN_COMMAND.test(text)) return false;
    const pieces = text.split(' ');
    pieces.forEach((piece, i) => {
      if (i > 0) cur = undefined;
      if (!piece) return;
      if (!cur) tokens.push((cur = { parts: [] }));
      cur.parts.push({ text: piece });
    });
    return true;
  };
  if (!addText(tpl.head.text)) return undefined;
  for (const span of tpl.templateSpans) {
    if (!cur) tokens.push((cur = { parts: [] }));
    cur.parts.push({ expr: span.expression });
    if (!addText(span.literal.text)) return undefined;
  }
  return tokens;
}

function execFileFix(sf: ts.SourceFile, path: string, imports: FileImports, call: ts.CallExpression, fnName: string): Fix[] | undefined {
  const [cmdArg, ...rest] = call.arguments;
  const tpl = cmdArg && unwrap(cmdArg);
  if (!tpl || !ts.isTemplateExpression(tpl) || tpl !== cmdArg) return undefined;
  const tokens = words(tpl);
  if (!tokens?.length) return undefined;
  const [program, ...argv] = tokens;
  if (program.parts.length !== 1 || !('text' in program.parts[0])) return undefined;
  const q = quoteOf(sf);
  const render = (t: Token): string => {
    if (t.parts.length === 1) { const p = t.parts[0]; return 'text' in p ? `${q}${p.text}${q}` : p.expr.getText(sf); }
    return '`' + t.parts.map((p) => ('text' in p ? p.text : `\${${p.expr.getText(sf)}}`)).join('') + '`';
  };
  const target = fnName === 'exec' ? 'execFile' : 'execFileSync';
  const edits: TextEdit[] = [];
  const callee = unwrap(call.expression);
  let calleeText: string;
  if (ts.isPropertyAccessExpression(callee)) {
    calleeText = `${callee.expression.getText(sf)}.${target}`;
  } else if (ts.isIdentifier(callee)) {
    const existing = [...imports.bindings.values()].find((b) => CHILD_PROCESS.has(b.module) && b.name === target);
    if (existing) calleeText = existing.local;
    else {
      const binding = imports.bindings.get(callee.text);
      if (!binding || binding.name !== fnName || binding.local !== fnName || imports.bindings.has(target) || findTopLevel(sf, target)) return undefined;
      const spec = binding.node;
      const onlyUse = countUses(sf, callee.text) === 2;
      if (ts.isImportSpecifier(spec) || ts.isBindingElement(spec)) {
        edits.push(onlyUse
          ? { file: path, range: nodeRange(sf, spec), newText: target }
          : { file: path, range: nodeRange(sf, { pos: spec.end, end: spec.end }), newText: `, ${target}` });
      } else return undefined;
      calleeText = target;
    }
  } else return undefined;
  const args = [render(program), `[${argv.map(render).join(', ')}]`, ...rest.map((a) => a.getText(sf))];
  edits.push({ file: path, range: nodeRange(sf, call), newText: `${calleeText}(${args.join(', ')})` });
  return [{ title: `Run ${(program.parts[0] as { text: string }).text} with ${target} and an argument array (no shell)`, safe: false, edits }];
}

function findTopLevel(sf: ts.SourceFile, name: string): boolean {
  return sf.statements.some((st) => (ts.isFunctionDeclaration(st) && st.name?.text === name) || (ts.isVariableStatement(st) && st.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name)));
}

/** Identifier occurrences of `name` in the file (the import binding included). */
function countUses(sf: ts.SourceFile, name: string): number {
  let n = 0;
  const visit = (x: ts.Node): void => {
    if (ts.isIdentifier(x) && x.text === name) n++;
    ts.forEachChild(x, visit);
  };
  visit(sf);
  return n;
}

export default rule;
