import { describe, expect, it } from 'vitest';
import type { ApprovalFacts } from '../types';
import './all-catalogues';
import { approvalLines } from './approval-words';

const caller: ApprovalFacts['caller'] = { program: 'node', pid: 4242, exe: '/usr/bin/node', cwd: '/home/ada/work', commandLine: 'node deploy.js', verified: true };
const accounts: ApprovalFacts['accounts'] = [{ name: 'Ada', subtitle: 'ada@example.com', provider: 'saasus' }];
const handOut: ApprovalFacts = { caller, accounts, ask: { kind: 'hand-out', credential: 'access-token', session: { tty: '/dev/pts/3', idleMs: 10 * 60_000 } } };
const grant: ApprovalFacts = { caller: { ...caller, verified: false }, accounts, ask: { kind: 'grant', forMs: 8 * 3_600_000, cwd: '/home/ada/work' } };
const plain = (lines: string[]): string[] => lines.map((l) => l.replace(/[\u00a0\u202f]/g, ' '));

describe('approvalLines', () => {
  it('words a request for a credential: who asks, where, what, for which account, and what "session" covers', () => {
    expect(plain(approvalLines(handOut, 'en'))).toEqual([
      'node (pid 4242) · /usr/bin/node',
      'in /home/ada/work',
      'running: node deploy.js',
      'asks for the Access token of:',
      '“Ada” (ada@example.com, SaaSus)',
      '“Allow for this terminal session” covers this terminal (/dev/pts/3) until 10 min after its last use.',
    ]);
    expect(approvalLines(handOut, 'ja').slice(3, 5)).toEqual(['次のアカウントのアクセストークンを求めています：', '「Ada」（ada@example.com、SaaSus）']);
    expect(approvalLines({ ...handOut, ask: { kind: 'hand-out', credential: 'environment', session: null } }, 'fr').slice(3)).toEqual([
      'demande les identifiants, en variables d’environnement, de :',
      '« Ada » (ada@example.com, SaaSus)',
    ]);
  });

  it('words a grant to confirm, with its length from Intl, and says when the caller could not be confirmed', () => {
    const fr = plain(approvalLines(grant, 'fr'));
    expect(fr[0]).toBe('Créer une autorisation ? Pendant 8 heures, tout programme travaillant dans /home/ada/work pourra obtenir sans demander les identifiants de :');
    expect(fr).toContain('selon ses dires : le système n’a pas pu le confirmer');
    expect(approvalLines(grant, 'ja')[0]).toBe('許可を作成しますか？ 今後 8 時間、/home/ada/work 内で動くプログラムは確認なしで次のアカウントの認証情報を使えます：');
  });
});
