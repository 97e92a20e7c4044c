/** Token counts of one request or of a sum of requests, split the way Bedrock prices them. */
export interface TokenCounts {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
}

export function zeroTokens(): TokenCounts {
  return { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 };
}

export function addTokens(into: TokenCounts, add: Readonly<TokenCounts>): void {
  into.input += add.input;
  into.output += add.output;
  into.cacheWrite5m += add.cacheWrite5m;
  into.cacheWrite1h += add.cacheWrite1h;
  into.cacheRead += add.cacheRead;
}

export function subtractTokens(from: TokenCounts, remove: Readonly<TokenCounts>): void {
  from.input -= remove.input;
  from.output -= remove.output;
  from.cacheWrite5m -= remove.cacheWrite5m;
  from.cacheWrite1h -= remove.cacheWrite1h;
  from.cacheRead -= remove.cacheRead;
}

export function totalTokens(tokens: Readonly<TokenCounts>): number {
  return tokens.input + tokens.output + tokens.cacheWrite5m + tokens.cacheWrite1h + tokens.cacheRead;
}
