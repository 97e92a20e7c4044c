// The SDK's standard per-service endpoint overrides (AWS_ENDPOINT_URL_<SERVICE ID>), all pointing
// at the one emulator base URL. Also honoured by the SSO / SSO-OIDC clients nested in fromSSO.
export const EMULATOR_ENDPOINT_VARIABLES = [
  'AWS_ENDPOINT_URL_SSO_OIDC',
  'AWS_ENDPOINT_URL_SSO',
  'AWS_ENDPOINT_URL_STS',
  'AWS_ENDPOINT_URL_BEDROCK',
  'AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
  'AWS_ENDPOINT_URL_COST_EXPLORER',
  'AWS_ENDPOINT_URL_IDENTITYSTORE',
  'AWS_ENDPOINT_URL_SSO_ADMIN',
] as const;

export function emulatorEndpointEnv(url: string): Record<string, string> {
  const base = url.replace(/\/+$/, '');
  return Object.fromEntries(EMULATOR_ENDPOINT_VARIABLES.map((name) => [name, base]));
}
