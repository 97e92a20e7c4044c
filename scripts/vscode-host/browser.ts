import { chromium, type Browser, type BrowserServer } from 'playwright-core';
import type { TestHost } from './installTestHost';
import { adoptGroup } from './processGroups';

export interface RunningBrowser {
  readonly browser: Browser;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Debian's Chromium, headless, with everything that would reach the internet on its own
 * turned off. Launched as a browser server so that its PID is known and its process
 * group can be stopped even if Playwright's own clean-up does not get to run.
 */
export async function launchBrowser(host: TestHost, options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunningBrowser> {
  const server: BrowserServer = await chromium.launchServer({
    executablePath: host.chromiumExecutable,
    headless: true,
    host: '127.0.0.1',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    ...(options.env ? { env: options.env } : {}),
    timeout: options.timeoutMs ?? 60_000,
    // Our own handlers stop the browser in order with everything else.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const pid = server.process().pid;
  if (pid === undefined) {
    await server.close();
    throw new Error('Chromium started without a process id.');
  }
  const group = adoptGroup(pid, 'chromium');
  let browser: Browser;
  try {
    browser = await chromium.connect(server.wsEndpoint(), { timeout: options.timeoutMs ?? 60_000 });
  } catch (error) {
    await group.stop(1_000);
    throw error;
  }
  return {
    browser,
    pid,
    stop: async () => {
      const closing = (async () => {
        await browser.close().catch(() => undefined);
        await server.close().catch(() => undefined);
      })();
      await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      await group.stop(1_000);
    },
  };
}
