import { describe, expect, it } from 'vitest';
import { selectConnection } from './account-intake';

const connections = [
  { id: 'c1', name: 'Demo SaaS' },
  { id: 'c2', name: 'Twin' },
  { id: 'c3', name: 'twin' },
  { id: 'c4', name: 'c1' },
];

describe('selectConnection', () => {
  it('an exact id wins, then a name ignoring case', () => {
    expect(selectConnection(connections, 'c1').id).toBe('c1');
    expect(selectConnection(connections, 'demo saas').id).toBe('c1');
  });

  it('several names: ambiguous, listed by id; none: not found, listing the connections printably', () => {
    expect(() => selectConnection(connections, 'TWIN')).toThrow(expect.objectContaining({ code: 'ambiguous', message: expect.stringContaining('  c2  Twin\n  c3  twin') }));
    expect(() => selectConnection([{ id: 'x', name: 'Evil\u001b[2J' }], 'nope')).toThrow(expect.objectContaining({ code: 'not_found', message: expect.stringContaining('Evil\\x1b[2J') }));
    expect(() => selectConnection([], 'nope')).toThrow(expect.objectContaining({ code: 'not_found', message: expect.stringContaining('no SaaS connection yet') }));
  });
});
