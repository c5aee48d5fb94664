import { Router } from 'express';
import Stripe from 'stripe';
import { z } from 'zod';
import { config } from '../lib/config';

const stripe = new Stripe(config.STRIPE_SECRET_KEY, { apiVersion: '2024-06-20' });

export const billingRouter = Router();

const Checkout = z.object({ priceId: z.string().startsWith('price_') });

billingRouter.post('/checkout', async (req, res) => {
  const { priceId } = Checkout.parse(req.body);
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [{ price: priceId, quantity: 1 }],
    success_url: `${config.APP_URL}/billing/success`,
    cancel_url: `${config.APP_URL}/billing`,
  });
  res.json({ url: session.url });
});
