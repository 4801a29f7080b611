/**
 * The transport toward HIS: node:http(s) with a keep-alive agent, shaped like `fetch` for the client. Node's global
 * fetch (undici with WHATWG streams) costs several times more CPU per call; toward a HIS called for every patient
 * request that is the BFF's largest cost (see `npm run bench`).
 */
import http from 'node:http';
import https from 'node:https';

export interface KeepAliveTransport {
  fetch: typeof fetch;
  /** Closes the idle connections (on shutdown). */
  destroy(): void;
}

export function keepAliveTransport(maxSockets: number): KeepAliveTransport {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' }),
    'https:': new https.Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' }),
  };
  const send = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> =>
    new Promise((resolve, reject) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
      const lib = url.protocol === 'https:' ? https : http;
      const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
      const body = typeof init.body === 'string' ? init.body : '';
      const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined), 'content-length': String(Buffer.byteLength(body)) };
      const req = lib.request(url, { method: init.method ?? 'GET', headers, agent, signal: init.signal ?? undefined }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve(new Response(res.statusCode === 204 ? null : text, { status: res.statusCode ?? 500, headers: { 'content-type': res.headers['content-type'] ?? '' } }));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  return {
    fetch: send as typeof fetch,
    destroy: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
