import { redactSecrets } from '../secrets/redact';

/**
 * Settings files hold more than our keys: API keys, tokens and passwords the user put in
 * `env` for other tools. We never show their values (in a diff, a report or a log); the
 * name is the only signal we have, so anything named like a credential is treated as one.
 */
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY)/i;

export function isSecretLookingName(name: string): boolean {
  return SECRET_NAME.test(name);
}

const JSON_STRING_PROPERTY = /("((?:[^"\\]|\\.)*)"\s*:\s*")((?:[^"\\]|\\.)*)(")/g;

/** One line of a JSON file with the values of credential-like properties replaced. */
export function maskSecretJsonValues(line: string): string {
  const masked = line.replace(JSON_STRING_PROPERTY, (whole, opening: string, name: string, _value: string, closing: string) =>
    isSecretLookingName(name) ? `${opening}«redacted»${closing}` : whole,
  );
  return redactSecrets(masked);
}
