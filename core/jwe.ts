// The server's only look at a payload: is it a JWE compact serialization of exactly {"alg":"dir","enc":"A256GCM"}?
// It never decrypts; it makes sure plaintext cannot be stored by mistake. Clients check the same header
// before they decrypt (core/envelope.ts).
import { base64urlByteLength, decodeBase64url } from './base64url.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Returns why `text` is not an accepted JWE, or undefined when it is one. */
export function jweProblem(text: string): string | undefined {
  const parts = text.split('.');
  if (parts.length !== 5) return 'must be a JWE in compact serialization (five base64url parts)';
  const [header, encryptedKey, iv, ciphertext, tag] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  const headerProblem = protectedHeaderProblem(header);
  if (headerProblem) return headerProblem;
  if (encryptedKey !== '') return 'must have an empty encrypted key (alg "dir")';
  if (base64urlByteLength(iv) !== IV_BYTES) return 'must have a 96-bit initialization vector';
  const bodyBytes = base64urlByteLength(ciphertext);
  if (bodyBytes === undefined) return 'has a ciphertext part that is not base64url';
  if (bodyBytes === 0) return 'must not be empty';
  if (base64urlByteLength(tag) !== TAG_BYTES) return 'must have a 128-bit authentication tag';
  return undefined;
}

/**
 * Returns why a JWE's first part is not exactly {"alg":"dir","enc":"A256GCM"} (in any member order,
 * nothing else: no `zip`, `kid`, `crit`…), or undefined when it is. Clients check it before decrypting.
 */
export function protectedHeaderProblem(header: string): string | undefined {
  const headerBytes = decodeBase64url(header);
  if (!headerBytes || headerBytes.length === 0)
    return 'has a protected header that is not base64url';
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(headerBytes));
  } catch {
    return 'has a protected header that is not JSON';
  }
  if (!isExactProfile(parsed))
    return 'must have exactly the protected header {"alg":"dir","enc":"A256GCM"}';
  return undefined;
}

function isExactProfile(header: unknown): boolean {
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return false;
  const keys = Object.keys(header).sort();
  const h = header as Record<string, unknown>;
  return (
    keys.length === 2 &&
    keys[0] === 'alg' &&
    keys[1] === 'enc' &&
    h.alg === 'dir' &&
    h.enc === 'A256GCM'
  );
}
