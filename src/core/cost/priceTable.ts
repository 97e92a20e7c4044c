import defaultPrices from './prices.json';
import { UserFacingError } from '../runtime/userFacingError';

/** USD per million tokens for each kind of token Bedrock bills. */
export interface TokenRates {
  readonly input: number;
  readonly output: number;
  readonly cacheWrite5m: number;
  readonly cacheWrite1h: number;
  readonly cacheRead: number;
}

export interface ModelPrice extends TokenRates {
  /** Extra fraction (0.1 = +10 %) for calls through a geographic cross-region profile. */
  readonly geoPremium?: number;
  /** Rates for a whole request whose input exceeds the long-context threshold. */
  readonly longContext?: TokenRates;
}

/** Keyed by the model name `identifyModel` produces, e.g. `claude-sonnet-4-5`. */
export type PriceTable = ReadonlyMap<string, ModelPrice>;

/** What an admin may supply: whole new models, or single fields of known ones. */
export type PriceOverrides = Readonly<Record<string, Partial<Omit<ModelPrice, 'longContext'>> & { readonly longContext?: Partial<TokenRates> }>>;

const RATE_FIELDS = ['input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead'] as const;

/** The table shipped with the extension (`prices.json`, bundled). */
export function defaultPriceTable(): PriceTable {
  return new Map(Object.entries(defaultPrices.models as Record<string, ModelPrice>));
}

/**
 * Admin overrides merged over `base`, field by field. A model the table does not know
 * must be given every rate: a half-priced model would silently under-report.
 */
export function withPriceOverrides(base: PriceTable, overrides: PriceOverrides | undefined): PriceTable {
  if (!overrides) return base;
  const merged = new Map(base);
  for (const [rawKey, override] of Object.entries(overrides)) {
    const key = rawKey.toLowerCase();
    const existing = merged.get(key);
    const { longContext: longOverride, ...flat } = override;
    const candidate: Record<string, unknown> = { ...existing, ...flat };
    if (longOverride) candidate['longContext'] = { ...(existing?.longContext ?? ratesOf(candidate)), ...longOverride };
    merged.set(key, validatePrice(key, candidate));
  }
  return merged;
}

function ratesOf(candidate: Record<string, unknown>): Partial<TokenRates> {
  // Stryker disable next-line MethodExpression: a rate copied as undefined is reported missing by validatePrice exactly like an absent one
  return Object.fromEntries(RATE_FIELDS.filter((field) => field in candidate).map((field) => [field, candidate[field]]));
}

function validatePrice(key: string, candidate: Record<string, unknown>): ModelPrice {
  const problems: string[] = [];
  const checkRates = (rates: Record<string, unknown>, where: string): void => {
    for (const field of RATE_FIELDS) {
      const value = rates[field];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) problems.push(`${where}${field}`);
    }
  };
  checkRates(candidate, '');
  const premium = candidate['geoPremium'];
  if (premium !== undefined && (typeof premium !== 'number' || !Number.isFinite(premium) || premium < 0)) problems.push('geoPremium');
  const longContext = candidate['longContext'];
  // Always an object when present: the base table's, or one built from an override above.
  if (longContext !== undefined) checkRates(longContext as Record<string, unknown>, 'longContext.');
  if (problems.length > 0) {
    throw new UserFacingError(
      `The price override for "${key}" is missing or has an invalid ${problems.join(', ')} (USD per million tokens, a number of 0 or more): ask your admin to correct the organisation's price overrides.`,
      'cost.invalid-price-override',
    );
  }
  return candidate as unknown as ModelPrice;
}
