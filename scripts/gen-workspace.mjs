#!/usr/bin/env node
// Generates a synthetic monorepo of N TypeScript files (default 5,000) shaped like a real Express/Nest backend,
// with one large file of ~3,600 lines, for benchmarks. Usage: node scripts/gen-workspace.mjs <dir> [files]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function generateWorkspace(dir, count = 5000) {
  const w = (p, s) => { mkdirSync(join(dir, p, '..'), { recursive: true }); writeFileSync(join(dir, p), s); };
  w('package.json', JSON.stringify({ name: 'synthetic', private: true, workspaces: ['packages/*'] }, null, 2));
  const pkgs = 10;
  for (let p = 0; p < pkgs; p++) {
    w(`packages/svc${p}/package.json`, JSON.stringify({ name: `svc${p}`, dependencies: { express: '^4', jsonwebtoken: '^9', pg: '^8' } }, null, 2));
    w(`packages/svc${p}/src/server.ts`, `import express from 'express';\nimport { router } from './routes/r0';\nconst app = express();\napp.use(express.json());\napp.use('/api', router);\napp.listen(Number(process.env.PORT ?? 3000));\n`);
  }
  const body = (i, n) => {
    let s = `import { Router } from 'express';\nimport jwt from 'jsonwebtoken';\nimport { Pool } from 'pg';\n\nconst pool = new Pool({ connectionString: process.env.DATABASE_URL });\nexport const router = Router();\n\n`;
    for (let k = 0; k < n; k++) {
      s += `router.get('/items${i}_${k}/:id', async (req, res, next) => {\n  try {\n    const { rows } = await pool.query('SELECT * FROM items WHERE id = $1', [req.params.id]);\n    if (!rows.length) return res.status(404).json({ error: 'not found' });\n    const token = jwt.sign({ sub: rows[0].owner }, process.env.JWT_SECRET!, { expiresIn: '1h' });\n    res.json({ item: rows[0], token, total: rows.reduce((a: number, r: { price: number }) => a + r.price, 0) });\n  } catch (err) {\n    next(err);\n  }\n});\n\n`;
    }
    return s;
  };
  for (let i = 0; i < count - pkgs * 2; i++) {
    const p = i % pkgs;
    w(`packages/svc${p}/src/routes/r${i}.ts`, body(i, i === 0 ? 300 : 6));
  }
  return dir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, n] = process.argv.slice(2);
  if (!dir) { console.error('usage: gen-workspace.mjs <dir> [files]'); process.exit(2); }
  generateWorkspace(dir, Number(n ?? 5000));
  console.log(`generated ${n ?? 5000} files in ${dir}`);
}
