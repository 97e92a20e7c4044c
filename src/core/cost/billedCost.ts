/** One UTC day of Cost Explorer data for the developer's tag. */
export interface BilledDay {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly amount: number;
  /** Cost Explorer marks days still being finalised as estimated. */
  readonly estimated: boolean;
}

/**
 * Month-to-date cost as Cost Explorer reports it. `no-data` is an honest "nothing to
 * show yet" (tag not activated, first days of the month, no usage), never $0 as fact.
 */
export type BilledCost =
  | {
      readonly state: 'ok';
      readonly month: string;
      readonly currency: string;
      readonly amount: number;
      /** Every day of the window Cost Explorer returned, oldest first. */
      readonly days: readonly BilledDay[];
      /** Last day with a non-zero cost: later days may simply not be processed yet. */
      readonly through: string;
      readonly fetchedAt: string;
      readonly requests: number;
      /** The developer tag value the figures are for (a name, not a secret). */
      readonly tagValue?: string;
      /** The cost allocation tag key the figures are filtered by. */
      readonly tagKey?: string;
    }
  | {
      readonly state: 'no-data';
      readonly month: string;
      readonly reason: string;
      readonly reasonCode: 'cost.no-billed-data';
      readonly fetchedAt: string;
      readonly requests: number;
      readonly tagValue?: string;
      readonly tagKey?: string;
      /**
       * Cost Explorer's (all zero) days: which of them it calls final tells "the tag is not
       * activated" (zero on finished days with local usage) from "not processed yet".
       */
      readonly days?: readonly BilledDay[];
    };
