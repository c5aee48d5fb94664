import { Router } from 'express';
import bcrypt from 'bcryptjs';
import { prisma } from '../lib/db';
import { issueToken } from '../lib/auth';
import { sendWelcomeEmail } from '../lib/mail';

export const authRouter = Router();

authRouter.post('/signup', async (req, res) => {
  const { email, password, name } = req.body;
  const user = await prisma.user.create({
    data: { email, name, password: await bcrypt.hash(password, 12) },
  });
  try {
    await sendWelcomeEmail(user.email);
  } catch (err) {}
  const token = issueToken(user.id, user.role);
  res.cookie('token', token);
  res.status(201).json({ id: user.id, email: user.email });
});

authRouter.post('/login', async (req, res) => {
  const { email, password } = req.body;
  const user = await prisma.user.findFirst({ where: { email } });
  if (!user || !(await bcrypt.compare(password, user.password))) {
    return res.status(401).json({ error: 'Wrong email or password' });
  }
  res.cookie('token', issueToken(user.id, user.role));
  res.json({ id: user.id, email: user.email });
});
