import { z } from 'zod';

const Env = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().default(3000),
  JWT_SECRET: z.string().min(32),
  STRIPE_SECRET_KEY: z.string().startsWith('sk_'),
  APP_URL: z.string().url(),
  CORS_ORIGINS: z.string().default(''),
});

export const config = Env.parse(process.env);
export const isProduction = config.NODE_ENV === 'production';
