export async function sendWelcomeEmail(to: string) {
  const res = await fetch('https://api.postmarkapp.com/email', {
    method: 'POST',
    headers: { 'X-Postmark-Server-Token': process.env.POSTMARK_TOKEN ?? '', 'Content-Type': 'application/json' },
    body: JSON.stringify({ From: 'hello@taskly.app', To: to, Subject: 'Welcome to Taskly', TextBody: 'Glad to have you.' }),
  });
  if (!res.ok) throw new Error(`Postmark answered ${res.status}`);
}
