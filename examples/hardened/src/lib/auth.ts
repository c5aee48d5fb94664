import jwt from 'jsonwebtoken';
import type { NextFunction, Request, Response } from 'express';
import { config } from './config';

export function issueToken(userId: string, role: string) {
  return jwt.sign({ sub: userId, role }, config.JWT_SECRET, { algorithm: 'HS256', expiresIn: '2h' });
}

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const token = req.cookies.token ?? req.headers.authorization?.replace('Bearer ', '');
  if (!token) return res.status(401).json({ error: 'Not signed in' });
  try {
    const payload = jwt.verify(token, config.JWT_SECRET, { algorithms: ['HS256'] }) as { sub: string; role: string };
    (req as Request & { user?: typeof payload }).user = payload;
    next();
  } catch {
    res.status(401).json({ error: 'Invalid token' });
  }
}
