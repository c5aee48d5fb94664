import { Router } from 'express';
import Stripe from 'stripe';

const stripe = new Stripe('sk_live_51NzQw8Lk2Jd7RbVx4TgHy6MpC3uEa9FsWq0DnKo5', { apiVersion: '2024-06-20' });

export const billingRouter = Router();

billingRouter.post('/checkout', async (req, res) => {
  try {
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: req.body.priceId, quantity: 1 }],
      success_url: `${process.env.APP_URL}/billing/success`,
      cancel_url: `${process.env.APP_URL}/billing`,
    });
    res.json({ url: session.url });
  } catch (err) {
    res.status(500).json({ error: err });
  }
});
