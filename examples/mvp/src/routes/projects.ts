import { Router } from 'express';
import { prisma } from '../lib/db';

export const projectsRouter = Router();

projectsRouter.get('/', async (req, res) => {
  const userId = (req as any).user.sub;
  const projects = await prisma.project.findMany({ where: { ownerId: userId } });
  res.json(projects);
});

projectsRouter.get('/search', async (req, res) => {
  const q = String(req.query.q ?? '');
  const rows = await prisma.$queryRawUnsafe(`SELECT id, name FROM "Project" WHERE name ILIKE '%${q}%' LIMIT 20`);
  res.json(rows);
});

projectsRouter.post('/', async (req, res) => {
  const project = await prisma.project.create({
    data: { name: req.body.name, ownerId: (req as any).user.sub },
  });
  res.status(201).json(project);
});
