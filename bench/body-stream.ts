// The encrypted body's streams (core/body-stream.ts) in Node, against their floor: node:crypto
// AES-128-GCM over the same records, synchronously, without streams or WebCrypto's promises.
//   node bench/body-stream.ts [MiB = 100] [rounds = 7] [record size = DEFAULT_RECORD_SIZE]
// Runs are interleaved and medians compared. First, before anything large is allocated, 1× and 10×
// the size are streamed from a generator through both: the same peak RSS growth shows memory flat.
// Figures and ratios only; nothing passes or fails.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import {
  DEFAULT_RECORD_SIZE,
  HEADER_BYTES,
  RECORD_OVERHEAD,
  decryptBody,
  encryptBody,
  encryptedBodyLength,
} from '../core/body-stream.ts';

const MIB = 1024 * 1024;
const size = Number(process.argv[2] ?? 100) * MIB;
const rounds = Number(process.argv[3] ?? 7);
const rs = Number(process.argv[4] ?? DEFAULT_RECORD_SIZE);
const perRecord = rs - RECORD_OVERHEAD;
/** How the CLI reads a file: 1 MiB at a time (the page's Blob.stream() gives 64 KiB–2 MiB). */
const CHUNK = MIB;

const ikm = new Uint8Array(randomBytes(16));
const salt = new Uint8Array(randomBytes(16));

// Flat memory: nothing of the input is kept, so peak RSS growth stays a few records plus GC slack,
// the same for 1× and 10× the bytes.
async function flatMemory(total: number): Promise<string> {
  const block = new Uint8Array(randomBytes(CHUNK));
  let generated = 0;
  const generator = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (generated >= total) return controller.close();
      controller.enqueue(block);
      generated += CHUNK;
    },
  });
  const before = process.memoryUsage().rss;
  let peak = before;
  let through = 0;
  const start = performance.now();
  await generator
    .pipeThrough(encryptBody(ikm, { recordSize: rs }))
    .pipeThrough(decryptBody(ikm))
    .pipeTo(
      new WritableStream({
        write(chunk) {
          through += chunk.length;
          peak = Math.max(peak, process.memoryUsage().rss);
        },
      }),
    );
  if (through !== total) throw new Error(`streamed ${through} bytes, expected ${total}`);
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  return `${total / MIB} MiB in ${seconds} s: peak RSS growth ${((peak - before) / MIB).toFixed(1)} MiB`;
}
const flatLines = [await flatMemory(size), await flatMemory(10 * size)];

const plaintext = new Uint8Array(size);
for (let at = 0; at < size; at += MIB) plaintext.set(randomBytes(Math.min(MIB, size - at)), at);

const cek = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: aes128gcm\0', 16));
const nonceBase = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: nonce\0', 12));
const nonce = (seq: number) => {
  const iv = Buffer.from(nonceBase);
  iv.writeUInt32BE((iv.readUInt32BE(8) ^ seq) >>> 0, 8);
  return iv;
};
const records = Math.max(1, Math.ceil(size / perRecord));

function floorEncrypt(): number {
  let written = HEADER_BYTES;
  for (let seq = 0; seq < records; seq += 1) {
    const cipher = createCipheriv('aes-128-gcm', cek, nonce(seq));
    written += cipher.update(plaintext.subarray(seq * perRecord, (seq + 1) * perRecord)).length;
    written += cipher.update(Uint8Array.of(seq === records - 1 ? 2 : 1)).length;
    written += cipher.final().length + cipher.getAuthTag().length;
  }
  return written;
}

function floorDecrypt(body: Uint8Array): number {
  let read = 0;
  for (let seq = 0, at = HEADER_BYTES; at < body.length; seq += 1, at += rs) {
    const record = body.subarray(at, Math.min(at + rs, body.length));
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce(seq));
    decipher.setAuthTag(record.subarray(record.length - 16));
    const plain = decipher.update(record.subarray(0, record.length - 16));
    decipher.final();
    read += plain.length - 1;
  }
  return read;
}

/** `bytes` in CHUNK-sized views, as a file read would hand them over. */
const source = (bytes: Uint8Array) => {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + CHUNK));
      at += CHUNK;
    },
  });
};

async function drain(stream: ReadableStream<Uint8Array>, keep?: Uint8Array): Promise<number> {
  let length = 0;
  await stream.pipeTo(
    new WritableStream({
      write(chunk) {
        keep?.set(chunk, length);
        length += chunk.length;
      },
    }),
  );
  return length;
}

const body = new Uint8Array(encryptedBodyLength(size, rs));
await drain(source(plaintext).pipeThrough(encryptBody(ikm, { salt, recordSize: rs })), body);

async function time(run: () => number | Promise<number>, expected: number): Promise<number> {
  const start = performance.now();
  const bytes = await run();
  const ms = performance.now() - start;
  if (bytes !== expected) throw new Error(`processed ${bytes} bytes, expected ${expected}`);
  return ms;
}

const runs = {
  'encrypt floor': [] as number[],
  'encrypt stream': [] as number[],
  'decrypt floor': [] as number[],
  'decrypt stream': [] as number[],
};
for (let round = 0; round < rounds; round += 1) {
  runs['encrypt floor'].push(await time(floorEncrypt, body.length));
  runs['encrypt stream'].push(
    await time(
      () => drain(source(plaintext).pipeThrough(encryptBody(ikm, { recordSize: rs }))),
      body.length,
    ),
  );
  runs['decrypt floor'].push(await time(() => floorDecrypt(body), size));
  runs['decrypt stream'].push(
    await time(() => drain(source(body).pipeThrough(decryptBody(ikm))), size),
  );
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const mibps = (ms: number) => size / MIB / (ms / 1000);

console.log(
  `SecretSentry body streams, Node ${process.version}: ${size / MIB} MiB, rs ${rs}, ${CHUNK / 1024} KiB chunks, median of ${rounds} interleaved rounds`,
);
for (const [name, values] of Object.entries(runs)) {
  console.log(`  ${name.padEnd(15)} ${mibps(median(values)).toFixed(0).padStart(6)} MiB/s`);
}
for (const what of ['encrypt', 'decrypt'] as const) {
  const ratio = mibps(median(runs[`${what} stream`])) / mibps(median(runs[`${what} floor`]));
  console.log(`${what}: stream / floor = ${ratio.toFixed(2)}`);
}
console.log(`flat memory, generated → encrypt → decrypt: ${flatLines.join('; ')}`);
