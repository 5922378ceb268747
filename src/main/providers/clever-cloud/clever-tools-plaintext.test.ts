/**
 * Removing imported profiles' plaintext tokens from clever-tools.json: real files in a temp dir,
 * read back as clever-tools would. A backup (0600) beside it, an atomic rewrite keeping the file's
 * mode and every other profile and field, a link followed and kept, a file changed since refused.
 */
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { contentHash } from './clever-tools-config';
import { CHANGED_SINCE_IMPORT, removePlaintextTokens } from './clever-tools-plaintext';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'clever-plaintext-'));
});

const NOW = Date.parse('2026-11-29T07:00:00.000Z');
const v4 = {
  version: 1,
  extra: { kept: true },
  profiles: [
    { alias: 'work', token: 'work-token', secret: 'work-secret', email: 'a@example.com', overrides: { API_HOST: 'https://api.example.org' } },
    { alias: 'home', token: 'home-token', secret: 'home-secret', custom: 'field' },
  ],
};

function write(name: string, data: unknown, mode = 0o640): { file: string; text: string } {
  const file = path.join(dir, name);
  const text = JSON.stringify(data);
  writeFileSync(file, text, { mode });
  return { file, text };
}

describe('removePlaintextTokens', () => {
  it('clever-tools 4: removes the imported profiles only, keeps the rest and the mode, with a 0600 backup of the file as it was', async () => {
    const { file, text } = write('clever-tools.json', v4);
    const removal = await removePlaintextTokens({ path: file, format: 4, contentHash: contentHash(text), aliases: ['work'] }, NOW);
    expect(removal).toEqual({ path: file, backupPath: `${file}.2026-11-29T07-00-00-000Z.bak`, removed: ['work'] });
    const after = JSON.parse(readFileSync(file, 'utf8'));
    expect(after).toEqual({ version: 1, extra: { kept: true }, profiles: [v4.profiles[1]] });
    expect(readFileSync(file, 'utf8')).not.toContain('work-token');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readFileSync(removal.backupPath, 'utf8')).toBe(text);
    expect(statSync(removal.backupPath).mode & 0o777).toBe(0o600);
    // Nothing else is left in the folder (no temporary file).
    expect(readdirSync(dir).sort()).toEqual([path.basename(file), path.basename(removal.backupPath)].sort());
  });

  it('clever-tools 3: removes the token and secret, keeps the other fields', async () => {
    const { file, text } = write('clever-tools.json', { token: 't', secret: 's', expirationDate: '2027-01-01T00:00:00Z', note: 'mine' }, 0o600);
    await removePlaintextTokens({ path: file, format: 3, contentHash: contentHash(text), aliases: ['default'] }, NOW);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ expirationDate: '2027-01-01T00:00:00Z', note: 'mine' });
  });

  it('follows a symbolic link: rewrites the file it names, and the link stays a link', async () => {
    const { file: target, text } = write('real-clever-tools.json', v4);
    const link = path.join(dir, 'clever-tools.json');
    symlinkSync(target, link);
    const removal = await removePlaintextTokens({ path: link, format: 4, contentHash: contentHash(text), aliases: ['work', 'home'] }, NOW);
    expect(removal.path).toBe(target);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(JSON.parse(readFileSync(link, 'utf8')).profiles).toEqual([]);
    expect(removal.backupPath.startsWith(`${target}.`)).toBe(true);
  });

  it('refuses a file changed since the import, and changes nothing (no backup either)', async () => {
    const { file, text } = write('clever-tools.json', v4);
    // clever-tools logged in again meanwhile: a new token Tessera never saw.
    const changed = JSON.stringify({ ...v4, profiles: [{ alias: 'work', token: 'new-token', secret: 'new-secret' }, ...v4.profiles] });
    writeFileSync(file, changed);
    await expect(removePlaintextTokens({ path: file, format: 4, contentHash: contentHash(text), aliases: ['work'] }, NOW)).rejects.toMatchObject({
      code: 'conflict',
      message: CHANGED_SINCE_IMPORT,
    });
    expect(readFileSync(file, 'utf8')).toBe(changed);
    expect(readdirSync(dir)).toEqual(['clever-tools.json']);
  });

  it('never overwrites an existing backup', async () => {
    const { file, text } = write('clever-tools.json', v4);
    writeFileSync(`${file}.2026-11-29T07-00-00-000Z.bak`, 'older backup');
    await expect(removePlaintextTokens({ path: file, format: 4, contentHash: contentHash(text), aliases: ['work'] }, NOW)).rejects.toMatchObject({ code: 'internal' });
    expect(readFileSync(`${file}.2026-11-29T07-00-00-000Z.bak`, 'utf8')).toBe('older backup');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('says when the file is gone', async () => {
    await expect(removePlaintextTokens({ path: path.join(dir, 'gone.json'), format: 4, contentHash: 'x', aliases: ['work'] }, NOW)).rejects.toMatchObject({ code: 'not_found' });
  });
});
