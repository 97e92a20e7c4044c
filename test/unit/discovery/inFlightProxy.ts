// A pass-through HTTP/1.1 proxy in front of the emulator that measures how many requests of
// each kind are in flight at once. The emulator counts requests but not concurrency, and
// the bound on concurrent GetInferenceProfile calls is a promise discovery makes.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface InFlightProxy {
  readonly url: string;
  /** Highest number of simultaneous requests seen for an operation label. */
  maxInFlight(label: string): number;
  close(): Promise<void>;
}

/** Labels a Bedrock control-plane request by its REST route. */
function labelOf(method: string, url: string): string {
  const path = url.split('?')[0] ?? '';
  if (method === 'GET' && /^\/inference-profiles\/[^/]+$/.test(path)) return 'GetInferenceProfile';
  if (method === 'GET' && path === '/inference-profiles') return 'ListInferenceProfiles';
  if (method === 'POST' && path === '/listTagsForResource') return 'ListTagsForResource';
  return `${method} ${path}`;
}

export async function startInFlightProxy(target: string): Promise<InFlightProxy> {
  const upstream = new URL(target);
  const current = new Map<string, number>();
  const max = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const label = labelOf(req.method ?? 'GET', req.url ?? '/');
    const now = (current.get(label) ?? 0) + 1;
    current.set(label, now);
    max.set(label, Math.max(max.get(label) ?? 0, now));
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      current.set(label, (current.get(label) ?? 1) - 1);
    };
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', finish);
      },
    );
    forward.on('error', () => {
      finish();
      res.destroy();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    maxInFlight: (label) => max.get(label) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
