import rule from '../../../rules/security/privileged-key-in-client';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'web', dependencies: deps }, null, 2) + '\n';
const nextPkg = pkg({ next: '^15.0.0', react: '^19.0.0', '@supabase/supabase-js': '^2.45.0', stripe: '^17.0.0' });
const vitePkg = JSON.stringify({ name: 'web', dependencies: { react: '^19.0.0' }, devDependencies: { vite: '^6.0.0' } }, null, 2) + '\n';
const appPage = 'export default function Page() { return <main />; }\n';

ruleTester(rule, {
  valid: [
    { name: 'route handler', files: { 'package.json': nextPkg, 'app/api/admin/route.ts': "import { createClient } from '@supabase/supabase-js';\nconst admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);\nexport async function GET() { return Response.json(await admin.from('profiles').select()); }\n" } },
    { name: 'server component (no directive, no hooks) in an app-router project', files: { 'package.json': nextPkg, 'app/billing/page.tsx': "import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport default async function Billing() {\n  const prices = await stripe.prices.list();\n  return <ul>{prices.data.map((p) => <li key={p.id}>{p.id}</li>)}</ul>;\n}\n", 'components/PriceList.tsx': "export function PriceList() {\n  const key = process.env.STRIPE_SECRET_KEY;\n  return <div />;\n}\n" } },
    { name: 'server action file', files: { 'package.json': nextPkg, 'app/actions.ts': "'use server';\nimport Stripe from 'stripe';\nexport async function checkout() { return new Stripe(process.env.STRIPE_SECRET_KEY!).checkout.sessions.create({ mode: 'payment' }); }\n" } },
    { name: 'pages: getServerSideProps and a top-level client used only there', files: {
      'package.json': nextPkg,
      'pages/billing.tsx': "import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport async function getServerSideProps() {\n  const key = process.env.STRIPE_SECRET_KEY;\n  return { props: { prices: (await stripe.prices.list()).data } };\n}\nexport default function Billing({ prices }) { return <ul>{prices.length}</ul>; }\n",
      'pages/api/pay.ts': "export default function handler(req, res) { res.json({ k: !!process.env.STRIPE_SECRET_KEY }); }\n",
    } },
    { name: 'public keys in client code', files: { 'package.json': nextPkg, 'app/login/form.tsx': "'use client';\nimport { createClient } from '@supabase/supabase-js';\nexport const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);\nconst pk = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;\nconst leaked = process.env.NEXT_PUBLIC_OPENAI_API_KEY;\n" } },
    { name: 'server-only module and firebase-admin on the server', files: { 'package.json': nextPkg, 'lib/admin.ts': "import 'server-only';\nimport admin from 'firebase-admin';\nexport const db = admin.firestore();\n", 'functions/src/index.ts': "import * as admin from 'firebase-admin';\nadmin.initializeApp();\n", 'app/page.tsx': appPage } },
    { name: 'Vite front-end with its own express server: src is not only browser code', files: { 'package.json': pkg({ react: '^19.0.0', vite: '^6.0.0', express: '^4.21.0' }), 'src/db.ts': 'export const url = process.env.DATABASE_URL;\n' } },
    { name: 'a library package (no bundler)', files: { 'package.json': pkg({ zod: '^3.0.0' }), 'src/client.ts': 'export const key = process.env.OPENAI_API_KEY;\n' } },
    { name: 'next-intl hook in a server component', files: { 'package.json': nextPkg, 'app/page.tsx': "import { useTranslations } from 'next-intl';\nexport default function Home() {\n  const t = useTranslations('home');\n  const k = process.env.RESEND_API_KEY;\n  return <h1>{t('title')}</h1>;\n}\n" } },
    { name: 'Remix route: the loader stays on the server', files: { 'package.json': pkg({ '@remix-run/react': '^2.0.0', react: '^19.0.0' }), 'app/routes/billing.tsx': "import { useState } from 'react';\nimport Stripe from 'stripe';\nexport async function loader() {\n  const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n  return (await stripe.prices.list()).data;\n}\nexport default function Billing() {\n  const [open, setOpen] = useState(false);\n  return <button onClick={() => setOpen(!open)} />;\n}\n" } },
    { name: 'test file', files: { 'package.json': vitePkg, 'src/App.test.tsx': "const k = import.meta.env.OPENAI_API_KEY;\n" } },
  ],
  invalid: [
    {
      name: "'use client' file with the Supabase service-role key",
      files: { 'package.json': nextPkg, 'app/admin/users-table.tsx': "'use client';\nimport { createClient } from '@supabase/supabase-js';\n\nconst supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);\n" },
      errors: [{ file: 'app/admin/users-table.tsx', line: 4, column: 70, message: "`process.env.SUPABASE_SERVICE_ROLE_KEY` (the Supabase service-role key) is read in a 'use client' file. Next.js only sends NEXT_PUBLIC_ variables to the browser, so it is undefined there, and the usual workaround (a NEXT_PUBLIC_ copy) would publish it to every visitor. It bypasses row-level security, so whoever holds it reads and writes every table. Use it only on the server (a route handler, server action or API endpoint) and have the browser call that." }],
    },
    {
      name: 'a component with hooks, no directive',
      files: { 'package.json': nextPkg, 'components/Checkout.tsx': "import { useState } from 'react';\nimport Stripe from 'stripe';\nexport function Checkout() {\n  const [busy, setBusy] = useState(false);\n  const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n  return <button disabled={busy} onClick={() => setBusy(true)}>Pay</button>;\n}\n", 'app/page.tsx': appPage },
      errors: [{ file: 'components/Checkout.tsx', line: 5, column: 29, message: /^`process.env.STRIPE_SECRET_KEY` \(a Stripe secret key\) is read in a React component with hooks\..*charge cards/ }],
    },
    {
      name: 'pages router: the component body, not getServerSideProps',
      files: { 'package.json': nextPkg, 'pages/chat.tsx': "export async function getServerSideProps() {\n  return { props: { on: !!process.env.OPENAI_API_KEY } };\n}\nexport default function Chat() {\n  const ask = async (q: string) => fetch('https://api.openai.com/v1/responses', { headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` } });\n  return <form onSubmit={() => ask('hi')} />;\n}\n" },
      errors: [{ file: 'pages/chat.tsx', line: 5, column: 119, message: /^`process.env.OPENAI_API_KEY` \(an OpenAI API key\) is read in a Next.js page component/ }],
    },
    {
      name: 'components of a pages-router app',
      files: { 'package.json': nextPkg, 'pages/index.tsx': appPage, 'components/Mailer.ts': 'export const send = (to: string) => fetch(`https://api.resend.com/emails?key=${process.env.RESEND_API_KEY}`);\n' },
      errors: [{ file: 'components/Mailer.ts', line: 1, column: 80, message: /a component bundled for the browser/ }],
    },
    {
      name: 'Vite SPA sources',
      files: { 'package.json': vitePkg, 'src/lib/ai.ts': "import OpenAI from 'openai';\nexport const openai = new OpenAI({ apiKey: import.meta.env.OPENAI_API_KEY, dangerouslyAllowBrowser: true });\n" },
      errors: [{ file: 'src/lib/ai.ts', line: 2, column: 44, message: /front-end code bundled for the browser\. Vite only sends VITE_ variables/ }],
    },
    {
      name: 'firebase-admin and a service-account JSON in browser code',
      files: {
        'package.json': vitePkg,
        'src/firebase.ts': "import admin from 'firebase-admin';\nimport serviceAccount from './serviceAccountKey.json';\nadmin.initializeApp({ credential: admin.credential.cert(serviceAccount as any) });\n",
      },
      errors: [
        { file: 'src/firebase.ts', line: 1, column: 1, message: /^`firebase-admin` is imported in front-end code/ },
        { file: 'src/firebase.ts', line: 2, column: 1, message: /^`.\/serviceAccountKey.json` is imported in front-end code bundled for the browser: the bundler copies the whole file, private key included/ },
      ],
    },
    {
      name: "react-native-dotenv's @env",
      files: { 'package.json': pkg({ expo: '^52.0.0', 'react-native': '0.76.0' }), 'App.tsx': "import { OPENAI_API_KEY, API_URL } from '@env';\nexport default function App() { return null; }\n" },
      errors: [{ file: 'App.tsx', line: 1, column: 10, message: /^`OPENAI_API_KEY` \(an OpenAI API key\) is imported from '@env' in a React Native app/ }],
    },
    // The rule's early exit: the name `env`, or a reference found in the imports.
    {
      name: 'a service-account JSON imported alone (no env read, no firebase-admin)',
      files: { 'package.json': vitePkg, 'src/lib/credentials.ts': "import serviceAccount from '../config/firebase-adminsdk.json';\n\nexport const projectId = serviceAccount.project_id;\n" },
      errors: [{ file: 'src/lib/credentials.ts', line: 1, column: 1, message: /^`\.\.\/config\/firebase-adminsdk\.json` is imported in front-end code bundled for the browser/ }],
    },
    {
      name: "process['env']['...'] (element access)",
      files: { 'package.json': nextPkg, 'app/billing/pay-button.tsx': "'use client';\nconst secret = process['env']['STRIPE_SECRET_KEY'];\nexport function PayButton() {\n  return <button data-k={secret}>Pay</button>;\n}\n" },
      errors: [{ file: 'app/billing/pay-button.tsx', line: 2, column: 16, message: /^`process\['env'\]\['STRIPE_SECRET_KEY'\]` \(a Stripe secret key\) is read in a 'use client' file/ }],
    },
    {
      name: "@env value imported under another name",
      files: { 'package.json': pkg({ expo: '^52.0.0', 'react-native': '0.76.0' }), 'src/ai.ts': "import { OPENAI_API_KEY as apiKey } from '@env';\nexport const headers = { Authorization: `Bearer ${apiKey}` };\n" },
      errors: [{ file: 'src/ai.ts', line: 1, column: 10, message: /^`OPENAI_API_KEY` \(an OpenAI API key\) is imported from '@env' in a React Native app/ }],
    },
    {
      name: 'firebase-admin subpath through require with destructuring',
      files: { 'package.json': vitePkg, 'src/firebase.ts': "const { initializeApp, cert } = require('firebase-admin/app');\ninitializeApp({ credential: cert(JSON.parse(atob(window.CREDS))) });\n" },
      errors: [{ file: 'src/firebase.ts', line: 1, column: 7, message: /^`firebase-admin\/app` is imported in front-end code/ }],
    },
  ],
});
