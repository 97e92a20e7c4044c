import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { connect, type Socket } from 'node:net';
import { REGISTERED_REDIRECT_URI, startLoopbackReceiver } from '../../../src/core/sso/loopbackReceiver';
import { failureOf } from './support/failureOf';


describe('what the loopback listener answers and says', () => {
  it('registers the redirect URI the AWS CLI registers', () => {
    assert.equal(REGISTERED_REDIRECT_URI, 'http://127.0.0.1/oauth/callback');
  });

  it('shows a page that is never cached, and only answers GET on the callback path', async () => {
    const receiver = await startLoopbackReceiver({ expectedState: 'good' });
    const post = await fetch(`${receiver.redirectUri}?code=c&state=good`, { method: 'POST' });
    assert.equal(post.status, 404);
    assert.equal(post.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(post.headers.get('connection'), 'close');
    assert.equal(await post.text(), 'Not found');
    const page = await fetch(`${receiver.redirectUri}?code=c&state=good`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.equal(page.headers.get('connection'), 'close');
    assert.equal(
      await page.text(),
      '<!doctype html><html><head><meta charset="utf-8"><title>Signed in</title></head><body><h1>Signed in</h1><p>You can close this page and return to your editor or terminal.</p></body></html>',
    );
    assert.equal(await receiver.code, 'c');
  });

  it('says a refused state and a denial in sentences, escaping what the browser sent', async () => {
    const forged = await startLoopbackReceiver({ expectedState: 'good' });
    const forgedPage = await fetch(`${forged.redirectUri}?code=c&state=bad`);
    assert.match(await forgedPage.text(), /<title>Sign-in was not completed<\/title>.*This sign-in response does not belong to the sign-in that is waiting, so it was ignored\. Start Sign In again\./);
    assert.deepEqual(await failureOf(forged.code), {
      code: 'sso.state-mismatch',
      message: 'The browser returned a sign-in response for another request (its state did not match), so it was refused. Run Sign In again and finish it in the page that opens.',
    });

    const denied = await startLoopbackReceiver({ expectedState: 'good' });
    const deniedPage = await fetch(`${denied.redirectUri}?error=${encodeURIComponent('<b>no</b>')}&code=c&state=good`);
    assert.equal(deniedPage.status, 400);
    assert.match(await deniedPage.text(), /<title>Sign-in was not completed<\/title>.*IAM Identity Center answered: &lt;b&gt;no&lt;\/b&gt;\. You can close this page\./);
    assert.deepEqual(await failureOf(denied.code), {
      code: 'sso.access-denied',
      message: 'Sign-in was denied in the browser (<b>no</b>). Run Sign In again and choose Allow, or ask your admin whether you are assigned to an AWS account.',
    });
  });

  it('treats a callback without a code, or with an empty one, as not signed in', async () => {
    for (const query of ['state=good', 'code=&state=good']) {
      const receiver = await startLoopbackReceiver({ expectedState: 'good' });
      assert.equal((await fetch(`${receiver.redirectUri}?${query}`)).status, 400);
      const failure = await failureOf(receiver.code);
      assert.equal(failure.code, 'sso.access-denied', query);
      assert.match(failure.message, /\(no authorization code\)/);
    }
  });

  it('ends at once for a signal aborted before it started, on close(), and says the time limit', async () => {
    const controller = new AbortController();
    controller.abort();
    const early = await startLoopbackReceiver({ expectedState: 'good', signal: controller.signal });
    assert.deepEqual(await failureOf(early.code), { code: 'cancelled', message: 'Sign-in was cancelled. Nothing was changed.' });
    await assert.rejects(fetch(`${early.redirectUri}?code=c&state=good`));

    const closed = await startLoopbackReceiver({ expectedState: 'good' });
    closed.close();
    assert.deepEqual(await failureOf(closed.code), { code: 'cancelled', message: 'Sign-in was cancelled. Nothing was changed.' });

    const slow = await startLoopbackReceiver({ expectedState: 'good', waitMs: 1 });
    assert.deepEqual(await failureOf(slow.code), {
      code: 'sso.browser-timeout',
      message: 'Sign-in in the browser was not completed within 10 minutes. Run Sign In again and finish signing in in the browser page that opens.',
    });
  });

  it('keeps the first outcome: a later abort does not change a received code', async () => {
    const controller = new AbortController();
    const receiver = await startLoopbackReceiver({ expectedState: 'good', signal: controller.signal });
    await (await fetch(`${receiver.redirectUri}?code=first&state=good`)).text();
    controller.abort();
    receiver.close();
    assert.equal(await receiver.code, 'first');
  });

  it("leaves no listener on the caller's signal once it has ended, however it ended", async () => {
    const controller = new AbortController();
    const received = await startLoopbackReceiver({ expectedState: 'good', signal: controller.signal });
    assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
    await (await fetch(`${received.redirectUri}?code=c&state=good`)).text();
    assert.equal(await received.code, 'c');
    const closed = await startLoopbackReceiver({ expectedState: 'good', signal: controller.signal });
    closed.close();
    await failureOf(closed.code);
    // A long-lived signal (one per editor session) would otherwise collect a listener per sign-in.
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  it('closes the spare connections a browser opened once the page has been sent', async () => {
    const receiver = await startLoopbackReceiver({ expectedState: 'good' });
    const port = Number(new URL(receiver.redirectUri).port);
    const spare: Socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => spare.once('connect', resolve));
    const spareClosed = new Promise((resolve) => spare.once('close', resolve));
    assert.equal((await fetch(`${receiver.redirectUri}?code=c&state=good`)).status, 200);
    await spareClosed;
    assert.equal(await receiver.code, 'c');
  });

  it('cannot be reached through another address of this machine', async () => {
    const receiver = await startLoopbackReceiver({ expectedState: 'good' });
    const port = Number(new URL(receiver.redirectUri).port);
    // 127.0.0.2 reaches this machine too; a listener on every interface would answer it.
    const other = connect(port, '127.0.0.2');
    const outcome = await new Promise<string>((resolve) => {
      other.once('connect', () => { resolve('connected'); });
      other.once('error', (error: NodeJS.ErrnoException) => { resolve(error.code ?? 'error'); });
    });
    other.destroy();
    receiver.close();
    assert.equal(outcome, 'ECONNREFUSED');
  });
});
