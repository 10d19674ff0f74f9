// The envelope (docs/design.md §2): the only code that touches keys, written once for page and CLI.
// JWE compact, {"alg":"dir","enc":"A256GCM"} via jose; HKDF and PBKDF2 via WebCrypto.
import { CompactEncrypt, calculateJwkThumbprint, compactDecrypt, errors } from 'jose';
import { base64urlByteLength, fromBase64url, toBase64url } from './base64url.ts';
import { protectedHeaderProblem, requestHeaderProblem } from './jwe.ts';
import { LIMITS } from './limits.ts';

export const PROTECTED_HEADER = { alg: 'dir', enc: 'A256GCM' } as const;
export const DEFAULT_ITERATIONS = 600_000;
export const LABELS = {
  readToken: 'secretsentry read token v1',
  contentKey: 'secretsentry content key v1',
  verifier: 'secretsentry passphrase verifier v1',
  fillToken: 'secretsentry fill token v1',
  recipientReadToken: 'secretsentry recipient read token v1',
} as const;
/** How a request's fill is encrypted to the requester's X25519 key (docs/design.md §2). */
export const REQUEST_HEADER = { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' } as const;

const encoder = new TextEncoder();
const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

/** HKDF-SHA256 with an empty salt and a 32-byte output. */
export async function hkdf(ikm: Uint8Array, info: string): Promise<Uint8Array> {
  const key = await subtle().importKey('raw', ikm as BufferSource, 'HKDF', false, ['deriveBits']);
  const bits = await subtle().deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(info) },
    key,
    256,
  );
  return new Uint8Array(bits);
}

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', bytes as BufferSource));
}

/** PBKDF2-HMAC-SHA256 of the NFC-normalised UTF-8 passphrase, 32 bytes. */
export async function stretchPassphrase(
  passphrase: string,
  salt: Uint8Array,
  iterations: number,
): Promise<Uint8Array> {
  const key = await subtle().importKey(
    'raw',
    encoder.encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await subtle().deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

export function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export interface ReadCredential {
  /** Presented to meta and read as `Authorization: Bearer`. */
  readonly readToken: string;
  /** Sent once, at create. */
  readonly readTokenHash: string;
}

export async function deriveReadToken(key: Uint8Array): Promise<ReadCredential> {
  const token = await hkdf(key, LABELS.readToken);
  return { readToken: toBase64url(token), readTokenHash: toBase64url(await sha256(token)) };
}

/**
 * One recipient's read token, when a secret has several: from K and the link's own 32 random bytes
 * `t`, so that K, which every recipient holds, derives none of them (docs/design.md §2).
 */
export async function deriveRecipientReadToken(
  key: Uint8Array,
  recipientToken: Uint8Array,
): Promise<ReadCredential> {
  const token = await hkdf(concat(key, recipientToken), LABELS.recipientReadToken);
  return { readToken: toBase64url(token), readTokenHash: toBase64url(await sha256(token)) };
}

/** A read link's fragment: `K`, or `K.t` for one of several recipients. */
export interface LinkSecret {
  readonly key: Uint8Array;
  readonly recipientToken?: Uint8Array;
}

/** Parses a read link's fragment, `K` or `K.t`, each checked to be 32 bytes. */
export function parseLinkSecret(fragment: string): LinkSecret {
  const [key = '', recipientToken, ...rest] = fragment.replace(/^#/, '').split('.');
  if (rest.length > 0) throw new TypeError('the link key has too many parts');
  if (recipientToken === undefined) return { key: parseKey(key) };
  const token = fromBase64url(recipientToken);
  if (token.length !== 32) throw new TypeError('the link key must be 32 bytes');
  return { key: parseKey(key), recipientToken: token };
}

/** The read token a link's fragment gives: of K alone, or of K and the recipient's own bytes. */
export function linkReadToken(secret: LinkSecret): Promise<ReadCredential> {
  return secret.recipientToken
    ? deriveRecipientReadToken(secret.key, secret.recipientToken)
    : deriveReadToken(secret.key);
}

/** A new recipient's link secret: its own `t`, and the read token (and hash) K and `t` give. */
export interface RecipientKeys extends ReadCredential {
  /** `t`: goes into this recipient's link only, after K. */
  readonly recipientToken: string;
}

export async function newRecipientKeys(key: Uint8Array): Promise<RecipientKeys> {
  const token = randomBytes(32);
  return { recipientToken: toBase64url(token), ...(await deriveRecipientReadToken(key, token)) };
}

/**
 * Recipients' labels are for the sender only: each is a JWE (the secret's profile) under a label key
 * of 32 random bytes that travels in the manage link's fragment, never to the server.
 */
export function sealLabel(label: string, labelKey: Uint8Array): Promise<string> {
  if ([...label.normalize('NFC')].length > LIMITS.labelChars)
    throw new RangeError(`a recipient label must be at most ${LIMITS.labelChars} characters`);
  return encryptJwe(encoder.encode(label.normalize('NFC')), labelKey);
}

export async function openLabel(jwe: string, labelKey: Uint8Array): Promise<string> {
  return new TextDecoder('utf-8', { fatal: true }).decode(await decryptJwe(jwe, labelKey));
}

/** A manage link's fragment: the manage token, and the label key after a `.` when labels were given. */
export function parseManageSecret(fragment: string): {
  manageToken: string;
  labelKey?: Uint8Array;
} {
  const [manageToken = '', labelKey, ...rest] = fragment.replace(/^#/, '').split('.');
  if (rest.length > 0) throw new TypeError('the manage link has too many parts');
  if (labelKey === undefined) return { manageToken };
  const key = fromBase64url(labelKey);
  if (key.length !== 32) throw new TypeError('the label key must be 32 bytes');
  return { manageToken, labelKey: key };
}

export interface PassphraseKeys {
  readonly contentKey: Uint8Array;
  readonly verifier: string;
  readonly verifierHash: string;
}

/** With a passphrase, the JWE key and the verifier both come from K || P, so the link alone decrypts nothing. */
export async function derivePassphraseKeys(
  key: Uint8Array,
  passphrase: string,
  salt: Uint8Array,
  iterations: number,
): Promise<PassphraseKeys> {
  const stretched = await stretchPassphrase(passphrase, salt, iterations);
  const ikm = concat(key, stretched);
  const contentKey = await hkdf(ikm, LABELS.contentKey);
  const verifierBytes = await hkdf(ikm, LABELS.verifier);
  return {
    contentKey,
    verifier: toBase64url(verifierBytes),
    verifierHash: toBase64url(await sha256(verifierBytes)),
  };
}

/** The salt and iteration count `meta` returns for a protected secret. */
export interface KdfParams {
  readonly salt: string;
  readonly iterations: number;
}

/** `meta` gave a salt or an iteration count that `create` would never have accepted. */
export class KdfParamsError extends Error {
  constructor(problem: string) {
    super(`The passphrase parameters the service sent are refused: ${problem}.`);
    this.name = 'KdfParamsError';
  }
}

/**
 * Refuses what no honest server returns: a salt or an iteration count outside the bounds `create`
 * accepts (LIMITS, design.md §2). A hostile API could otherwise make the recipient's client spin
 * on billions of iterations, or stretch the passphrase next to not at all.
 */
export function checkKdfParams(params: KdfParams): void {
  const saltBytes = base64urlByteLength(params.salt);
  const { min, max } = LIMITS.saltBytes;
  if (saltBytes === undefined || saltBytes < min || saltBytes > max) {
    throw new KdfParamsError(`the salt must be ${min} to ${max} bytes of base64url`);
  }
  const { iterations } = params;
  if (
    !Number.isSafeInteger(iterations) ||
    iterations < LIMITS.minIterations ||
    iterations > LIMITS.maxIterations
  ) {
    throw new KdfParamsError(
      `the iteration count must be a whole number from ${LIMITS.minIterations} to ${LIMITS.maxIterations}`,
    );
  }
}

/**
 * What a recipient needs to read: nothing extra for a plain secret; for a protected one the
 * verifier to present and the content key to decrypt, from the salt and iterations `meta` gave
 * (refused, before any work, when outside the bounds: `checkKdfParams`).
 */
export async function unlock(
  key: Uint8Array,
  params: KdfParams | null,
  passphrase: string,
): Promise<{ contentKey?: Uint8Array; verifier?: string }> {
  if (!params) return {};
  checkKdfParams(params);
  const derived = await derivePassphraseKeys(
    key,
    passphrase,
    fromBase64url(params.salt),
    params.iterations,
  );
  return { contentKey: derived.contentKey, verifier: derived.verifier };
}

export async function encryptJwe(plaintext: Uint8Array, contentKey: Uint8Array): Promise<string> {
  return new CompactEncrypt(plaintext).setProtectedHeader(PROTECTED_HEADER).encrypt(contentKey);
}

/**
 * Opens only the header the server accepts (`protectedHeaderProblem`, as `jweProblem` checks it):
 * exactly {"alg":"dir","enc":"A256GCM"}, so no `zip` (jose would inflate one), `crit`, `kid` or any
 * other member a sender or the server might slip in.
 */
export async function decryptJwe(jwe: string, contentKey: Uint8Array): Promise<Uint8Array> {
  const problem = protectedHeaderProblem(jwe.split('.', 1)[0] ?? '');
  if (problem) throw new errors.JWEInvalid(`The ciphertext ${problem}.`);
  const { plaintext } = await compactDecrypt(jwe, contentKey, {
    keyManagementAlgorithms: ['dir'],
    contentEncryptionAlgorithms: ['A256GCM'],
    // Refused above already; this keeps jose itself from ever inflating anything.
    maxDecompressedLength: 0,
  });
  return plaintext;
}

export interface SealedSecret {
  /** K: goes only into the link's fragment. */
  readonly key: string;
  readonly ciphertext: string;
  readonly readToken: string;
  readonly readTokenHash: string;
  readonly passphrase?: { salt: string; iterations: number; verifierHash: string };
}

/** A new secret's keys: K for the link, what `create` stores, and the content key that encrypts. */
export interface SecretKeys {
  /** K: goes only into the link's fragment. */
  readonly key: string;
  /** The JWE key and the source of a file's body key: K, or with a passphrase K mixed with it. */
  readonly contentKey: Uint8Array;
  readonly readToken: string;
  readonly readTokenHash: string;
  readonly passphrase?: { salt: string; iterations: number; verifierHash: string };
}

/** Draws K and derives everything a new secret needs from it (and the passphrase, if any). */
export async function newSecretKeys(
  options: { passphrase?: string; iterations?: number } = {},
): Promise<SecretKeys> {
  const key = randomBytes(32);
  const read = await deriveReadToken(key);
  if (options.passphrase === undefined || options.passphrase === '') {
    return { key: toBase64url(key), contentKey: key, ...read };
  }
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  const salt = randomBytes(16);
  const derived = await derivePassphraseKeys(key, options.passphrase, salt, iterations);
  return {
    key: toBase64url(key),
    contentKey: derived.contentKey,
    ...read,
    passphrase: { salt: toBase64url(salt), iterations, verifierHash: derived.verifierHash },
  };
}

/** Encrypts a secret for sharing: everything `create` needs, and K for the link. */
export async function seal(
  secret: string | Uint8Array,
  options: { passphrase?: string; iterations?: number } = {},
): Promise<SealedSecret> {
  const plaintext = typeof secret === 'string' ? encoder.encode(secret) : secret;
  const { contentKey, ...keys } = await newSecretKeys(options);
  return { ...keys, ciphertext: await encryptJwe(plaintext, contentKey) };
}

/** The key from a link's fragment, checked to be 32 bytes. */
export function parseKey(fragment: string): Uint8Array {
  const key = fromBase64url(fragment.replace(/^#/, ''));
  if (key.length !== 32) throw new TypeError('the link key must be 32 bytes');
  return key;
}

/** Decrypts with K alone (no passphrase) or with K and the passphrase-derived content key. */
export async function open(
  ciphertext: string,
  key: Uint8Array,
  contentKey?: Uint8Array,
): Promise<Uint8Array> {
  return decryptJwe(ciphertext, contentKey ?? key);
}

// ---- secret requests (docs/design.md §2): the requester's X25519 key pair ----

/** PKCS #8 of an X25519 private key is this prefix and the 32 bytes (RFC 8410). */
const X25519_PKCS8_PREFIX = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
]);

/** The request key's id: the RFC 7638 thumbprint of its public JWK, so no one learns the key from it. */
export function requestKeyId(publicKey: string): Promise<string> {
  return calculateJwkThumbprint({ kty: 'OKP', crv: 'X25519', x: publicKey }, 'sha256');
}

/** The fill token: what the fill link's public key proves at fill, derived from that key. */
export async function deriveFillToken(
  publicKey: Uint8Array,
): Promise<{ fillToken: string; fillTokenHash: string }> {
  const token = await hkdf(publicKey, LABELS.fillToken);
  return { fillToken: toBase64url(token), fillTokenHash: toBase64url(await sha256(token)) };
}

/** A new request's keys: the private key for the retrieve link, the public one for the fill link. */
export interface RequestKeys {
  /** The X25519 private key: the retrieve link's fragment; the read token derives from it, as from K. */
  readonly key: string;
  /** The X25519 public key: the fill link's fragment. */
  readonly publicKey: string;
  readonly readTokenHash: string;
  readonly fillTokenHash: string;
  readonly keyId: string;
}

/** Draws an X25519 key pair and derives everything a request's create needs from it. */
export async function newRequestKeys(): Promise<RequestKeys> {
  const pair = (await subtle().generateKey({ name: 'X25519' }, true, [
    'deriveBits',
  ])) as CryptoKeyPair;
  const jwk = await subtle().exportKey('jwk', pair.privateKey);
  if (typeof jwk.d !== 'string' || typeof jwk.x !== 'string')
    throw new TypeError('this platform exported no X25519 key');
  const { readTokenHash } = await deriveReadToken(fromBase64url(jwk.d));
  const { fillTokenHash } = await deriveFillToken(fromBase64url(jwk.x));
  return {
    key: jwk.d,
    publicKey: jwk.x,
    readTokenHash,
    fillTokenHash,
    keyId: await requestKeyId(jwk.x),
  };
}

/** The private key from a retrieve link's 32 bytes, with its public half (which the platform derives). */
async function requestPrivateKey(key: Uint8Array): Promise<{ key: CryptoKey; publicKey: string }> {
  const pkcs8 = new Uint8Array(X25519_PKCS8_PREFIX.length + key.length);
  pkcs8.set(X25519_PKCS8_PREFIX, 0);
  pkcs8.set(key, X25519_PKCS8_PREFIX.length);
  const imported = await subtle().importKey('pkcs8', pkcs8, { name: 'X25519' }, true, [
    'deriveBits',
  ]);
  const { x } = await subtle().exportKey('jwk', imported);
  if (typeof x !== 'string') throw new TypeError('this platform exported no X25519 public key');
  return { key: imported, publicKey: x };
}

/** The public key from a fill link's fragment, checked to be 32 bytes. */
export function parsePublicKey(fragment: string): Uint8Array {
  const key = fromBase64url(fragment.replace(/^#/, ''));
  if (key.length !== 32) throw new TypeError('the request key must be 32 bytes');
  return key;
}

/**
 * Refuses (TypeError) a fill link's public key no key agreement works with: a low-order point such as
 * 32 zero bytes, for which X25519 gives the all-zero secret that WebCrypto refuses. Checked before the
 * holder types anything, so a mangled link fails at once, not after the secret is entered.
 */
export async function checkRequestKey(publicKey: string): Promise<void> {
  parsePublicKey(publicKey);
  try {
    const recipient = await subtle().importKey(
      'jwk',
      { kty: 'OKP', crv: 'X25519', x: publicKey.replace(/^#/, '') },
      { name: 'X25519' },
      false,
      [],
    );
    const probe = (await subtle().generateKey({ name: 'X25519' }, false, [
      'deriveBits',
    ])) as CryptoKeyPair;
    await subtle().deriveBits({ name: 'X25519', public: recipient }, probe.privateKey, 256);
  } catch {
    throw new TypeError('the request key is not a usable X25519 public key');
  }
}

/**
 * Encrypts a fill to the requester's public key: JWE ECDH-ES+A256KW / A256GCM with the key's
 * thumbprint as `kid`, so any JOSE library with the private key opens it.
 */
export async function sealForRequest(plaintext: Uint8Array, publicKey: string): Promise<string> {
  const recipient = await subtle().importKey(
    'jwk',
    { kty: 'OKP', crv: 'X25519', x: publicKey },
    { name: 'X25519' },
    true,
    [],
  );
  return new CompactEncrypt(plaintext)
    .setProtectedHeader({ ...REQUEST_HEADER, kid: await requestKeyId(publicKey) })
    .encrypt(recipient);
}

/**
 * Opens a request's fill with the retrieve link's private key. Refuses, before decrypting, any other
 * header (`requestHeaderProblem`, as the server checks it) and a `kid` that is not this key's.
 */
export async function openRequestFill(jwe: string, key: Uint8Array): Promise<Uint8Array> {
  const header = jwe.split('.', 1)[0] ?? '';
  const problem = requestHeaderProblem(header);
  if (problem) throw new errors.JWEInvalid(`The ciphertext ${problem}.`);
  const own = await requestPrivateKey(key);
  const { kid } = JSON.parse(new TextDecoder().decode(fromBase64url(header))) as { kid: string };
  if (kid !== (await requestKeyId(own.publicKey)))
    throw new errors.JWEInvalid('The ciphertext is encrypted to another key.');
  const { plaintext } = await compactDecrypt(jwe, own.key, {
    keyManagementAlgorithms: [REQUEST_HEADER.alg],
    contentEncryptionAlgorithms: [REQUEST_HEADER.enc],
    maxDecompressedLength: 0,
  });
  return plaintext;
}
