// The encrypted body of a file or large secret: exactly RFC 8188 `aes128gcm`, so any implementation
// of that RFC opens it with the IKM derived here. WHATWG streams, and WebCrypto unless the caller
// brings its own AES-GCM (the CLI brings node:crypto's, three times faster: RecordCipher).
//
// body   = salt (16) | rs (uint32 BE) | idlen (1, always 0) | records
// record = AES-128-GCM(CEK, nonce_seq, plaintext chunk | delimiter), 0x01 before the last, 0x02 last
// IKM    = HKDF-SHA256(K, salt "", BODY_LABEL, 16); CEK and nonce base come from the IKM and the salt
//          as RFC 8188 §2.2 and §2.3 say. Every non-last record holds rs - 17 plaintext bytes.

import {
  BODY_KEY_BYTES,
  DEFAULT_RECORD_SIZE,
  HEADER_BYTES,
  MAX_RECORD_SIZE,
  MIN_RECORD_SIZE,
  RECORD_OVERHEAD,
  SALT_BYTES,
  checkRecordSize,
} from './body-format.ts';

// The format's numbers and key live in body-format.ts; here too, for whoever works with streams.
export * from './body-format.ts';

/** Records sealed or opened at once: WebCrypto works off the main thread, so a few keep it busy. */
const IN_FLIGHT = 4;

const TAG_BYTES = 16;
const MORE = 0x01;
const LAST = 0x02;
const CEK_INFO = 'Content-Encoding: aes128gcm\0';
const NONCE_INFO = 'Content-Encoding: nonce\0';

const encoder = new TextEncoder();
const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

/** Why a body was refused; a wrong key shows as `authentication`, as GCM cannot tell it apart. */
export type BodyProblem =
  'truncated' | 'trailing-data' | 'authentication' | 'padding' | 'keyid' | 'record-size';

/** The body is not one we can trust: cut short, altered, reordered, extended or not ours. */
export class BodyIntegrityError extends Error {
  readonly reason: BodyProblem;
  constructor(reason: BodyProblem, message: string) {
    super(message);
    this.name = 'BodyIntegrityError';
    this.reason = reason;
  }
}

/**
 * AES-128-GCM over one record, with a 16-byte tag appended: what the streams need of a cipher. It
 * may answer synchronously; it must not keep its input, which the streams reuse once it returns.
 * `seal` may answer the sealed record in pieces, in order. `open` throws (or rejects) when the
 * record does not authenticate.
 */
export interface RecordCipher {
  seal(nonce: Uint8Array, plaintext: Uint8Array): Sealed | Promise<Sealed>;
  open(nonce: Uint8Array, sealed: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/** A sealed record: whole, or its consecutive pieces. */
export type Sealed = Uint8Array | readonly Uint8Array[];

/** A RecordCipher for the content-encryption key `cek` (16 bytes, zeroed once this returns). */
export type RecordCipherFactory = (
  cek: Uint8Array,
  usage: 'encrypt' | 'decrypt',
) => RecordCipher | Promise<RecordCipher>;

export interface BodyStreamOptions {
  /** @default WebCrypto's AES-GCM (webCryptoRecords) */
  readonly cipher?: RecordCipherFactory;
}

export interface EncryptBodyOptions extends BodyStreamOptions {
  /** Ciphertext bytes per record, MIN_RECORD_SIZE to MAX_RECORD_SIZE. @default DEFAULT_RECORD_SIZE */
  readonly recordSize?: number;
  /** 16 bytes; only tests and vectors fix it. @default 16 fresh random bytes */
  readonly salt?: Uint8Array;
}

/** Records through WebCrypto, which copies its input when called (WebCrypto §14.3.1; Node too). */
export const webCryptoRecords: RecordCipherFactory = async (cek, usage) => {
  const key = await subtle().importKey('raw', cek as BufferSource, 'AES-GCM', false, [usage]);
  const params = (iv: Uint8Array) =>
    ({ name: 'AES-GCM', iv: iv as BufferSource, tagLength: TAG_BYTES * 8 }) as const;
  return {
    seal: async (nonce, plaintext) =>
      new Uint8Array(await subtle().encrypt(params(nonce), key, plaintext as BufferSource)),
    open: async (nonce, sealed) =>
      new Uint8Array(await subtle().decrypt(params(nonce), key, sealed as BufferSource)),
  };
};

/**
 * Encrypts a byte stream, arriving in chunks of any size, into an RFC 8188 body. A full record is
 * sealed only once more input shows it is not the last; up to IN_FLIGHT records are being sealed
 * at once, so memory stays a few records whatever the input's length.
 */
export function encryptBody(
  ikm: Uint8Array,
  options: EncryptBodyOptions = {},
): TransformStream<Uint8Array, Uint8Array> {
  checkBodyKey(ikm);
  const recordSize = options.recordSize ?? DEFAULT_RECORD_SIZE;
  checkRecordSize(recordSize);
  const salt = options.salt ?? globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  if (salt.length !== SALT_BYTES) throw new TypeError('the body salt must be 16 bytes');

  const capacity = recordSize - RECORD_OVERHEAD;
  // Plaintext, then room for the delimiter.
  const record = new Uint8Array(capacity + 1);
  let filled = 0;
  let seq = 0;
  let keys: RecordKeys | undefined;
  const sealing = new InFlight<Sealed>();
  const pass = (sealed: Sealed, controller: TransformStreamDefaultController<Uint8Array>) => {
    if (ArrayBuffer.isView(sealed)) controller.enqueue(sealed);
    else for (const piece of sealed) controller.enqueue(piece);
  };

  function seal(delimiter: number): void {
    record[filled] = delimiter;
    const iv = nonceFor(keys!.nonceBase, seq);
    const input = record.subarray(0, filled + 1);
    sealing.add(settle(() => keys!.cipher.seal(iv, input)));
    seq += 1;
    // A RecordCipher does not keep its input: the buffer is free again at once, so a body of any
    // length allocates one record buffer, not one per record.
    filled = 0;
  }

  return new TransformStream<Uint8Array, Uint8Array>({
    async start(controller) {
      keys = await recordKeys(ikm, salt, 'encrypt', options.cipher);
      controller.enqueue(writeHeader(salt, recordSize));
    },
    async transform(chunk, controller) {
      checkChunk(chunk);
      let offset = 0;
      while (offset < chunk.length) {
        if (filled === capacity) {
          seal(MORE);
          while (sealing.size >= IN_FLIGHT) pass(await sealing.next(), controller);
        }
        const take = Math.min(capacity - filled, chunk.length - offset);
        record.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
      }
    },
    async flush(controller) {
      seal(LAST);
      while (sealing.size > 0) pass(await sealing.next(), controller);
    },
  });
}

/**
 * Decrypts an RFC 8188 body arriving in chunks of any size. Each record is authenticated before its
 * plaintext is passed on, but only the end of the stream proves the body whole: a reader must
 * discard what it received when the stream errors.
 */
export function decryptBody(
  ikm: Uint8Array,
  options: BodyStreamOptions = {},
): TransformStream<Uint8Array, Uint8Array> {
  checkBodyKey(ikm);
  const header = new Uint8Array(HEADER_BYTES);
  let headerFilled = 0;
  let recordSize = 0;
  let record = new Uint8Array(0);
  let filled = 0;
  let seq = 0;
  let opened = 0;
  let ended = false;
  let keys: RecordKeys | undefined;
  const opening = new InFlight<Uint8Array>();

  function open(sealed: Uint8Array): void {
    const number = seq;
    const iv = nonceFor(keys!.nonceBase, number);
    opening.add(
      settle(() => keys!.cipher.open(iv, sealed)).catch(() => {
        throw new BodyIntegrityError(
          'authentication',
          `record ${number} of the body failed authentication: wrong key, or altered, reordered or cut short`,
        );
      }),
    );
    seq += 1;
  }

  /** Takes opened records in order until at most `keep` are left: checks, then passes them on. */
  async function drain(
    controller: TransformStreamDefaultController<Uint8Array>,
    keep: number,
  ): Promise<void> {
    while (opening.size > keep) {
      // Before the record's own result: whatever follows the last record is refused as such.
      if (ended) throw trailingData();
      const plain = await opening.next();
      // RFC 8188 §2: the content, one delimiter, then any number of zeros.
      let end = plain.length - 1;
      while (end >= 0 && plain[end] === 0) end -= 1;
      const delimiter = plain[end];
      if (delimiter !== MORE && delimiter !== LAST) {
        throw new BodyIntegrityError(
          'padding',
          `record ${opened} of the body has no valid delimiter`,
        );
      }
      ended = delimiter === LAST;
      opened += 1;
      if (end > 0) controller.enqueue(plain.subarray(0, end));
    }
  }

  function readHeader(): Promise<RecordKeys> {
    if (header[HEADER_BYTES - 1] !== 0) {
      throw new BodyIntegrityError(
        'keyid',
        'the body names a key id; SecretSentry bodies have none (the key comes from the link)',
      );
    }
    recordSize = new DataView(header.buffer).getUint32(SALT_BYTES);
    if (recordSize < MIN_RECORD_SIZE || recordSize > MAX_RECORD_SIZE) {
      throw new BodyIntegrityError(
        'record-size',
        `the body's record size ${recordSize} is outside ${MIN_RECORD_SIZE}..${MAX_RECORD_SIZE}`,
      );
    }
    record = new Uint8Array(recordSize);
    return recordKeys(ikm, header.subarray(0, SALT_BYTES), 'decrypt', options.cipher);
  }

  return new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      checkChunk(chunk);
      let offset = 0;
      if (!keys) {
        const take = Math.min(HEADER_BYTES - headerFilled, chunk.length);
        header.set(chunk.subarray(0, take), headerFilled);
        headerFilled += take;
        offset = take;
        if (headerFilled < HEADER_BYTES) return;
        keys = await readHeader();
      }
      while (offset < chunk.length) {
        let sealed: Uint8Array;
        if (filled === 0 && chunk.length - offset >= recordSize) {
          // A whole record in the chunk: the cipher does not keep its input, so no copy here.
          sealed = chunk.subarray(offset, offset + recordSize);
          offset += recordSize;
        } else {
          const take = Math.min(recordSize - filled, chunk.length - offset);
          record.set(chunk.subarray(offset, offset + take), filled);
          filled += take;
          offset += take;
          if (filled < recordSize) break;
          // Reused for the next record once open() has handed it to the cipher, which keeps none.
          sealed = record;
          filled = 0;
        }
        open(sealed);
        await drain(controller, IN_FLIGHT - 1);
      }
    },
    async flush(controller) {
      if (!keys) throw new BodyIntegrityError('truncated', 'the body ends inside its header');
      await drain(controller, 0);
      if (ended && filled > 0) throw trailingData();
      if (!ended && filled > 0) {
        // Shorter than rs, so it has to be the last record.
        if (filled < RECORD_OVERHEAD) {
          throw new BodyIntegrityError('truncated', `record ${seq} of the body is cut short`);
        }
        open(record.subarray(0, filled));
        await drain(controller, 0);
      }
      if (!ended) throw new BodyIntegrityError('truncated', 'the body ends before its last record');
    },
  });
}

/** `encryptBody` over bytes already in memory (small inputs, tests). */
export async function encryptBodyBytes(
  ikm: Uint8Array,
  plaintext: Uint8Array,
  options: EncryptBodyOptions = {},
): Promise<Uint8Array> {
  return collect(streamOf(plaintext).pipeThrough(encryptBody(ikm, options)));
}

/** `decryptBody` over bytes already in memory; rejects with BodyIntegrityError. */
export async function decryptBodyBytes(
  ikm: Uint8Array,
  body: Uint8Array,
  options: BodyStreamOptions = {},
): Promise<Uint8Array> {
  return collect(streamOf(body).pipeThrough(decryptBody(ikm, options)));
}

/** Records being sealed or opened: taken oldest first, whatever order they finish in. */
class InFlight<T> {
  private readonly queue: Promise<T>[] = [];

  get size(): number {
    return this.queue.length;
  }

  add(work: Promise<T>): void {
    // Awaited in turn by next(); until then a failure must not count as unhandled.
    work.catch(() => undefined);
    this.queue.push(work);
  }

  /** The oldest result; call only while size > 0. */
  next(): Promise<T> {
    return this.queue.shift()!;
  }
}

function trailingData(): BodyIntegrityError {
  return new BodyIntegrityError('trailing-data', 'the body goes on after its last record');
}

interface RecordKeys {
  readonly cipher: RecordCipher;
  readonly nonceBase: Uint8Array;
}

/**
 * The cipher's answer as a promise, called now: the input is handed over before the caller reuses
 * its buffer, and a synchronous throw becomes a rejection like an asynchronous one.
 */
function settle<T>(work: () => T | Promise<T>): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

/** RFC 8188 §2.2, §2.3: PRK = HMAC-SHA-256(salt, IKM); CEK and nonce base expanded from it. */
async function recordKeys(
  ikm: Uint8Array,
  salt: Uint8Array,
  usage: 'encrypt' | 'decrypt',
  cipherFor: RecordCipherFactory = webCryptoRecords,
): Promise<RecordKeys> {
  const hkdfKey = await subtle().importKey('raw', ikm as BufferSource, 'HKDF', false, [
    'deriveBits',
  ]);
  const expand = async (info: string, bytes: number) =>
    new Uint8Array(
      await subtle().deriveBits(
        { name: 'HKDF', hash: 'SHA-256', salt: salt as BufferSource, info: encoder.encode(info) },
        hkdfKey,
        bytes * 8,
      ),
    );
  const cek = await expand(CEK_INFO, 16);
  try {
    return { cipher: await cipherFor(cek, usage), nonceBase: await expand(NONCE_INFO, 12) };
  } finally {
    cek.fill(0);
  }
}

/** RFC 8188 §2.3: the nonce base XOR the record's sequence number, as a 96-bit big-endian integer. */
function nonceFor(base: Uint8Array, seq: number): Uint8Array<ArrayBuffer> {
  const nonce = Uint8Array.from(base);
  let rest = seq;
  for (let i = nonce.length - 1; rest > 0; i -= 1) {
    nonce[i] = (nonce[i] ?? 0) ^ (rest % 256);
    rest = Math.floor(rest / 256);
  }
  return nonce;
}

function writeHeader(salt: Uint8Array, recordSize: number): Uint8Array {
  const header = new Uint8Array(HEADER_BYTES);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(SALT_BYTES, recordSize);
  return header;
}

function checkBodyKey(ikm: Uint8Array): void {
  if (ikm.length !== BODY_KEY_BYTES) {
    throw new TypeError(
      'the body key must be 16 bytes: derive it from the link key (deriveBodyKey)',
    );
  }
}

function checkChunk(chunk: unknown): asserts chunk is Uint8Array {
  // Not instanceof: a Buffer or a chunk from another realm is a Uint8Array all the same.
  if (!ArrayBuffer.isView(chunk) || (chunk as Uint8Array).BYTES_PER_ELEMENT !== 1) {
    throw new TypeError('a body stream carries Uint8Array chunks');
  }
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (bytes.length > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    chunks.push(next.value);
    length += next.value.length;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
