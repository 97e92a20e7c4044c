/** `$42.17` for US dollars, `42.17 EUR` otherwise: the status bar, the details view and the CLI print amounts alike. */
export function formatMoney(amount: number, currency: string): string {
  return currency === 'USD' ? `$${amount.toFixed(2)}` : `${amount.toFixed(2)} ${currency}`;
}
