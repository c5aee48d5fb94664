import rule from '../../../rules/security/code-injection';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    "import { exec } from 'node:child_process';\nexec('git rev-parse HEAD', (err, out) => console.log(out));",
    "import { execSync } from 'child_process';\nconst sha = execSync(`git -C ${__dirname} rev-parse HEAD`).toString();",
    "import { exec } from 'child_process';\nimport path from 'node:path';\nexec(`ls ${path.join(__dirname, 'uploads')}`);",
    "import { exec } from 'child_process';\nconst ROOT = process.cwd();\nexec(`du -sh ${ROOT}`);",
    "import { execFile } from 'child_process';\nexport const thumb = (input: string, output: string) => execFile('convert', [input, output]);",
    "import { spawn } from 'child_process';\nexport const encode = (input: string) => spawn('ffmpeg', ['-i', input, 'out.mp4']);",
    "import { spawn } from 'child_process';\nspawn('npm run build', { shell: true, stdio: 'inherit' });",
    "import { exec } from 'child_process';\nexport const stop = (pid: string) => exec(`kill -TERM ${Number(pid)}`);",
    "import { exec } from 'child_process';\nconst ALLOWED = ['api', 'worker'];\nexport function logs(name: string) {\n  if (!ALLOWED.includes(name)) throw new Error('unknown');\n  exec(`docker logs ${name}`);\n}",
    "import { exec } from 'child_process';\nimport { quote } from 'shell-quote';\nexport const grep = (q: string) => exec(`grep -r ${quote([q])} .`);",
    // a different exec: a database, a RegExp, a local helper
    "import Database from 'better-sqlite3';\nconst db = new Database('app.db');\nexport const migrate = (sql: string) => db.exec(sql);",
    "export const first = (re: RegExp, s: string) => re.exec(s);",
    "import { exec } from './db';\nexport const q = (id: string) => exec(`SELECT * FROM t WHERE id = ${id}`);",
    "import { promisify } from 'node:util';\nimport { exec } from 'node:child_process';\nconst run = promisify(exec);\nexport const version = () => run('node -v');",
    "const x = eval('1 + 1');",
    "const add = new Function('a', 'b', 'return a + b');",
    "export function later(id: string) { setTimeout(() => refresh(id), 1000); }",
    "export function tick(fn: () => void) { setInterval(fn, 1000); }",
    "import vm from 'node:vm';\nconst script = new vm.Script('globalThis.x = 1');",
    // tests, scripts and tool configs
    { filename: 'test/helpers.ts', code: "import { execSync } from 'child_process';\nexport const reset = (db: string) => execSync(`dropdb ${db}`);" },
    { filename: 'scripts/release.ts', code: "import { execSync } from 'child_process';\nconst version = process.argv[2];\nexecSync(`git tag v${version}`);" },
  ],
  invalid: [
    {
      name: 'exec with a template: execFile fix, the import renamed when exec has no other use',
      code: "import { exec } from 'node:child_process';\n\nexport function thumbnail(input: string, output: string, done: (err: Error | null) => void) {\n  exec(`convert ${input} -resize 200x200 ${output}`, done);\n}\n",
      errors: [{ line: 4, column: 3, message: "The shell command of `exec()` is built from a non-constant value (`input`): the command goes through a shell, so a value containing `;`, `|`, `&&`, `$()` or backticks runs any command on the server. Run the program directly with execFile/spawn and an argument array (no shell), and pass user values after `--` when the program accepts options." }],
      output: "import { execFile } from 'node:child_process';\n\nexport function thumbnail(input: string, output: string, done: (err: Error | null) => void) {\n  execFile('convert', [input, '-resize', '200x200', output], done);\n}\n",
    },
    {
      name: 'destructured require, exec used elsewhere: execFile added to the destructuring',
      code: "const { exec } = require('child_process');\nfunction clone(url, dest, cb) {\n  exec(`git clone ${url} ${dest}`, { timeout: 60000 }, cb);\n}\nexec('git --version');\n",
      filename: 'src/git.js',
      errors: [{ line: 3, column: 3 }],
      output: "const { exec, execFile } = require('child_process');\nfunction clone(url, dest, cb) {\n  execFile('git', ['clone', url, dest], { timeout: 60000 }, cb);\n}\nexec('git --version');\n",
    },
    {
      name: 'namespace import: the member is renamed, glued option becomes a template',
      code: "import * as cp from 'child_process';\nexport const size = (file: string) => cp.execSync(`du -s --block-size=${file}`);",
      errors: [{ line: 2, column: 39 }],
      output: "import * as cp from 'child_process';\nexport const size = (file: string) => cp.execFileSync('du', ['-s', `--block-size=${file}`]);",
    },
    {
      name: 'concatenation: reported, no mechanical fix',
      code: "const cp = require('child_process');\nmodule.exports = (dir, cb) => cp.exec('rm -rf ' + dir, cb);",
      filename: 'src/cleanup.js',
      errors: [{ line: 2, column: 31, message: /`dir`/ }],
      output: null,
    },
    {
      name: 'quotes in the command: no mechanical fix',
      code: "import { exec } from 'child_process';\nexport const convert = (input: string) => exec(`convert \"${input}\" out.png`);",
      errors: [{ line: 2, column: 43 }],
      output: null,
    },
    {
      name: 'promisified exec',
      code: "import { promisify } from 'node:util';\nimport { exec } from 'node:child_process';\nconst run = promisify(exec);\nexport async function ping(host: string) {\n  return run(`ping -c 1 ${host}`);\n}",
      errors: [{ line: 5, column: 10, message: /`run\(\)`.*`host`/ }],
    },
    {
      name: 'util.promisify on require',
      code: "const util = require('util');\nconst execAsync = util.promisify(require('child_process').exec);\napp.post('/deploy', async (req, res) => {\n  await execAsync('./deploy.sh ' + req.body.branch);\n});",
      filename: 'src/server.js',
      errors: [{ line: 4, column: 9, message: /`req.body.branch`/ }],
    },
    {
      name: 'eval of request input',
      code: "app.post('/calc', (req, res) => {\n  res.json({ result: eval(req.body.expression) });\n});",
      errors: [{ line: 2, column: 22, message: /^`eval\(\)` runs a string that is built from a non-constant value \(`req.body.expression`\)/ }],
    },
    {
      name: 'new Function with a generated body',
      code: "export function compile(formula: string) {\n  return new Function('row', `return ${formula};`);\n}",
      errors: [{ line: 2, column: 10, message: /^`new Function\(\)` compiles code/ }],
    },
    {
      name: 'vm.runInNewContext and new vm.Script',
      code: "import vm from 'node:vm';\nexport function run(code: string) {\n  return vm.runInNewContext(code, { console });\n}\nexport const compile = (src: string) => new vm.Script(src);",
      errors: [{ line: 3, column: 10, message: /not a security sandbox/ }, { line: 5, column: 41 }],
    },
    {
      name: 'spawn with shell: true',
      code: "import { spawn } from 'child_process';\nexport const encode = (file: string) => spawn(`ffmpeg -i ${file} out.mp4`, { shell: true });",
      errors: [{ line: 2, column: 41, message: /with `shell: true`/ }],
    },
    {
      name: 'setTimeout with a string of code',
      code: "export function later(id: string) {\n  setTimeout('refresh(' + id + ')', 1000);\n}",
      errors: [{ line: 2, column: 3, message: /evaluated as code/ }],
    },
    {
      name: 'element access on a namespace import (gate: the module)',
      code: "import * as cp from 'child_process';\nexport const rm = (dir: string) => cp['exec']('rm -rf ' + dir);",
      errors: [{ line: 2, column: 36, message: /`dir`/ }],
      output: null,
    },
    {
      name: 'quoted key in a destructured require (gate: the module)',
      code: "const { 'execSync': run } = require('node:child_process');\nmodule.exports = (d) => run('du -sh ' + d);",
      filename: 'src/du.js',
      errors: [{ line: 2, column: 25, message: /`d`/ }],
      output: null,
    },
    {
      name: 'renamed import',
      code: "import { exec as sh } from 'child_process';\nexport const ls = (d: string) => sh(`ls ${d}`);",
      errors: [{ line: 2, column: 34, message: /`d`/ }],
      output: null,
    },
    {
      name: 'shelljs exec',
      code: "import shell from 'shelljs';\nexport const checkout = (branch: string) => shell.exec(`git checkout ${branch}`);",
      errors: [{ line: 2, column: 45 }],
    },
  ],
});
