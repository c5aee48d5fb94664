import { Router } from 'express';
import bcrypt from 'bcryptjs';
import rateLimit from 'express-rate-limit';
import { z } from 'zod';
import { prisma } from '../lib/db';
import { issueToken } from '../lib/auth';
import { sendWelcomeEmail } from '../lib/mail';
import { logger } from '../lib/logger';

export const authRouter = Router();

const authLimiter = rateLimit({ windowMs: 15 * 60_000, limit: 20 });
const Credentials = z.object({ email: z.string().email(), password: z.string().min(10), name: z.string().max(100).optional() });

authRouter.post('/signup', authLimiter, async (req, res) => {
  const { email, password, name } = Credentials.parse(req.body);
  const user = await prisma.user.create({
    data: { email, name, password: await bcrypt.hash(password, 12) },
  });
  try {
    await sendWelcomeEmail(user.email);
  } catch (err) {
    logger.warn({ err, userId: user.id }, 'welcome email failed');
  }
  const token = issueToken(user.id, user.role);
  res.cookie('token', token, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax', maxAge: 2 * 60 * 60 * 1000 });
  res.status(201).json({ id: user.id, email: user.email });
});

authRouter.post('/login', authLimiter, async (req, res) => {
  const { email, password } = Credentials.parse(req.body);
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user || !(await bcrypt.compare(password, user.password))) {
    return res.status(401).json({ error: 'Wrong email or password' });
  }
  res.cookie('token', issueToken(user.id, user.role), {
    httpOnly: true,
    secure: process.env.NODE_ENV === 'production',
    sameSite: 'lax',
    maxAge: 2 * 60 * 60 * 1000,
  });
  res.json({ id: user.id, email: user.email });
});
