import './instrument';
import * as Sentry from '@sentry/node';
import express, { type ErrorRequestHandler } from 'express';
import cors from 'cors';
import helmet from 'helmet';
import cookieParser from 'cookie-parser';
import rateLimit from 'express-rate-limit';
import pinoHttp from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { authRouter } from './routes/auth';
import { projectsRouter } from './routes/projects';
import { billingRouter } from './routes/billing';
import { requireUser } from './lib/auth';
import { config } from './lib/config';
import { logger } from './lib/logger';
import { prisma } from './lib/db';

const app = express();

app.use(helmet());
app.use(pinoHttp({ logger }));
app.use(cors({ origin: config.CORS_ORIGINS.split(',').filter(Boolean), credentials: true }));
app.use(rateLimit({ windowMs: 60_000, limit: 300, standardHeaders: 'draft-7', legacyHeaders: false }));
app.use(express.json({ limit: '100kb' }));
app.use(cookieParser());

app.get('/healthz', async (_req, res) => {
  await prisma.$queryRaw`SELECT 1`;
  res.json({ ok: true });
});

const openapi = parseYaml(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8'));
app.use('/docs', swaggerUi.serve, swaggerUi.setup(openapi));

app.use('/auth', authRouter);
app.use('/projects', requireUser, projectsRouter);
app.use('/billing', requireUser, billingRouter);

Sentry.setupExpressErrorHandler(app);

const onError: ErrorRequestHandler = (err, req, res, _next) => {
  req.log.error({ err }, 'unhandled error');
  res.status(500).json({ error: 'Something went wrong' });
};
app.use(onError);

const server = app.listen(config.PORT, () => {
  logger.info({ port: config.PORT }, 'Taskly API listening');
});

process.on('unhandledRejection', (reason) => {
  logger.error({ reason }, 'unhandled rejection');
});
process.on('uncaughtException', (err) => {
  logger.fatal({ err }, 'uncaught exception');
  process.exit(1);
});
process.on('SIGTERM', () => {
  logger.info('SIGTERM received, draining connections');
  server.close(async () => {
    await prisma.$disconnect();
    process.exit(0);
  });
});
