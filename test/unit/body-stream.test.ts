import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { createCipheriv, createHash, hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fromBase64url, toBase64url } from '../../core/base64url.ts';
import {
  BODY_LABEL,
  BodyIntegrityError,
  DEFAULT_RECORD_SIZE,
  HEADER_BYTES,
  MAX_RECORD_SIZE,
  type BodyProblem,
  decryptBody,
  decryptBodyBytes,
  deriveBodyKey,
  encryptBody,
  encryptBodyBytes,
  encryptedBodyLength,
  plainLengthOf,
  type RecordCipherFactory,
  webCryptoRecords,
} from '../../core/body-stream.ts';
import { nodeRecords } from '../../cli/records.ts';

/** http_ece 1.2.1 (CommonJS, untyped): Martin Thomson's RFC 8188 implementation on node:crypto. */
interface EceParams {
  version: 'aes128gcm';
  key?: Buffer;
  keyid?: string;
  keymap?: Record<string, Buffer>;
  salt?: Buffer;
  rs?: number;
  pad?: number;
}
const ece = createRequire(import.meta.url)('http_ece') as {
  encrypt(plaintext: Buffer, params: EceParams): Buffer;
  decrypt(body: Buffer, params: EceParams): Buffer;
};

interface BodyVectors {
  label: string;
  bodies: {
    what: string;
    key: string;
    ikm: string;
    salt: string;
    rs: number;
    plaintext: string;
    body: string;
  }[];
}
const vectorsUrl = new URL('../fixtures/body-vectors.json', import.meta.url);
const vectors = JSON.parse(readFileSync(vectorsUrl, 'utf8')) as BodyVectors;

// Fixture keys: counting bytes, not random-looking material.
const IKM = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
const SALT = new Uint8Array(16).fill(0x5a);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const counting = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 7 + 3) % 256);

/** Plaintext lengths around the record boundaries of `rs`. */
const boundarySizes = (rs: number) => [
  0,
  1,
  rs - 18,
  rs - 17,
  rs - 16,
  2 * (rs - 17),
  3 * (rs - 17),
  3 * (rs - 17) + 1,
];

/** `bytes` as a stream of chunks of the given sizes (cycled), then the rest. */
function chunked(bytes: Uint8Array, sizes: readonly number[] = []): ReadableStream<Uint8Array> {
  let offset = 0;
  let turn = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      const size = sizes.length === 0 ? bytes.length : (sizes[turn++ % sizes.length] ?? 1);
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

/** Feeds every chunk of `stream` to `visit`; rejects as the stream errors. */
const eachChunk = (stream: ReadableStream<Uint8Array>, visit: (chunk: Uint8Array) => void) =>
  stream.pipeTo(new WritableStream({ write: visit }));

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await eachChunk(stream, (chunk) => chunks.push(chunk));
  return Uint8Array.from(Buffer.concat(chunks));
}

/** What `decryptBodyBytes` fails with, to assert on its reason. */
async function refusal(body: Uint8Array, ikm: Uint8Array = IKM): Promise<BodyIntegrityError> {
  const error = await decryptBodyBytes(ikm, body).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BodyIntegrityError);
  return error as BodyIntegrityError;
}
const reasonOf = async (body: Uint8Array, ikm?: Uint8Array): Promise<BodyProblem> =>
  (await refusal(body, ikm)).reason;

/** Splits a body written without key id into its records of `rs` bytes. */
function recordsOf(body: Uint8Array, rs: number): Uint8Array[] {
  const records: Uint8Array[] = [];
  for (let at = HEADER_BYTES; at < body.length; at += rs) records.push(body.slice(at, at + rs));
  return records;
}
const join = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));
const flipBit = (bytes: Uint8Array, at: number) => {
  const copy = Uint8Array.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 1;
  return copy;
};

/**
 * A body sealed by hand with node:crypto, record contents given in full (delimiter and padding
 * included): for the malformed bodies no correct encoder writes.
 */
function handSealed(records: Uint8Array[], rs: number, ikm = IKM, salt = SALT): Uint8Array {
  const derive = (info: string, length: number) =>
    Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from(info, 'latin1'), length));
  const cek = derive('Content-Encoding: aes128gcm\0', 16);
  const nonce = derive('Content-Encoding: nonce\0', 12);
  const header = Buffer.alloc(HEADER_BYTES);
  header.set(salt);
  header.writeUInt32BE(rs, 16);
  const sealed = records.map((content, seq) => {
    const iv = Buffer.from(nonce);
    iv.writeUInt32BE((iv.readUInt32BE(8) ^ seq) >>> 0, 8);
    const cipher = createCipheriv('aes-128-gcm', cek, iv);
    return Buffer.concat([cipher.update(content), cipher.final(), cipher.getAuthTag()]);
  });
  return Uint8Array.from(Buffer.concat([header, ...sealed]));
}

describe('the body round trip', () => {
  it.each([18, 25, 64, 4096, DEFAULT_RECORD_SIZE])(
    'decrypts what it encrypted around every record boundary, rs %i',
    async (rs) => {
      for (const size of boundarySizes(rs)) {
        const plaintext = counting(size);

        const body = await encryptBodyBytes(IKM, plaintext, { recordSize: rs });

        expect(await decryptBodyBytes(IKM, body)).toEqual(plaintext);
        expect(body.length).toBe(encryptedBodyLength(size, rs));
        expect(plainLengthOf(body.length, rs)).toBe(size);
      }
    },
  );

  it('decrypts what it encrypted whatever the chunking of plaintext and body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 700 }),
        fc.integer({ min: 18, max: 80 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 8 }),
        async (plaintext, rs, plainChunks, bodyChunks) => {
          const body = await collect(
            chunked(plaintext, plainChunks).pipeThrough(encryptBody(IKM, { recordSize: rs })),
          );
          const opened = await collect(chunked(body, bodyChunks).pipeThrough(decryptBody(IKM)));

          expect(body.length).toBe(encryptedBodyLength(plaintext.length, rs));
          expect(hex(opened)).toBe(hex(plaintext));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('numbers records past 2^8 as RFC 8188 does (nonce base XOR the 96-bit record number)', async () => {
    const count = 2 ** 10 + 3;
    const plaintext = counting(count); // rs 18: one plaintext byte per record
    const independent = handSealed(
      Array.from(plaintext, (byte, seq) => Uint8Array.of(byte, seq === count - 1 ? 2 : 1)),
      18,
    );

    const body = await encryptBodyBytes(IKM, plaintext, { recordSize: 18, salt: SALT });

    expect(Buffer.compare(body, independent)).toBe(0);
    expect(Buffer.compare(await decryptBodyBytes(IKM, independent), plaintext)).toBe(0);
  });

  it('ignores empty chunks on both sides', async () => {
    const plaintext = counting(100);
    const withEmpties = (bytes: Uint8Array) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(0));
          controller.enqueue(bytes.slice(0, 50));
          controller.enqueue(new Uint8Array(0));
          controller.enqueue(bytes.slice(50));
          controller.enqueue(new Uint8Array(0));
          controller.close();
        },
      });

    const body = await collect(
      withEmpties(plaintext).pipeThrough(encryptBody(IKM, { recordSize: 40 })),
    );
    const opened = await collect(withEmpties(body).pipeThrough(decryptBody(IKM)));

    expect(opened).toEqual(plaintext);
  });

  it('takes a Buffer as a chunk', async () => {
    const body = await collect(
      chunked(Buffer.from('fixture: a Buffer chunk')).pipeThrough(encryptBody(IKM)),
    );

    expect(text(await decryptBodyBytes(IKM, body))).toBe('fixture: a Buffer chunk');
  });

  // Neither would fail by itself: an ArrayBuffer has no length (its bytes would be dropped), and a
  // Uint16Array's values would be cut to bytes.
  it.each([
    ['an ArrayBuffer', new ArrayBuffer(8)],
    ['a Uint16Array', Uint16Array.of(0x1234, 0x5678)],
  ])('fails when given %s as a chunk', async (_what, chunk) => {
    const stream = (transform: TransformStream<Uint8Array, Uint8Array>) =>
      collect(
        new ReadableStream<unknown>({
          start(controller) {
            controller.enqueue(chunk);
            controller.close();
          },
        }).pipeThrough(transform as TransformStream<unknown, Uint8Array>),
      );

    await expect(stream(encryptBody(IKM))).rejects.toThrow(TypeError);
    await expect(stream(decryptBody(IKM))).rejects.toThrow(TypeError);
  });

  it('writes the salt, the record size (uint32 BE) and an empty key id as its header', async () => {
    const body = await encryptBodyBytes(IKM, counting(10), { salt: SALT, recordSize: 300 });

    expect(hex(body.slice(0, 16))).toBe(hex(SALT));
    expect(hex(body.slice(16, 21))).toBe('0000012c00');
  });

  it('uses 64 KiB records by default', async () => {
    const body = await encryptBodyBytes(IKM, counting(1));

    expect(DEFAULT_RECORD_SIZE).toBe(65_536);
    expect(hex(body.slice(16, 21))).toBe('0001000000');
  });

  it('ends plaintext that fills whole records with a full last record, not an empty one', async () => {
    const body = await encryptBodyBytes(IKM, counting(2 * 47), { recordSize: 64 });

    expect(body.length).toBe(HEADER_BYTES + 2 * 64);
    expect(await decryptBodyBytes(IKM, body)).toEqual(counting(94));
  });

  it('draws a fresh random salt for every body', async () => {
    const [a, b] = await Promise.all([
      encryptBodyBytes(IKM, counting(5)),
      encryptBodyBytes(IKM, counting(5)),
    ]);

    expect(hex(a.slice(0, 16))).not.toBe(hex(b.slice(0, 16)));
    expect(hex(a.slice(HEADER_BYTES))).not.toBe(hex(b.slice(HEADER_BYTES)));
  });

  it('derives the body key from K with its own label, apart from every other key', async () => {
    const k = Uint8Array.from({ length: 32 }, (_, i) => i);
    const expected = hkdfSync('sha256', k, new Uint8Array(0), BODY_LABEL, 16);

    const ikm = await deriveBodyKey(k);

    expect(hex(ikm)).toBe(Buffer.from(expected).toString('hex'));
    expect(BODY_LABEL).toBe('secretsentry file body v1');
  });

  it.each([
    ['K itself (32 bytes)', new Uint8Array(32)],
    ['an empty key', new Uint8Array(0)],
  ])('fails when given %s as the body key', (_what, ikm) => {
    expect(() => encryptBody(ikm)).toThrow(TypeError);
    expect(() => decryptBody(ikm)).toThrow(TypeError);
  });

  it.each([17, 0, MAX_RECORD_SIZE + 1, 100.5])('fails when asked for record size %s', (rs) => {
    expect(() => encryptBody(IKM, { recordSize: rs })).toThrow(RangeError);
    expect(() => encryptedBodyLength(10, rs)).toThrow(RangeError);
  });

  it('fails when given a salt that is not 16 bytes', () => {
    expect(() => encryptBody(IKM, { salt: new Uint8Array(12) })).toThrow(TypeError);
  });
});

describe('the declared length', () => {
  it('matches hand-computed sizes at 64 KiB records, up to 1 GiB', () => {
    expect(encryptedBodyLength(0)).toBe(21 + 17);
    expect(encryptedBodyLength(65_519)).toBe(21 + 65_536);
    expect(encryptedBodyLength(65_520)).toBe(21 + 65_536 + 1 + 17);
    // ceil(2^30 / 65 519) = 16 389 records.
    expect(encryptedBodyLength(2 ** 30)).toBe(1_074_020_458);
    expect(plainLengthOf(1_074_020_458)).toBe(2 ** 30);
  });

  it('inverts to the plaintext length for every length a body can have', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 18, max: MAX_RECORD_SIZE }),
        (plain, rs) => {
          expect(plainLengthOf(encryptedBodyLength(plain, rs), rs)).toBe(plain);
        },
      ),
    );
  });

  it.each([
    ['shorter than a header and one empty record', 37],
    ['with a last record too short for a tag and delimiter', 21 + 64 + 16],
    ['whose length is not an integer', 100.5],
  ])('has no plaintext length for a body %s', (_what, length) => {
    expect(plainLengthOf(length, 64)).toBeUndefined();
  });

  it('fails for a negative or fractional plaintext length', () => {
    expect(() => encryptedBodyLength(-1)).toThrow(RangeError);
    expect(() => encryptedBodyLength(1.5)).toThrow(RangeError);
  });
});

describe('the RFC 8188 examples', () => {
  // §3.1: one record, rs 4096, no key id.
  const example1 = {
    ikm: fromBase64url('yqdlZ-tYemfogSmv7Ws5PQ'),
    salt: fromBase64url('I1BsxtFttlv3u_Oo94xnmw'),
    body: fromBase64url('I1BsxtFttlv3u_Oo94xnmwAAEAAA-NAVub2qFgBEuQKRapoZu-IxkIva3MEB1PD-ly8Thjg'),
  };
  // §3.2: rs 25, key id "a1", records padded.
  const example2 = {
    ikm: fromBase64url('BO3ZVPxUlnLORbVGMpbT1Q'),
    body: fromBase64url(
      'uNCkWiNYzKTnBN9ji3-qWAAAABkCYTHOG8chz_gnvgOqdGYovxyjuqRyJFjEDyoF1Fvkj6hQPdPHI51OEUKEpgz3SsLWIqS_uA',
    ),
  };

  it('decrypts §3.1 to "I am the walrus"', async () => {
    expect(text(await decryptBodyBytes(example1.ikm, example1.body))).toBe('I am the walrus');
  });

  it('encrypts §3.1 to the exact bytes of the RFC', async () => {
    const body = await encryptBodyBytes(example1.ikm, new TextEncoder().encode('I am the walrus'), {
      salt: example1.salt,
      recordSize: 4096,
    });

    expect(toBase64url(body)).toBe(toBase64url(example1.body));
  });

  it('refuses §3.2 for its key id, which nothing authenticates', async () => {
    expect(await reasonOf(example2.body, example2.ikm)).toBe('keyid');
    // The transcription is right: http_ece reads it, with the key filed under "a1".
    const opened = ece.decrypt(Buffer.from(example2.body), {
      version: 'aes128gcm',
      keymap: { a1: Buffer.from(example2.ikm) },
    });
    expect(opened.toString('utf8')).toBe('I am the walrus');
  });

  it('decrypts §3.2 padded records once the key id is cut out of the header', async () => {
    // idlen 2 → 0 and "a1" dropped: the records still authenticate, which is why a key id is refused.
    const withoutKeyId = join(
      example2.body.slice(0, 20),
      new Uint8Array(1),
      example2.body.slice(23),
    );

    expect(text(await decryptBodyBytes(example2.ikm, withoutKeyId))).toBe('I am the walrus');
  });
});

describe('interoperability with http_ece', () => {
  const params = (rs: number, extra: Partial<EceParams> = {}): EceParams => ({
    version: 'aes128gcm',
    key: Buffer.from(IKM),
    rs,
    ...extra,
  });

  it('takes the IKM as its `key`: it decrypts RFC 8188 §3.1 with it', () => {
    const body = fromBase64url(
      'I1BsxtFttlv3u_Oo94xnmwAAEAAA-NAVub2qFgBEuQKRapoZu-IxkIva3MEB1PD-ly8Thjg',
    );
    const opened = ece.decrypt(Buffer.from(body), {
      version: 'aes128gcm',
      key: Buffer.from(fromBase64url('yqdlZ-tYemfogSmv7Ws5PQ')),
    });

    expect(opened.toString('utf8')).toBe('I am the walrus');
  });

  it.each([18, 25, 4096, DEFAULT_RECORD_SIZE])('opens our bodies, rs %i', async (rs) => {
    for (const size of boundarySizes(rs)) {
      const plaintext = counting(size);

      const body = await encryptBodyBytes(IKM, plaintext, { recordSize: rs });

      expect(hex(ece.decrypt(Buffer.from(body), params(rs)))).toBe(hex(plaintext));
    }
  });

  it.each([18, 25, 4096, DEFAULT_RECORD_SIZE])(
    'writes bodies we open, byte for byte what we write with the same salt, rs %i',
    async (rs) => {
      for (const size of boundarySizes(rs)) {
        const plaintext = counting(size);

        const theirs = ece.encrypt(Buffer.from(plaintext), params(rs, { salt: Buffer.from(SALT) }));
        const ours = await encryptBodyBytes(IKM, plaintext, { recordSize: rs, salt: SALT });

        expect(hex(await decryptBodyBytes(IKM, Uint8Array.from(theirs)))).toBe(hex(plaintext));
        expect(hex(ours)).toBe(theirs.toString('hex'));
      }
    },
  );

  it.each([
    [25, 5, 40],
    [64, 30, 200],
    [4096, 4000, 10_000],
  ])('writes padded bodies we open, rs %i, %i bytes of padding', async (rs, pad, size) => {
    const plaintext = counting(size);

    const theirs = ece.encrypt(Buffer.from(plaintext), params(rs, { pad }));

    expect(theirs.length).toBeGreaterThan(encryptedBodyLength(size, rs));
    expect(hex(await decryptBodyBytes(IKM, Uint8Array.from(theirs)))).toBe(hex(plaintext));
  });
});

describe("the CLI's node:crypto records", () => {
  const node = { cipher: nodeRecords };

  it.each([18, 25, 4096, DEFAULT_RECORD_SIZE])(
    'write byte for byte what WebCrypto and http_ece write with the same salt, rs %i',
    async (rs) => {
      for (const size of boundarySizes(rs)) {
        const plaintext = counting(size);

        const ours = await encryptBodyBytes(IKM, plaintext, {
          ...node,
          recordSize: rs,
          salt: SALT,
        });
        const web = await encryptBodyBytes(IKM, plaintext, { recordSize: rs, salt: SALT });
        const theirs = ece.encrypt(Buffer.from(plaintext), {
          version: 'aes128gcm',
          key: Buffer.from(IKM),
          rs,
          salt: Buffer.from(SALT),
        });

        expect(hex(ours)).toBe(hex(web));
        expect(hex(ours)).toBe(theirs.toString('hex'));
        expect(hex(await decryptBodyBytes(IKM, ours, node))).toBe(hex(plaintext));
      }
    },
  );

  it('open what WebCrypto wrote, whatever the chunking of the body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.integer({ min: 1, max: 90 }), { maxLength: 6 }),
        async (size, cuts) => {
          const plaintext = counting(size);
          const body = await encryptBodyBytes(IKM, plaintext, { recordSize: 64 });

          const opened = await collect(chunked(body, cuts).pipeThrough(decryptBody(IKM, node)));

          expect(hex(opened)).toBe(hex(plaintext));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('decrypt RFC 8188 §3.1 to "I am the walrus"', async () => {
    const body = fromBase64url(
      'I1BsxtFttlv3u_Oo94xnmwAAEAAA-NAVub2qFgBEuQKRapoZu-IxkIva3MEB1PD-ly8Thjg',
    );

    const opened = await decryptBodyBytes(fromBase64url('yqdlZ-tYemfogSmv7Ws5PQ'), body, node);

    expect(text(opened)).toBe('I am the walrus');
  });

  it('refuse an altered, swapped or cut body as WebCrypto does, passing on nothing unchecked', async () => {
    const rs = 64;
    const plaintext = counting(3 * (rs - 17) + 10);
    const body = await encryptBodyBytes(IKM, plaintext, { recordSize: rs });
    const records = recordsOf(body, rs);
    const header = body.slice(0, HEADER_BYTES);
    const damaged = [
      flipBit(body, HEADER_BYTES + rs + 5),
      join(header, records[1]!, records[0]!, records[2]!, records[3]!),
      body.slice(0, HEADER_BYTES + 3 * rs),
      body.slice(0, body.length - 4),
    ];
    for (const bad of damaged) {
      const passed: number[] = [];
      const error = await eachChunk(
        chunked(bad, [rs]).pipeThrough(decryptBody(IKM, node)),
        (chunk) => passed.push(chunk.length),
      ).then(
        () => undefined,
        (e: unknown) => e,
      );
      const web = await refusal(bad);

      expect(error).toBeInstanceOf(BodyIntegrityError);
      expect((error as BodyIntegrityError).reason).toBe(web.reason);
      // Only whole records that authenticated came out before the refusal.
      expect(passed.every((length) => length === rs - 17)).toBe(true);
    }
    expect(await reasonOf(body, Uint8Array.from(IKM).reverse())).toBe('authentication');
  });

  it('take a cipher that throws at once, or answers a record in pieces', async () => {
    const pieces: RecordCipherFactory = async (cek, usage) => {
      const web = await webCryptoRecords(cek, usage);
      return {
        seal: async (nonce, plaintext) => {
          const sealed = (await web.seal(nonce, plaintext)) as Uint8Array;
          return [sealed.subarray(0, 3), sealed.subarray(3, 3), sealed.subarray(3)];
        },
        open: () => {
          throw new Error('fixture: a synchronous failure');
        },
      };
    };
    const plaintext = counting(300);

    const body = await encryptBodyBytes(IKM, plaintext, { cipher: pieces, recordSize: 64 });

    expect(hex(body)).toBe(
      hex(await encryptBodyBytes(IKM, plaintext, { recordSize: 64, salt: body.slice(0, 16) })),
    );
    const error = await decryptBodyBytes(IKM, body, { cipher: pieces }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BodyIntegrityError);
    expect((error as BodyIntegrityError).reason).toBe('authentication');
  });
});

describe('refuses a damaged or foreign body', () => {
  const rs = 64;
  const plaintext = counting(3 * (rs - 17) + 10); // three full records and a short last one
  const bodyPromise = encryptBodyBytes(IKM, plaintext, { recordSize: rs, salt: SALT });

  it('fails when the last record is missing (cut at a record boundary)', async () => {
    const body = await bodyPromise;
    const cut = body.slice(0, HEADER_BYTES + 3 * rs);

    expect(await reasonOf(cut)).toBe('truncated');
  });

  it('fails when the body stops inside a record', async () => {
    const body = await bodyPromise;

    expect(await reasonOf(body.slice(0, body.length - 1))).toBe('authentication');
    expect(await reasonOf(body.slice(0, HEADER_BYTES + rs + 10))).toBe('truncated');
  });

  it.each([0, 1, HEADER_BYTES - 1])(
    'fails when the body stops after %i header bytes',
    async (n) => {
      const body = await bodyPromise;

      expect(await reasonOf(body.slice(0, n))).toBe('truncated');
    },
  );

  it('fails when only the header arrives', async () => {
    const body = await bodyPromise;

    expect(await reasonOf(body.slice(0, HEADER_BYTES))).toBe('truncated');
  });

  it('fails when a body ends with a short record not marked last', async () => {
    const body = handSealed([join(counting(rs - 17), Uint8Array.of(1)), Uint8Array.of(9, 1)], rs);

    expect(await reasonOf(body)).toBe('truncated');
  });

  it('fails when bytes follow a full-size last record', async () => {
    const body = await encryptBodyBytes(IKM, counting(rs - 17), { recordSize: rs });

    expect(await reasonOf(join(body, Uint8Array.of(0)))).toBe('trailing-data');
  });

  it('fails when a genuine record follows the last one', async () => {
    const one = await encryptBodyBytes(IKM, counting(rs - 17), { recordSize: rs, salt: SALT });
    const two = await encryptBodyBytes(IKM, counting(2 * (rs - 17)), {
      recordSize: rs,
      salt: SALT,
    });
    const extended = join(one, recordsOf(two, rs)[1]!);

    expect(await decryptBodyBytes(IKM, two)).toEqual(counting(2 * (rs - 17)));
    expect(await reasonOf(extended)).toBe('trailing-data');
  });

  it('fails when bytes follow a short last record', async () => {
    const body = await bodyPromise;

    expect(await reasonOf(join(body, Uint8Array.of(0)))).toBe('authentication');
  });

  it('fails with the wrong key, for any other key', async () => {
    const body = await bodyPromise;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 16, maxLength: 16 }), async (other) => {
        fc.pre(hex(other) !== hex(IKM));
        expect(await reasonOf(body, other)).toBe('authentication');
      }),
      { numRuns: 20 },
    );
  });

  it('fails when two records are swapped', async () => {
    const body = await bodyPromise;
    const [r0, r1, r2, r3] = recordsOf(body, rs) as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];

    expect(await reasonOf(join(body.slice(0, HEADER_BYTES), r1, r0, r2, r3))).toBe(
      'authentication',
    );
  });

  it('fails when a record is dropped from the middle', async () => {
    const body = await bodyPromise;
    const [r0, , r2, r3] = recordsOf(body, rs) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];

    expect(await reasonOf(join(body.slice(0, HEADER_BYTES), r0, r2, r3))).toBe('authentication');
  });

  it.each([
    ['the salt', 3],
    ['the record size', 19],
    ['a record', HEADER_BYTES + rs + 5],
    ['a tag', HEADER_BYTES + rs - 1],
    ['the last record', HEADER_BYTES + 3 * rs + 2],
  ])('fails when a bit of %s is flipped', async (_what, at) => {
    const body = await bodyPromise;

    expect(await reasonOf(flipBit(body, at))).toBe('authentication');
  });

  it.each([
    ['a delimiter other than 1 or 2', Uint8Array.of(7, 3)],
    ['no delimiter at all (only zeros)', Uint8Array.of(0, 0, 0)],
    ['a non-zero byte after the delimiter and padding', Uint8Array.of(7, 2, 0, 5)],
  ])('fails when a record has %s', async (_what, content) => {
    expect(await reasonOf(handSealed([content], rs))).toBe('padding');
  });

  it('accepts RFC padding: zeros after the delimiter, and records holding only padding', async () => {
    const body = handSealed(
      [
        // Non-last records are full: rs - 16 bytes of content each.
        join(Uint8Array.of(7, 1), new Uint8Array(rs - 18)),
        join(Uint8Array.of(1), new Uint8Array(rs - 17)),
        Uint8Array.of(8, 2, 0, 0),
      ],
      rs,
    );

    expect(await decryptBodyBytes(IKM, body)).toEqual(Uint8Array.of(7, 8));
  });

  it('fails when the header names a key id', async () => {
    const body = await bodyPromise;
    const withKeyId = join(body.slice(0, 20), Uint8Array.of(2, 0x61, 0x31), body.slice(21));

    expect(await reasonOf(withKeyId)).toBe('keyid');
  });

  it.each([
    ['below 18', 17],
    ['zero', 0],
    ['above the bound', MAX_RECORD_SIZE + 1],
    ['2^32 - 1', 0xffff_ffff],
  ])('fails when the header states a record size %s', async (_what, size) => {
    const body = Uint8Array.from(await bodyPromise);
    new DataView(body.buffer).setUint32(16, size);

    expect(await reasonOf(body)).toBe('record-size');
  });

  it('passes on the records it authenticated before failing at the cut', async () => {
    const body = await bodyPromise;
    const received: Uint8Array[] = [];
    const cut = chunked(body.slice(0, HEADER_BYTES + 2 * rs), [rs]);

    const error = await eachChunk(cut.pipeThrough(decryptBody(IKM)), (chunk) =>
      received.push(chunk),
    ).catch((e: unknown) => e);

    expect((error as BodyIntegrityError).reason).toBe('truncated');
    expect(Buffer.concat(received).length).toBe(2 * (rs - 17));
  });

  it('never puts key material in its messages', async () => {
    const body = await bodyPromise;
    const k = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);
    const ikm = await deriveBodyKey(k);
    const own = await encryptBodyBytes(ikm, plaintext, { recordSize: rs, salt: SALT });
    const cek = hkdfSync('sha256', ikm, SALT, 'Content-Encoding: aes128gcm\0', 16);
    const secrets = [k, ikm, new Uint8Array(cek)].flatMap((s) => [
      hex(s),
      toBase64url(s),
      Buffer.from(s).toString('base64'),
    ]);

    const messages = await Promise.all(
      [body, own.slice(0, 100), flipBit(own, 30), join(own, Uint8Array.of(1)), own.slice(0, 5)].map(
        async (bad) => (await refusal(bad, ikm)).message,
      ),
    );

    for (const message of messages) {
      for (const secret of secrets) expect(message).not.toContain(secret);
    }
  });
});

describe('the published body vectors', () => {
  it('use the label of core/body-stream.ts', () => {
    expect(vectors.label).toBe(BODY_LABEL);
  });

  it.each(vectors.bodies)('derives the IKM from K for "$what"', async (v) => {
    expect(toBase64url(await deriveBodyKey(fromBase64url(v.key)))).toBe(v.ikm);
  });

  it.each(vectors.bodies)('decrypts "$what"', async (v) => {
    const opened = await decryptBodyBytes(fromBase64url(v.ikm), fromBase64url(v.body));

    expect(toBase64url(opened)).toBe(v.plaintext);
  });

  it.each(vectors.bodies)('encrypts "$what" byte for byte', async (v) => {
    const body = await encryptBodyBytes(fromBase64url(v.ikm), fromBase64url(v.plaintext), {
      salt: fromBase64url(v.salt),
      recordSize: v.rs,
    });

    expect(toBase64url(body)).toBe(v.body);
  });

  it('are exactly what test/fixtures/generate-body-vectors.ts writes', () => {
    const script = new URL('../fixtures/generate-body-vectors.ts', import.meta.url);

    const generated = execFileSync(process.execPath, [script.pathname], { encoding: 'utf8' });

    expect(generated).toBe(readFileSync(vectorsUrl, 'utf8'));
  });
});

describe('a large body', () => {
  it('streams 64 MiB through encrypt and decrypt and back to the same bytes', async () => {
    const total = 64 * 1024 * 1024;
    // Uneven chunk sizes, from 1 byte to 1 MiB, so records straddle chunks every way.
    const sizes = [1, 1000, 65_519, 65_536, 100_003, 1_048_576, 17];
    const sourceHash = createHash('sha256');
    const outputHash = createHash('sha256');
    let produced = 0;
    let turn = 0;
    let bodyLength = 0;
    let outputLength = 0;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (produced === total) return controller.close();
        const size = Math.min(sizes[turn++ % sizes.length] ?? 1, total - produced);
        const chunk = new Uint8Array(size);
        for (let i = 0; i < size; i += 1) chunk[i] = ((produced + i) * 2_654_435_761) >>> 24;
        sourceHash.update(chunk);
        produced += size;
        controller.enqueue(chunk);
      },
    });
    const countBody = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bodyLength += chunk.length;
        controller.enqueue(chunk);
      },
    });

    const output = source
      .pipeThrough(encryptBody(IKM))
      .pipeThrough(countBody)
      .pipeThrough(decryptBody(IKM));
    await eachChunk(output, (chunk) => {
      outputHash.update(chunk);
      outputLength += chunk.length;
    });

    expect(outputLength).toBe(total);
    expect(bodyLength).toBe(encryptedBodyLength(total));
    expect(outputHash.digest('hex')).toBe(sourceHash.digest('hex'));
  }, 120_000);
});
