/**
 * The suite-wide secrets audit: after every end-to-end test has run, look for every secret the
 * tests saw issued or stored (the emulators' tokens, token secrets, refresh tokens, codes and
 * verifiers, and every value the app kept in the keychain) in everything the run left behind:
 * the values the renderer received over the bridge, the main process's logs, the metadata files,
 * the last page of each test, the screenshots and their text, and Playwright's own output (traces
 * and failure screenshots, unzipped). Each secret is looked for as it is and in the encodings a
 * file could hide it in (percent-encoding, base64 at each alignment).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface AuditHit {
  readonly file: string;
  /** The first characters of the secret only: the audit's own output must not leak it. */
  readonly secret: string;
  readonly encoding: string;
}

export interface AuditReport {
  readonly secrets: number;
  readonly ledgers: number;
  readonly files: number;
  readonly bytes: number;
  readonly hits: AuditHit[];
}

/** Secrets shorter than this are not secrets (ids, small codes) and would match by chance. */
const MIN_SECRET_LENGTH = 8;

export function readLedgers(dir: string): { secrets: Set<string>; ledgers: number } {
  const secrets = new Set<string>();
  let ledgers = 0;
  if (!existsSync(dir)) return { secrets, ledgers };
  for (const name of readdirSync(dir)) {
    ledgers += 1;
    for (const s of JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as string[]) if (s.length >= MIN_SECRET_LENGTH) secrets.add(s);
  }
  return { secrets, ledgers };
}

/** The forms a secret can take in a file: as is, percent-encoded, and base64 at the three alignments. */
export function encodings(secret: string): { encoding: string; needle: string }[] {
  const out = [{ encoding: 'plain', needle: secret }];
  const percent = encodeURIComponent(secret);
  if (percent !== secret) out.push({ encoding: 'percent-encoded', needle: percent });
  for (let shift = 0; shift < 3; shift += 1) {
    // Prefixing `shift` bytes moves the secret to each 3-byte alignment; the base64 characters that
    // also depend on the prefix or on what follows are dropped.
    const b64 = Buffer.from('\0'.repeat(shift) + secret).toString('base64');
    const head = Math.ceil((shift * 4) / 3);
    const core = b64.slice(head === 0 ? 0 : head + 1, -4);
    if (core.length >= 12) out.push({ encoding: `base64 (alignment ${shift})`, needle: core });
  }
  return out;
}

export function listFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Scans files (zip archives, such as Playwright traces, are unzipped and their members scanned). */
export function audit(secrets: ReadonlySet<string>, roots: readonly string[], ledgers = 0): AuditReport {
  const needles = [...secrets].flatMap((secret) => encodings(secret).map((e) => ({ ...e, secret })));
  const hits: AuditHit[] = [];
  let files = 0;
  let bytes = 0;
  const scan = (file: string, shownAs: string): void => {
    const content = readFileSync(file).toString('latin1');
    files += 1;
    bytes += content.length;
    for (const n of needles) {
      if (content.includes(n.needle)) hits.push({ file: shownAs, secret: `${n.secret.slice(0, 6)}…`, encoding: n.encoding });
    }
  };
  for (const root of roots) {
    for (const file of listFiles(root)) {
      if (!file.endsWith('.zip')) {
        scan(file, path.relative(process.cwd(), file));
        continue;
      }
      const dir = mkdtempSync(path.join(tmpdir(), 'tessera-audit-'));
      try {
        // Python's zipfile: present on every machine that runs the tests (.ci/run installs python3).
        execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', file, dir]);
        for (const member of listFiles(dir)) scan(member, `${path.relative(process.cwd(), file)}!${path.relative(dir, member)}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  return { secrets: secrets.size, ledgers, files, bytes, hits };
}

export function totalSize(files: readonly string[]): number {
  return files.reduce((sum, f) => sum + statSync(f).size, 0);
}
