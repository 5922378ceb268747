import { describe, expect, it } from 'vitest';
import { checkedServiceUrl, serviceEndpoint, webPageUrl } from './service-url';

describe('checkedServiceUrl', () => {
  it('accepts https anywhere and plain http on loopback only', () => {
    expect(checkedServiceUrl('https://api.example.com/v2', 'Example API base URL').href).toBe('https://api.example.com/v2');
    expect(checkedServiceUrl('http://127.0.0.1:47801/v2', 'Example API base URL').href).toBe('http://127.0.0.1:47801/v2');
    expect(checkedServiceUrl('http://localhost/', 'Example API base URL').host).toBe('localhost');
  });

  it('refuses, naming the URL: no URL, plain http elsewhere, other schemes, a query, a fragment or a user name', () => {
    const refused = (raw: string) => {
      try {
        checkedServiceUrl(raw, 'Example API base URL');
      } catch (error) {
        return error;
      }
      throw new Error(`accepted ${raw}`);
    };
    expect(refused('not a url')).toMatchObject({ code: 'invalid_configuration', message: 'The Example API base URL is not a valid URL.' });
    for (const raw of ['http://api.example.com/v2', 'ftp://127.0.0.1/', 'file:///etc/passwd'])
      expect(refused(raw), raw).toMatchObject({
        code: 'invalid_configuration',
        message: 'The Example API base URL must use https (plain http is only allowed for 127.0.0.1 or localhost).',
      });
    for (const raw of ['https://h/v2?x=1', 'https://h/v2#x', 'https://u@h/v2', 'https://u:p@h/v2'])
      expect(refused(raw), raw).toMatchObject({ code: 'invalid_configuration', message: 'The Example API base URL must not carry a query, fragment or user name.' });
  });
});

describe('serviceEndpoint', () => {
  it('puts the path under the base path, with or without its final slash', () => {
    expect(serviceEndpoint(new URL('https://h/v1/auth'), '/credentials').href).toBe('https://h/v1/auth/credentials');
    expect(serviceEndpoint(new URL('https://h/v1/auth/'), '/credentials').href).toBe('https://h/v1/auth/credentials');
    expect(serviceEndpoint(new URL('https://h'), '/cli-oauth').href).toBe('https://h/cli-oauth');
  });
});

describe('webPageUrl', () => {
  const messages = { invalid: 'The page is not a valid URL.', notWeb: 'The page is not a web address.' };

  it('takes an http or https page as it is, query included', () => {
    expect(webPageUrl('https://auth.example.com/login?tenant=1', messages).href).toBe('https://auth.example.com/login?tenant=1');
    expect(webPageUrl('http://127.0.0.1:3000/callback', messages).href).toBe('http://127.0.0.1:3000/callback');
  });

  it('refuses anything the system browser should not open, in the caller’s words', () => {
    expect(() => webPageUrl('not a url', messages)).toThrow(expect.objectContaining({ code: 'invalid_configuration', message: messages.invalid }));
    for (const raw of ['javascript:alert(1)', 'file:///etc/passwd', 'myapp://callback', 'ftp://example.com/'])
      expect(() => webPageUrl(raw, messages), raw).toThrow(expect.objectContaining({ code: 'invalid_configuration', message: messages.notWeb }));
  });
});
