import { describe, expect, it } from 'vitest';
import './all-catalogues';
import { statusText } from './status-text';

describe('statusText', () => {
  it('words an account’s reason in each language, by its key and parameters', () => {
    const refused = { status: 'needs-login', statusReason: { code: 'invalid_configuration', key: 'saasus.configRefused' } } as const;
    expect(statusText('en', refused)).toBe('SaaSus refused the request: check the SaaS ID, API key and secret key.');
    expect(statusText('ja', refused)).toBe('SaaSus がリクエストを拒否しました。SaaS ID、API キー、シークレットキーを確認してください。');
    const slow = { status: 'failed', statusReason: { code: 'timeout', key: 'net.timeout', params: { service: 'SaaSus', seconds: 30 } } } as const;
    expect(statusText('fr', slow)).toContain('SaaSus');
    expect(statusText('fr', slow)).not.toBe(statusText('en', slow));
  });

  it('gives a status without a reason its generic words, and an account that is ok none', () => {
    expect(statusText('ja', { status: 'needs-login' })).toBe('このアカウントは再ログインが必要です。');
    expect(statusText('en', { status: 'recovered', statusReason: null })).toMatch(/rebuilt from the keychain/);
    expect(statusText('en', { status: 'ok', statusReason: { code: 'internal' } })).toBeNull();
  });
});
