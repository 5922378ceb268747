/** Which clever-tools the user has: the configuration file's shape first, then `clever version`, else unknown. Real files and real commands. */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectCleverToolsVersion, majorOf, runCleverVersion } from './clever-tools-version';

const dir = mkdtempSync(path.join(tmpdir(), 'clever-version-'));
const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const script = (name: string, body: string): string => {
  const p = file(name, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
};
const never = async (): Promise<string | null> => {
  throw new Error('clever version must not run when the file tells');
};

describe('detectCleverToolsVersion', () => {
  it('reads the configuration file’s shape: profiles → 4, flat → 3', async () => {
    expect(await detectCleverToolsVersion({ paths: [file('v4.json', JSON.stringify({ version: 1, profiles: [] }))], cleverVersion: never })).toEqual({ version: 4, from: 'config-file' });
    expect(await detectCleverToolsVersion({ paths: [file('v3.json', JSON.stringify({ token: 't', secret: 's' }))], cleverVersion: never })).toEqual({ version: 3, from: 'config-file' });
  });

  it('asks `clever version` when there is no file or it says nothing, and knows nothing when neither answers', async () => {
    const missing = path.join(dir, 'missing.json');
    const garbage = file('garbage.json', 'not json');
    expect(await detectCleverToolsVersion({ paths: [missing, garbage], cleverVersion: () => runCleverVersion(script('clever3', 'echo 3.14.0')) })).toEqual({ version: 3, from: 'clever-version' });
    expect(await detectCleverToolsVersion({ paths: [missing], cleverVersion: () => runCleverVersion(script('clever4', 'echo 4.11.0')) })).toEqual({ version: 4, from: 'clever-version' });
    expect(await detectCleverToolsVersion({ paths: [missing], cleverVersion: () => runCleverVersion(path.join(dir, 'no-such-clever')) })).toEqual({ version: null, from: null });
  });

  it('gives up on a `clever` that hangs', async () => {
    const started = Date.now();
    expect(await runCleverVersion(script('hangs', 'sleep 30'), 300)).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('majorOf', () => {
  it.each([
    ['4.11.0\n', 4],
    ['3.14.0', 3],
    ['5.0.1', 4],
    ['2.9.0', null],
    ['command not found', null],
  ] as const)('%j → %s', (output, major) => expect(majorOf(output)).toBe(major));
});
