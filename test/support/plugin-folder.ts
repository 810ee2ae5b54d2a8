/** @module Plugins loaded from a folder of their own (BATON_PLUGIN_DIRS) by a real server process, and a loopback receiver standing for the outside service they send to. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type LiveSession, signInOverApi } from './live-session.ts';
import { fastOutboxEnv, type RunningServer, startServer } from './server.ts';
import { type Staff, staffOf } from './staff.ts';

/** A receiver on 127.0.0.1: hands every request with its raw body to `record`, then answers 200 with the JSON text `answer`. */
export async function startReceiver(
  record: (req: IncomingMessage, raw: string) => void,
  answer: string,
): Promise<{ receiver: Server; port: number }> {
  const receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    req.on('end', () => {
      record(req, raw);
      res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  const address = receiver.address();
  return { receiver, port: typeof address === 'object' && address ? address.port : 0 };
}

/** Baton as a real process that loads the plugins in `dir`, with a fast outbox; the admin's session and the staff. */
export async function startWithPluginFolder(
  dir: string,
): Promise<{ server: RunningServer; admin: LiveSession; staff: Staff }> {
  const server = await startServer({ env: { BATON_PLUGIN_DIRS: dir, ...fastOutboxEnv() } });
  return { server, admin: await signInOverApi(server, 'admin'), staff: staffOf(server) };
}
