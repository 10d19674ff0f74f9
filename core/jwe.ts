// The server's only look at a payload: is it a JWE compact serialization of exactly {"alg":"dir","enc":"A256GCM"}
// (or, for the fill of a secret request, an ECDH-ES+A256KW one to an X25519 key)?
// It never decrypts; it makes sure plaintext cannot be stored by mistake. Clients check the same header
// before they decrypt (core/envelope.ts).
import { base64urlByteLength, decodeBase64url } from './base64url.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Returns why `text` is not an accepted JWE, or undefined when it is one. */
export function jweProblem(text: string): string | undefined {
  return compactProblem(text, protectedHeaderProblem, (encryptedKey) =>
    encryptedKey === '' ? undefined : 'must have an empty encrypted key (alg "dir")',
  );
}

/**
 * Why `text` is not a compact JWE whose header `headerProblem` accepts and whose encrypted key
 * `keyProblem` accepts, with a 12-byte IV, a non-empty ciphertext and a 16-byte tag.
 */
function compactProblem(
  text: string,
  headerProblem: (header: string) => string | undefined,
  keyProblem: (encryptedKey: string) => string | undefined,
): string | undefined {
  const parts = text.split('.');
  if (parts.length !== 5) return 'must be a JWE in compact serialization (five base64url parts)';
  const [header, encryptedKey, iv, ciphertext, tag] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  const problem = headerProblem(header) ?? keyProblem(encryptedKey);
  if (problem) return problem;
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

/** What a request's fill carries: AES Key Wrap of a 256-bit key is 40 bytes. */
const WRAPPED_KEY_BYTES = 40;
const KEY_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * Returns why `text` is not a fill of a secret request (docs/design.md §2), or undefined when it is
 * one: a JWE encrypted to an X25519 key, protected header exactly `alg` "ECDH-ES+A256KW", `enc`
 * "A256GCM", `kid` (the request key's RFC 7638 thumbprint) and `epk` (exactly `kty` "OKP", `crv`
 * "X25519" and a 32-byte `x`), a 40-byte wrapped key, a 12-byte IV, a non-empty ciphertext and a
 * 16-byte tag. Whether `kid` names the request's own key is for the caller, who knows that key.
 */
export function requestJweProblem(text: string): string | undefined {
  return compactProblem(text, requestHeaderProblem, (encryptedKey) =>
    base64urlByteLength(encryptedKey) === WRAPPED_KEY_BYTES
      ? undefined
      : 'must have a 40-byte wrapped key (alg "ECDH-ES+A256KW")',
  );
}

/** The `kid` of a request fill's protected header, or undefined when it has none that fits. */
export function requestJweKeyId(text: string): string | undefined {
  const header = parseHeader(text.split('.', 1)[0] ?? '');
  const kid = isObject(header) ? header.kid : undefined;
  return typeof kid === 'string' && KEY_ID.test(kid) ? kid : undefined;
}

/**
 * Returns why a JWE's first part is not exactly a request fill's protected header, or undefined when
 * it is one. The requester's client checks it before it decrypts, as the server checks it at fill.
 */
export function requestHeaderProblem(header: string): string | undefined {
  const parsed = parseHeader(header);
  if (parsed === undefined) return 'has a protected header that is not base64url of JSON';
  const exact =
    isObject(parsed) &&
    hasExactly(parsed, ['alg', 'enc', 'epk', 'kid']) &&
    parsed.alg === 'ECDH-ES+A256KW' &&
    parsed.enc === 'A256GCM' &&
    typeof parsed.kid === 'string' &&
    KEY_ID.test(parsed.kid) &&
    isObject(parsed.epk) &&
    hasExactly(parsed.epk, ['crv', 'kty', 'x']) &&
    parsed.epk.kty === 'OKP' &&
    parsed.epk.crv === 'X25519' &&
    typeof parsed.epk.x === 'string' &&
    base64urlByteLength(parsed.epk.x) === 32;
  return exact
    ? undefined
    : 'must have exactly the protected header {"alg":"ECDH-ES+A256KW","enc":"A256GCM","kid","epk"} with an X25519 epk';
}

function parseHeader(header: string): unknown {
  const bytes = decodeBase64url(header);
  if (!bytes || bytes.length === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function hasExactly(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(value).sort();
  return own.length === keys.length && own.every((key, i) => key === keys[i]);
}
