/**
 * Plays the developer's browser for browser sign-in (authorization code with PKCE): opens
 * the authorize URL on the emulator, which "signs in" and redirects, and follows that one
 * redirect to the product's loopback listener on 127.0.0.1. `state` may be replaced, as a
 * forged callback would. Resolves with the listener's answer (or the authorize page's when
 * it does not redirect).
 */
export async function playBrowser(authorizeUrl: string, options: { readonly state?: string } = {}): Promise<{ readonly status: number; readonly text: string; readonly redirectedTo?: string }> {
  const authorize = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = authorize.headers.get('location');
  if (authorize.status !== 302 || location === null) return { status: authorize.status, text: await authorize.text() };
  const target = new URL(location);
  if (options.state !== undefined) target.searchParams.set('state', options.state);
  const callback = await fetch(target, { redirect: 'manual' });
  return { status: callback.status, text: await callback.text(), redirectedTo: target.toString() };
}
