import { describe, expect, it } from 'vitest';
import { failureFor, providerMessage, UNAUTHORIZED_MESSAGE, type Endpoint } from './errors';

const answer = (status: number, text = '', type = 'text/plain') => ({ status, text, headers: new Headers({ 'content-type': type }) });

describe('failureFor', () => {
  it('keeps the status and the endpoint as data, out of the message and of what crosses the bridge', () => {
    const cases: [Endpoint, number, string][] = [
      ['requestToken', 401, 'invalid_configuration'],
      ['accessToken', 401, 'code_expired'],
      ['self', 401, 'unauthorized'],
      ['currentToken', 503, 'http_error'],
      ['revokeToken', 403, 'http_error'],
      ['loginData', 302, 'bad_response'],
      ['cliToken', 409, 'http_error'],
    ];
    for (const [endpoint, status, code] of cases) {
      const error = failureFor(endpoint, answer(status, 'Conflict'));
      expect(error).toMatchObject({ code, status, endpoint });
      expect(error.toInfo()).toEqual({ code, message: error.message, key: error.key, ...(error.params ? { params: error.params } : {}) });
      expect(error.key).toBeDefined();
      expect(JSON.stringify(error.toInfo())).not.toContain(endpoint);
    }
    expect(failureFor('self', answer(401)).message).toBe(UNAUTHORIZED_MESSAGE);
  });

  it('passes Clever Cloud’s own words to the window as a parameter, with known secrets and addresses cut out as in the message', () => {
    const said = JSON.stringify({ message: 'Token tok-secret-1 is not allowed here, see https://h/x?k=v' });
    const error = failureFor('cliToken', answer(409, said, 'application/json'), ['tok-secret-1']);
    expect(error).toMatchObject({ key: 'net.refused', params: { service: 'Clever Cloud', status: 409 } });
    expect(String(error.params?.said)).toContain('is not allowed here');
    expect(JSON.stringify(error.toInfo())).not.toMatch(/tok-secret-1|k=v/);
  });
});

describe('providerMessage', () => {
  it('never quotes HTML', () => {
    const res = (text: string, type: string) => ({ status: 400, text, headers: new Headers({ 'content-type': type }) });
    expect(providerMessage(res('<html><b>x</b></html>', 'text/html'))).toBeNull();
    expect(providerMessage(res('<p>x</p>', 'text/plain'))).toBeNull();
    expect(providerMessage(res('a\u0000b', 'text/plain'))).toBe('a b');
  });

  it('cuts out every address, whatever its scheme', () => {
    const res = (text: string) => ({ status: 400, text, headers: new Headers({ 'content-type': 'text/plain' }) });
    expect(providerMessage(res('See https://api.example.com/x?secret=1 and (ftp://h/y), or git+ssh://a/b.'))).toBe(
      'See [address] and ([address] or [address]',
    );
    expect(providerMessage(res(JSON.stringify({ message: 'Moved:\nhttp://127.0.0.1:9/a?b=c now' })))).toBe('Moved: [address] now');
  });

  it('looks at the first few hundred characters only: nothing past them reaches the message', () => {
    const res = (text: string) => ({ status: 400, text, headers: new Headers({ 'content-type': 'text/plain' }) });
    // The address is cut out, which shortens the text: what followed it far away must not move up.
    expect(providerMessage(res(`Moved to https://x.example/${'a'.repeat(5_000)} PAST-THE-CUT`))).toBe('Moved to [address]');
    expect(providerMessage(res(JSON.stringify({ message: `Moved to https://x.example/${'a'.repeat(5_000)} PAST-THE-CUT` })))).toBe(
      'Moved to [address]',
    );
    // A known secret the cut goes through is not shown in part.
    const secret = 'straddling-secret-0123456789';
    const straddled = `Refused at https://x/${'a'.repeat(360)} ${secret} and more`;
    expect(straddled.indexOf(secret)).toBeLessThan(400);
    expect(straddled.indexOf(secret) + secret.length).toBeGreaterThan(400);
    expect(providerMessage(res(straddled), [secret])).toBe('Refused at [address]');
    // Whole secrets are cut out wherever they are.
    expect(providerMessage(res(`Token ${secret} refused`), [secret])).toBe('Token … refused');
    // JSON is read for a Message only when it could be one (a few hundred bytes): not 20 KB of it.
    expect(providerMessage(res(JSON.stringify({ message: 'Quota exceeded' })))).toBe('Quota exceeded');
    expect(providerMessage(res(JSON.stringify({ message: 'Quota exceeded', detail: 'x'.repeat(20_000) })))).toBeNull();
  });
});
