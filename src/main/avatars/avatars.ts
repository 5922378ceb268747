/**
 * Account avatars, fetched by main and handed to the window as `data:` URLs.
 *
 * Why: a provider gives an avatar as a URL (Clever Cloud's `/self`). If the window loaded it, its
 * CSP would have to allow images from any host, and every time an account is shown the page would
 * call that host: a tracking beacon that says when and from where Tessera is used, chosen by
 * whoever controls the URL. Instead the CSP allows only `'self' data:` (src/main/security/window-policy.ts),
 * and main fetches each avatar once, under rules of its own:
 * - https only (http only for an origin named by the caller: the emulators on loopback in the
 *   demo and tests), no credentials in the URL, at most two redirects, each checked the same way;
 * - through src/main/net/http.ts (whole-exchange timeout, size cap of {@link AVATAR_MAX_BYTES});
 * - the bytes must be a PNG, JPEG, GIF or WebP by their magic numbers, whatever the server's
 *   Content-Type says (no SVG, which can carry script, no HTML);
 * - cached in memory (a bounded number of entries; a failure is retried after a while).
 * Anything else gives null, and the window shows the account's initial instead.
 */
import { httpRequestBytes, type FetchLike } from '../net/http';

export const AVATAR_MAX_BYTES = 256 * 1024;
export const AVATAR_TIMEOUT_MS = 5_000;
const MAX_REDIRECTS = 2;
const MAX_URL_LENGTH = 2048;
/** Enough for every account a user sees in a session; each entry is at most ~350 kB of base64. */
const MAX_ENTRIES = 64;
/** A failed avatar is tried again after this long (the server may have been down). */
const RETRY_FAILED_AFTER_MS = 10 * 60_000;

export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/** The image type the bytes are, by their magic numbers; null for anything else (SVG, HTML, …). */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'image/gif';
  // RIFF <size> WEBP
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return null;
}

/** The URL main may fetch an avatar from, or null: https (or http on an allowed origin), no credentials. */
export function avatarUrlDecision(url: string, httpOrigins: readonly string[] = []): URL | null {
  if (url.length > MAX_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password) return null;
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && httpOrigins.includes(parsed.origin)) return parsed;
  return null;
}

export interface AvatarOptions {
  /** Origins that may serve avatars over plain http (the emulators in the demo and tests). */
  readonly httpOrigins?: readonly string[];
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly dataUrl: Promise<string | null>;
  /** When the fetch ended without an avatar; null while it runs or when it gave one. */
  failedAt: number | null;
}

export class Avatars {
  private readonly cache = new Map<string, Entry>();

  constructor(private readonly options: AvatarOptions = {}) {}

  /** A `data:` URL of the avatar at `url`, or null when there is none or it cannot be used. Never throws. */
  dataUrl(url: string | null): Promise<string | null> {
    if (url === null || url === '') return Promise.resolve(null);
    const now = this.options.now ?? Date.now;
    const cached = this.cache.get(url);
    this.cache.delete(url);
    if (cached && (cached.failedAt === null || now() - cached.failedAt < RETRY_FAILED_AFTER_MS)) {
      this.cache.set(url, cached); // now the most recently used
      return cached.dataUrl;
    }
    const entry: Entry = {
      dataUrl: this.fetchDataUrl(url)
        .catch(() => null)
        .then((value) => {
          if (value === null) entry.failedAt = now();
          return value;
        }),
      failedAt: null,
    };
    this.cache.set(url, entry);
    while (this.cache.size > MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    return entry.dataUrl;
  }

  private async fetchDataUrl(url: string): Promise<string | null> {
    const httpOrigins = this.options.httpOrigins ?? [];
    let target = avatarUrlDecision(url, httpOrigins);
    for (let hop = 0; target && hop <= MAX_REDIRECTS; hop++) {
      const res = await httpRequestBytes({
        method: 'GET',
        url: target,
        headers: { accept: 'image/png, image/jpeg, image/gif, image/webp' },
        service: 'the avatar server',
        timeoutMs: this.options.timeoutMs ?? AVATAR_TIMEOUT_MS,
        maxBytes: AVATAR_MAX_BYTES,
        fetch: this.options.fetch,
      });
      if (res.status >= 300 && res.status < 400) {
        const location = res.headers.get('location');
        target = location ? avatarUrlDecision(new URL(location, target).href, httpOrigins) : null;
        continue;
      }
      if (res.status !== 200) return null;
      const type = sniffImageType(res.bytes);
      return type ? `data:${type};base64,${res.bytes.toString('base64')}` : null;
    }
    return null;
  }
}
