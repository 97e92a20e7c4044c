import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml } from '../html/escapeHtml';
import { CancelledError } from '../runtime/cancellation';
import { UserFacingError } from '../runtime/userFacingError';

/** The path the AWS CLI registers (`http://127.0.0.1/oauth/callback`); only the port varies. */
export const CALLBACK_PATH = '/oauth/callback';
export const REGISTERED_REDIRECT_URI = `http://127.0.0.1${CALLBACK_PATH}`;
/** The AWS CLI waits ten minutes for the browser. */
const DEFAULT_WAIT_MS = 10 * 60_000;

export interface LoopbackReceiver {
  /** `http://127.0.0.1:<port>/oauth/callback`, for the authorize URL and CreateToken. */
  readonly redirectUri: string;
  /**
   * The authorization code of the first callback request whose `state` is `expected`.
   * Rejects on a callback with another state, an `error` (denied in the browser), the
   * signal's abort or the time limit; the server is closed in every case.
   */
  readonly code: Promise<string>;
  close(): void;
}

/**
 * A one-shot HTTP server on 127.0.0.1 (never another interface) on a port the system
 * chooses, receiving the browser's redirect after sign-in. It answers exactly one
 * callback and closes: success, denial, a wrong `state`, cancel and timeout all end it.
 * Other paths (a browser's /favicon.ico) get 404 and do not count.
 */
export async function startLoopbackReceiver(options: { readonly expectedState: string; readonly signal?: AbortSignal; readonly waitMs?: number }): Promise<LoopbackReceiver> {
  let settle: { resolve: (code: string) => void; reject: (error: Error) => void } | undefined;
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Callers may stop waiting (browser could not be opened); an unobserved rejection is not an error then.
  code.catch(() => undefined);
  let done = false;
  let answered: ServerResponse | undefined;
  const server = createServer((request, response) => {
    handle(request, response);
  });
  const finish = (outcome: { code: string } | { error: Error }): void => {
    // Stryker disable next-line ConditionalExpression: a second finish changes nothing seen outside: the promise is settled, the server closed, the listener gone
    if (done) return;
    // Stryker disable next-line BooleanLiteral: no request reaches handle() after finish (the answer closes its connection; the server stops listening and drops the others once the page is out), and finish again is harmless (above)
    done = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    // No new connections; open ones end once the page just written has gone out (the
    // callback answers with `connection: close`), or at once when nobody is answered.
    server.close();
    if (answered === undefined) server.closeAllConnections();
    else answered.once('finish', () => { server.closeAllConnections(); });
    if ('code' in outcome) settle?.resolve(outcome.code);
    else settle?.reject(outcome.error);
  };
  const onAbort = (): void => {
    finish({ error: new CancelledError('Sign-in') });
  };
  const timer = setTimeout(() => {
    finish({ error: new UserFacingError('Sign-in in the browser was not completed within 10 minutes. Run Sign In again and finish signing in in the browser page that opens.', 'sso.browser-timeout') });
  }, options.waitMs ?? DEFAULT_WAIT_MS);

  function handle(request: IncomingMessage, response: ServerResponse): void {
    // Stryker disable next-line StringLiteral: '' resolves against the base to '/' as well
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (done || request.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end('Not found');
      return;
    }
    answered = response;
    const error = url.searchParams.get('error');
    const receivedCode = url.searchParams.get('code');
    const state = url.searchParams.get('state');
    if (state !== options.expectedState) {
      page(response, 400, 'Sign-in was not completed', 'This sign-in response does not belong to the sign-in that is waiting, so it was ignored. Start Sign In again.');
      finish({ error: new UserFacingError('The browser returned a sign-in response for another request (its state did not match), so it was refused. Run Sign In again and finish it in the page that opens.', 'sso.state-mismatch') });
      return;
    }
    if (error !== null || receivedCode === null || receivedCode === '') {
      const reason = error ?? 'no authorization code';
      page(response, 400, 'Sign-in was not completed', `IAM Identity Center answered: ${reason}. You can close this page.`);
      finish({ error: new UserFacingError(`Sign-in was denied in the browser (${reason}). Run Sign In again and choose Allow, or ask your admin whether you are assigned to an AWS account.`, 'sso.access-denied') });
      return;
    }
    page(response, 200, 'Signed in', 'You can close this page and return to your editor or terminal.');
    finish({ code: receivedCode });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  // Read before a signal aborted already closes the server (address() is null then).
  const { port } = server.address() as AddressInfo;
  if (options.signal?.aborted === true) onAbort();
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: finish removes the listener when the abort arrives, so once changes nothing
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  return {
    redirectUri: `http://127.0.0.1:${String(port)}${CALLBACK_PATH}`,
    code,
    close: () => {
      finish({ error: new CancelledError('Sign-in') });
    },
  };
}

function page(response: ServerResponse, status: number, title: string, text: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
  response.end(`<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`);
}
