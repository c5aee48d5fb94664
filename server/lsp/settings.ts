/** The `productionGap` settings: defaults, validation of what the client sends, and the engine config they map to. */
import { TIERS, type EngineConfig, type Tier } from '../engine/types';
import type { ProductionGapSettings } from './protocol';

export const DEFAULT_SETTINGS: Readonly<ProductionGapSettings> = Object.freeze({
  enable: true,
  rules: {},
  exclude: [],
  diagnostics: { tiers: [...TIERS] },
  showAccepted: true,
});

const isTier = (v: unknown): v is Tier => typeof v === 'string' && (TIERS as readonly string[]).includes(v);

/** Merges what workspace/configuration returned into the defaults; invalid values are reported and ignored. */
export function normaliseSettings(raw: unknown, warn: (message: string) => void = () => {}): ProductionGapSettings {
  const out: ProductionGapSettings = { enable: true, rules: {}, exclude: [], diagnostics: { tiers: [...TIERS] }, showAccepted: true };
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  if (typeof r.enable === 'boolean') out.enable = r.enable;
  else if (r.enable !== undefined && r.enable !== null) warn('productionGap.enable must be true or false');
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, v] of Object.entries(r.rules as Record<string, unknown>)) {
      if (v === 'off' || isTier(v)) out.rules[id] = v;
      else warn(`productionGap.rules["${id}"] must be "off" or a tier (${TIERS.join(', ')})`);
    }
  }
  if (Array.isArray(r.exclude)) out.exclude = r.exclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
  const diag = r.diagnostics as Record<string, unknown> | undefined;
  const tiers = diag && typeof diag === 'object' ? diag.tiers : (r as Record<string, unknown>)['diagnostics.tiers'];
  if (Array.isArray(tiers)) out.diagnostics.tiers = tiers.filter(isTier);
  if (typeof r.showAccepted === 'boolean') out.showAccepted = r.showAccepted;
  else if (r.showAccepted !== undefined && r.showAccepted !== null) warn('productionGap.showAccepted must be true or false');
  return out;
}

/** The tiers published as diagnostics: `diagnostics.tiers`, without `accepted` when `showAccepted` is off. */
export function shownTiers(s: ProductionGapSettings): Tier[] {
  return s.diagnostics.tiers.filter((t) => t !== 'accepted' || s.showAccepted);
}

/** The engine's view of the settings (rules on/off and tier overrides, exclude globs). */
export function toEngineConfig(s: ProductionGapSettings, extraExclude: readonly string[] = []): EngineConfig {
  return { rules: { ...s.rules }, exclude: [...s.exclude, ...extraExclude] };
}
