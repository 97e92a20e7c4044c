// A stand-in for the developer's browser, named by $BROWSER in CLI tests: `node fakeBrowser.mjs <url>`.
//   FAKE_BROWSER_LOG   file the URL is appended to
//   FAKE_BROWSER_MODE  follow (default): open the page and follow its redirect to 127.0.0.1
//                      wrong-state: the same, with another `state` (a forged callback)
//                      record: only note the URL (a developer who never finishes)
import { appendFileSync } from 'node:fs';

const url = process.argv[2] ?? '';
if (process.env.FAKE_BROWSER_LOG) appendFileSync(process.env.FAKE_BROWSER_LOG, `${url}\n`);
const mode = process.env.FAKE_BROWSER_MODE ?? 'follow';
if (mode !== 'record') {
  const authorize = await fetch(url, { redirect: 'manual' });
  const location = authorize.headers.get('location');
  if (location !== null) {
    const target = new URL(location);
    if (mode === 'wrong-state') target.searchParams.set('state', 'forged-state');
    await fetch(target, { redirect: 'manual' });
  }
}
