/**
 * Secret detection over string values and plain text: self-identifying credential formats, random-looking
 * values under secret-like names, placeholders, and masking. Pure string functions: the callers (rules) get
 * the values and their names from each format's parser.
 */

export type SecretTier = 'ship-stopping' | 'tech-debt';

/** A credential found in a string: offsets are relative to the examined string. */
export interface SecretHit {
  start: number;
  end: number;
  /** What it is, for messages ("Stripe live secret key"); never contains the value. */
  label: string;
  /** The environment variable that conventionally holds it. */
  env: string;
  tier: SecretTier;
  /** 'format': a self-identifying credential; 'name': a random-looking value under a secret-like name. */
  by: 'format' | 'name';
}

/** Where a value sits, as far as detection cares. */
export interface ValueContext {
  /** Names the value is assigned to, innermost first (property / variable / key, then the enclosing object's name). */
  names?: readonly string[];
  /** Property names beside the value (Firebase web config detection). */
  siblings?: () => readonly string[];
  /** String values beside the value (a Twilio account SID next to its auth token). */
  siblingValues?: () => readonly string[];
  /** A test, fixture or mock file: only unmistakable live credentials count. */
  test?: boolean;
  /** Documentation prose: test-mode keys and name-based guesses stay quiet. */
  docs?: boolean;
}

type Verdict = { label?: string; env?: string; tier?: SecretTier; by?: 'format' | 'name'; end?: number } | 'public' | null;

interface Format {
  label: string;
  env: string;
  re: RegExp;
  /** Reported in test files too: nobody needs a real-looking one there. */
  strong?: boolean;
  /** Decides on a match (after the placeholder check of its `b` group). */
  check?(m: RegExpExecArray, value: string, ctx: ValueContext): Verdict;
}

const FIREBASE_SIBLINGS = new Set(['authDomain', 'projectId', 'storageBucket', 'messagingSenderId', 'appId', 'measurementId', 'databaseURL']);

const FORMATS: Format[] = [
  {
    label: 'private key', env: 'PRIVATE_KEY',
    re: /-----BEGIN (?:(?<k>RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----(?<b>[\s\S]{0,400})/g,
    check(m, value, ctx) {
      const body = m.groups!.b.split('-----')[0].replace(/\\[nr]/g, '').replace(/^[A-Za-z-]+:.*$/gm, '');
      const b64 = body.replace(/[^A-Za-z0-9+/=]/g, '');
      if (b64.length < 40 || /\.\.\.|…|<|>|\*\*\*|\{\{|\$\{/.test(body)) return null;
      // A key's body is DER (base64 from 'M', an ASN.1 sequence) or an OpenSSH blob: random base64, in which marker
      // words (TESt, Fake, DEMo) turn up by chance. Only other bodies get the placeholder check.
      if (!/^(M|b3BlbnNzaC1rZXktdjE)/.test(b64) && isPlaceholder(b64)) return null;
      const endAt = value.indexOf('-----END', m.index + 20);
      const close = endAt < 0 ? -1 : value.indexOf('-----', endAt + 8);
      const end = close < 0 ? m.index + m[0].length : close + 5;
      const serviceAccount = ctx.siblings?.().includes('client_email');
      return {
        label: serviceAccount ? 'Google service-account private key' : `${m.groups!.k && m.groups!.k !== 'ENCRYPTED' ? `${m.groups!.k} ` : ''}private key`,
        env: serviceAccount ? 'GOOGLE_PRIVATE_KEY' : 'PRIVATE_KEY',
        tier: m.groups!.k === 'ENCRYPTED' ? 'tech-debt' : 'ship-stopping',
        end,
      };
    },
  },
  { label: 'AWS access key ID', env: 'AWS_ACCESS_KEY_ID', re: /(?<![A-Za-z0-9])(?<b>(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})(?![A-Za-z0-9])/g },
  {
    label: 'Google API key', env: 'GOOGLE_API_KEY', re: /(?<![A-Za-z0-9_-])AIza(?<b>[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/g,
    // Browser keys (Maps, Firebase web config) ship to every visitor and are restricted by referrer; server keys
    // (Gemini, Cloud APIs) are secrets. Unless the names tell, it is reported as tech-debt.
    check(_m, _v, ctx) {
      const words = (ctx.names ?? []).flatMap(nameWords);
      if (words.some((w) => /^(firebase|map|maps|places|recaptcha|autocomplete|geocoder)$/.test(w))) return 'public';
      if (ctx.siblings?.().some((s) => FIREBASE_SIBLINGS.has(s))) return 'public';
      if (ctx.names?.some((n) => /gemini|generative|genai|vertex|palm|youtube|translat|vision|speech|server|admin|backend/i.test(n))) return {};
      return { tier: 'tech-debt' };
    },
  },
  { label: 'Google OAuth client secret', env: 'GOOGLE_CLIENT_SECRET', strong: true, re: /(?<![A-Za-z0-9_-])GOCSPX-(?<b>[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])/g },
  {
    label: 'Azure storage account key', env: 'AZURE_STORAGE_CONNECTION_STRING', re: /AccountKey=(?<b>[A-Za-z0-9+/]{40,}={0,2})/g,
    // The Azurite emulator's key is published in Microsoft's docs.
    check: (m) => (m.groups!.b.startsWith('Eby8vdM02xNOcqFl') ? 'public' : {}),
  },
  { label: 'Azure shared access key', env: 'AZURE_SERVICEBUS_CONNECTION_STRING', re: /SharedAccessKey=(?<b>[A-Za-z0-9+/]{40,}={0,2})/g },
  {
    label: 'Stripe secret key', env: 'STRIPE_SECRET_KEY', strong: true,
    re: /(?<![A-Za-z0-9_])(?<p>sk|rk)_(?<m>live|test)_(?<b>[0-9a-zA-Z]{20,})(?![A-Za-z0-9])/g,
    check(m, _v, ctx) {
      const live = m.groups!.m === 'live';
      if (!live && (ctx.test || ctx.docs)) return null;
      const kind = m.groups!.p === 'rk' ? 'restricted' : 'secret';
      return { label: `Stripe ${live ? 'live' : 'test-mode'} ${kind} key`, env: kind === 'restricted' ? 'STRIPE_RESTRICTED_KEY' : 'STRIPE_SECRET_KEY', tier: live ? 'ship-stopping' : 'tech-debt' };
    },
  },
  { label: 'webhook signing secret', env: 'STRIPE_WEBHOOK_SECRET', re: /(?<![A-Za-z0-9_])whsec_(?<b>[A-Za-z0-9+/=]{24,})/g },
  { label: 'SendGrid API key', env: 'SENDGRID_API_KEY', strong: true, re: /(?<![A-Za-z0-9_-])SG\.(?<b>[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g },
  { label: 'Mailgun API key', env: 'MAILGUN_API_KEY', re: /(?<![A-Za-z0-9_-])key-(?<b>[0-9a-f]{32})(?![A-Za-z0-9_-])/g },
  { label: 'Mailgun API key', env: 'MAILGUN_API_KEY', re: /(?<![A-Za-z0-9_-])(?<b>[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![A-Za-z0-9_-])/g },
  {
    label: 'Slack token', env: 'SLACK_TOKEN', strong: true, re: /(?<![A-Za-z0-9_-])xox(?<t>[abposr])-(?<b>[0-9A-Za-z-]{10,})/g,
    check: (m) => (/\d{6,}/.test(m.groups!.b) ? { env: m.groups!.t === 'b' ? 'SLACK_BOT_TOKEN' : 'SLACK_TOKEN' } : null),
  },
  { label: 'Slack app token', env: 'SLACK_APP_TOKEN', strong: true, re: /(?<![A-Za-z0-9_-])xapp-(?<b>\d-[A-Z0-9]+-\d+-[a-f0-9]{20,})/g },
  { label: 'Slack webhook URL', env: 'SLACK_WEBHOOK_URL', strong: true, re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<b>[A-Za-z0-9_/-]{20,})/g },
  { label: 'Discord webhook URL', env: 'DISCORD_WEBHOOK_URL', strong: true, re: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/(?<b>\d+\/[A-Za-z0-9_-]{30,})/g },
  { label: 'GitHub token', env: 'GITHUB_TOKEN', strong: true, re: /(?<![A-Za-z0-9_])gh[pousr]_(?<b>[A-Za-z0-9]{36,})(?![A-Za-z0-9])/g },
  { label: 'GitHub token', env: 'GITHUB_TOKEN', strong: true, re: /(?<![A-Za-z0-9_])github_pat_(?<b>[A-Za-z0-9_]{50,})/g },
  { label: 'GitLab token', env: 'GITLAB_TOKEN', strong: true, re: /(?<![A-Za-z0-9_-])gl(?:pat|dt|ptt|rt|cbt|oas|ft|imt|soat)-(?<b>[A-Za-z0-9_-]{20,})/g },
  { label: 'npm access token', env: 'NPM_TOKEN', strong: true, re: /(?<![A-Za-z0-9_])npm_(?<b>[A-Za-z0-9]{36})(?![A-Za-z0-9])/g },
  { label: 'Anthropic API key', env: 'ANTHROPIC_API_KEY', strong: true, re: /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin|sid)\d{2}-(?<b>[A-Za-z0-9_-]{80,})/g },
  {
    label: 'OpenAI API key', env: 'OPENAI_API_KEY', strong: true,
    re: /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin|None)-)?(?<b>[A-Za-z0-9_-]{32,})(?![A-Za-z0-9_-])/g,
    check: (m) => (m.groups!.b.startsWith('ant-') || identifierLike(m.groups!.b) || !/\d/.test(m.groups!.b) ? null : {}),
  },
  { label: 'Hugging Face token', env: 'HF_TOKEN', strong: true, re: /(?<![A-Za-z0-9_])hf_(?<b>[A-Za-z0-9]{30,})(?![A-Za-z0-9])/g },
  { label: 'Supabase secret key', env: 'SUPABASE_SERVICE_ROLE_KEY', strong: true, re: /(?<![A-Za-z0-9_])sb_secret_(?<b>[A-Za-z0-9_-]{20,})/g },
  {
    label: 'JWT', env: 'API_TOKEN',
    re: /(?<![A-Za-z0-9_.-])eyJ[A-Za-z0-9_-]{8,}\.(?<p>eyJ[A-Za-z0-9_-]{8,})\.(?<b>[A-Za-z0-9_-]{8,})(?![A-Za-z0-9_.-])/g,
    check(m, _v, ctx) {
      const payload = decodeJson(m.groups!.p);
      if (!payload) return null;
      // an expired token (a dev token in an API client's export): whoever reads it can no longer use it
      if (typeof payload.exp === 'number' && payload.exp * 1000 < Date.now()) return null;
      if (payload.role === 'service_role') return { label: 'Supabase service-role key', env: 'SUPABASE_SERVICE_ROLE_KEY' };
      if (payload.role === 'anon') return 'public';
      if (ctx.test || ctx.docs) return null;
      if (payload.sub === '1234567890' || payload.name === 'John Doe') return null;
      const name = ctx.names?.[0];
      if (!name || !isSecretName(name)) return null;
      return { by: 'name', env: envNameFor(ctx.names, 'API_TOKEN') };
    },
  },
  {
    label: 'connection string with a password', env: 'DATABASE_URL',
    re: /(?<![A-Za-z0-9+.-])(?<s>postgres(?:ql)?|mysql2?|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb|smtps?|ftps?|https?)(?:\+[a-z0-9]+)?:\/\/(?<u>[^:/?#@\s'"`]*):(?<b>[^@/?#\s'"`]+)@(?<h>[^/?#:\s'"`,;)]+)/g,
    check(m, value, ctx) {
      const { s, h, u } = m.groups!;
      let pw = m.groups!.b;
      try { pw = decodeURIComponent(pw); } catch { /* keep it raw */ }
      if (pw.length < 4 || /^[$%{<[]/.test(pw) || isPlaceholder(pw) || dictionaryLike(pw)) return null;
      // documentation's `user:passworrd@...`: a generic user and a misspelt "password" is a setup example
      if (ctx.docs && /^(user|username|usr|admin|root|name|myuser|dbuser)$/i.test(u) && editDistance(pw.toLowerCase(), 'password') <= 2) return null;
      const host = h.toLowerCase();
      if (!host.includes('.') || /^(127\.|0\.0\.0\.0|localhost)|\.localhost$|^host\.docker\.internal$|\.local$/.test(host) || isPlaceholder(host)) return null;
      const scheme = s.toLowerCase();
      const end = m.index + m[0].length + /^[^\s'"`<>)\]]*/.exec(value.slice(m.index + m[0].length))![0].length;
      if (/^(https?|ftps?)$/.test(scheme)) {
        if (!randomEnough(pw, 'password')) return null;
        return { label: 'URL with embedded credentials', env: 'SERVICE_URL', end };
      }
      const env = scheme.startsWith('mongodb') ? 'MONGODB_URI' : scheme.startsWith('redis') ? 'REDIS_URL' : scheme.startsWith('amqp') ? 'AMQP_URL' : scheme.startsWith('smtp') ? 'SMTP_URL' : 'DATABASE_URL';
      return { label: env === 'SMTP_URL' ? 'SMTP URL with a password' : 'database URL with a password', env, end };
    },
  },
  {
    label: 'connection string with a password', env: 'DATABASE_CONNECTION_STRING',
    re: /(?:^|;)[ \t]*(?:Password|Pwd)[ \t]*=[ \t]*(?<b>[^;'"`\s]{4,})/gi,
    check: (m) => (/[Ss]erver|[Dd]ata [Ss]ource|[Hh]ost|[Ee]ndpoint/.test(m.input) && randomEnough(m.groups!.b, 'password') ? {} : null),
  },
  {
    label: 'Discord bot token', env: 'DISCORD_BOT_TOKEN', strong: true,
    re: /(?<![A-Za-z0-9_.-])(?<b>(?<id>[MNO][A-Za-z0-9_-]{23,27})\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40})(?![A-Za-z0-9_.-])/g,
    check: (m) => (/^\d{17,20}$/.test(base64Decode(m.groups!.id)) ? {} : null),
  },
  { label: 'Telegram bot token', env: 'TELEGRAM_BOT_TOKEN', strong: true, re: /(?:(?<=\/bot)|(?<![A-Za-z0-9_:-]))(?<b>\d{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/g },
  { label: 'Shopify access token', env: 'SHOPIFY_ACCESS_TOKEN', strong: true, re: /(?<![A-Za-z0-9_])shp(?:at|ca|pa|ss)_(?<b>[a-fA-F0-9]{32})(?![A-Za-z0-9])/g },
  { label: 'Mapbox secret token', env: 'MAPBOX_SECRET_TOKEN', strong: true, re: /(?<![A-Za-z0-9_.-])sk\.eyJ(?<b>[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,})/g },
  { label: 'Sentry auth token', env: 'SENTRY_AUTH_TOKEN', strong: true, re: /(?<![A-Za-z0-9_])sntr[ysu]_(?<b>[A-Za-z0-9+/=_-]{40,})/g },
  { label: 'DigitalOcean token', env: 'DIGITALOCEAN_TOKEN', strong: true, re: /(?<![A-Za-z0-9_])do[por]_v1_(?<b>[a-f0-9]{64})(?![A-Za-z0-9])/g },
  { label: 'PlanetScale credential', env: 'PLANETSCALE_TOKEN', strong: true, re: /(?<![A-Za-z0-9_])pscale_(?:pw|tkn|oauth)_(?<b>[A-Za-z0-9_.-]{32,})/g },
  { label: 'Groq API key', env: 'GROQ_API_KEY', strong: true, re: /(?<![A-Za-z0-9_])gsk_(?<b>[A-Za-z0-9]{48,})(?![A-Za-z0-9])/g },
  { label: 'Replicate API token', env: 'REPLICATE_API_TOKEN', strong: true, re: /(?<![A-Za-z0-9_])r8_(?<b>[A-Za-z0-9]{37})(?![A-Za-z0-9])/g },
  { label: 'Linear API key', env: 'LINEAR_API_KEY', strong: true, re: /(?<![A-Za-z0-9_])lin_api_(?<b>[A-Za-z0-9]{40})(?![A-Za-z0-9])/g },
  { label: 'xAI API key', env: 'XAI_API_KEY', strong: true, re: /(?<![A-Za-z0-9_-])xai-(?<b>[A-Za-z0-9]{70,})(?![A-Za-z0-9])/g },
  { label: 'Square access token', env: 'SQUARE_ACCESS_TOKEN', strong: true, re: /(?<![A-Za-z0-9_-])sq0(?:atp|csp)-(?<b>[A-Za-z0-9_-]{22,43})(?![A-Za-z0-9_-])/g },
  { label: 'PayPal / Braintree access token', env: 'PAYPAL_ACCESS_TOKEN', strong: true, re: /access_token\$production\$(?<b>[a-z0-9]{16}\$[a-f0-9]{32})/g },
  { label: 'Databricks token', env: 'DATABRICKS_TOKEN', strong: true, re: /(?<![A-Za-z0-9_])dapi(?<b>[a-f0-9]{32})(?![A-Za-z0-9])/g },
  { label: 'Resend API key', env: 'RESEND_API_KEY', strong: true, re: /(?<![A-Za-z0-9_])re_(?<b>[A-Za-z0-9]{8}_[A-Za-z0-9]{24})(?![A-Za-z0-9])/g },
  { label: 'Postman API key', env: 'POSTMAN_API_KEY', strong: true, re: /(?<![A-Za-z0-9_-])PMAK-(?<b>[a-f0-9]{24}-[a-f0-9]{34})(?![A-Za-z0-9])/g },
  { label: 'Doppler token', env: 'DOPPLER_TOKEN', strong: true, re: /(?<![A-Za-z0-9_.-])dp\.(?:st|sa|ct|scim|audit|pt)\.(?<b>[A-Za-z0-9_-]{40,})/g },
  { label: 'age secret key', env: 'AGE_SECRET_KEY', strong: true, re: /AGE-SECRET-KEY-1(?<b>[0-9A-Z]{58})/g },
  { label: 'Firebase Cloud Messaging server key', env: 'FCM_SERVER_KEY', strong: true, re: /(?<![A-Za-z0-9_-])AAAA[A-Za-z0-9_-]{7}:(?<b>APA91b[A-Za-z0-9_-]{100,})/g },
];

/** A cheap test that a string may hold one of FORMATS (most literals don't). */
const MAYBE = /BEGIN|[Pp]ass|PASS|[Pp]wd|PWD|AKIA|ASIA|ABIA|ACCA|AIza|GOCSPX|Key=|_live_|_test_|whsec_|SG\.|key-|[0-9a-f]{32}-|xox|xapp-|hooks\.|webhooks|gh[pousr]_|github_pat_|gl[a-z]{1,4}-|npm_|sk-|hf_|sb_secret|eyJ|:\/\/[^\s]*@|\.[A-Za-z0-9_-]{6,7}\.|:AA|shp|sntr|_v1_|pscale_|gsk_|r8_|lin_api|xai-|AGE-SECRET|sq0|access_token|dapi|re_|PMAK-|dp\.|APA91b/;

function decodeJson(b64url: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(base64Decode(b64url));
    return v && typeof v === 'object' ? v : undefined;
  } catch { return undefined; }
}

function base64Decode(s: string): string {
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) { const p = n / s.length; h -= p * Math.log2(p); }
  return h;
}

/** A value shown in messages: a prefix of at most 4 characters (fewer for short values), then `****`. */
export function mask(value: string): string {
  return value.slice(0, Math.min(4, Math.floor(value.length / 4))) + '****';
}

/** `stripeSecretKey`, `STRIPE_SECRET_KEY`, `x-api-key` -> ['stripe', 'secret', 'key']. */
export function nameWords(name: string): readonly string[] {
  let words = wordsMemo.get(name);
  if (words) return words;
  words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  // Rules ask for the words of the same names again and again (every rule, every file): remember them, within bounds.
  if (wordsMemo.size >= 20_000) wordsMemo.clear();
  wordsMemo.set(name, words);
  return words;
}
const wordsMemo = new Map<string, readonly string[]>();

/** `stripeSecretKey` -> `STRIPE_SECRET_KEY`; undefined when the name makes no env var name. */
export function constantCase(name: string): string | undefined {
  const c = nameWords(name).join('_').toUpperCase();
  return /^[A-Z][A-Z0-9_]*$/.test(c) ? c : undefined;
}

const SECRET_WORDS = new Set(['secret', 'password', 'passwd', 'passphrase', 'pwd', 'pass', 'pw', 'token', 'apikey', 'authorization', 'secretkey', 'privatekey', 'accesstoken', 'authtoken', 'clientsecret']);
const KEY_QUALIFIERS = new Set(['api', 'secret', 'private', 'access', 'signing', 'sign', 'encryption', 'encrypt', 'crypto', 'master', 'auth', 'service', 'admin', 'server', 'app', 'hmac', 'jwt', 'session', 'cookie', 'aes', 'license', 'bot', 'webhook', 'account', 'storage', 'subscription', 'role', 'management']);
const PUBLIC_WORDS = new Set(['public', 'publishable', 'anon', 'pk', 'site']);
const NON_SECRET_LAST = new Set([
  'url', 'uri', 'urls', 'endpoint', 'host', 'path', 'file', 'filename', 'dir', 'directory', 'name', 'names', 'id', 'ids', 'label',
  'title', 'text', 'message', 'msg', 'description', 'desc', 'placeholder', 'hint', 'help', 'type', 'types', 'kind', 'field', 'fields',
  'regex', 'regexp', 'pattern', 'length', 'len', 'min', 'max', 'count', 'expires', 'expiry', 'expiration', 'exp', 'ttl', 'lifetime',
  'age', 'duration', 'timeout', 'env', 'var', 'variable', 'header', 'headers', 'prefix', 'suffix', 'route', 'routes', 'param', 'params',
  'query', 'column', 'input', 'error', 'errors', 'policy', 'strength', 'rule', 'rules', 'hash', 'hashed', 'digest', 'checksum', 'sha',
  'required', 'enabled', 'disabled', 'mode', 'format', 'version', 'schema', 'provider', 'strategy', 'location', 'ref', 'arn',
  'algorithm', 'alg', 'algorithms', 'encoding', 'scope', 'scopes', 'audience', 'issuer', 'form', 'button', 'link', 'icon', 'class',
  'classname', 'style', 'selector', 'template', 'subject', 'reset', 'confirm', 'confirmation', 'changed', 'updated', 'at', 'date',
  'time', 'size', 'index', 'event', 'events', 'request', 'response', 'handler', 'callback', 'fn', 'option', 'options', 'config',
  'status', 'state', 'expired', 'valid', 'invalid', 'visible', 'shown', 'show', 'hidden', 'hide', 'toggle', 'storage', 'component',
  'page', 'screen', 'view', 'modal', 'dialog', 'usage', 'generator', 'length', 'separator', 'field', 'store',
  'cache', 'manager', 'service', 'client', 'module', 'lib', 'util', 'utils', 'helper', 'factory', 'source', 'count', 'limit', 'user',
  'username', 'login', 'email', 'domain', 'region', 'bucket', 'project', 'account', 'tenant', 'org', 'organization', 'owner',
  'in', 'ms', 'sec', 'secs', 'seconds', 'minutes', 'hours', 'days', 'chars', 'charset', 'alphabet', 'characters', 'rounds', 'cost',
]);

/** True for names that hold credentials: `password`, `jwtSecret`, `STRIPE_SECRET_KEY`, `x-api-key`, `authToken`, `Authorization`. */
export function isSecretName(name: string): boolean {
  const w = nameWords(name);
  if (!w.length) return false;
  if (w.length === 1 && w[0] === 'auth') return true;
  if (w.some((x) => PUBLIC_WORDS.has(x))) return false;
  const last = w[w.length - 1];
  if (NON_SECRET_LAST.has(last)) return false;
  if (last === 'key' && w.length > 1 && KEY_QUALIFIERS.has(w[w.length - 2])) return true;
  if (last === 'string' && w[w.length - 2] === 'connection') return true;
  return w.some((x) => SECRET_WORDS.has(x));
}

const PASSWORD_WORDS = new Set(['password', 'passwd', 'passphrase', 'pwd', 'pass', 'pw']);
function isPasswordName(name: string): boolean { return nameWords(name).some((w) => PASSWORD_WORDS.has(w)); }

const GENERIC_ENV = new Set(['PASSWORD', 'PASS', 'PWD', 'PW', 'SECRET', 'TOKEN', 'KEY', 'API_KEY', 'APIKEY', 'AUTH', 'ACCESS_TOKEN', 'AUTH_TOKEN', 'SECRET_KEY', 'PRIVATE_KEY', 'CLIENT_SECRET', 'ACCESS_KEY', 'AUTHORIZATION', 'SECRET_ACCESS_KEY', 'ACCESS_KEY_ID']);
const GENERIC_CONTAINERS = new Set(['CONFIG', 'OPTIONS', 'OPTS', 'SETTINGS', 'ENV', 'DEFAULT', 'DEFAULTS', 'CREDENTIALS', 'CREDS', 'AUTH', 'PARAMS', 'PROPS', 'DATA', 'BODY', 'HEADERS', 'EXPORTS', 'SECRETS', 'KEYS', 'VALUES']);

/**
 * The env var to move a value to: the developer's own name when it is specific (`jwtSecret` -> JWT_SECRET),
 * qualified by the enclosing object when it is generic (`db.password` -> DB_PASSWORD), else `fallback`.
 */
export function envNameFor(names: readonly string[] | undefined, fallback: string): string {
  const [n0, n1] = names ?? [];
  const c0 = n0 && !n0.includes('-') ? constantCase(n0) : undefined;
  if (c0 && /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(n0) && !GENERIC_ENV.has(n0)) return n0;
  if (!c0 || !isSecretName(n0)) return fallback;
  if (!GENERIC_ENV.has(c0)) return c0;
  const c1 = n1 && !n1.includes('-') ? constantCase(n1) : undefined;
  if (c1 && !GENERIC_CONTAINERS.has(c1) && c1.length < 30) return `${c1}_${c0}`;
  return fallback;
}

const MARKERS = /example|sample|dummy|placeholder|changeme|change[_-]?me|replace|redacted|insert|your|xxxx|fake|mock|todo|fixme|test|demo|foobar|lorem|\.\.\.|…|\*\*\*|•/i;
const SEQUENCES = /0123456|1234567|abcdefg|bcdefgh|qwerty|asdfgh/i;

/** Obvious placeholders: `your-api-key`, `changeme`, `xxx`, `<token>`, `${VAR}`, `env(VAR)` (Supabase config.toml), `{{ secrets.X }}`, `sk_live_...`, `aaaaaaaa`. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (!v) return true;
  if (/^<.*>$|^\{[\w.-]+\}$|\$\{|\{\{|\$\(|%\(|^\$[A-Za-z_]|^%[A-Za-z_]+%$|^env\(\s*["']?[A-Za-z_][\w.]*["']?\s*\)$/.test(v)) return true;
  if (MARKERS.test(v) || SEQUENCES.test(v)) return true;
  if (/(.)\1{5,}/.test(v)) return true;
  if (v.length >= 8 && new Set(v).size <= 4) return true;
  return false;
}

const COMMON = [
  'password', 'passwd', 'pass', 'secret', 'admin', 'root', 'user', 'test', 'demo', 'letmein', 'welcome', 'qwerty', 'change', 'me',
  'default', 'super', 'master', 'hello', 'world', 'dev', 'local', 'my', 'app', 'db', 'database', 'postgres', 'mysql', 'mongo', 'redis',
  'guest', 'login', 'abc', 'iloveyou', 'monkey', 'dragon', 'shadow', 'sunshine', 'princess', 'football', 'trustno', 'access', 'key',
  'token', 'strong', 'very', 'the', 'new', 'old', 'temp', 'tmp', 'pwd', 'api', 'jwt', 'session', 'cookie', 'sign', 'signing', 'private',
  'is', 'it', 'not', 'so', 'top', 'and', 'for', 'of', 'to', 'keyboard', 'cat', 'shh', 'shhh', 'prod', 'production', 'staging', 'stage',
  'development', 'auth', 'our', 'this', 'that', 'value', 'string', 'random', 'long', 'some', 'any', 'only', 'here', 'there', 'should',
  'be', 'do', 'dont', 'use', 'in', 'on', 'rabbitmq', 'rabbit', 'minio', 'minioadmin', 'supabase', 'postgresql', 'sa', 'pw', 'owner',
];
const COMMON_SET = new Set(COMMON);
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's', '!': 'i' };

function segments(s: string): boolean {
  const ok = new Array<boolean>(s.length + 1).fill(false);
  ok[0] = true;
  for (let i = 1; i <= s.length; i++) {
    for (let j = Math.max(0, i - 12); j < i && !ok[i]; j++) if (ok[j] && COMMON_SET.has(s.slice(j, i))) ok[i] = true;
  }
  return ok[s.length];
}

/** Values made of common words and digits (`admin123`, `P@ssw0rd`, `keyboard cat`): dev defaults, not generated secrets. */
export function dictionaryLike(value: string): boolean {
  const lower = value.toLowerCase();
  const plain = lower.replace(/[^a-z]/g, '');
  if (!plain || segments(plain)) return true;
  const leet = lower.replace(/[013457@$!]/g, (c) => LEET[c]).replace(/[^a-z]/g, '');
  return segments(leet);
}

function looksWord(s: string): boolean {
  return s.length >= 2 && /[aeiouy]/.test(s) && !/[bcdfghjklmnpqrstvwxz]{5,}/.test(s) && !/[aeiou]{4,}/.test(s);
}

/** Identifiers and word-made keys (`accessToken`, `auth.password.label`, `app:session`), not generated values. */
export function identifierLike(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9]*(?:[._:/-]+[A-Za-z0-9]+)*$/.test(value)) return false;
  const parts = value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return parts.every((p) => (/^[a-z]+$/.test(p) ? looksWord(p) : /^\d{1,4}$/.test(p)));
}

const NON_PROD_WORDS = new Set(['ci', 'dev', 'local', 'localhost', 'test', 'testing', 'tests', 'throwaway', 'sandbox', 'fixture', 'fixtures', 'e2e', 'insecure', 'unsafe']);

/**
 * Self-describing values made of separated words (`ci-only-jwt-secret-that-is-long-enough-000`): every part a word,
 * an acronym or a short number (`000`, `v2`), and at least half of the word parts common or environment words. A generated
 * secret has no such structure; a diceware passphrase has words, but not common ones.
 */
export function wordMade(value: string): boolean {
  if (!/^[A-Za-z0-9]+(?:[-_.]+[A-Za-z0-9]+){2,}$/.test(value)) return false;
  let letters = 0;
  let common = 0;
  for (const part of value.toLowerCase().split(/[-_.]+/)) {
    if (/^v?\d{1,4}$/.test(part)) continue;
    const known = COMMON_SET.has(part) || NON_PROD_WORDS.has(part);
    if (!known && !(/^[a-z]+$/.test(part) && (looksWord(part) || part.length <= 4))) return false;
    letters++;
    if (known) common++;
  }
  return letters >= 3 && common * 2 >= letters;
}

/** `CARRIER_WEBHOOK_SECRET_DHL`: SCREAMING_SNAKE names (env var names, constants) with a word in them. */
function screamingSnakeName(value: string): boolean {
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value) && value.toLowerCase().split('_').some((p) => p.length >= 3 && /^[a-z]+$/.test(p) && looksWord(p));
}

/** `/var/run/app.sock`, `./certs/key.pem`, `~/.ssh/id_rsa`, `/api/v1/auth/token`; not base64 that happens to start with a slash. */
function pathLike(v: string): boolean {
  if (!/^(\.{1,2}|~)?\/[\w.@:-]*(\/[\w.@:-]*)*$/.test(v)) return false;
  return v.split('/').every((seg) => !seg || seg === '.' || seg === '..' || seg === '~' || /^[\w-]{1,3}$/.test(seg) || /^[:\d]/.test(seg) || identifierLike(seg.replace(/^\./, '').replace(/\.[A-Za-z0-9]+$/, '')));
}

/** Whether a value looks generated (or at least not a word, path, URL, placeholder or id). */
export function randomEnough(value: string, strength: 'password' | 'token'): boolean {
  const v = value;
  if (v.length < 8 || v.length > 2000 || /\s/.test(v)) return false;
  if (isPlaceholder(v) || identifierLike(v) || dictionaryLike(v) || wordMade(v) || screamingSnakeName(v)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || pathLike(v) || /^data:/i.test(v)) return false;
  if (/^[\w.+-]+@[\w-]+\.[\w.-]+$/.test(v) || /^#[0-9a-f]{3,8}$/i.test(v)) return false;
  if (/^\d+$/.test(v) && v.length < 20) return false;
  if (/^v?\d+(\.\d+)+/.test(v) || /^\d{4}-\d{2}-\d{2}/.test(v)) return false;
  if (/^\$2[aby]?\$\d\d\$/.test(v) || /^\$argon2/.test(v) || /^(sha\d+|md5)[-:]/i.test(v)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(v)).length;
  const h = shannonEntropy(v);
  if (strength === 'password') return (classes >= 3 && h >= 2.5) || (classes >= 2 && v.length >= 10 && h >= 3.0);
  if (/^[0-9a-f]+$/i.test(v)) return v.length >= 16 && h >= 3.0;
  return classes >= 2 && ((v.length >= 16 && h >= 3.5) || (v.length >= 10 && classes >= 3 && h >= 3.0));
}

function formatHits(value: string, ctx: ValueContext): { hits: SecretHit[]; isPublic: boolean } {
  const hits: SecretHit[] = [];
  let isPublic = false;
  if (value.length < 16 || !MAYBE.test(value)) return { hits, isPublic };
  for (const f of FORMATS) {
    if (ctx.test && !f.strong) continue;
    f.re.lastIndex = 0;
    for (let m = f.re.exec(value); m; m = f.re.exec(value)) {
      if (m[0].length === 0) { f.re.lastIndex++; continue; }
      const body = m.groups?.b ?? m[0];
      if (f !== FORMATS[0] && isPlaceholder(body)) continue;
      const verdict: Verdict = f.check ? f.check(m, value, ctx) : {};
      if (verdict === 'public') { isPublic = true; continue; }
      if (!verdict) continue;
      const start = m.index;
      const end = verdict.end ?? m.index + m[0].length;
      if (hits.some((h) => h.start < end && start < h.end)) continue;
      hits.push({ start, end, label: verdict.label ?? f.label, env: verdict.env ?? f.env, tier: verdict.tier ?? 'ship-stopping', by: verdict.by ?? 'format' });
    }
  }
  hits.sort((a, b) => a.start - b.start);
  return { hits, isPublic };
}

/** Keys that are public by design: Stripe/Clerk publishable, Mapbox public, PostHog project, Supabase publishable. */
const PUBLIC_PREFIX = /^(pk[._]|phc_|sb_publishable_|pub_|public[-_])/i;

const AUTH_SCHEME = /^(Bearer|Token|Bot|Basic|ApiKey|Api-Key|Key)\s+/i;

function byName(value: string, ctx: ValueContext): SecretHit | undefined {
  const name = ctx.names?.[0];
  if (!name || ctx.test || ctx.docs || !isSecretName(name)) return undefined;
  let start = value.length - value.trimStart().length;
  let v = value.trim();
  const scheme = AUTH_SCHEME.exec(v);
  if (scheme) {
    start += scheme[0].length;
    v = v.slice(scheme[0].length);
    if (/^basic$/i.test(scheme[1])) {
      const decoded = base64Decode(v);
      const pw = decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : '';
      if (!/^[\x20-\x7e]+$/.test(decoded) || pw.length < 6 || isPlaceholder(pw) || dictionaryLike(pw)) return undefined;
      return { start, end: start + v.length, label: 'HTTP Basic credentials', env: envNameFor(ctx.names, 'BASIC_AUTH'), tier: 'ship-stopping', by: 'format' };
    }
  }
  if (PUBLIC_PREFIX.test(v) || !randomEnough(v, isPasswordName(name) ? 'password' : 'token')) return undefined;
  const w = nameWords(name);
  if (/^[A-Za-z0-9/+]{40}$/.test(v) && (w.includes('aws') || (w.includes('secret') && w.includes('access')))) {
    return { start, end: start + v.length, label: 'AWS secret access key', env: 'AWS_SECRET_ACCESS_KEY', tier: 'ship-stopping', by: 'format' };
  }
  const fallback = scheme || /^authorization$/i.test(name) ? 'API_TOKEN' : constantCase(name) ?? 'SECRET';
  return { start, end: start + v.length, label: 'secret', env: envNameFor(ctx.names, fallback), tier: 'ship-stopping', by: 'name' };
}

/** A cheap first look: false when no detector could fire on this value whatever its names (sentences, identifiers, short strings). */
export function couldHoldSecret(value: string): boolean {
  if (value.length < 8) return false;
  if (value.length >= 16 && MAYBE.test(value)) return true;
  const v = value.trim().replace(AUTH_SCHEME, '');
  return !/\s/.test(v) && !identifierLike(v);
}

/** The credential in one string value (a literal, a JSON/YAML scalar, an ENV value), if any. */
export function detectInValue(value: string, ctx: ValueContext = {}): SecretHit | undefined {
  if (value.length < 8 || /^data:/i.test(value)) return undefined;
  const { hits, isPublic } = formatHits(value, ctx);
  if (hits.length) return hits.find((h) => h.tier === 'ship-stopping') ?? hits[0];
  if (isPublic || expiredJwt(value)) return undefined;
  if (!ctx.test && /^[0-9a-f]{32}$/.test(value) && ctx.siblingValues?.().some((s) => /^AC[0-9a-f]{32}$/.test(s))) {
    return { start: 0, end: value.length, label: 'Twilio auth token', env: 'TWILIO_AUTH_TOKEN', tier: 'ship-stopping', by: 'format' };
  }
  return byName(value, ctx);
}

/** Levenshtein distance (short strings only). */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** A JWT (alone, or after an auth scheme such as `Bearer`) whose `exp` has passed: nobody can use it any more. */
function expiredJwt(value: string): boolean {
  const m = /^(?:[A-Za-z]+\s+)?eyJ[A-Za-z0-9_-]{8,}\.(eyJ[A-Za-z0-9_-]{8,})\.[A-Za-z0-9_-]{8,}$/.exec(value.trim());
  const payload = m && decodeJson(m[1]);
  return !!payload && typeof payload.exp === 'number' && payload.exp * 1000 < Date.now();
}

/** Every self-identifying credential in free text (Markdown, SQL, shell, RUN lines): no names, so formats only. */
export function scanText(text: string, ctx: ValueContext = {}): SecretHit[] {
  return formatHits(text, ctx).hits;
}

/** `name = value` / `name: value` lines of plain-text config (TOML, INI, .npmrc, shell, properties, Terraform). */
export interface TextAssignment { name: string; value: string; valueStart: number }

export function assignmentsInText(text: string): TextAssignment[] {
  const out: TextAssignment[] = [];
  const re = /^[ \t]*(?:export[ \t]+|set[ \t]+|const[ \t]+|let[ \t]+|var[ \t]+)?["']?(\/\/[^\s=]+|[^\s=:"'#;]+)["']?[ \t]*(?:=|:(?!\/\/))[ \t]*(.*?)[ \t]*[,;]?[ \t]*$/dgm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    const key = m[1];
    const name = key.split(/[/:]/).filter(Boolean).pop() ?? key;
    let value = m[2];
    let valueStart = m.indices?.[2]?.[0] ?? m.index;
    const q = /^(["'`])(.*?)\1/.exec(value);
    if (q) { value = q[2]; valueStart += 1; } else value = value.replace(/\s+#.*$/, '');
    if (value) out.push({ name, value, valueStart });
  }
  return out;
}

/** Files that are templates of real config (`config.example.json`, `.env.sample`): their values are placeholders by intent. */
export function isTemplatePath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return /(^|[._-])(example|sample|template|tmpl|tpl|dist)([._-]|$)/i.test(name);
}
