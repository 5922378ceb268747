import { describe, expect, it } from 'vitest';
import { isErrorKey } from '../error-keys';
import { parseErrorInfo, type ErrorInfo } from '../errors';
import './all-catalogues';
import { errorText } from './error-text';

const portInUse: ErrorInfo = { code: 'conflict', message: 'Port 45873 on 127.0.0.1 is in use; choose another callback port in Settings.', key: 'login.portInUse', params: { port: 45873 } };

describe('errorText', () => {
  it('words an error by its key and parameters, in each language', () => {
    expect(errorText('en', portInUse)).toBe('Port 45873 on 127.0.0.1 is in use; choose another callback port in Settings.');
    expect(errorText('ja', portInUse)).toBe('127.0.0.1 のポート 45873 は使用中です。設定で別のコールバックポートを選んでください。');
    expect(errorText('fr', portInUse)).toBe('Le port 45873 de 127.0.0.1 est occupé ; choisissez un autre port de retour dans les paramètres.');
  });

  it('puts a provider’s own text in as a parameter', () => {
    const refused: ErrorInfo = { code: 'http_error', message: 'Clever Cloud refused the request (HTTP 409): Conflict', key: 'net.refused', params: { service: 'Clever Cloud', status: 409, said: 'Conflict' } };
    expect(errorText('ja', refused)).toBe('Clever Cloud がリクエストを拒否しました（HTTP 409）：Conflict');
  });

  it('falls back to the words of the code when the error names no key', () => {
    const plain: ErrorInfo = { code: 'network', message: 'Could not reach the agent.' };
    expect(errorText('en', plain)).toBe('The service could not be reached. Check your connection.');
    expect(errorText('fr', plain)).toBe('Le service est injoignable. Vérifiez votre connexion.');
  });

  it('refuses an unknown key, or a key that needs parameters without them, and says the code’s words instead', () => {
    const unknown = { code: 'timeout', message: 'x', key: 'login.nope' } as unknown as ErrorInfo;
    expect(errorText('en', unknown)).toBe('The service did not answer in time. Try again.');
    const bare = { code: 'conflict', message: 'x', key: 'login.portInUse' } as unknown as ErrorInfo;
    expect(errorText('ja', bare)).toBe('既に存在するもの、または実行中のものと競合しています。');
  });
});

describe('parseErrorInfo', () => {
  it('accepts a known code with a known key and short scalar parameters', () => {
    expect(parseErrorInfo(portInUse, isErrorKey)).toEqual(portInUse);
    expect(parseErrorInfo({ code: 'internal', message: 'x' }, isErrorKey)).toEqual({ code: 'internal', message: 'x' });
  });

  it('refuses unknown keys, codes and fields, and parameters that are not short strings or finite numbers', () => {
    for (const bad of [
      { code: 'internal', message: 'x', key: 'nope.nope' },
      { code: 'internal', message: 'x', key: 'code.internal' },
      { code: 'nope', message: 'x' },
      { code: 'internal', message: 'x', extra: 1 },
      { code: 'internal', message: 'x', params: { a: 1 } },
      { code: 'conflict', message: 'x', key: 'login.portInUse', params: { port: { nested: 1 } } },
      { code: 'conflict', message: 'x', key: 'login.portInUse', params: { port: Number.NaN } },
      { code: 'conflict', message: 'x', key: 'login.portInUse', params: { port: 'x'.repeat(501) } },
      { code: 'conflict', message: 'x', key: 'login.portInUse', params: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`p${i}`, i])) },
      null,
      'internal',
    ])
      expect(parseErrorInfo(bad, isErrorKey), JSON.stringify(bad)).toBeUndefined();
  });
});
