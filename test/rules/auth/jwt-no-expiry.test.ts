import rule from '../../../rules/auth/jwt-no-expiry';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    "import jwt from 'jsonwebtoken';\njwt.sign({ sub: 1 }, process.env.JWT_SECRET!, { expiresIn: '15m' });",
    "const jwt = require('jsonwebtoken');\nconst opts = { algorithm: 'HS256', expiresIn: 3600 };\njwt.sign({ sub: 1 }, key, opts);",
    "import { sign } from 'jsonwebtoken';\nsign({ sub: 1, exp: Math.floor(Date.now() / 1000) + 60 }, key);",
    "import jwt from 'jsonwebtoken';\nconst base = { expiresIn: '1h' };\njwt.sign(payload, key, { ...base, algorithm: 'HS256' });",
    // options built elsewhere: cannot be seen here, so no guess
    "import jwt from 'jsonwebtoken';\nexport const issue = (p: object, o: jwt.SignOptions) => jwt.sign(p, key, o);",
    "import jwt from 'jsonwebtoken';\njwt.sign(p, key, { ...defaults });",
    // a different library's sign()
    "import { sign } from './crypto';\nsign({ sub: 1 }, key);",
    "const crypto = require('crypto');\ncrypto.sign('sha256', data, privateKey);",
    "import { SignJWT } from 'jose';\nawait new SignJWT({ sub: '1' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2h').sign(secret);",
    "import * as jose from 'jose';\nconst t = await new jose.SignJWT({ sub: '1' })\n  .setProtectedHeader({ alg: 'HS256' })\n  .setIssuedAt()\n  .setExpirationTime('2h')\n  .sign(secret);",
  ],
  invalid: [
    {
      code: "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({ sub: user.id }, process.env.JWT_SECRET!);",
      errors: [{ line: 2, column: 18, message: /never expires/ }],
      output: "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({ sub: user.id }, process.env.JWT_SECRET!, { expiresIn: '1h' });",
    },
    {
      name: 'require, options object without expiresIn',
      code: "const jwt = require('jsonwebtoken');\nconst token = jwt.sign(payload, secret, { algorithm: 'HS256' });",
      errors: [{ line: 2, column: 15 }],
      output: "const jwt = require('jsonwebtoken');\nconst token = jwt.sign(payload, secret, { algorithm: 'HS256', expiresIn: '1h' });",
    },
    {
      name: 'renamed named import, multi-line options in a variable',
      code: "import { sign as signToken } from 'jsonwebtoken';\nconst options = {\n  algorithm: 'HS256',\n};\nsignToken({ id }, key, options);",
      errors: [{ line: 5, column: 1 }],
      output: "import { sign as signToken } from 'jsonwebtoken';\nconst options = {\n  algorithm: 'HS256',\n  expiresIn: '1h',\n};\nsignToken({ id }, key, options);",
    },
    {
      name: 'callback form',
      code: 'import * as jwt from "jsonwebtoken";\njwt.sign({ id }, key, (err, token) => done(err, token));',
      errors: [{ line: 2, column: 1 }],
      output: 'import * as jwt from "jsonwebtoken";\njwt.sign({ id }, key, { expiresIn: "1h" }, (err, token) => done(err, token));',
    },
    {
      name: 'jose SignJWT chain',
      code: "import { SignJWT } from 'jose';\nconst t = await new SignJWT({ sub: '1' })\n  .setProtectedHeader({ alg: 'HS256' })\n  .sign(secret);",
      errors: [{ line: 2, column: 21 }],
      output: "import { SignJWT } from 'jose';\nconst t = await new SignJWT({ sub: '1' })\n  .setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h')\n  .sign(secret);",
    },
  ],
});
