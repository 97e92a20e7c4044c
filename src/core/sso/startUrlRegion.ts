/**
 * The region an access portal URL names, when it names one. The newer portal hosts carry
 * the Identity Center instance's region (`https://ssoins-<id>.portal.<region>.app.aws`);
 * the classic `https://<d-id or alias>.awsapps.com/start` does not, so it must be asked.
 */
export function regionFromStartUrl(startUrl: string): string | undefined {
  let host: string;
  try {
    host = new URL(startUrl).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return /\.portal\.([a-z]{2}(?:-[a-z]+)+-\d+)\.app\.aws$/.exec(host)?.[1];
}
