import { hash, verify, type Algorithm } from '@node-rs/argon2';
import type { MessageKey } from '../i18n';

// Argon2id (2 in the library's enum, which isolatedModules cannot read); OWASP's baseline (19 MiB, 2 passes): about 30 ms on one core here.
const options = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash of nothing anyone can type, verified against when the username is unknown so timing tells nothing. */
let decoyHash: Promise<string> | null = null;
export function decoy(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}`);
  return decoyHash;
}

/**
 * The password rule (等保 2.0 identity authentication): length, three of four character classes,
 * and not containing the username. Returns the message key of the first rule broken.
 */
export function checkPasswordRule(password: string, username: string, minLength: number): { key: MessageKey; params?: Record<string, number> } | null {
  if (password.length < minLength) return { key: 'PASSWORD_TOO_SHORT', params: { min: minLength } };
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return { key: 'PASSWORD_CLASSES' };
  if (username && password.toLowerCase().includes(username.toLowerCase())) return { key: 'PASSWORD_HAS_USERNAME' };
  return null;
}
