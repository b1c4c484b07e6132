import { createHash, randomBytes } from 'node:crypto';
import { SecretKey } from '../secrets/secret-key.js';
import { SecretDecryptionError } from '../secrets/secret-decryption-error.js';
import { ConnectError } from './connect-error.js';

/** Who started a Connect, carried through the helpdesk's consent page in the OAuth `state`. */
export interface ConnectState {
  /** The account host the signed token named (`acme.zendesk.com`). */
  readonly issuer: string;
  /** The user who clicked Connect, as Zendesk signed it. */
  readonly userId: string;
  /** The installation the token was signed for: the tenant's `aud` from now on. */
  readonly audience: string;
  /** The PKCE verifier: only the connector knows it, so only it can use the code. */
  readonly verifier: string;
  readonly expiresAt: number;
}

/** An admin has this long between clicking Connect and allowing access at Zendesk. */
export const CONNECT_STATE_TTL_MS = 10 * 60_000;

const CONTEXT = 'zendesk connect state';

/** `code_challenge` for a verifier: base64url(SHA-256(verifier)) (RFC 7636 S256). */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/**
 * Seals the state with AES-256-GCM, so the browser carries it without reading (the verifier) or
 * changing it (the user, the account), and no server keeps a pending Connect: any API replica
 * can take the redirect back.
 */
export class ConnectStates {
  readonly #key: SecretKey;

  constructor(keyBytes: Buffer) {
    this.#key = SecretKey.fromBytes(keyBytes);
  }

  create(who: Pick<ConnectState, 'issuer' | 'userId' | 'audience'>, now: number): { state: string; challenge: string } {
    const verifier = randomBytes(32).toString('base64url');
    const sealed: ConnectState = { ...who, verifier, expiresAt: now + CONNECT_STATE_TTL_MS };
    return {
      state: Buffer.from(this.#key.encrypt(JSON.stringify(sealed), CONTEXT)).toString('base64url'),
      challenge: codeChallenge(verifier),
    };
  }

  /** The state the connector sealed; throws ConnectError for anything else or after its time. */
  open(state: string, now: number): ConnectState {
    let opened: ConnectState;
    try {
      opened = JSON.parse(this.#key.decrypt(Buffer.from(state, 'base64url').toString('utf8'), CONTEXT)) as ConnectState;
    } catch (error) {
      if (error instanceof SecretDecryptionError || error instanceof SyntaxError) {
        throw new ConnectError(
          'this sign-in link was not started by this Frontline connector: click Connect in the Frontline app again',
          'refused',
        );
      }
      throw error;
    }
    if (!(opened.expiresAt > now)) {
      throw new ConnectError('more than 10 minutes passed since Connect was clicked: click Connect again', 'refused');
    }
    return opened;
  }
}
