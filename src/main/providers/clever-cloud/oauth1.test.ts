import { describe, expect, it } from 'vitest';
import {
  authorizationHeader,
  baseStringUri,
  computeSignature,
  formEncode,
  normalizeParameters,
  parseFormEncoded,
  percentEncode,
  signatureBaseString,
  signingKey,
  signRequest,
  SIGNATURE_METHODS,
  type Param,
} from './oauth1';

/** The client and token credentials of RFC 5849 section 1.2 (also OAuth Core 1.0 Appendix A). */
const photosConsumer = { key: 'dpf43f3p2l4k3l03', secret: 'kd94hf93k423kf44' };
const photosToken = { token: 'nnch734d00sl2jdk', secret: 'pfkkdhi9sl3r4s00' };

describe('percent-encoding (RFC 5849 3.6 / RFC 3986 2.1)', () => {
  it('keeps only unreserved characters and encodes the rest as upper-case UTF-8 octets', () => {
    expect(percentEncode('AZaz09-._~')).toBe('AZaz09-._~');
    // encodeURIComponent would leave these five alone.
    expect(percentEncode("!*'()")).toBe('%21%2A%27%28%29');
    expect(percentEncode(' +&=/?%')).toBe('%20%2B%26%3D%2F%3F%25');
    expect(percentEncode('é☃')).toBe('%C3%A9%E2%98%83');
    // Twitter's "Percent encoding parameters" page examples.
    expect(percentEncode('Ladies + Gentlemen')).toBe('Ladies%20%2B%20Gentlemen');
    expect(percentEncode('An encoded string!')).toBe('An%20encoded%20string%21');
    expect(percentEncode('Dogs, Cats & Mice')).toBe('Dogs%2C%20Cats%20%26%20Mice');
    expect(percentEncode('☃')).toBe('%E2%98%83');
  });

  it('form-decodes `+` as a space and keeps repeated names and empty values', () => {
    expect(parseFormEncoded('c2&a3=2+q&a3=a')).toEqual([
      ['c2', ''],
      ['a3', '2 q'],
      ['a3', 'a'],
    ]);
    expect(formEncode([['a b', 'c+d']])).toBe('a%20b=c%2Bd');
  });
});

describe('RFC 5849 section 3.4.1 example (POST http://example.com/request with query and form body)', () => {
  // RFC 5849 3.4.1.1, 3.4.1.3.1 and 3.4.1.3.2: the request of section 3.4.1.1, its parameter
  // list (repeated `a3`, empty `c2` and `c@`), the normalised string and the base string.
  const url = 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b';
  const protocol: Param[] = [
    ['oauth_consumer_key', '9djdj82h48djs9d2'],
    ['oauth_token', 'kkk9d7dh3k39sjv7'],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', '137131201'],
    ['oauth_nonce', '7d8f3e4a'],
  ];
  const body = parseFormEncoded('c2&a3=2+q');

  it('normalises the parameters: sorted by name then value, repeated names kept', () => {
    const query = parseFormEncoded(new URL(url).search.slice(1));
    expect(normalizeParameters([...query, ...protocol, ...body])).toBe(
      'a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a&' +
        'oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7',
    );
  });

  it('builds the published base string (oauth_signature excluded)', () => {
    const withNoise: Param[] = [...protocol, ['oauth_signature', 'bYT5CMsGcbgUdFHObYMEfcx6bsw='], ...body];
    expect(signatureBaseString('POST', url, withNoise)).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26' +
        'c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1' +
        '%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('builds the base string URI (RFC 5849 3.4.1.2 examples)', () => {
    expect(baseStringUri('http://EXAMPLE.COM:80/r%20v/X?id=123')).toBe('http://example.com/r%20v/X');
    expect(baseStringUri('https://www.example.net:8080/?q=1')).toBe('https://www.example.net:8080/');
    expect(baseStringUri('https://api.clever-cloud.com:443/v2/self')).toBe('https://api.clever-cloud.com/v2/self');
  });
});

describe('RFC 5849 section 1.2 example (photos.example.net, printer.example.com)', () => {
  it('PLAINTEXT: temporary-credential request signed with the client secret and an empty token secret', () => {
    // Section 1.2: `oauth_signature="kd94hf93k423kf44%26"` in the header.
    const sig = computeSignature('PLAINTEXT', 'ignored', photosConsumer.secret);
    expect(sig).toBe('kd94hf93k423kf44&');
    expect(authorizationHeader([['oauth_signature', sig]])).toBe('OAuth oauth_signature="kd94hf93k423kf44%26"');
  });

  it('PLAINTEXT: token request signed with the client secret and the temporary-credential secret', () => {
    // Section 1.2: `oauth_signature="kd94hf93k423kf44%26hdhd0244k9j7ao03"`.
    expect(percentEncode(computeSignature('PLAINTEXT', '', photosConsumer.secret, 'hdhd0244k9j7ao03'))).toBe(
      'kd94hf93k423kf44%26hdhd0244k9j7ao03',
    );
  });

  it('HMAC-SHA1: GET /photos?file=vacation.jpg&size=original → MdpQcU8iPSUjWoN/UDMsK2sui9I=', () => {
    // Section 1.2 and 3.4.1.1: nonce "chapoH", timestamp 137131202, no oauth_version.
    const params: Param[] = [
      ['oauth_consumer_key', photosConsumer.key],
      ['oauth_token', photosToken.token],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131202'],
      ['oauth_nonce', 'chapoH'],
    ];
    const base = signatureBaseString('GET', 'http://photos.example.net/photos?file=vacation.jpg&size=original', params);
    expect(base).toBe(
      'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26' +
        'oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26' +
        'oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal',
    );
    expect(computeSignature('HMAC-SHA1', base, photosConsumer.secret, photosToken.secret)).toBe('MdpQcU8iPSUjWoN/UDMsK2sui9I=');
  });
});

describe('OAuth Core 1.0 Appendix A.5 (the classic photos.example.net example, https://oauth.net/core/1.0a/)', () => {
  const url = 'http://photos.example.net/photos?file=vacation.jpg&size=original';
  const signed = (signatureMethod: 'HMAC-SHA1' | 'HMAC-SHA512') =>
    signRequest({
      method: 'GET',
      url,
      consumer: photosConsumer,
      token: photosToken,
      signatureMethod,
      timestamp: '1191242096',
      nonce: 'kllo9940pd9333jh',
    });

  it('HMAC-SHA1 → tR3+Ty81lMeYAr/Fid0kMTYa/WM= (A.5.1 base string, A.5.2 signature)', () => {
    const params = signed('HMAC-SHA1');
    expect(signatureBaseString('GET', url, params)).toBe(
      'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26' +
        'oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26' +
        'oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal',
    );
    expect(params.at(-1)).toEqual(['oauth_signature', 'tR3+Ty81lMeYAr/Fid0kMTYa/WM=']);
    // A.5.3: the Authorization header carries the signature percent-encoded.
    expect(authorizationHeader(params, 'http://photos.example.net/')).toBe(
      'OAuth realm="http%3A%2F%2Fphotos.example.net%2F", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", ' +
        'oauth_signature_method="HMAC-SHA1", oauth_timestamp="1191242096", oauth_nonce="kllo9940pd9333jh", ' +
        'oauth_version="1.0", oauth_signature="tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D"',
    );
  });

  it('HMAC-SHA512 over the same base string', () => {
    // There is no published OAuth vector for HMAC-SHA512. This value was computed independently with
    //   printf '%s' "$BASE" | openssl dgst -sha512 -hmac 'kd94hf93k423kf44&pfkkdhi9sl3r4s00' -binary | base64
    // where $BASE is the A.5.1 base string above with oauth_signature_method=HMAC-SHA512.
    const params = signed('HMAC-SHA512');
    const base = signatureBaseString('GET', url, params);
    expect(base).toContain('oauth_signature_method%3DHMAC-SHA512');
    expect(params.at(-1)?.[1]).toBe(computeSignature('HMAC-SHA512', base, photosConsumer.secret, photosToken.secret));
    // The A.5.1 string with HMAC-SHA1 (openssl-computed, see above):
    const sha1Base = signatureBaseString('GET', url, signed('HMAC-SHA1'));
    expect(computeSignature('HMAC-SHA512', sha1Base, photosConsumer.secret, photosToken.secret)).toBe(
      'gBVfbUzGSfMEYIR09OrlLdmvyHsZOHxquCzEAblZY3b4ycWEp2vmFO4FMlSowJfsc7QZODjKLsqjjvtd+xkeEQ==',
    );
  });
});

describe('Twitter "Creating a signature" example (developer.twitter.com, POST statuses/update.json)', () => {
  it('signs query and form-body parameters together → hCtSmYh+iHYCEqBWrE7C7hYmtUk=', () => {
    const params = signRequest({
      method: 'POST',
      url: 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
      form: parseFormEncoded('status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21'),
      consumer: { key: 'xvz1evFS4wEEPTGEFPHBog', secret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw' },
      token: { token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb', secret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE' },
      signatureMethod: 'HMAC-SHA1',
      timestamp: '1318622958',
      nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
    });
    expect(params.at(-1)).toEqual(['oauth_signature', 'hCtSmYh+iHYCEqBWrE7C7hYmtUk=']);
  });
});

describe('what a signature covers', () => {
  const consumer = { key: 'ck', secret: 'c s!' };
  const token = { token: 'tk', secret: "t*s'" };
  const url = 'http://127.0.0.1:8080/v2/self/tokens?b=2&a=1&a=0';
  const form: Param[] = [['name', 'Zoë & co']];
  const request = { method: 'POST', url, form, consumer, token, timestamp: '1714557600', nonce: 'n0nce' };

  for (const signatureMethod of SIGNATURE_METHODS) {
    it(`${signatureMethod}: the signature is the one recomputed over the base string, and changes with either secret`, () => {
      const oauth = signRequest({ ...request, signatureMethod });
      const signature = new Map(oauth).get('oauth_signature');
      expect(signature).toBe(computeSignature(signatureMethod, signatureBaseString('POST', url, [...oauth, ...form]), consumer.secret, token.secret));
      const other = (over: Partial<typeof request>) => new Map(signRequest({ ...request, ...over, signatureMethod })).get('oauth_signature');
      expect(other({ consumer: { ...consumer, secret: 'other' } })).not.toBe(signature);
      expect(other({ token: { ...token, secret: 'other' } })).not.toBe(signature);
      // The method is case-insensitive (it is upper-cased in the base string).
      expect(other({ method: 'post' })).toBe(signature);
    });
  }

  for (const signatureMethod of ['HMAC-SHA1', 'HMAC-SHA512'] as const) {
    it(`${signatureMethod} covers the method, every query and form parameter, the host, path, time and nonce`, () => {
      const signature = new Map(signRequest({ ...request, signatureMethod })).get('oauth_signature');
      const variants: Partial<typeof request>[] = [
        { method: 'PUT' },
        { url: url.replace('a=0', 'a=9') },
        { url: url.replace('?b=2&', '?') },
        { url: url.replace('127.0.0.1:8080', '127.0.0.1:8081') },
        { url: url.replace('/self/tokens', '/self/token') },
        { form: [['name', 'Zoe & co']] },
        { form: [] },
        { timestamp: '1714557601' },
        { nonce: 'n0nc3' },
        { consumer: { ...consumer, key: 'ck2' } },
        { token: { ...token, token: 'tk2' } },
      ];
      const signatures = variants.map((over) => new Map(signRequest({ ...request, ...over, signatureMethod })).get('oauth_signature'));
      expect(new Set([signature, ...signatures]).size).toBe(variants.length + 1);
    });
  }

  it('PLAINTEXT signs nothing but the secrets: the key is the signature', () => {
    const oauth = new Map(signRequest({ ...request, signatureMethod: 'PLAINTEXT' }));
    expect(oauth.get('oauth_signature')).toBe(signingKey(consumer.secret, token.secret));
  });

  it('the query variant: oauth_signature in the URL is left out of the base string', () => {
    const oauth = signRequest({ ...request, signatureMethod: 'HMAC-SHA1' });
    const inQuery = `${url}&${formEncode(oauth)}`;
    expect(signatureBaseString('POST', inQuery, form)).toBe(signatureBaseString('POST', url, [...oauth, ...form]));
  });
});

describe('RFC 5849 section 1.2: the temporary-credential request (no token yet)', () => {
  // POST https://photos.example.net/initiate, HMAC-SHA1, with oauth_callback and no oauth_token:
  // the key is the client secret and an empty token secret. The published header
  // (emulators/clever-cloud/oauth1-verify.test.ts verifies it as received) carries
  // oauth_signature="74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D".
  const url = 'https://photos.example.net/initiate';
  const protocol: Param[] = [
    ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', '137131200'],
    ['oauth_nonce', 'wIjqoS'],
    ['oauth_callback', 'http://printer.example.com/ready'],
  ];

  it('signs the published request with the client secret alone', () => {
    expect(computeSignature('HMAC-SHA1', signatureBaseString('POST', url, protocol), photosConsumer.secret)).toBe('74KNZJeDHnMBp0EMJ9ZHt/XKycU=');
    expect(computeSignature('HMAC-SHA1', signatureBaseString('POST', url, protocol), photosConsumer.secret, 'a token secret')).not.toBe(
      '74KNZJeDHnMBp0EMJ9ZHt/XKycU=',
    );
  });

  it('signRequest without a token sends no oauth_token and signs with an empty token secret', () => {
    const params = signRequest({
      method: 'POST',
      url,
      consumer: photosConsumer,
      signatureMethod: 'HMAC-SHA1',
      extra: [['oauth_callback', 'http://printer.example.com/ready']],
    });
    expect(params.map(([k]) => k)).toEqual([
      'oauth_consumer_key',
      'oauth_signature_method',
      'oauth_timestamp',
      'oauth_nonce',
      'oauth_version',
      'oauth_callback',
      'oauth_signature',
    ]);
    expect(params.at(-1)?.[1]).toBe(computeSignature('HMAC-SHA1', signatureBaseString('POST', url, params), photosConsumer.secret));
    expect(signingKey(photosConsumer.secret)).toBe('kd94hf93k423kf44&');
    expect(signingKey('c s!', "t*s'")).toBe('c%20s%21&t%2As%27');
  });
});

describe('fresh timestamp and nonce for every request', () => {
  it('stamps the current time in seconds and a new 128-bit nonce', () => {
    const before = Math.floor(Date.now() / 1000);
    const first = new Map(signRequest({ method: 'GET', url: 'https://api.clever-cloud.com/v2/self', consumer: photosConsumer, token: photosToken, signatureMethod: 'HMAC-SHA512' }));
    const second = new Map(signRequest({ method: 'GET', url: 'https://api.clever-cloud.com/v2/self', consumer: photosConsumer, token: photosToken, signatureMethod: 'HMAC-SHA512' }));
    const after = Math.floor(Date.now() / 1000);
    // Clever Cloud refuses a timestamp more than 300 s away from its clock, and a nonce seen before.
    const stamped = Number(first.get('oauth_timestamp'));
    expect(stamped).toBeGreaterThanOrEqual(before);
    expect(stamped).toBeLessThanOrEqual(after);
    expect(first.get('oauth_nonce')).toMatch(/^[0-9a-f]{32}$/);
    expect(second.get('oauth_nonce')).toMatch(/^[0-9a-f]{32}$/);
    expect(second.get('oauth_nonce')).not.toBe(first.get('oauth_nonce'));
    expect(second.get('oauth_signature')).not.toBe(first.get('oauth_signature'));
  });
});

describe('parameter normalisation whatever the order they arrive in', () => {
  it('sorts repeated names by value, in byte order, for any input order', () => {
    // 30 values under one name, in several orders, between two other names.
    const values = Array.from({ length: 30 }, (_, i) => String(i).padStart(2, '0'));
    const expected = ['a=x', ...values.map((v) => `k=${v}`), 'z=0'].join('&');
    const shuffled = (seed: number) => [...values].sort((x, y) => ((Number(x) * seed) % 31) - ((Number(y) * seed) % 31));
    for (const order of [values, [...values].reverse(), shuffled(7), shuffled(13), shuffled(29)]) {
      const params: Param[] = [['z', '0'], ...order.map((v): Param => ['k', v]), ['a', 'x']];
      expect(normalizeParameters(params)).toBe(expected);
      expect(normalizeParameters([...params].reverse())).toBe(expected);
    }
    // Byte order, not numeric or locale order: upper case before lower case, `1` before `10` before `2`.
    expect(normalizeParameters([['b', '2'], ['b', '10'], ['b', '1'], ['B', 'x'], ['a', 'y']])).toBe('B=x&a=y&b=1&b=10&b=2');
  });

  it('reads a form body as it is: a leading "?" belongs to the first name, an empty body has no parameters', () => {
    expect(parseFormEncoded('')).toEqual([]);
    expect(parseFormEncoded('?a=1&b')).toEqual([
      ['?a', '1'],
      ['b', ''],
    ]);
    // So a body `?a=1` and a body `a=1` are different requests, signed differently.
    const sign = (body: string) =>
      signRequest({ method: 'POST', url: 'https://h/p', form: parseFormEncoded(body), consumer: photosConsumer, signatureMethod: 'HMAC-SHA1', timestamp: '1', nonce: 'n' }).at(-1);
    expect(sign('?a=1')).not.toEqual(sign('a=1'));
  });
});
