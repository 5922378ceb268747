/**
 * What both emulators share: a loopback HTTP server whose handlers return a `Reply` (instead of
 * writing to the socket), a latency knob, a request log, and fault switches that tests and the
 * benchmark flip to make the next answers fail in the ways real networks fail.
 *
 * Faults can be set in-process (`server.faults.add(...)`) or, for an emulator running in another
 * process, with `POST /__admin/faults` (JSON `FaultRule`), `DELETE /__admin/faults` and
 * `POST /__admin/latency` (`{"ms": 50}`). The admin routes exist only on these loopback emulators.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string | Buffer;
}

export interface EmulatorRequest {
  readonly method: string;
  readonly url: URL;
  /** The raw path + query exactly as sent (signatures are computed over it). */
  readonly rawUrl: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
  readonly cookies: ReadonlyMap<string, string>;
}

export type Handler = (req: EmulatorRequest) => Reply | Promise<Reply>;

export type Fault =
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'status'; readonly status: number; readonly body?: string; readonly contentType?: string }
  | { readonly kind: 'html'; readonly status: number } // e.g. a 502 from a proxy, with an HTML page
  | { readonly kind: 'malformed' } // 200 with a body that is not what the endpoint promises
  | { readonly kind: 'truncate' } // the real answer, cut in the middle, then the socket closes
  // The first half of the real answer, framed as complete (its content-length matches): an exchange
  // that succeeds at the HTTP level with a body that ends early, as from a proxy that gave up.
  | { readonly kind: 'truncated-body' }
  | { readonly kind: 'reset' } // the socket is destroyed before any answer
  // The real answer's headers and part of its body, then a TCP reset (RST), not a clean close.
  | { readonly kind: 'reset-mid-body' }
  // A 200 with a body of this many bytes; `declareLength: false` sends it chunked, without a
  // content-length, so only counting what arrives can stop it.
  | { readonly kind: 'huge'; readonly bytes: number; readonly declareLength?: boolean }
  | { readonly kind: 'drip'; readonly intervalMs: number } // the real answer, one byte per interval
  | { readonly kind: 'hang' }; // never answers

export interface FaultRule {
  readonly fault: Fault;
  /** Only requests whose path (without query) contains this string; all when absent. */
  readonly path?: string;
  /** `path` must be the whole path, not a part of it (`/v2/self` without `/v2/self/tokens/current`). */
  readonly exactPath?: boolean;
  readonly method?: string;
  /** How many requests it applies to; forever when absent. */
  readonly times?: number;
}

export class FaultSwitch {
  private rules: { rule: FaultRule; left: number }[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule, left: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  take(method: string, path: string): Fault | undefined {
    const hit = this.rules.find(
      ({ rule, left }) =>
        left > 0 &&
        (rule.method === undefined || rule.method === method) &&
        (rule.path === undefined || (rule.exactPath ? path === rule.path : path.includes(rule.path))),
    );
    if (!hit) return undefined;
    hit.left -= 1;
    return hit.rule.fault;
  }
}

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly at: number;
}

export interface EmulatorServer {
  readonly url: string;
  readonly port: number;
  readonly faults: FaultSwitch;
  /** Added before every answer (the benchmark's L). */
  latencyMs: number;
  readonly log: LoggedRequest[];
  close(): Promise<void>;
}

const MAX_REQUEST_BODY = 1024 * 1024;

/** The origin of an emulator serving on this loopback port (what `EmulatorServer.url` is). */
export function loopbackOrigin(port: number): string {
  return `http://127.0.0.1:${port}`;
}

export async function startEmulatorServer(handler: Handler, opts: { port?: number } = {}): Promise<EmulatorServer> {
  const faults = new FaultSwitch();
  const log: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const state = { latencyMs: 0 };

  const server = createServer((req, res) => {
    void serve(req, res).catch((error: unknown) => {
      // A bug in an emulator must be loud in tests, but must not take the server down.
      console.error('[emulator] handler failed:', error);
      if (!res.headersSent) write(res, json(500, { id: 500, message: 'Internal emulator error', type: 'error' }));
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, `http://${req.headers.host ?? '127.0.0.1'}`);
    const body = await readBody(req);
    if (url.pathname.startsWith('/__admin/')) return write(res, admin(req.method ?? 'GET', url.pathname, body));
    log.push({ method: req.method ?? 'GET', path: url.pathname, at: Date.now() });

    const fault = faults.take(req.method ?? 'GET', url.pathname);
    if (state.latencyMs > 0) await sleep(state.latencyMs);
    if (fault?.kind === 'delay') await sleep(fault.ms);
    if (fault?.kind === 'hang') return; // the client's timeout is what ends this
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === 'status')
      return write(res, {
        status: fault.status,
        headers: { 'content-type': fault.contentType ?? 'application/json' },
        body: fault.body ?? JSON.stringify({ id: fault.status, message: 'Injected failure', type: 'error' }),
      });
    if (fault?.kind === 'html')
      return write(res, {
        status: fault.status,
        headers: { 'content-type': 'text/html' },
        body: `<html><head><title>${fault.status} Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>`,
      });
    if (fault?.kind === 'malformed')
      return write(res, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"this is": not json' });
    if (fault?.kind === 'huge') return writeHuge(res, fault.bytes, fault.declareLength ?? true);

    const reply = await handler({
      method: req.method ?? 'GET',
      url,
      rawUrl,
      headers: req.headers,
      body,
      cookies: parseCookies(req.headers.cookie),
    });
    if (fault?.kind === 'truncate') return writeTruncated(res, reply);
    if (fault?.kind === 'truncated-body') return writeShortBody(res, reply);
    if (fault?.kind === 'reset-mid-body') return writeThenReset(res, reply);
    if (fault?.kind === 'drip') return writeDrip(res, reply, fault.intervalMs);
    write(res, reply);
  }

  function admin(method: string, path: string, body: Buffer): Reply {
    if (path === '/__admin/faults' && method === 'POST') {
      faults.add(JSON.parse(body.toString('utf8')) as FaultRule);
      return { status: 204 };
    }
    if (path === '/__admin/faults' && method === 'DELETE') {
      faults.clear();
      return { status: 204 };
    }
    if (path === '/__admin/latency' && method === 'POST') {
      state.latencyMs = Number((JSON.parse(body.toString('utf8')) as { ms: number }).ms) || 0;
      return { status: 204 };
    }
    return { status: 404 };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: loopbackOrigin(port),
    port,
    faults,
    log,
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(ms: number) {
      state.latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

export function html(status: number, page: string, headers: Record<string, string | readonly string[]> = {}): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body: page };
}

export function redirect(location: string, headers: Record<string, string | readonly string[]> = {}): Reply {
  return { status: 303, headers: { location, ...headers } };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function write(res: ServerResponse, reply: Reply): void {
  const body = reply.body ?? '';
  res.writeHead(reply.status, { 'content-length': String(Buffer.byteLength(body)), ...reply.headers });
  res.end(body);
}

function writeTruncated(res: ServerResponse, reply: Reply): void {
  const body = Buffer.from(reply.body ?? '');
  res.writeHead(reply.status, { 'content-length': String(body.byteLength), ...reply.headers });
  res.write(body.subarray(0, Math.floor(body.byteLength / 2)));
  setTimeout(() => res.destroy(), 20);
}

function writeShortBody(res: ServerResponse, reply: Reply): void {
  const body = Buffer.from(reply.body ?? '');
  write(res, { ...reply, body: body.subarray(0, Math.floor(body.byteLength / 2)) });
}

function writeThenReset(res: ServerResponse, reply: Reply): void {
  // Padded so that there is always a middle to cut at, even for an empty answer (a 204, a 303);
  // trailing spaces do not change what a JSON, HTML or form body means.
  const real = Buffer.from(reply.body ?? '');
  const body = real.byteLength >= 64 ? real : Buffer.concat([real, Buffer.alloc(64 - real.byteLength, 0x20)]);
  const headers = Object.fromEntries(Object.entries(reply.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-length'));
  res.writeHead(reply.status, { ...headers, 'content-length': String(body.byteLength) });
  res.write(body.subarray(0, Math.floor(body.byteLength / 2)), () => {
    // Let the part reach the client before the reset, so the cut is really in the middle of the body.
    setTimeout(() => res.socket?.resetAndDestroy(), 20);
  });
}

function writeDrip(res: ServerResponse, reply: Reply, intervalMs: number): void {
  const body = Buffer.from(reply.body ?? '');
  res.writeHead(reply.status, { 'content-length': String(body.byteLength), ...reply.headers });
  let i = 0;
  const tick = setInterval(() => {
    if (res.destroyed || i >= body.byteLength) {
      clearInterval(tick);
      res.end();
      return;
    }
    res.write(body.subarray(i, i + 1));
    i += 1;
  }, intervalMs);
  res.on('close', () => clearInterval(tick));
}

function writeHuge(res: ServerResponse, bytes: number, declareLength: boolean): void {
  res.writeHead(200, { 'content-type': 'application/json', ...(declareLength ? { 'content-length': String(bytes) } : {}) });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let left = bytes;
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      const n = Math.min(left, chunk.byteLength);
      left -= n;
      if (!res.write(chunk.subarray(0, n))) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('close', () => (left = 0));
  pump();
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).byteLength;
    if (total > MAX_REQUEST_BODY) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
