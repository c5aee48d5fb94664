// Generates the synthetic workspace of the editor benchmarks (bench:lsp, bench:file): ~N Express/Nest/Prisma/DTO/util
// files and one 1,000-line service (BIG_FILE, the edited one). Returns the folder (a new temp folder).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const BIG_FILE = 'src/modules/orders/orders.service.ts';


export function generateLspWorkspace(total, file = BIG_FILE) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pg-bench-lsp-')));
  const write = (rel, content) => { const abs = path.join(dir, rel); fs.mkdirSync(path.dirname(abs), { recursive: true }); fs.writeFileSync(abs, content); };
  write('package.json', JSON.stringify({
    name: 'bench-api', version: '1.0.0', private: true,
    scripts: { build: 'tsc -p .', start: 'node dist/main.js', test: 'vitest run' },
    dependencies: { express: '^4.21.0', '@nestjs/core': '^10.4.0', '@nestjs/common': '^10.4.0', '@prisma/client': '^5.22.0', jsonwebtoken: '^9.0.2', zod: '^3.23.0', cors: '^2.8.5' },
    devDependencies: { prisma: '^5.22.0', typescript: '^5.6.0', vitest: '^2.1.0' },
  }, null, 2) + '\n');
  write('README.md', '# Bench API\n\n## Setup\n\n`npm ci && npm run dev`\n');
  write('.gitignore', 'node_modules\ndist\n.env\n');
  write('Dockerfile', 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/main.js"]\n');
  write('prisma/schema.prisma', 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  email String\n  orders Order[]\n}\n\nmodel Order {\n  id     Int   @id @default(autoincrement())\n  total  Float\n  user   User  @relation(fields: [userId], references: [id])\n  userId Int\n}\n');
  write('src/main.ts', "import express from 'express';\nimport cors from 'cors';\nimport { router } from './router';\n\nconst app = express();\napp.use(cors());\napp.use(express.json());\napp.use('/api', router);\napp.listen(process.env.PORT ?? 3000);\n");
  write('src/router.ts', "import { Router } from 'express';\nexport const router = Router();\n");
  write(file, bigFile());
  const kinds = [expressRoute, service, nestController, util, dto];
  const modules = Math.ceil((total - 8) / kinds.length);
  let n = 8;
  for (let m = 0; m < modules && n < total; m++) {
    for (const k of kinds) {
      if (n >= total) break;
      const [rel, content] = k(m);
      write(rel, content);
      n++;
    }
  }
  return dir;
}

function name(m) { return ['invoice', 'customer', 'project', 'task', 'report', 'team', 'billing', 'catalog', 'shipment', 'review'][m % 10] + m; }
function cap(s) { return s[0].toUpperCase() + s.slice(1); }

function expressRoute(m) {
  const e = name(m);
  return [`src/modules/${e}/${e}.routes.ts`, `import { Router, type Request, type Response, type NextFunction } from 'express';
import { z } from 'zod';
import { ${e}Service } from './${e}.service';
import { requireUser } from '../../lib/auth';

const create${cap(e)} = z.object({ name: z.string().min(1).max(200), description: z.string().optional(), amount: z.number().int().nonnegative() });

export const ${e}Router = Router();

${e}Router.get('/', requireUser, async (req: Request, res: Response, next: NextFunction) => {
  try {
    const page = Number(req.query.page ?? 1);
    const items = await ${e}Service.list({ page, pageSize: 20, ownerId: res.locals.userId });
    res.json({ items, page });
  } catch (err) {
    next(err);
  }
});

${e}Router.get('/:id', requireUser, async (req, res, next) => {
  try {
    const item = await ${e}Service.get(req.params.id, res.locals.userId);
    if (!item) return res.status(404).json({ error: 'Not found' });
    res.json(item);
  } catch (err) {
    next(err);
  }
});

${e}Router.post('/', requireUser, async (req, res, next) => {
  const parsed = create${cap(e)}.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: parsed.error.flatten() });
  try {
    const created = await ${e}Service.create({ ...parsed.data, ownerId: res.locals.userId });
    res.status(201).json(created);
  } catch (err) {
    next(err);
  }
});

${e}Router.delete('/:id', requireUser, async (req, res, next) => {
  try {
    await ${e}Service.remove(req.params.id, res.locals.userId);
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});
`];
}

function service(m) {
  const e = name(m);
  return [`src/modules/${e}/${e}.service.ts`, `import { prisma } from '../../lib/db';
import { logger } from '../../lib/logger';

export interface ${cap(e)}Input { name: string; description?: string; amount: number; ownerId: string }

export const ${e}Service = {
  async list(opts: { page: number; pageSize: number; ownerId: string }) {
    const skip = (opts.page - 1) * opts.pageSize;
    return prisma.${e}.findMany({ where: { ownerId: opts.ownerId }, skip, take: opts.pageSize, orderBy: { createdAt: 'desc' } });
  },
  async get(id: string, ownerId: string) {
    return prisma.${e}.findFirst({ where: { id, ownerId } });
  },
  async create(input: ${cap(e)}Input) {
    const created = await prisma.${e}.create({ data: input });
    logger.info({ id: created.id }, '${e} created');
    return created;
  },
  async remove(id: string, ownerId: string) {
    const existing = await prisma.${e}.findFirst({ where: { id, ownerId } });
    if (!existing) throw new Error('${e} not found');
    await prisma.${e}.delete({ where: { id } });
  },
  total(items: Array<{ amount: number }>): number {
    return items.reduce((sum, i) => sum + i.amount, 0);
  },
};
`];
}

function nestController(m) {
  const e = name(m);
  return [`src/nest/${e}/${e}.controller.ts`, `import { Body, Controller, Delete, Get, Param, Post, UseGuards } from '@nestjs/common';
import { AuthGuard } from '../auth.guard';
import { Create${cap(e)}Dto } from './${e}.dto';

@Controller('${e}s')
@UseGuards(AuthGuard)
export class ${cap(e)}Controller {
  private readonly items = new Map<string, Create${cap(e)}Dto>();

  @Get()
  findAll() {
    return [...this.items.values()];
  }

  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.items.get(id) ?? null;
  }

  @Post()
  create(@Body() dto: Create${cap(e)}Dto) {
    const id = String(this.items.size + 1);
    this.items.set(id, dto);
    return { id, ...dto };
  }

  @Delete(':id')
  remove(@Param('id') id: string) {
    return this.items.delete(id);
  }
}
`];
}

function dto(m) {
  const e = name(m);
  return [`src/nest/${e}/${e}.dto.ts`, `import { IsInt, IsOptional, IsString, Min } from 'class-validator';

export class Create${cap(e)}Dto {
  @IsString()
  name!: string;

  @IsOptional()
  @IsString()
  description?: string;

  @IsInt()
  @Min(0)
  amountCents!: number;
}
`];
}

function util(m) {
  const e = name(m);
  return [`src/lib/${e}/format.ts`, `export function format${cap(e)}Amount(cents: number, currency = 'EUR'): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
}

export function slugify${cap(e)}(input: string): string {
  return input
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function chunk${cap(e)}<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
`];
}

function bigFile() {
  const out = [
    "import jwt from 'jsonwebtoken';",
    "import { prisma } from '../../lib/db';",
    "import { logger } from '../../lib/logger';",
    '',
    'export interface OrderLine { sku: string; quantity: number; unitPriceCents: number }',
    'export interface OrderInput { customerId: string; lines: OrderLine[]; coupon?: string }',
    '',
    'export function orderToken(orderId: string) {',
    '  return jwt.sign({ sub: orderId, scope: \'order\' }, process.env.ORDER_SECRET!);',
    '}',
    '',
    'export class OrdersService {',
  ];
  let i = 0;
  while (out.length < 990) {
    out.push(
      `  async step${i}(input: OrderInput) {`,
      `    const subtotal${i} = input.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);`,
      `    if (subtotal${i} <= 0) throw new Error('empty order ${i}');`,
      `    const discount${i} = input.coupon === 'WELCOME${i}' ? Math.round(subtotal${i} * 0.1) : 0;`,
      `    const order${i} = await prisma.order.create({ data: { customerId: input.customerId, totalCents: subtotal${i} - discount${i} } });`,
      `    logger.info({ orderId: order${i}.id, step: ${i} }, 'order created');`,
      `    return order${i};`,
      '  }',
      '',
    );
    i++;
  }
  out.push('}', '');
  return out.join('\n');
}
