/**
 * GET requests shaped like a browser's, for tests that reach Tessera's loopback login listener.
 *
 * The listener tells a tab navigating to it (a provider's redirect) from a page's sub-resource
 * (`<img src>`) by the Fetch Metadata headers browsers send (https://www.w3.org/TR/fetch-metadata/).
 * Node's fetch always sends `Sec-Fetch-Mode: cors` and lets no caller change it, which is neither,
 * so these go through node:http, which sends exactly the headers given.
 */
import { request } from 'node:http';

export interface BrowserAnswer {
  readonly status: number;
  readonly text: string;
}

/** What Chromium sends when a cross-site redirect (or a link) takes a tab to the address. */
export const NAVIGATION_HEADERS: Readonly<Record<string, string>> = {
  'sec-fetch-site': 'cross-site',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-dest': 'document',
  'sec-fetch-user': '?1',
  'upgrade-insecure-requests': '1',
};

/** What Chromium sends for `<img src="http://127.0.0.1:…">` on another site's page. */
export const IMAGE_HEADERS: Readonly<Record<string, string>> = {
  'sec-fetch-site': 'cross-site',
  'sec-fetch-mode': 'no-cors',
  'sec-fetch-dest': 'image',
};

/** A GET with the given headers (Host comes from the URL); rejects when nothing listens. */
export function browserGet(url: string, headers: Readonly<Record<string, string>>): Promise<BrowserAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The browser following a redirect (or a link) to `url` in a tab. */
export const navigate = (url: string): Promise<BrowserAnswer> => browserGet(url, NAVIGATION_HEADERS);

/** Another site's page loading `url` as an image. */
export const loadAsImage = (url: string): Promise<BrowserAnswer> => browserGet(url, IMAGE_HEADERS);
