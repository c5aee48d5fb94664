/**
 * Environment variable names: which prefixes make a variable public (inlined into browser or app bundles), and which
 * names hold server-only credentials (`STRIPE_SECRET_KEY`, `SUPABASE_SERVICE_ROLE_KEY`, `OPENAI_API_KEY`). Names only:
 * values are the secret detector's business (secrets.ts).
 */
import { nameWords } from './secrets';

export interface PublicPrefix {
  prefix: string;
  /** Who exposes it, for messages. */
  tool: string;
  /** How it reaches the browser. */
  how: string;
  /** Only public in some frameworks (SvelteKit, Astro): an env file's key needs the package's dependencies to tell. */
  frameworkOnly?: readonly string[];
}

/** Longest first: `NUXT_PUBLIC_` before `PUBLIC_`. */
export const PUBLIC_PREFIXES: readonly PublicPrefix[] = [
  { prefix: 'NEXT_PUBLIC_', tool: 'Next.js', how: 'Next.js inlines NEXT_PUBLIC_ variables into the JavaScript it sends to every visitor' },
  { prefix: 'EXPO_PUBLIC_', tool: 'Expo', how: 'Expo inlines EXPO_PUBLIC_ variables into the app bundle, readable from any installed copy of the app' },
  { prefix: 'NUXT_PUBLIC_', tool: 'Nuxt', how: "Nuxt sends NUXT_PUBLIC_ variables (runtimeConfig.public) to every visitor's browser" },
  { prefix: 'REACT_APP_', tool: 'Create React App', how: 'Create React App embeds REACT_APP_ variables in the JavaScript bundle every visitor downloads' },
  { prefix: 'VITE_', tool: 'Vite', how: 'Vite embeds VITE_ variables (import.meta.env) in the JavaScript bundle every visitor downloads' },
  { prefix: 'GATSBY_', tool: 'Gatsby', how: 'Gatsby embeds GATSBY_ variables in the JavaScript bundle every visitor downloads' },
  { prefix: 'VUE_APP_', tool: 'Vue CLI', how: 'Vue CLI embeds VUE_APP_ variables in the JavaScript bundle every visitor downloads' },
  { prefix: 'PUBLIC_', tool: 'SvelteKit / Astro', how: 'SvelteKit ($env/*/public) and Astro expose PUBLIC_ variables to the browser', frameworkOnly: ['@sveltejs/kit', 'astro'] },
];

/** The public prefix of a name, if any (`PUBLIC_` included: callers decide whether the framework makes it public). */
export function publicPrefixOf(name: string): PublicPrefix | undefined {
  return PUBLIC_PREFIXES.find((p) => name.startsWith(p.prefix) && name.length > p.prefix.length);
}

export interface SecretEnvName {
  /** What the name says it holds, for messages: "an OpenAI API key", "the Supabase service-role key". */
  label: string;
  /** The provider named, when one is (for advice). */
  provider?: string;
}

/** Providers whose API keys are secrets (no browser-safe variant), with their display names. */
const SECRET_PROVIDERS: Record<string, string> = {
  openai: 'OpenAI', anthropic: 'Anthropic', claude: 'Anthropic', gemini: 'Gemini', genai: 'Google AI', groq: 'Groq', mistral: 'Mistral',
  cohere: 'Cohere', replicate: 'Replicate', huggingface: 'Hugging Face', hf: 'Hugging Face', openrouter: 'OpenRouter', perplexity: 'Perplexity',
  together: 'Together AI', deepseek: 'DeepSeek', xai: 'xAI', elevenlabs: 'ElevenLabs', deepgram: 'Deepgram', assemblyai: 'AssemblyAI',
  langsmith: 'LangSmith', langchain: 'LangChain', helicone: 'Helicone', pinecone: 'Pinecone', tavily: 'Tavily', serpapi: 'SerpApi', firecrawl: 'Firecrawl',
  resend: 'Resend', sendgrid: 'SendGrid', mailgun: 'Mailgun', postmark: 'Postmark', mailchimp: 'Mailchimp', mandrill: 'Mandrill', brevo: 'Brevo',
  sendinblue: 'Brevo', loops: 'Loops', twilio: 'Twilio', vonage: 'Vonage', stripe: 'Stripe', lemonsqueezy: 'Lemon Squeezy', paddle: 'Paddle',
  braintree: 'Braintree', airtable: 'Airtable', notion: 'Notion', hubspot: 'HubSpot', clerk: 'Clerk', ably: 'Ably', github: 'GitHub',
  gitlab: 'GitLab', slack: 'Slack', discord: 'Discord', telegram: 'Telegram', cloudflare: 'Cloudflare', vercel: 'Vercel', netlify: 'Netlify',
  heroku: 'Heroku', digitalocean: 'DigitalOcean', aws: 'AWS', linear: 'Linear', uploadthing: 'UploadThing', upstash: 'Upstash',
};
/** Tokens and keys made to be shipped to browsers (restricted by domain or write-only). */
const PUBLIC_PROVIDERS = new Set([
  'mapbox', 'mixpanel', 'segment', 'amplitude', 'posthog', 'firebase', 'maps', 'map', 'places', 'algolia', 'pusher', 'cesium', 'logrocket',
  'hotjar', 'intercom', 'crisp', 'recaptcha', 'hcaptcha', 'captcha', 'turnstile', 'walletconnect', 'onesignal', 'rollbar', 'datadog', 'bugsnag',
  'gleap', 'heap', 'fullstory', 'plausible', 'umami', 'fathom', 'gtm', 'ga', 'analytics', 'stream', 'agora', 'livekit', 'tinymce', 'youtube',
]);
const PUBLIC_WORDS = new Set(['public', 'publishable', 'anon', 'anonymous', 'pk', 'site', 'browser', 'web', 'frontend']);
const NON_SECRET_LAST = new Set([
  'id', 'ids', 'name', 'url', 'uri', 'urls', 'endpoint', 'host', 'hostname', 'port', 'path', 'file', 'dir', 'region', 'bucket', 'domain', 'project',
  'env', 'mode', 'version', 'length', 'enabled', 'disabled', 'enable', 'disable', 'header', 'expires', 'expiry', 'expiration', 'ttl', 'prefix',
  'label', 'text', 'placeholder', 'hint', 'type', 'field', 'route', 'count', 'min', 'max', 'format', 'email', 'user', 'username', 'audience',
  'issuer', 'scope', 'scopes', 'timeout', 'lifetime', 'age', 'cookie', 'param', 'policy', 'required', 'rules', 'strength', 'hash', 'algorithm',
]);
/** Providers that also issue browser-safe keys: their bare `_KEY` / `_API_KEY` is ambiguous (the value tells). */
const MIXED_PROVIDERS = new Set(['Stripe', 'Clerk', 'Paddle', 'Braintree']);
/** `..._TOKEN_KEY`, `..._STORAGE_KEY`: the name of a storage slot, not a credential. */
const SLOT_KEY_BEFORE = new Set(['token', 'storage', 'cache', 'cookie', 'session', 'query', 'local', 'state', 'theme', 'locale']);
const ALWAYS_SECRET_KEY = new Set(['secret', 'private', 'admin', 'master', 'server', 'service', 'signing', 'encryption', 'webhook', 'management', 'root']);
const DB_WORDS = new Set(['database', 'db', 'postgres', 'postgresql', 'pg', 'mysql', 'mongo', 'mongodb', 'redis', 'mariadb', 'supabase']);
const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase']);

function providerOf(words: readonly string[]): string | undefined {
  for (const w of words) if (Object.hasOwn(SECRET_PROVIDERS, w)) return SECRET_PROVIDERS[w];
  return undefined;
}

const an = (provider: string | undefined, what: string) => (provider ? `${/^[AEIOU]/.test(provider) ? 'an' : 'a'} ${provider} ${what}` : `${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}`);

/**
 * What a variable name (without its public prefix) says it holds when that is a server-only credential:
 * `STRIPE_SECRET_KEY`, `JWT_SECRET`, `SUPABASE_SERVICE_ROLE_KEY`, `FIREBASE_PRIVATE_KEY`, `DB_PASSWORD`, `GITHUB_TOKEN`,
 * `OPENAI_API_KEY`, `DATABASE_URL`. Undefined for public keys (`STRIPE_PUBLISHABLE_KEY`, `SUPABASE_ANON_KEY`, `MAPBOX_TOKEN`,
 * `FIREBASE_API_KEY`), ids, URLs and names of things.
 */
export function secretEnvName(name: string): SecretEnvName | undefined {
  const w = nameWords(name);
  if (!w.length) return undefined;
  const last = w[w.length - 1];
  const provider = providerOf(w);
  const has = (x: string) => w.includes(x);
  if (has('service') && has('role')) return { label: provider === 'Supabase' || has('supabase') ? 'the Supabase service-role key' : 'a service-role key', provider: 'Supabase' };
  if ((last === 'url' || last === 'uri' || last === 'dsn' || (last === 'string' && has('connection'))) && w.some((x) => DB_WORDS.has(x)) && !has('rest') && !has('api') && !has('http') && !has('supabase')) {
    return { label: 'a database connection string (with its password)' };
  }
  if (NON_SECRET_LAST.has(last)) return undefined;
  if (last === 'key' && w.length > 1 && SLOT_KEY_BEFORE.has(w[w.length - 2])) return undefined;
  if (w.some((x) => PASSWORD_WORDS.has(x))) return { label: 'a password' };
  if (w.some((x) => PUBLIC_WORDS.has(x))) return undefined;
  if (has('service') && has('account')) return { label: 'service-account credentials' };
  if (has('private') && has('key')) return { label: 'a private key' };
  if (has('secret') || has('secretkey') || has('clientsecret')) return { label: an(provider, last === 'key' ? 'secret key' : 'secret'), provider };
  const publicProvider = w.some((x) => PUBLIC_PROVIDERS.has(x));
  if (has('token') || has('accesstoken') || has('authtoken') || has('pat')) {
    if (publicProvider || has('client') || has('csrf') || has('xsrf')) return undefined;
    return { label: an(provider, 'access token'), provider };
  }
  if (last === 'key' || last === 'apikey') {
    const before = w.length > 1 ? w[w.length - 2] : '';
    if (ALWAYS_SECRET_KEY.has(before)) return { label: an(provider, `${before} key`), provider };
    if (provider && !publicProvider && !MIXED_PROVIDERS.has(provider)) return { label: an(provider, 'API key'), provider };
  }
  return undefined;
}
