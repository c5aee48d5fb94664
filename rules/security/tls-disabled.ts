import { ts } from 'ts-morph';
import * as jsonc from 'jsonc-parser';
import * as YAML from 'yaml';
import type { FileRuleContext, Range, Tier, TsRule, TsVisitor } from '../../server/engine/types';
import { basename } from '../../server/engine/parse';
import { CI_PATH } from '../../server/engine/facts/workspaceFacts';
import { assignmentsInText } from '../../server/engine/secrets';
import { asObject, calleeName, envVarName, findProperty, isTestPath, propName, stringValue, unwrap, type ConstTable } from '../../server/engine/ts/helpers';
import { nodeRange } from '../../server/engine/ts/edits';
import { returnedExpressions } from '../../server/engine/ts/values';
import { devOnly } from '../../server/engine/ts/envGate';

const NODE_TLS = 'NODE_TLS_REJECT_UNAUTHORIZED';
/** Options that turn certificate checks off, and the value that does it. */
const INSECURE: Record<string, boolean> = {
  rejectUnauthorized: false, strictSSL: false, sslValidate: false,
  tlsAllowInvalidCertificates: true, tlsAllowInvalidHostnames: true, tlsInsecure: true,
};
const isInsecureOption = (name: string | undefined): name is string => !!name && Object.hasOwn(INSECURE, name);
const LOCAL_HOST = /^(localhost|127(\.\d+){3}|::1|\[::1\]|0\.0\.0\.0|host\.docker\.internal|[\w-]+\.localhost)$/i;
/** Env files and scripts for development and tests only. */
const DEV_ENV_FILE = /(^|\/)\.env\.(development|dev|test|testing|local|e2e|ci)(\.local)?$|(^|\/)\.env\.[\w-]+\.local$/i;
const DEV_SCRIPT_NAME = /(^|[:_-])(dev|develop|development|test|tests|e2e|local|watch|storybook|debug|cy|cypress|playwright|mock)([:_-]|$)/i;
const DEV_JOB = /test|e2e|spec|lint|check|integration|storybook|preview|dev/i;

const WHY_GENERIC = 'anyone on the network path (a shared Wi-Fi, a compromised hop, a malicious proxy) can impersonate the server and read or change the traffic, credentials and tokens included';
const CA_ADVICE = "If the server uses a private CA or a self-signed certificate, trust that certificate instead (`ca: fs.readFileSync('ca.pem')`, or NODE_EXTRA_CA_CERTS).";

const MESSAGES = {
  generic: (what: string) => `\`${what}\` turns off TLS certificate checks: ${WHY_GENERIC}. ${CA_ADVICE}`,
  database: (what: string) => `\`${what}\` encrypts the database connection but accepts any certificate: anyone on the network path can impersonate the database and read every query and result, password hashes included. Managed databases (Heroku, Render, Supabase, Neon, RDS, DigitalOcean) publish their CA certificate: pass it as \`ssl: { ca: fs.readFileSync('ca.pem', 'utf8') }\`, or use \`sslmode=verify-full\` with \`sslrootcert\`.`,
  smtp: (what: string) => `\`${what}\` accepts any certificate from the mail server: anyone on the network path can impersonate it and collect your SMTP credentials and every email sent. Connect to the provider's real host name (its certificate then verifies) or trust its CA with \`tls: { ca }\`.`,
  hostname: () => `\`checkServerIdentity\` accepts any host name: a valid certificate for any domain is taken for this server, so ${WHY_GENERIC}. Remove it (Node checks the host name by default) or compare the certificate's fingerprint in it.`,
  nodeTls: (where: string) => `${where} sets \`${NODE_TLS}=0\`, which turns off certificate checks for every HTTPS and TLS connection of the process (payment APIs, OAuth, the database): ${WHY_GENERIC}. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem instead.`,
  sslmode: () => `This connection string sets \`sslmode=no-verify\`: the connection is encrypted but any certificate is accepted, so anyone on the network path can impersonate the database and read every query. Use \`sslmode=verify-full\` with the provider's CA certificate (\`sslrootcert=\`).`,
  npm: (where: string) => `${where} turns off npm's certificate checks (\`strict-ssl=false\`): packages are installed from whoever answers for the registry, so a tampered package can run code at install time. Remove it; behind a proxy with its own CA, point npm at it with \`cafile=\`.`,
};

type Flavor = 'generic' | 'database' | 'smtp';

/** Names of the properties enclosing an object (innermost first), and the call it is an argument of. */
function context(obj: ts.ObjectLiteralExpression): { props: string[]; call?: ts.CallExpression | ts.NewExpression; objects: ts.ObjectLiteralExpression[] } {
  const props: string[] = [];
  const objects: ts.ObjectLiteralExpression[] = [obj];
  let n: ts.Node = obj;
  for (let i = 0; i < 6 && n.parent; i++) {
    const p = n.parent;
    if (ts.isPropertyAssignment(p)) { const name = propName(p.name); if (name) props.push(name); n = p.parent; if (ts.isObjectLiteralExpression(n)) objects.push(n); continue; }
    if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isConditionalExpression(p) || ts.isBinaryExpression(p)) { n = p; continue; }
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(n as ts.Expression)) return { props, call: p, objects };
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) { props.push(p.name.text); break; }
    break;
  }
  return { props, objects };
}

function flavorOf(obj: ts.ObjectLiteralExpression): Flavor {
  const { props, call } = context(obj);
  const callee = call ? calleeName(call) ?? '' : '';
  if (props[0] === 'tls' && /^(createTransport|createTransporter)$/.test(callee)) return 'smtp';
  if (props.some((p) => /^(ssl|dialectOptions|extra|connection|connectionOptions|driverOptions)$/i.test(p)) && !props.some((p) => /^(httpsAgent|https|agent)$/.test(p))) return 'database';
  if (/^(Pool|Client|createPool|createConnection|Sequelize|DataSource|knex|postgres|MongoClient|connect)$/.test(callee) && props[0] !== 'https') {
    return callee === 'connect' && !props.length ? 'generic' : 'database';
  }
  if (props.some((p) => /^(mongo|mongodb|db|database|postgres|pg|mysql|redis)/i.test(p))) return 'database';
  return 'generic';
}

/** The object, or one enclosing it, talks to a local host (a self-signed certificate in development is common and harmless). */
function localTarget(obj: ts.ObjectLiteralExpression, consts: ConstTable): boolean {
  return context(obj).objects.some((o) => ['host', 'hostname', 'servername', 'server'].some((k) => {
    const v = stringValue(findProperty(o, k, consts)?.value, consts);
    return !!v && LOCAL_HOST.test(v);
  }));
}

/** The parts of a value that evaluate to `bad` (following consts and the branches of a conditional). */
function badParts(e: ts.Expression | undefined, bad: boolean, consts: ConstTable, depth = 0): ts.Expression[] {
  if (!e || depth > 4) return [];
  const u = unwrap(e);
  if (ts.isConditionalExpression(u)) return [...badParts(u.whenTrue, bad, consts, depth + 1), ...badParts(u.whenFalse, bad, consts, depth + 1)];
  if (ts.isIdentifier(u)) { const init = consts.get(u.text); return init && badParts(init, bad, consts, depth + 1).length ? [u] : []; }
  if (u.kind === (bad ? ts.SyntaxKind.TrueKeyword : ts.SyntaxKind.FalseKeyword)) return [u];
  return [];
}

function acceptsAnyHost(e: ts.Expression | undefined): boolean {
  const u = e && unwrap(e);
  if (!u || !(ts.isArrowFunction(u) || ts.isFunctionExpression(u))) return false;
  const rets = returnedExpressions(u);
  if (!rets) return false;
  if (ts.isBlock(u.body) && u.body.statements.length === 0) return true;
  return rets.length > 0 && rets.every((r) => { const x = unwrap(r); return x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined') || ts.isVoidExpression(x); });
}

const shellWords = (s: string) => s.split(/[\s;&|()]+/).filter(Boolean);
const isNodeTlsOff = (word: string) => { const m = /^["']?NODE_TLS_REJECT_UNAUTHORIZED=["']?0["']?$/.exec(word); return !!m; };

const rule: TsRule = {
  meta: {
    id: 'security/tls-disabled',
    category: 'security',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'TLS certificate checks are turned off',
    fixKind: 'none',
    effort: 'hour',
    checklist: 'harden.secrets',
    docs: {
      why: "HTTPS and TLS protect traffic only when the client checks the server's certificate. `rejectUnauthorized: false`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `sslmode=no-verify` and friends keep the encryption but accept any certificate, so anyone on the network path can impersonate the database, the payment API or the mail server and read or change everything, credentials included. It is usually added to get past a self-signed or managed-database certificate error, and then ships to production.",
      checks: "These settings are also found in env files (templates included: they get copied to production), package.json scripts, Dockerfiles, docker-compose / Kubernetes / CI env, and `.npmrc` (`strict-ssl=false`, tech-debt). Code that only runs in development or tests (an environment check, `.env.development` / `.env.test` / `.env.local`, `dev`/`test` scripts, CI test jobs, test files) and connections to localhost are not reported.",
      bad: { files: { 'src/db.ts': "import { Pool } from 'pg';\n\nexport const pool = new Pool({\n  connectionString: process.env.DATABASE_URL,\n  ssl: { rejectUnauthorized: false },\n});\n" } },
      good: { files: { 'src/db.ts': "import { readFileSync } from 'node:fs';\nimport { Pool } from 'pg';\n\nexport const pool = new Pool({\n  connectionString: process.env.DATABASE_URL,\n  ssl: { ca: readFileSync(process.env.DATABASE_CA_PATH ?? 'certs/db-ca.pem', 'utf8') },\n});\n" } },
      fix: "Keep certificate checks on and trust the certificate you need instead: the provider's CA for managed databases (`ssl: { ca }`, `sslmode=verify-full` with `sslrootcert`), your private CA for internal services (`ca:` on the agent, or `NODE_EXTRA_CA_CERTS` for the whole process). Gate any exception on the environment so it cannot run in production.",
    },
  },
  scope: 'ts',
  kinds: ['env', 'package-json', 'dockerfile', 'yaml', 'text'],
  create(ctx): TsVisitor {
    const { sf, consts, file } = ctx;
    if (isTestPath(file.path)) return {};
    const reported = new Set<number>();
    const report = (anchor: ts.Node, message: string, tier?: Tier) => {
      const start = anchor.getStart(sf);
      if (reported.has(start)) return;
      reported.add(start);
      ctx.report({ message, range: nodeRange(sf, anchor), tier });
    };
    const checkProperty = (prop: ts.PropertyAssignment | ts.ShorthandPropertyAssignment) => {
      const name = propName(prop.name);
      if (!name) return;
      const obj = prop.parent;
      if (!ts.isObjectLiteralExpression(obj)) return;
      const value = ts.isPropertyAssignment(prop) ? prop.initializer : prop.name;
      if (name === 'checkServerIdentity') {
        if (acceptsAnyHost(value) && !devOnly(prop) && !localTarget(obj, consts)) report(prop, MESSAGES.hostname());
        return;
      }
      if (!isInsecureOption(name)) return;
      if (obj.properties.filter((q) => isInsecureOption(propName(q.name))).length >= 3) return;
      const bad = badParts(value, INSECURE[name], consts).filter((b) => !devOnly(b));
      if (!bad.length || devOnly(prop) || localTarget(obj, consts)) return;
      const what = `${name}: ${INSECURE[name]}`;
      const flavor = flavorOf(obj);
      const shown = flavor === 'database' && name === 'rejectUnauthorized' && context(obj).props[0] === 'ssl' ? `ssl: { ${what} }` : what;
      report(prop, MESSAGES[flavor](shown));
    };
    return {
      PropertyAssignment: (n) => checkProperty(n as ts.PropertyAssignment),
      ShorthandPropertyAssignment: (n) => checkProperty(n as ts.ShorthandPropertyAssignment),
      BinaryExpression(n) {
        const b = n as ts.BinaryExpression;
        if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken || devOnly(b)) return;
        const left = unwrap(b.left);
        if (envVarName(left) === NODE_TLS) {
          const v = stringValue(b.right, consts) ?? (ts.isNumericLiteral(unwrap(b.right)) ? (unwrap(b.right) as ts.NumericLiteral).text : undefined);
          if (v === '0') report(b, MESSAGES.nodeTls('This code'));
          return;
        }
        if (ts.isPropertyAccessExpression(left) && isInsecureOption(left.name.text) && badParts(b.right, INSECURE[left.name.text], consts).length) {
          report(b, MESSAGES.generic(`${left.name.text} = ${INSECURE[left.name.text]}`));
        }
      },
      CallExpression(n) {
        const call = n as ts.CallExpression;
        const target = call.arguments[0] && unwrap(call.arguments[0]);
        if (calleeName(call) !== 'assign' || !target || ts.isObjectLiteralExpression(target) || !/^process\.env$/.test(target.getText(sf))) return;
        const obj = asObject(call.arguments[1], consts);
        const v = obj && findProperty(obj, NODE_TLS, consts);
        if (v?.value && (stringValue(v.value, consts) === '0' || unwrap(v.value).getText(sf) === '0') && !devOnly(call)) report(v.node, MESSAGES.nodeTls('This code'));
      },
      StringLiteral(n) {
        const lit = n as ts.StringLiteral;
        if (/[?&]sslmode=no-verify(&|$)/i.test(lit.text) && !devOnly(lit)) report(lit, MESSAGES.sslmode());
      },
      NoSubstitutionTemplateLiteral(n) {
        const lit = n as ts.NoSubstitutionTemplateLiteral;
        if (/[?&]sslmode=no-verify(&|$)/i.test(lit.text) && !devOnly(lit)) report(lit, MESSAGES.sslmode());
      },
    };
  },
  check(ctx: FileRuleContext) {
    const { file } = ctx;
    const path = file.path;
    if (isTestPath(path)) return;
    const report = (start: number, end: number, message: string, tier?: Tier) => ctx.report({ message, range: file.lines.range(start, end), tier });
    const reportRange = (range: Range, message: string, tier?: Tier) => ctx.report({ message, range, tier });
    switch (file.kind) {
      case 'env': {
        if (DEV_ENV_FILE.test(path)) return;
        for (const e of file.ast) {
          const at = e.keyStart;
          if (e.key === NODE_TLS && e.value.trim() === '0') report(at, at + e.key.length, MESSAGES.nodeTls(basename(path)));
          else if (/[?&]sslmode=no-verify(&|$)/i.test(e.value)) report(at, at + e.key.length, MESSAGES.sslmode());
        }
        return;
      }
      case 'package-json': {
        const scripts = file.ast && jsonc.findNodeAtLocation(file.ast, ['scripts']);
        for (const prop of scripts?.type === 'object' ? scripts.children ?? [] : []) {
          const [k, v] = prop.children ?? [];
          if (!k || !v || v.type !== 'string' || DEV_SCRIPT_NAME.test(String(k.value))) continue;
          const cmd = String(v.value);
          const words = shellWords(cmd);
          if (words.some(isNodeTlsOff)) report(v.offset, v.offset + v.length, MESSAGES.nodeTls(`The "${k.value}" script`));
          else if (words.some((w, i) => /^--strict-ssl=false$/.test(w) || (w === 'strict-ssl' && words[i + 1] === 'false'))) report(v.offset, v.offset + v.length, MESSAGES.npm(`The "${k.value}" script`), 'tech-debt');
        }
        return;
      }
      case 'dockerfile': {
        for (const ins of file.ast.getInstructions()) {
          const keyword = ins.getKeyword();
          if (keyword === 'ENV' || keyword === 'ARG') {
            const own = [...file.ast.getENVs(), ...file.ast.getARGs()].find((p) => p === ins);
            for (const prop of own?.getProperties() ?? []) {
              if (prop.getName() === NODE_TLS && prop.getValue()?.replace(/^["']|["']$/g, '') === '0') reportRange(prop.getNameRange(), MESSAGES.nodeTls(`This Dockerfile's ${keyword}`));
            }
          } else if (keyword === 'RUN' || keyword === 'CMD' || keyword === 'ENTRYPOINT') {
            const args = ins.getArguments();
            const words = args.map((a) => a.getValue().replace(/^\[?["']?|["']?,?\]?$/g, ''));
            const tls = words.findIndex(isNodeTlsOff);
            if (tls >= 0) { reportRange(args[tls].getRange(), MESSAGES.nodeTls(`This ${keyword} instruction`)); continue; }
            const npm = words.findIndex((w, i) => /^--strict-ssl=false$/.test(w) || (w === 'strict-ssl' && words[i + 1] === 'false'));
            if (npm >= 0) reportRange(args[npm].getRange(), MESSAGES.npm(`This ${keyword} instruction`), 'tech-debt');
          }
        }
        return;
      }
      case 'yaml': {
        const ci = CI_PATH.test(path);
        for (const doc of file.ast) walkYaml(doc.contents, [], ci, (node, message, tier) => { if (node.range) report(node.range[0], node.range[1], message, tier); });
        return;
      }
      case 'text': {
        const name = basename(path);
        if (name !== '.npmrc') return;
        for (const a of assignmentsInText(file.text)) {
          if (a.name === 'strict-ssl' && a.value.trim() === 'false') {
            const line = file.lines.positionAt(a.valueStart).line;
            ctx.report({ message: MESSAGES.npm('This .npmrc'), range: file.lines.lineRange(line), tier: 'tech-debt' });
          }
        }
        return;
      }
    }
  },
};

type YamlEmit = (node: YAML.Scalar, message: string, tier?: Tier) => void;

/** Environment maps (`NODE_TLS_REJECT_UNAUTHORIZED: "0"`), `KEY=value` lists, Kubernetes `name`/`value` pairs and shell lines; CI jobs that look like tests are skipped. */
function walkYaml(node: unknown, keys: string[], ci: boolean, emit: YamlEmit): void {
  const devJob = ci && keys.some((k) => DEV_JOB.test(k));
  const scalar = (s: YAML.Scalar, key: string | undefined) => {
    if (devJob) return;
    const v = s.value === null || s.value === undefined ? '' : String(s.value);
    if (key === NODE_TLS && v === '0') { emit(s, MESSAGES.nodeTls('This configuration')); return; }
    if (key === 'enableStrictSsl' && v === 'false') { emit(s, MESSAGES.npm('This Yarn configuration'), 'tech-debt'); return; }
    if (typeof s.value !== 'string') return;
    const words = shellWords(s.value);
    if (words.some(isNodeTlsOff)) emit(s, MESSAGES.nodeTls(key === 'run' || key === 'script' || key === 'command' ? 'This command' : 'This configuration'));
    else if (/[?&]sslmode=no-verify(&|$)/i.test(s.value)) emit(s, MESSAGES.sslmode());
  };
  if (YAML.isMap(node)) {
    const items = node.items;
    const keyOf = (it: (typeof items)[number]) => (YAML.isScalar(it.key) ? String(it.key.value) : '');
    const nameItem = items.find((it) => keyOf(it) === 'name' && YAML.isScalar(it.value));
    const pairName = nameItem && items.some((it) => keyOf(it) === 'value') ? String((nameItem.value as YAML.Scalar).value) : undefined;
    const label = nameItem ? String((nameItem.value as YAML.Scalar).value) : '';
    for (const it of items) {
      const key = keyOf(it);
      if (YAML.isScalar(it.value)) scalar(it.value, pairName && key === 'value' ? pairName : key);
      else walkYaml(it.value, [...keys, key, label].filter(Boolean), ci, emit);
    }
  } else if (YAML.isSeq(node)) {
    for (const item of node.items) {
      if (YAML.isScalar(item)) scalar(item, undefined);
      else walkYaml(item, keys, ci, emit);
    }
  }
}

export default rule;
