import type { PriceOverrides, PriceTable } from '../../src/core/cost/priceTable';
import { withPriceOverrides } from '../../src/core/cost/priceTable';

/**
 * Pricing rules other tools apply where ours differ, each expressed as overrides of our
 * own table. When another tool's total differs from ours but equals ours re-priced under
 * one of these, the difference is explained by that rule rather than by what was read.
 */
export interface PricingVariant {
  /** Completes "…, because it ". */
  readonly because: string;
  readonly prices: PriceTable;
}

export function pricingVariants(base: PriceTable): readonly PricingVariant[] {
  const oneHourAsFiveMinutes = overridesFor(base, (price) => ({
    cacheWrite1h: price.cacheWrite5m,
    ...(price.longContext ? { longContext: { cacheWrite1h: price.longContext.cacheWrite5m } } : {}),
  }));
  const noRegionalPremium = overridesFor(base, () => ({ geoPremium: 0 }));
  const both = Object.fromEntries(Object.entries(oneHourAsFiveMinutes).map(([model, override]) => [model, { ...override, geoPremium: 0 }]));
  return [
    { because: 'prices 1-hour cache writes at the 5-minute rate', prices: withPriceOverrides(base, oneHourAsFiveMinutes) },
    { because: 'adds no premium for geographic cross-region profiles (us.…)', prices: withPriceOverrides(base, noRegionalPremium) },
    { because: 'prices 1-hour cache writes at the 5-minute rate and adds no premium for geographic cross-region profiles (us.…)', prices: withPriceOverrides(base, both) },
  ];
}

function overridesFor(base: PriceTable, override: (price: NonNullable<ReturnType<PriceTable['get']>>) => PriceOverrides[string]): PriceOverrides {
  return Object.fromEntries([...base].map(([model, price]) => [model, override(price)]));
}
