// The body format's numbers and its key (docs/design.md §2): what a client needs to declare a body's
// size, check a manifest against it, or derive its key, without the stream code of body-stream.ts
// (the page loads that only when a file is shared or saved).

export const BODY_LABEL = 'secretsentry file body v1';
/**
 * The IKM is 16 bytes: the CEK is AES-128 anyway, and 16 is what common RFC 8188 libraries take as
 * a raw key (`http_ece`'s `key`). Passing K itself (32 bytes) by mistake is refused.
 */
export const BODY_KEY_BYTES = 16;
export const SALT_BYTES = 16;
/** salt | rs | idlen, with no key id. */
export const HEADER_BYTES = SALT_BYTES + 4 + 1;
/** The GCM tag and the delimiter: what a record adds to its plaintext. */
export const RECORD_OVERHEAD = 17;
/** RFC 8188 §2: rs must leave room for at least one byte beyond the overhead. */
export const MIN_RECORD_SIZE = RECORD_OVERHEAD + 1;
/**
 * 64 KiB of ciphertext per record: 0.03 % overhead (a 1 GiB file is 16,389 records), few enough
 * WebCrypto calls that their fixed cost fades, and a stream holds well under 1 MiB (IN_FLIGHT).
 */
export const DEFAULT_RECORD_SIZE = 65_536;
/** A decryptor buffers a few records, so the body's own rs must not decide its memory. */
export const MAX_RECORD_SIZE = 1_048_576;
const encoder = new TextEncoder();

/**
 * The body's IKM from the 32-byte content key (K, or with a passphrase the key mixed from K and the
 * passphrase, as for text: docs/design.md §2): HKDF-SHA256 with an empty salt, BODY_LABEL, 16 bytes.
 */
export async function deriveBodyKey(key: Uint8Array): Promise<Uint8Array> {
  if (key.length !== 32) throw new TypeError('the content key must be 32 bytes');
  const hkdfKey = await globalThis.crypto.subtle.importKey(
    'raw',
    key as BufferSource,
    'HKDF',
    false,
    ['deriveBits'],
  );
  const bits = await globalThis.crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(BODY_LABEL) },
    hkdfKey,
    BODY_KEY_BYTES * 8,
  );
  return new Uint8Array(bits);
}

/** Exact size of the body `encryptBody` writes for `plainLength` bytes: what the upload declares. */
export function encryptedBodyLength(
  plainLength: number,
  recordSize: number = DEFAULT_RECORD_SIZE,
): number {
  if (!Number.isSafeInteger(plainLength) || plainLength < 0) {
    throw new RangeError('the plaintext length must be a non-negative integer');
  }
  checkRecordSize(recordSize);
  const records = Math.max(1, Math.ceil(plainLength / (recordSize - RECORD_OVERHEAD)));
  return HEADER_BYTES + plainLength + records * RECORD_OVERHEAD;
}

/**
 * The plaintext length of a body of `bodyLength` bytes written by `encryptBody` (no padding), or
 * undefined when no plaintext gives that length.
 */
export function plainLengthOf(
  bodyLength: number,
  recordSize: number = DEFAULT_RECORD_SIZE,
): number | undefined {
  checkRecordSize(recordSize);
  const data = bodyLength - HEADER_BYTES;
  if (!Number.isSafeInteger(data) || data < RECORD_OVERHEAD) return undefined;
  const records = Math.ceil(data / recordSize);
  const plain = data - records * RECORD_OVERHEAD;
  return plain >= 0 && encryptedBodyLength(plain, recordSize) === bodyLength ? plain : undefined;
}

export function checkRecordSize(recordSize: number): void {
  if (
    !Number.isInteger(recordSize) ||
    recordSize < MIN_RECORD_SIZE ||
    recordSize > MAX_RECORD_SIZE
  ) {
    throw new RangeError(`the record size must be ${MIN_RECORD_SIZE}..${MAX_RECORD_SIZE}`);
  }
}
