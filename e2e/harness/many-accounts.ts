/**
 * A long account list written straight into the metadata file, for the harness's `before` hook:
 * drawing the list needs no keychain entries, so 1,000 accounts take milliseconds to seed instead
 * of 2,000 keychain writes. Used by the renderer and startup benchmarks and the long-list end-to-end test.
 *
 * The expiries are the worst case for a ticking list, spread through it so that any screenful
 * holds the same mix: a third within a minute of expiring (or just expired), where the words
 * change every second; some within the hour and the day; the rest in days. Only accounts far from
 * expiry are SaaSus: SaaSus tokens refresh themselves five minutes before they expire, and these
 * accounts have no keychain entries, so a refresh would fail and change the list mid-measure.
 */
import { confFactory } from '../../test/support/real-stores';
import { emptyDocument, type AccountRecord } from '../../src/main/vault/metadata-schema';
import { MetadataStore } from '../../src/main/vault/metadata-store';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Expiry of the i-th account, relative to the time of seeding. */
export function expiryOffset(i: number): number {
  const k = i % 9;
  if (k < 3) return (((i * 7) % 100) - 20) * SECOND; // −20 s … +80 s: the words change every second
  if (k === 3) return ((i % 55) + 2) * MINUTE;
  if (k === 4) return ((i % 20) + 2) * HOUR;
  return ((i % 80) + 2) * DAY;
}

/** "Account 0042": zero-padded, so the list's order is also the names' order. */
export const manyAccountName = (i: number): string => `Account ${String(i).padStart(4, '0')}`;

export function seedManyAccounts(dataDir: string, n: number): void {
  const now = Date.now();
  const accounts: AccountRecord[] = Array.from({ length: n }, (_, i) => {
    const offset = expiryOffset(i);
    const provider = offset > DAY && i % 2 === 1 ? 'saasus' : 'clever-cloud';
    return {
      id: `many${i}`,
      provider,
      displayName: manyAccountName(i),
      subtitle: `user${i}@example.com`,
      avatarUrl: null,
      expiresAt: now + offset,
      status: 'ok',
      statusMessage: null,
      createdAt: now,
      updatedAt: now,
      secretFields: provider === 'saasus' ? ['refresh-token'] : ['credentials'],
      data: {},
    };
  });
  MetadataStore.open({ dir: dataDir, factory: confFactory }).update(() => ({ ...emptyDocument(), accounts }));
}
