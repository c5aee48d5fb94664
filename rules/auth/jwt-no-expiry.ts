import { ts } from 'ts-morph';
import type { TsRule } from '../../server/engine/types';
import { asObject, findProperty, hasOpaqueSpread, resolveCallee, unwrap } from '../../server/engine/ts/helpers';
import { addProperty, insertArgument, insertAt, nodeRange, quoteOf } from '../../server/engine/ts/edits';

const rule: TsRule = {
  meta: {
    id: 'auth/jwt-no-expiry',
    category: 'auth',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'JWTs are signed without an expiry',
    fixKind: 'edit',
    checklist: 'harden.auth',
    docs: {
      why: 'A token without `exp` is valid forever: a leaked or stolen token (logs, browser storage, a former employee) keeps working until the signing key is rotated, which logs every user out.',
      bad: { files: { 'src/auth.ts': "import jwt from 'jsonwebtoken';\n\nexport const issue = (userId: string) => jwt.sign({ sub: userId }, process.env.JWT_SECRET!);\n" } },
      good: { files: { 'src/auth.ts': "import jwt from 'jsonwebtoken';\n\nexport const issue = (userId: string) => jwt.sign({ sub: userId }, process.env.JWT_SECRET!, { expiresIn: '15m' });\n" } },
      fix: "Give every token a lifetime: `expiresIn` in jsonwebtoken's options, `.setExpirationTime('15m')` with jose. Keep access tokens short and refresh them.",
    },
  },
  scope: 'ts',
  create(ctx) {
    const { sf, imports, consts, file } = ctx;
    const path = file.path;
    const fix = (title: string, edit: ReturnType<typeof insertAt>) => [{ title, safe: true, edits: [edit] }];
    const q = quoteOf(sf);
    return {
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const callee = resolveCallee(call.expression, imports);
        if (callee?.module === 'jsonwebtoken' && callee.path.join('.') === 'sign') {
          const [payload, , third] = call.arguments;
          if (!payload) return;
          const payloadObj = asObject(payload, consts);
          if (payloadObj && (findProperty(payloadObj, 'exp', consts) || hasOpaqueSpread(payloadObj, consts))) return;
          const thirdIsCallback = third && (ts.isArrowFunction(unwrap(third)) || ts.isFunctionExpression(unwrap(third)));
          const options = third && !thirdIsCallback ? third : undefined;
          let fixes;
          if (options) {
            const obj = asObject(options, consts);
            if (!obj || hasOpaqueSpread(obj, consts) || findProperty(obj, 'expiresIn', consts)) return;
            if (obj.getSourceFile() === sf) fixes = fix('Add expiresIn to the options', addProperty(sf, path, obj, `expiresIn: ${q}1h${q}`));
          } else if (call.arguments.length >= 2) {
            fixes = fix('Add { expiresIn } options', insertArgument(sf, path, call, 2, `{ expiresIn: ${q}1h${q} }`));
          }
          ctx.report({
            message: 'This JWT never expires: jwt.sign() has no `expiresIn` option and the payload no `exp`. A leaked token stays valid forever.',
            range: nodeRange(sf, call.expression),
            fixes,
          });
        }
      },
      [ts.SyntaxKind.NewExpression](node) {
        const created = node as ts.NewExpression;
        const callee = resolveCallee(created.expression, imports);
        if (callee?.module !== 'jose' || callee.path.join('.') !== 'SignJWT') return;
        const payloadObj = asObject(created.arguments?.[0], consts);
        if (payloadObj && findProperty(payloadObj, 'exp', consts)) return;
        // Follow the builder chain: new SignJWT(...).setProtectedHeader(...).sign(key)
        let cur: ts.Node = created;
        let signAccess: ts.PropertyAccessExpression | undefined;
        while (ts.isPropertyAccessExpression(cur.parent) && ts.isCallExpression(cur.parent.parent) && cur.parent.parent.expression === cur.parent) {
          const name = cur.parent.name.text;
          if (name === 'setExpirationTime') return;
          if (name === 'sign') { signAccess = cur.parent; break; }
          cur = cur.parent.parent;
        }
        if (!signAccess) return;
        ctx.report({
          message: "This JWT never expires: the SignJWT chain has no `.setExpirationTime(...)`. A leaked token stays valid forever.",
          range: nodeRange(sf, created.expression),
          fixes: fix('Add .setExpirationTime()', insertAt(sf, path, signAccess.expression.end, `.setExpirationTime(${q}1h${q})`)),
        });
      },
    };
  },
};

export default rule;
