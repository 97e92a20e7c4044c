// One TCP port for HTTP/1.1 and cleartext HTTP/2. The Bedrock runtime client speaks HTTP/2 with
// prior knowledge even to http:// endpoints, every other client HTTP/1.1, and all of them must
// reach the same base URL. The first bytes of a connection decide: the HTTP/2 connection preface
// goes to an http2 server, everything else to an http server.
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { Duplex } from 'node:stream';

const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

export type AnyRequest = http.IncomingMessage | http2.Http2ServerRequest;
export type AnyResponse = http.ServerResponse | http2.Http2ServerResponse;
export type RequestListener = (req: AnyRequest, res: AnyResponse) => void;

export interface DualProtocolServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function listenDualProtocol(listener: RequestListener, port = 0, host = '127.0.0.1'): Promise<DualProtocolServer> {
  const h1 = http.createServer(listener);
  const h2 = http2.createServer({}, listener);
  const sockets = new Set<net.Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  // Stray errors on half-closed or deliberately reset sockets must not crash the test run.
  h1.on('clientError', (_err, socket) => socket.destroy());
  h2.on('sessionError', () => undefined);

  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let seen = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      seen = Buffer.concat([seen, chunk]);
      const probe = Math.min(seen.length, HTTP2_PREFACE.length);
      const looksHttp2 = seen.subarray(0, probe).equals(HTTP2_PREFACE.subarray(0, probe));
      if (looksHttp2 && seen.length < HTTP2_PREFACE.length) return;
      socket.removeListener('data', onData);
      if (looksHttp2) {
        h2.emit('connection', replaying(socket, seen));
        return;
      }
      // The http server reads through the socket's stream interface, so unshift is enough.
      socket.pause();
      socket.unshift(seen);
      h1.emit('connection', socket);
      socket.resume();
    };
    socket.on('data', onData);
  });

  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(port, host, () => {
      tcp.off('error', reject);
      resolve();
    });
  });
  const address = tcp.address() as net.AddressInfo;

  return {
    port: address.port,
    close: async () => {
      const closed = new Promise<void>((resolve) => tcp.close(() => { resolve(); }));
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      h1.closeAllConnections();
      await closed;
    },
  };
}

/**
 * The http2 server consumes the socket's native handle directly, which would skip bytes
 * already read (unshift does not help there). A plain Duplex that first replays those bytes
 * makes Node wrap it in a JS stream socket instead.
 */
function replaying(socket: net.Socket, head: Buffer): Duplex {
  const duplex = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      socket.write(chunk, callback);
    },
    final(callback) {
      socket.end();
      callback();
    },
    destroy(error, callback) {
      socket.destroy();
      callback(error);
    },
  });
  duplex.push(head);
  socket.on('data', (data: Buffer) => {
    if (!duplex.push(data)) socket.pause();
  });
  socket.on('end', () => duplex.push(null));
  socket.on('close', () => duplex.destroy());
  duplex.on('error', () => undefined);
  return duplex;
}
