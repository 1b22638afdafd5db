import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The complaint desk's secrets, all from one configured key (COMPLAINT_KEY) by HKDF, none in the database:
 * the tracking code shown once, the identity ciphertext, and the signed proof-of-work challenge.
 */

function subkey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'dudao-complaints', purpose, 32));
}

// ---------- tracking codes ----------

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is not mistaken. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARS = 20;

/** A new tracking code: 100 random bits as five groups of four (XXXX-XXXX-XXXX-XXXX-XXXX). */
export function newTrackingCode(): string {
  const bytes = randomBytes(CODE_CHARS);
  const chars = [...bytes].map((b) => CROCKFORD[b & 31]);
  return Array.from({ length: CODE_CHARS / 4 }, (_, i) => chars.slice(i * 4, i * 4 + 4).join('')).join('-');
}

/** A code as typed: case, spaces and dashes ignored; I and L read as 1, O as 0. Null when it cannot be a code. */
export function normalizedCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return code.length === CODE_CHARS && [...code].every((c) => CROCKFORD.includes(c)) ? code : null;
}

/** What is stored of a code: a 100-bit random value needs no salt or slow hash to resist guessing. */
export function codeHash(typed: string): string | null {
  const code = normalizedCode(typed);
  return code === null ? null : createHash('sha256').update(code).digest('hex');
}

// ---------- identity at rest ----------

/** AES-256-GCM with a fresh 96-bit IV: `v1.<iv>.<tag>.<ciphertext>`, base64url. */
export function encryptIdentity(secret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', subkey(secret, 'identity'), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decryptIdentity(secret: string, stored: string): string {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== 'v1') throw new Error('unknown identity cipher version');
  const decipher = createDecipheriv('aes-256-gcm', subkey(secret, 'identity'), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** 张三 → 张*, 欧阳小明 → 欧***: the family name is enough to tell two complaints apart in a list. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

// ---------- proof of work ----------

export interface Challenge {
  /** `<nonce>.<expires ms>.<bits>.<signature>`: everything the server needs to check it later, signed. */
  token: string;
  difficulty: number;
  expiresAt: string;
}

const CHALLENGE_MS = 20 * 60_000;

function sign(secret: string, payload: string): string {
  return createHmac('sha256', subkey(secret, 'challenge')).update(payload).digest('base64url');
}

export function newChallenge(secret: string, bits: number, now: Date): Challenge {
  const expires = now.getTime() + CHALLENGE_MS;
  const payload = `${randomBytes(16).toString('base64url')}.${expires}.${bits}`;
  return { token: `${payload}.${sign(secret, payload)}`, difficulty: bits, expiresAt: new Date(expires).toISOString() };
}

function leadingZeroBits(hash: Buffer): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** SHA-256 of `<token>:<solution>` must start with the challenge's zero bits (what the browser searched for). */
export function proofHolds(token: string, solution: string): boolean {
  return leadingZeroBits(createHash('sha256').update(`${token}:${solution}`).digest()) >= Number(token.split('.')[2]);
}

/** The nonce a valid, unexpired and solved challenge carries, or null. */
export function spentNonce(secret: string, token: string, solution: string, now: Date): string | null {
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [nonce, expires, bits, signature] = parts;
  const expected = Buffer.from(sign(secret, `${nonce}.${expires}.${bits}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (Number(expires) < now.getTime()) return null;
  return proofHolds(token, solution) ? nonce : null;
}
