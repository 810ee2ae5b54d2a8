/**
 * @module What every simulated outside system shares inside its own process: the product's clock,
 * JSON answers, reading a request body, and listening on 127.0.0.1 port 0 with `{"port":N}` announced
 * on stdout (read by {@link ../support/spawn-sim.ts}) and a clean stop on SIGTERM.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

// The simulated systems keep the same time as the product under test: started with its BATON_NOW,
// their clock starts there and runs on, so signed timestamps agree whatever the machine's date.
const clockOffsetMs = process.env.BATON_NOW ? Date.parse(process.env.BATON_NOW) - Date.now() : 0;

/** The outside system's current time in milliseconds (the product's clock when BATON_NOW is set). */
export const simNow = (): number => Date.now() + clockOffsetMs;

/** Sends JSON. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The whole request body as text. */
export const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/** Listens on 127.0.0.1 (a free port), prints `{"port":N}` once listening, and closes on SIGTERM. */
export function listenOnLoopback(server: Server): void {
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(
      `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
    );
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
