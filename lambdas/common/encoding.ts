// Strict base64url (RFC 4648 §5, no padding) and the hashing/comparison helpers built on it.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const B64URL = /^[A-Za-z0-9_-]*$/;

/** Decodes canonical unpadded base64url, or returns undefined for anything else. */
export function decodeBase64url(text: string): Buffer | undefined {
  if (!B64URL.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  // Reject non-canonical encodings (stray bits in the last character) so one value has one spelling.
  return bytes.toString('base64url') === text ? bytes : undefined;
}

export function isBase64urlOfLength(text: string, bytes: number): boolean {
  return decodeBase64url(text)?.length === bytes;
}

/** SHA-256 of the bytes a base64url value encodes, as base64url: how tokens and verifiers are stored. */
export function hashToken(tokenBytes: Buffer): string {
  return createHash('sha256').update(tokenBytes).digest('base64url');
}

/** The stored hash of a presented 32-byte token, or undefined when it is no such token. */
export function tokenHashOf(presented: string): string | undefined {
  const bytes = decodeBase64url(presented);
  return bytes?.length === 32 ? hashToken(bytes) : undefined;
}

export function randomBase64url(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Compared against when an id is unknown, so that case does the same work as a wrong token. No
 * token hashes to it: it is the hash of nothing anyone can present (32 random bytes, discarded).
 */
export const UNKNOWN_ID_HASH = createHash('sha256').update(randomBytes(32)).digest('base64url');

/**
 * True when `presented` is base64url of 32 bytes whose SHA-256 equals the stored hash.
 * Compared in constant time; a malformed token is simply "no match".
 */
export function matchesHash(presented: string | undefined, storedHash: string): boolean {
  const bytes = presented === undefined ? undefined : decodeBase64url(presented);
  if (bytes?.length !== 32) return false;
  const expected = Buffer.from(storedHash, 'base64url');
  const actual = createHash('sha256').update(bytes).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
