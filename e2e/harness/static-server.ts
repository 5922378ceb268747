/**
 * Serves the production renderer bundle (out/renderer) on 127.0.0.1 with the production
 * Content-Security-Policy header, as the app:// protocol handler does in Electron, and with the
 * same path check (resolveAppFile).
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_ORIGIN, contentSecurityPolicy, contentTypeFor, resolveAppFile } from '../../src/main/security/window-policy';

export async function serveRenderer(rendererDir: string): Promise<{ origin: string; close(): Promise<void> }> {
  const csp = contentSecurityPolicy({ dev: false });
  const server = createServer((req, res) => {
    const file = resolveAppFile(rendererDir, `${APP_ORIGIN}${req.url ?? '/'}`);
    if (!file) return void res.writeHead(404).end();
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'content-type': contentTypeFor(file),
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        });
        res.end(body);
      },
      () => void res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
