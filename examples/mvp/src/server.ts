import express from 'express';
import cors from 'cors';
import cookieParser from 'cookie-parser';
import { authRouter } from './routes/auth';
import { projectsRouter } from './routes/projects';
import { billingRouter } from './routes/billing';
import { requireUser } from './lib/auth';

const app = express();

app.use(cors({ origin: true, credentials: true }));
app.use(express.json());
app.use(cookieParser());

app.use('/auth', authRouter);
app.use('/projects', requireUser, projectsRouter);
app.use('/billing', requireUser, billingRouter);

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => {
  console.log(`Taskly API listening on http://localhost:${port}`);
});
