import type { PackageInfo, WorkspaceFacts } from '../../server/engine/facts/workspaceFacts';
import type { MarkdownHeading } from '../../server/engine/parse';
import type { Fix, WorkspaceRule, WorkspaceRuleContext } from '../../server/engine/types';
import { LineIndex, START } from '../../server/engine/positions';
import { scriptCommand } from '../../server/engine/ts/scriptCommand';

type Section = 'setup' | 'architecture' | 'deployment';
type Pm = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** Requirements of the product (functional, non-functional, business rules), which `requisitos` / `requirements` alone would take for setup. */
const PRODUCT_REQUIREMENTS = /\b(functional|funcionais|funcionales|fonctionnelles|funktionale|funzionali|regras de negocio|reglas de negocio|business rules)\b|\b(rfs?|rnfs?)\b/;

/** Heading wordings (lower case, punctuation as spaces) that count as each section. */
const HEADINGS: Record<Section, RegExp> = {
  setup: /\b(set ?up|setting up|getting started|get started|installation|install(ing)?|quick ?start|local (development|dev|setup|environment)|development|developing|run(ning)? (it )?locally|how to run|running the (app|project|server)|run(ning)? the (app|project|server|backend|frontend|api|service)|(build(ing)? )?from source|instalasi|pemasangan|cara (menjalankan|install|instalasi)|menjalankan|persiapan|prerequisites|usage|instalacao|instalacion|installazione|kurulum|instalacja|uruchomienie|installatie|instalar|configuracao|configuracion|einrichtung|como (rodar|executar|ejecutar|usar)|rodar localmente|ejecutar localmente|requisitos|pre requisitos|prerequis|voraussetzungen|requisiti|primeiros passos|primeros pasos|puesta en marcha|arranque|premiers pas|prise en main|demarrage|mise en route|erste schritte|desenvolvimento|desarrollo|developpement|entwicklung|sviluppo)\b/,
  architecture: /\b(architecture|overview|how it works|project (structure|layout|organi[sz]ation)|(folder|directory|code|repo|repository) (structure|layout|organi[sz]ation)|structure|design|tech(nology)? stack|stack|internals|arquitetura|arquitectura|arsitektur|struktur proyek|architektur|architettura|mimari|architektura|architectuur|estrutura|estructura|struktur|struttura|aufbau|visao geral|vision general|apercu|uberblick|panoramica|tecnologias|technologies|technologien|tecnologie)\b/,
  deployment: /\b(deploy(ing|ment|ments)?|(in|to|for|into|on) production|production (build|builds|deploy|deployment|setup|environment|env|checklist|release|releases|mode|server|usage|notes|readiness|guide)|^production$|hosting|hosted|releases?|releasing|going live|go live|ci ?cd|continuous (deployment|delivery)|infrastructure|operations|rollout|implantacao|despliegue|penerapan|deploiement|dagitim|wdrozenie|uitrol|bereitstellung|distribuzione|producao|produccion|produktion|produzione|mise en production|publicacao|publicacion|hospedagem|alojamiento|hebergement)\b/,
};
/**
 * The same in scripts that have no ASCII words: Cyrillic (Russian, Ukrainian) by word start, so inflections count
 * (`Установка и запуск`), and Chinese, Japanese, Korean anywhere in the heading.
 */
const HEADINGS_INTL: Record<Section, RegExp> = {
  setup: /(^| )(установк|запуск|начало работы|быстрый старт|разработк|требовани|настройк|встановлен|налаштуван|початок роботи)|安装|快速开始|开始使用|本地开发|运行|インストール|セットアップ|はじめに|使い方|開発環境|설치|시작하기|실행/u,
  architecture: /(^| )(архитектур|структур|обзор|стек|технологи|устройство|архітектур|огляд)|架构|项目结构|目录结构|技术栈|概述|アーキテクチャ|構成|技術スタック|概要|아키텍처|구조|기술 스택/u,
  deployment: /(^| )(развертывани|развёртывани|деплой|продакшн|продакшен|публикаци|хостинг|выкладк|розгортанн)|部署|发布|上线|デプロイ|本番|배포/u,
};
/** Separate documents that cover a section (at the root or under docs/). */
const DOCS: Record<Section, RegExp> = {
  setup: /^(docs?\/([a-z]{2}([-_][a-z]{2})?\/)?)?(setup([-_ ]guide)?|getting[-_ ]started|install(ation)?([-_ ]guide)?|development|developing|local[-_ ]development|contribut(e|ing)|quick[-_ ]?start)\.(md|mdx|markdown)$/i,
  architecture: /^(docs?\/([a-z]{2}([-_][a-z]{2})?\/)?)?((architecture|design|overview|structure|project[-_ ]structure)\.(md|mdx|markdown)|(architecture|adrs?|decisions)\/.+\.(md|mdx|markdown))$/i,
  deployment: /^(docs?\/([a-z]{2}([-_][a-z]{2})?\/)?)?((deploy(ing|ment)?|hosting|production|releas(e|ing)|runbook|operations)\.(md|mdx|markdown)|(deploy(ment)?|runbooks?)\/.+\.(md|mdx|markdown))$/i,
};
const WHY: Record<Section, string> = {
  setup: 'a new developer cannot get it running without asking someone',
  architecture: 'nobody can see how the parts fit together before changing them',
  deployment: 'how a change reaches production lives only in someone\'s head',
};
const TITLES: Record<Section, string> = { setup: 'Setup', architecture: 'Architecture', deployment: 'Deployment' };
const ORDER: Section[] = ['setup', 'architecture', 'deployment'];

const FRAMEWORKS: Record<string, string> = { express: 'Express', fastify: 'Fastify', koa: 'Koa', nestjs: 'NestJS', nextjs: 'Next.js', hono: 'Hono' };
const DATA: Record<string, string> = {
  prisma: 'Prisma', typeorm: 'TypeORM', sequelize: 'Sequelize', drizzle: 'Drizzle', mongoose: 'Mongoose (MongoDB)', knex: 'Knex',
  pg: 'PostgreSQL', mysql2: 'MySQL', sqlite: 'SQLite', supabase: 'Supabase', firebase: 'Firebase',
};
const PLATFORM_FILES = ['vercel.json', 'netlify.toml', 'fly.toml', 'render.yaml', 'railway.json', 'railway.toml', 'Procfile', 'app.yaml', 'serverless.yml', 'serverless.yaml'];
const NPM_PLACEHOLDER = /no test specified/;

/** Lower case, accents dropped (`Instalação` -> `instalacao`), punctuation as spaces. */
const norm = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
/** Lower case, composed, punctuation as spaces, letters of every script kept (for HEADINGS_INTL). */
const normIntl = (s: string) => s.toLowerCase().normalize('NFC').replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ').trim();
const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const code = (s: string) => `\`${s}\``;

/** What the workspace knows that a README's sections can be pre-filled with. */
interface Knowledge {
  name: string;
  pm: Pm;
  scripts: Record<string, string>;
  enginesNode?: string;
  envTemplates: string[];
  compose?: string;
  dockerfiles: string[];
  ciFiles: string[];
  platformFiles: string[];
  prismaSchemas: string[];
  packages: PackageInfo[];
}

function gather(ctx: WorkspaceRuleContext, anchor: PackageInfo): Knowledge {
  const { facts, files } = ctx;
  const paths = [...files.keys()].sort();
  const lock = (n: string) => files.has(n) || files.has(anchor.dir ? `${anchor.dir}/${n}` : n);
  const declared = (anchor.manifest.packageManager ?? '').split('@')[0];
  const pm: Pm = lock('pnpm-lock.yaml') ? 'pnpm' : lock('yarn.lock') ? 'yarn' : lock('bun.lockb') || lock('bun.lock') ? 'bun'
    : lock('package-lock.json') || lock('npm-shrinkwrap.json') ? 'npm' : (['pnpm', 'yarn', 'bun'].includes(declared) ? declared as Pm : 'npm');
  return {
    name: anchor.manifest.name ?? 'Project',
    pm,
    scripts: anchor.manifest.scripts,
    enginesNode: anchor.manifest.enginesNode,
    envTemplates: facts.envTemplates.slice(0, 3),
    compose: paths.find((p) => /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(p)),
    dockerfiles: paths.filter((p) => files.get(p)!.kind === 'dockerfile'),
    ciFiles: facts.ciFiles,
    platformFiles: paths.filter((p) => PLATFORM_FILES.includes(p)),
    prismaSchemas: paths.filter((p) => files.get(p)!.kind === 'prisma'),
    packages: [...facts.packages].sort((a, b) => a.dir.localeCompare(b.dir)),
  };
}

function pick(scripts: Record<string, string>, names: string[]): string | undefined {
  return names.find((n) => scripts[n] !== undefined);
}

function sectionBody(section: Section, k: Knowledge): string[] {
  const s = k.scripts;
  if (section === 'setup') {
    const out: string[] = [];
    if (k.enginesNode) out.push(`Requirements: Node.js ${k.enginesNode}.`, '');
    const cmds: string[] = [];
    for (const t of k.envTemplates) cmds.push(`cp ${t} ${t.includes('/') ? `${t.slice(0, t.lastIndexOf('/'))}/.env` : '.env'}`);
    if (k.compose) cmds.push(k.compose === 'docker-compose.yml' || k.compose === 'compose.yaml' || k.compose === 'compose.yml' || k.compose === 'docker-compose.yaml' ? 'docker compose up -d' : `docker compose -f ${k.compose} up -d`);
    cmds.push(`${k.pm} install`);
    const migrate = Object.keys(s).find((n) => /migrat/i.test(n) && !/deploy|prod|reset|create|new|generate|status/i.test(n));
    if (migrate) cmds.push(scriptCommand(k.pm, migrate));
    const dev = pick(s, ['dev', 'start:dev', 'develop', 'serve', 'start']);
    if (dev) cmds.push(scriptCommand(k.pm, dev));
    out.push('```sh', ...cmds, '```');
    if (s.test && !NPM_PLACEHOLDER.test(s.test)) out.push('', `Run the tests with ${code(scriptCommand(k.pm, 'test'))}.`);
    return out;
  }
  if (section === 'architecture') {
    const out: string[] = [];
    const describe = (p: PackageInfo): string[] => {
      const parts: string[] = [];
      const fw = [...p.frameworks].map((f) => FRAMEWORKS[f] ?? f);
      const data = [...p.dataLayers].map((d) => DATA[d] ?? d);
      if (fw.length) parts.push(fw.join(', '));
      if (data.length) parts.push(`data: ${data.join(', ')}`);
      if (p.serverEntries.length) parts.push(`server entry ${p.serverEntries.map(code).join(', ')}`);
      return parts;
    };
    const inner = k.packages.filter((p) => p.dir !== '');
    if (inner.length) {
      for (const p of inner) {
        const parts = describe(p);
        out.push(`- ${code(p.dir)}${p.manifest.name ? ` (${p.manifest.name})` : ''}${parts.length ? `: ${parts.join('; ')}` : ''}`);
      }
    } else {
      const root = k.packages.find((p) => p.dir === '');
      const fw = root ? [...root.frameworks].map((f) => FRAMEWORKS[f] ?? f) : [];
      const data = root ? [...root.dataLayers].map((d) => DATA[d] ?? d) : [];
      if (fw.length || data.length) out.push(`- Stack: ${[...fw, ...data].join(', ')}`);
      if (root?.serverEntries.length) out.push(`- Server entry: ${root.serverEntries.map(code).join(', ')}`);
    }
    if (k.prismaSchemas.length) out.push(`- Database schema: ${k.prismaSchemas.map(code).join(', ')}`);
    return withTodo(out, 'how a request flows through the system, where state lives, which external services it depends on.');
  }
  const out: string[] = [];
  const build = pick(s, ['build']);
  if (build) out.push(`- Build: ${code(scriptCommand(k.pm, build))}`);
  const migrate = Object.keys(s).find((n) => /migrat/i.test(n) && /deploy|prod/i.test(n));
  if (migrate) out.push(`- Database migrations: ${code(scriptCommand(k.pm, migrate))}`);
  const start = pick(s, ['start:prod', 'start']);
  if (start) out.push(`- Start: ${code(scriptCommand(k.pm, start))}`);
  if (k.dockerfiles.length) {
    const root = k.dockerfiles.includes('Dockerfile');
    out.push(`- Container: ${k.dockerfiles.map(code).join(', ')}${root ? ` (${code(`docker build -t ${k.name.replace(/^@[^/]+\//, '').replace(/[^a-z0-9_.-]/gi, '-').toLowerCase()} .`)})` : ''}`);
  }
  if (k.ciFiles.length) out.push(`- CI: ${k.ciFiles.map(code).join(', ')}`);
  if (k.platformFiles.length) out.push(`- Platform configuration: ${k.platformFiles.map(code).join(', ')}`);
  return withTodo(out, 'where it runs, how a change reaches production, how to roll back.');
}

function withTodo(lines: string[], todo: string): string[] {
  return [...lines, ...(lines.length ? [''] : []), `<!-- TODO: ${todo} -->`];
}

function sectionsText(missing: Section[], k: Knowledge, level: number): string {
  const hashes = '#'.repeat(level);
  return missing.map((s) => [`${hashes} ${TITLES[s]}`, '', ...sectionBody(s, k)].join('\n')).join('\n\n') + '\n';
}

/** The level new sections take: the README's own second level (## under a # title), else 2. */
function sectionLevel(headings: readonly MarkdownHeading[]): number {
  if (headings.some((h) => h.level === 2)) return 2;
  const rest = headings.slice(1).map((h) => h.level);
  return rest.length ? Math.min(...rest) : 2;
}

function anchorPackage(facts: WorkspaceFacts): PackageInfo | undefined {
  return facts.packages.find((p) => p.dir === '') ?? [...facts.packages].sort((a, b) => a.dir.split('/').length - b.dir.split('/').length || a.dir.localeCompare(b.dir))[0];
}

const rule: WorkspaceRule = {
  meta: {
    id: 'docs/readme-sections',
    category: 'docs',
    phase: 'documentation',
    tier: 'tech-debt',
    title: 'README without setup, architecture or deployment sections',
    fixKind: 'multi-file',
    effort: 'hour',
    checklist: 'docs.readme',
    docs: {
      why: 'The README is where the next developer, contractor or on-call engineer starts. Without setup steps they reverse-engineer the scripts; without an architecture overview they change code they do not understand; without deployment notes shipping and rolling back depend on the one person who remembers how.',
      checks: 'Besides the README, separate docs (docs/architecture.md, docs/deployment.md, CONTRIBUTING.md, also under a language folder such as docs/en/) count too. Headings are read in English, Portuguese, Spanish, French, German, Italian, Dutch, Polish, Turkish, Russian, Ukrainian, Chinese, Japanese and Korean.',
      bad: { files: {
        'package.json': '{\n  "name": "api",\n  "scripts": { "dev": "tsx watch src/server.ts", "build": "tsc", "start": "node dist/server.js" }\n}\n',
        'README.md': '# api\n\nThe backend of our app.\n',
      } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "scripts": { "dev": "tsx watch src/server.ts", "build": "tsc", "start": "node dist/server.js" }\n}\n',
        'README.md': '# api\n\nThe backend of our app.\n\n## Getting started\n\n```sh\nnpm install\nnpm run dev\n```\n\n## Architecture\n\nAn Express API in `src/`, Postgres through Prisma.\n\n## Deployment\n\nMerges to main deploy to Fly.io; `fly releases` and `fly deploy --image` roll back.\n',
      } },
      fix: 'Add the three sections: how to get it running locally (prerequisites, env file, install, migrate, dev, test), how it is put together (packages, framework, data store, entry points), and how it ships (build, migrations, container, CI, platform, rollback). The quick fix appends the missing sections pre-filled from the scripts, Dockerfiles and CI files it finds.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts, files } = ctx;
    const anchor = anchorPackage(facts);
    if (!anchor) return;
    const paths = [...files.keys()];
    const readme = facts.readmes.find((r) => !r.includes('/'));
    const coveredByDoc = (s: Section) => paths.some((p) => files.get(p)!.kind === 'markdown' && DOCS[s].test(p));

    if (!readme) {
      const text = files.get(anchor.manifestPath)?.text ?? '';
      const k = gather(ctx, anchor);
      const content = `# ${k.name}\n\n<!-- TODO: one paragraph on what this is and who uses it. -->\n\n${sectionsText(ORDER, k, 2)}`;
      const fixes: Fix[] = files.has('README.md') ? [] : [{ title: 'Create README.md with setup, architecture and deployment sections', safe: true, edits: [], creates: [{ file: 'README.md', content }] }];
      ctx.report({
        message: 'No README at the root of the repository: a new developer (or you in six months) has no written way to set the project up, see how it fits together or deploy it. Add a README.md with setup, architecture and deployment sections.',
        file: anchor.manifestPath,
        range: text ? new LineIndex(text).lineRange(0) : START,
        fixes,
      });
      return;
    }

    const view = files.get(readme)!;
    const headings = view.facts.headings ?? [];
    const missing = ORDER.filter((s) => !headings.some((h) => {
      const t = norm(h.text);
      // "Requisitos funcionais", "Functional requirements": what the product must do, not what running it takes
      if (s === 'setup' && PRODUCT_REQUIREMENTS.test(normIntl(h.text))) return false;
      return HEADINGS[s].test(t) || HEADINGS_INTL[s].test(normIntl(h.text));
    }) && !coveredByDoc(s));
    if (!missing.length) return;
    const lines = new LineIndex(view.text);
    const k = gather(ctx, anchor);
    const eol = lines.eol;
    const text = view.text;
    const lead = text === '' ? '' : /(\r?\n){2}$/.test(text) ? '' : /\r?\n$/.test(text) ? eol : eol + eol;
    const end = lines.positionAt(text.length);
    const body = sectionsText(missing, k, sectionLevel(headings)).replace(/\n/g, eol);
    const names = missing.map((s) => TITLES[s].toLowerCase());
    ctx.report({
      message: `${readme} has no ${list(names)} section${missing.length > 1 ? 's' : ''}: ${missing.map((s) => WHY[s]).join('; ')}. Add ${missing.length > 1 ? 'them' : 'it'} (a separate doc such as docs/${missing[0]}.md counts too).`,
      file: readme,
      range: lines.lineRange(headings[0]?.line ?? 0),
      fixes: [{ title: `Add ${list(names)} section${missing.length > 1 ? 's' : ''} to ${readme}`, safe: true, edits: [{ file: readme, range: { start: end, end }, newText: lead + body }] }],
    });
  },
};

export default rule;
