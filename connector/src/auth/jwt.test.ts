import { createHmac, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuthError, type AuthFailure } from './auth-error.js';
import { MAX_JWT_LENGTH, signJwt, verifyJwt, type HmacKey, type VerifyingKey } from './jwt.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const privatePem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const hmacKey: HmacKey = { alg: 'HS256', secret: randomBytes(32) };
const rsaVerifying: VerifyingKey = { alg: 'RS256', publicKey: rsa.publicKey };
const claims = { sub: 'agent-7', exp: 1, nested: { ok: true } };

const b64 = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A token with any header and payload text, HMAC-signed with `secret` unless a signature is given. */
function craft(header: unknown, payload: unknown, secret: Buffer | string = hmacKey.secret): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** The reason verifying `token` fails, checking that the message gives away neither token nor key. */
function failure(token: string, key: VerifyingKey = hmacKey): AuthFailure {
  try {
    verifyJwt(token, key);
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    for (const part of [token, ...token.split('.')]) if (part.length > 8) expect(error.message).not.toContain(part);
    expect(error.message).not.toContain(hmacKey.secret.toString('base64'));
    expect(error.message).not.toContain(hmacKey.secret.toString('hex'));
    expect(error.message).not.toContain(publicPem.split('\n')[1]);
    return error.reason;
  }
  throw new Error('expected an AuthError');
}

describe('signJwt and verifyJwt', () => {
  it('round-trips HS256 claims, without checking times', () => {
    const token = signJwt(claims, hmacKey);
    expect(token.split('.')).toHaveLength(3);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(verifyJwt(token, { alg: 'HS256', secret: Buffer.from(hmacKey.secret) })).toEqual(claims);
  });

  it('round-trips RS256 claims with KeyObjects or PEM text', () => {
    expect(verifyJwt(signJwt(claims, { alg: 'RS256', privateKey: rsa.privateKey }), rsaVerifying)).toEqual(claims);
    expect(
      verifyJwt(signJwt(claims, { alg: 'RS256', privateKey: privatePem }), { alg: 'RS256', publicKey: publicPem }),
    ).toEqual(claims);
  });

  it('matches an independent HS256 implementation', () => {
    const token = craft({ alg: 'HS256', typ: 'JWT' }, { sub: 'x' });
    expect(verifyJwt(token, hmacKey)).toEqual({ sub: 'x' });
    expect(verifyJwt(craft({ alg: 'HS256', typ: 'jwt' }, { sub: 'x' }), hmacKey)).toEqual({ sub: 'x' });
    expect(verifyJwt(craft({ alg: 'HS256' }, { sub: 'x' }), hmacKey)).toEqual({ sub: 'x' });
  });

  it('refuses an altered payload or signature', () => {
    const [header, , signature] = signJwt(claims, hmacKey).split('.');
    expect(failure(`${header}.${b64({ ...claims, sub: 'admin' })}.${signature}`)).toBe('bad_signature');
    const flipped = Buffer.from(signature!, 'base64url');
    flipped[0]! ^= 1;
    expect(failure(`${header}.${b64(claims)}.${flipped.toString('base64url')}`)).toBe('bad_signature');
    expect(failure(`${header}.${b64(claims)}.${flipped.subarray(1).toString('base64url')}`)).toBe('bad_signature');

    const rsaToken = signJwt(claims, { alg: 'RS256', privateKey: rsa.privateKey }).split('.');
    expect(failure(`${rsaToken[0]}.${b64({ ...claims, sub: 'admin' })}.${rsaToken[2]}`, rsaVerifying)).toBe(
      'bad_signature',
    );
  });

  it('refuses a token signed with another key', () => {
    expect(failure(signJwt(claims, { alg: 'HS256', secret: randomBytes(32) }))).toBe('bad_signature');
    expect(failure(signJwt(claims, { alg: 'RS256', privateKey: otherRsa.privateKey }), rsaVerifying)).toBe(
      'bad_signature',
    );
  });

  it('refuses alg none, with or without a signature', () => {
    const input = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}`;
    expect(failure(`${input}.`)).toBe('unsupported_algorithm');
    expect(failure(`${input}.`, rsaVerifying)).toBe('unsupported_algorithm');
    expect(failure(`${b64({ typ: 'JWT' })}.${b64(claims)}.`)).toBe('unsupported_algorithm');
    expect(failure(`${b64({ alg: 'hs256' })}.${b64(claims)}.`)).toBe('unsupported_algorithm');
  });

  it('refuses an HS256 token signed with the RSA public key as its secret (key confusion)', () => {
    const forged = craft({ alg: 'HS256', typ: 'JWT' }, { ...claims, sub: 'admin' }, publicPem);
    // The forgery is a good HS256 token for anyone who lets the header pick the algorithm...
    expect(verifyJwt(forged, { alg: 'HS256', secret: Buffer.from(publicPem) })).toMatchObject({ sub: 'admin' });
    // ...but an RS256 key only ever verifies RS256.
    expect(failure(forged, rsaVerifying)).toBe('unsupported_algorithm');
    expect(failure(forged, { alg: 'RS256', publicKey: publicPem })).toBe('unsupported_algorithm');
  });

  it('refuses an RS256 token presented to an HS256 key', () => {
    expect(failure(signJwt(claims, { alg: 'RS256', privateKey: rsa.privateKey }))).toBe('unsupported_algorithm');
  });

  it('refuses a typ other than JWT and any crit header', () => {
    expect(failure(craft({ alg: 'HS256', typ: 'at+jwt' }, claims))).toBe('malformed');
    expect(failure(craft({ alg: 'HS256', typ: 7 }, claims))).toBe('malformed');
    expect(failure(craft({ alg: 'HS256', crit: ['exp'], exp: 1 }, claims))).toBe('malformed');
  });

  it('refuses tokens over 8 KB before parsing them', () => {
    const big = craft({ alg: 'HS256' }, { pad: 'x'.repeat(MAX_JWT_LENGTH) });
    expect(big.length).toBeGreaterThan(MAX_JWT_LENGTH);
    expect(failure(big)).toBe('malformed');
    expect(() => signJwt({ pad: 'x'.repeat(MAX_JWT_LENGTH) }, hmacKey)).toThrow(RangeError);
  });

  it('refuses garbage', () => {
    const good = signJwt(claims, hmacKey);
    const [header, payload, signature] = good.split('.') as [string, string, string];
    const garbage = [
      '',
      'garbage',
      `${header}.${payload}`,
      `${good}.${signature}`,
      `${header}=.${payload}.${signature}`,
      `${header}.${payload}.${signature}=`,
      `${header}.${payload}.${signature.replace(/[-_]/g, '+')}+`,
      `${b64('{"alg":"HS256"')}.${payload}.${signature}`,
      `${b64(['HS256'])}.${payload}.${signature}`,
      `${b64('null')}.${payload}.${signature}`,
      `${Buffer.from([0xff, 0xfe]).toString('base64url')}.${payload}.${signature}`,
    ];
    for (const token of garbage) expect([token, failure(token)]).toEqual([token, 'malformed']);
  });

  it('refuses a well-signed payload that is not a JSON object', () => {
    for (const payload of ['not json', '[1,2]', '"sub"', 'null', '42']) {
      expect(failure(craft({ alg: 'HS256' }, payload))).toBe('malformed');
    }
  });

  it('checks the signature before parsing the payload', () => {
    expect(failure(`${b64({ alg: 'HS256' })}.${b64('not json')}.${b64('x'.repeat(32))}`)).toBe('bad_signature');
  });

  it('refuses keys too weak or of the wrong type as configuration errors, not token failures', () => {
    const token = signJwt(claims, hmacKey);
    expect(() => verifyJwt(token, { alg: 'HS256', secret: Buffer.alloc(16) })).toThrow(RangeError);
    expect(() => signJwt(claims, { alg: 'HS256', secret: Buffer.alloc(0) })).toThrow(RangeError);

    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => signJwt(claims, { alg: 'RS256', privateKey: ec.privateKey })).toThrow(TypeError);
    const ecSigned = `${b64({ alg: 'RS256' })}.${b64(claims)}`;
    const ecToken = `${ecSigned}.${sign('sha256', Buffer.from(ecSigned), ec.privateKey).toString('base64url')}`;
    expect(() => verifyJwt(ecToken, { alg: 'RS256', publicKey: ec.publicKey })).toThrow(TypeError);

    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => signJwt(claims, { alg: 'RS256', privateKey: small.privateKey })).toThrow(TypeError);
    expect(() =>
      verifyJwt(token.replace(/^[^.]+/, b64({ alg: 'RS256' })), { alg: 'RS256', publicKey: small.publicKey }),
    ).toThrow(TypeError);
  });

  it('verifies with a public key derived from a private KeyObject', () => {
    const token = signJwt(claims, { alg: 'RS256', privateKey: rsa.privateKey });
    expect(verifyJwt(token, { alg: 'RS256', publicKey: rsa.privateKey })).toEqual(claims);
  });
});
