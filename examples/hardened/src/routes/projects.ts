import { Router } from 'express';
import { z } from 'zod';
import { prisma } from '../lib/db';

export const projectsRouter = Router();

projectsRouter.get('/', async (req, res) => {
  const userId = (req as any).user.sub;
  const projects = await prisma.project.findMany({ where: { ownerId: userId } });
  res.json(projects);
});

projectsRouter.get('/search', async (req, res) => {
  const q = z.string().max(100).parse(req.query.q ?? '');
  const pattern = `%${q}%`;
  const rows = await prisma.$queryRaw`SELECT id, name FROM "Project" WHERE name ILIKE ${pattern} LIMIT 20`;
  res.json(rows);
});

const NewProject = z.object({ name: z.string().min(1).max(200) });

projectsRouter.post('/', async (req, res) => {
  const { name } = NewProject.parse(req.body);
  const project = await prisma.project.create({
    data: { name, ownerId: (req as any).user.sub },
  });
  res.status(201).json(project);
});
