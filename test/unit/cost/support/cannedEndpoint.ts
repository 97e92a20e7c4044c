// An HTTP endpoint that gives every request the same JSON answer, for answers the emulator
// never gives (a misbehaving service), and that never closes an idle connection itself:
// whether connections end is up to the client, so a test can see that it closes them.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface CannedEndpoint {
  readonly url: string;
  /** Connections accepted so far. */
  connections(): number;
  /** Resolves once every connection accepted so far has closed (never, while one is kept alive). */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

export async function startCannedEndpoint(answer: unknown, contentType = 'application/json'): Promise<CannedEndpoint> {
  const open = new Set<Socket>();
  let accepted = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': contentType });
      res.end(JSON.stringify(answer));
    });
  });
  server.keepAliveTimeout = 0;
  server.on('connection', (socket) => {
    accepted++;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    connections: () => accepted,
    allClosed: () => Promise.all([...open].map((socket) => new Promise<void>((resolve) => {
      if (socket.destroyed) resolve();
      else socket.once('close', () => { resolve(); });
    }))).then(() => undefined),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => { resolve(); }));
    },
  };
}
