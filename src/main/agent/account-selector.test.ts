import { describe, expect, it } from 'vitest';
import type { AgentAccount } from '../../shared/agent-protocol';
import { completionNames, selectAccount } from './account-selector';
import { failure } from '../../../test/support/failure';

const account = (id: string, displayName: string, subtitle: string, provider: AgentAccount['provider'] = 'clever-cloud'): AgentAccount => ({
  id,
  provider,
  displayName,
  subtitle,
  expiresAt: null,
  status: 'ok',
  statusMessage: null,
});

const accounts = [account('a1', 'Work', 'ada@example.com'), account('a2', 'Staging', 'ada@example.com', 'saasus'), account('a3', 'work', 'bob@example.com', 'saasus'), account('a4', 'Perso', 'zoe@example.com')];

describe('selectAccount', () => {
  it('finds an account by id, by name or by e-mail, ignoring case', () => {
    expect(selectAccount(accounts, 'a2').id).toBe('a2');
    expect(selectAccount(accounts, 'perso').id).toBe('a4');
    expect(selectAccount(accounts, 'ZOE@example.com').id).toBe('a4');
    expect(selectAccount(accounts, 'bob@example.com').id).toBe('a3');
  });

  it('an ambiguous name fails and lists the candidates by id', async () => {
    const e = await failure(Promise.resolve().then(() => selectAccount(accounts, 'work')));
    expect(e.code).toBe('ambiguous');
    expect(e.message).toContain('a1  Work  ada@example.com  (Clever Cloud)');
    expect(e.message).toContain('a3  work  bob@example.com  (SaaSus)');
    expect((await failure(Promise.resolve().then(() => selectAccount(accounts, 'ada@example.com')))).code).toBe('ambiguous');
  });

  it('an id wins over a name', () => {
    expect(selectAccount([...accounts, account('Perso', 'Other', 'o@example.com')], 'Perso').id).toBe('Perso');
  });

  it('an unknown name is not_found, quoted printably', async () => {
    const e = await failure(Promise.resolve().then(() => selectAccount(accounts, 'nope\x1b[2J')));
    expect(e.code).toBe('not_found');
    expect(e.message).toContain('nope\\x1b[2J');
  });

  it('candidate names from providers are made printable in the list', async () => {
    const hostile = [account('h1', 'x\x1b]0;pwned\x07', 'same'), account('h2', 'y', 'same')];
    const e = await failure(Promise.resolve().then(() => selectAccount(hostile, 'same')));
    expect(e.message).not.toContain('\x1b');
  });
});

describe('completionNames', () => {
  it('offers names that select their account alone, ids otherwise', () => {
    expect(completionNames(accounts)).toEqual(['a1', 'Staging', 'a3', 'Perso']);
  });

  it('offers the id of an account whose name has control characters or is blank', () => {
    expect(completionNames([account('c1', 'a\nb', 'x'), account('c2', '  ', 'y'), account('c3', '$(touch pwned)', 'z')])).toEqual(['c1', 'c2', '$(touch pwned)']);
  });

  it('stays linear: 10,000 accounts in well under a second', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => account(`id${i}`, `Account ${i}`, `u${i}@example.com`));
    const t0 = performance.now();
    expect(completionNames(many)).toHaveLength(10_000);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
