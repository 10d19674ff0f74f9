// The encrypted body's streams (core/body-stream.ts) where the page runs them, in headless Chromium,
// against their floor there: WebCrypto AES-128-GCM over the same 64 KiB records, as many in flight,
// without streams, copies or delimiters.
//   node bench/browser-body.ts [MiB = 100] [rounds = 5] [chunk KiB = 1024]
// core/body-stream.ts is bundled as it is (esbuild, IIFE) into a blank page served from 127.0.0.1
// (WebCrypto needs a secure context). Runs are interleaved and medians compared. Figures and ratios
// only; nothing passes or fails on time.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

type BodyStream = typeof import('../core/body-stream.ts');

const MIB = 1024 * 1024;
const size = Number(process.argv[2] ?? 100) * MIB;
const rounds = Number(process.argv[3] ?? 5);
/** What the page's File.stream() hands over is 64 KiB–2 MiB at a time; 1 MiB as the Node bench. */
const chunk = Number(process.argv[4] ?? 1024) * 1024;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../', import.meta.url));

const bundle = await build({
  stdin: {
    contents: "export * from './core/body-stream.ts';",
    resolveDir: ROOT,
    sourcefile: 'bench-entry.ts',
    loader: 'ts',
  },
  bundle: true,
  format: 'iife',
  globalName: 'bodyStream',
  target: 'es2022',
  minify: true,
  write: false,
});
const script = bundle.outputFiles[0]!.text;

const server = createServer((req, res) => {
  if (req.url === '/body-stream.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript' });
    return res.end(script);
  }
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.end('<!doctype html><title>body-stream bench</title><script src="/body-stream.js"></script>');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

interface Runs {
  readonly 'encrypt floor': number[];
  readonly 'encrypt stream': number[];
  readonly 'decrypt floor': number[];
  readonly 'decrypt stream': number[];
}

/** Runs in the page: everything it needs comes in as arguments or from `window.bodyStream`. */
async function measure({
  size,
  rounds,
  chunk,
}: {
  size: number;
  rounds: number;
  chunk: number;
}): Promise<Runs> {
  const { DEFAULT_RECORD_SIZE, RECORD_OVERHEAD, decryptBody, encryptBody, encryptedBodyLength } = (
    window as unknown as { bodyStream: BodyStream }
  ).bodyStream;
  /** body-stream.ts keeps this many records in WebCrypto at once (its IN_FLIGHT); the floor too. */
  const IN_FLIGHT = 4;
  const perRecord = DEFAULT_RECORD_SIZE - RECORD_OVERHEAD;
  const records = Math.max(1, Math.ceil(size / perRecord));

  const plaintext = new Uint8Array(size);
  for (let at = 0; at < size; at += 65_536) {
    crypto.getRandomValues(plaintext.subarray(at, Math.min(size, at + 65_536)));
  }
  const ikm = crypto.getRandomValues(new Uint8Array(16));

  const source = (bytes: Uint8Array) => {
    let at = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(at, at + chunk));
        at += chunk;
      },
    });
  };
  const drain = async (stream: ReadableStream<Uint8Array>, keep?: Uint8Array) => {
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
  };

  const body = new Uint8Array(encryptedBodyLength(size));
  await drain(source(plaintext).pipeThrough(encryptBody(ikm)), body);

  // The floor: one key, a nonce per record, IN_FLIGHT calls at a time, results only counted.
  const key = await crypto.subtle.importKey(
    'raw',
    crypto.getRandomValues(new Uint8Array(16)),
    'AES-GCM',
    false,
    ['encrypt', 'decrypt'],
  );
  const nonce = (seq: number) => {
    const iv = new Uint8Array(12);
    new DataView(iv.buffer).setUint32(8, seq);
    return iv;
  };
  async function windowed(
    count: number,
    call: (seq: number) => Promise<ArrayBuffer>,
    keep?: ArrayBuffer[],
  ): Promise<number> {
    const pending: Promise<ArrayBuffer>[] = [];
    let bytes = 0;
    const take = async () => {
      const out = await pending.shift()!;
      keep?.push(out);
      bytes += out.byteLength;
    };
    for (let seq = 0; seq < count; seq += 1) {
      pending.push(call(seq));
      if (pending.length >= IN_FLIGHT) await take();
    }
    while (pending.length > 0) await take();
    return bytes;
  }
  const floorEncrypt = (keep?: ArrayBuffer[]) =>
    windowed(
      records,
      (seq) =>
        crypto.subtle.encrypt(
          { name: 'AES-GCM', iv: nonce(seq) },
          key,
          plaintext.subarray(seq * perRecord, (seq + 1) * perRecord),
        ),
      keep,
    );
  const sealed: ArrayBuffer[] = [];
  await floorEncrypt(sealed);
  const floorDecrypt = () =>
    windowed(records, (seq) =>
      crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce(seq) }, key, sealed[seq]!),
    );

  async function time(run: () => Promise<number>, expected: number): Promise<number> {
    const start = performance.now();
    const bytes = await run();
    const ms = performance.now() - start;
    if (bytes !== expected) throw new Error(`processed ${bytes} bytes, expected ${expected}`);
    return ms;
  }

  const runs: Runs = {
    'encrypt floor': [],
    'encrypt stream': [],
    'decrypt floor': [],
    'decrypt stream': [],
  };
  const floorSealedBytes = size + records * 16;
  for (let round = 0; round < rounds; round += 1) {
    runs['encrypt floor'].push(await time(() => floorEncrypt(), floorSealedBytes));
    runs['encrypt stream'].push(
      await time(() => drain(source(plaintext).pipeThrough(encryptBody(ikm))), body.length),
    );
    runs['decrypt floor'].push(await time(floorDecrypt, size));
    runs['decrypt stream'].push(
      await time(() => drain(source(body).pipeThrough(decryptBody(ikm))), size),
    );
  }
  return runs;
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
let runs: Runs;
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  runs = await page.evaluate(measure, { size, rounds, chunk });
} finally {
  await browser.close();
  server.close();
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)] ?? NaN;
const mibps = (ms: number) => size / MIB / (ms / 1000);

console.log(
  `SecretSentry body streams in Chromium ${browser.version()} (headless): ${size / MIB} MiB, ` +
    `64 KiB records, ${chunk / 1024} KiB chunks, median of ${rounds} interleaved rounds`,
);
for (const [name, values] of Object.entries(runs) as [keyof Runs, number[]][]) {
  const [fastest, slowest] = [sorted(values)[0]!, sorted(values).at(-1)!];
  console.log(
    `  ${name.padEnd(15)} ${mibps(median(values)).toFixed(0).padStart(6)} MiB/s` +
      `  (spread ${mibps(slowest).toFixed(0)}–${mibps(fastest).toFixed(0)})`,
  );
}
for (const what of ['encrypt', 'decrypt'] as const) {
  const ratio = mibps(median(runs[`${what} stream`])) / mibps(median(runs[`${what} floor`]));
  console.log(`${what}: stream / floor = ${ratio.toFixed(2)}`);
}
