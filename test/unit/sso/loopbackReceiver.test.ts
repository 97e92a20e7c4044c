import assert from 'node:assert/strict';
import { browserCommands } from '../../../src/cli/terminal/openBrowser';
import { isUserFacingError } from '../../../src/core/runtime/userFacingError';
import { startLoopbackReceiver } from '../../../src/core/sso/loopbackReceiver';

async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isUserFacingError(error) ? error.code : String(error);
  }
  return 'resolved';
}

describe('the loopback listener for browser sign-in', () => {
  it('listens on 127.0.0.1 only, answers one callback with the right state, then is closed', async () => {
    const receiver = await startLoopbackReceiver({ expectedState: 'good' });
    assert.match(receiver.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    const other = await fetch(new URL('/favicon.ico', receiver.redirectUri));
    assert.equal(other.status, 404, 'other paths do not count');
    const page = await fetch(`${receiver.redirectUri}?code=the-code&state=good`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Signed in/);
    assert.equal(await receiver.code, 'the-code');
    await assert.rejects(fetch(`${receiver.redirectUri}?code=second&state=good`), 'closed after the one callback');
  });

  it('refuses a callback with another state, and a denial, and closes', async () => {
    const forged = await startLoopbackReceiver({ expectedState: 'good' });
    assert.equal((await fetch(`${forged.redirectUri}?code=stolen&state=bad`)).status, 400);
    assert.equal(await errorCodeOf(forged.code), 'sso.state-mismatch');
    await assert.rejects(fetch(`${forged.redirectUri}?code=x&state=good`));

    const denied = await startLoopbackReceiver({ expectedState: 'good' });
    assert.equal((await fetch(`${denied.redirectUri}?error=access_denied&state=good`)).status, 400);
    assert.equal(await errorCodeOf(denied.code), 'sso.access-denied');
  });

  it('ends on cancel and on its time limit, closing the port', async () => {
    const controller = new AbortController();
    const cancelled = await startLoopbackReceiver({ expectedState: 'good', signal: controller.signal });
    controller.abort();
    assert.equal(await errorCodeOf(cancelled.code), 'cancelled');
    await assert.rejects(fetch(`${cancelled.redirectUri}?code=x&state=good`));

    const abandoned = await startLoopbackReceiver({ expectedState: 'good', waitMs: 1 });
    assert.equal(await errorCodeOf(abandoned.code), 'sso.browser-timeout');
    await assert.rejects(fetch(`${abandoned.redirectUri}?code=x&state=good`));
  });
});

describe('opening the sign-in page from the CLI', () => {
  const url = 'https://oidc.us-east-1.amazonaws.com/authorize?x=1';
  it('reads $BROWSER as Python and the AWS CLI do: a list, %s for the URL or the URL appended, then the platform opener', () => {
    assert.deepEqual(browserCommands(url, { BROWSER: 'firefox --new-tab %s:w3m' }, 'linux'), [['firefox', '--new-tab', url], ['w3m', url], ['xdg-open', url]]);
    assert.deepEqual(browserCommands(url, { BROWSER: "'/opt/My Browser/run' &" }, 'linux'), [['/opt/My Browser/run', url], ['xdg-open', url]]);
    assert.deepEqual(browserCommands(url, {}, 'darwin'), [['open', url]]);
    assert.deepEqual(browserCommands(url, { BROWSER: 'chrome.exe;edge %s' }, 'win32'), [['chrome.exe', url], ['edge', url], ['explorer.exe', url]]);
  });
});
