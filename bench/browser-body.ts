// The page's cryptography where it runs, in headless Chromium, against raw WebCrypto doing the same
// work: sealing and opening the largest text secret, the passphrase's PBKDF2 at 600,000 iterations,
// and (optionally) the encrypted file body's streams (core/body-stream.ts) over 64 KiB records.
//   node bench/browser-body.ts [stream MiB = 100] [stream rounds = 5] [chunk KiB = 1024]
// core/envelope.ts and core/body-stream.ts are bundled as they are (esbuild, IIFE) into a blank page
// served from 127.0.0.1 (WebCrypto needs a secure context). Runs are interleaved and each ratio is the
// median of per-round ratios. Figures and ratios only; nothing passes or fails on time.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { compared, formatSection, type Figure, type Section } from './figures.ts';

interface PageModules {
  readonly base64url: typeof import('../core/base64url.ts');
  readonly bodyStream: typeof import('../core/body-stream.ts');
  readonly envelope: typeof import('../core/envelope.ts');
  readonly limits: typeof import('../core/limits.ts');
}

const MIB = 1024 * 1024;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface BrowserOptions {
  readonly sealRounds: number;
  readonly pbkdf2Rounds: number;
  /** 0 leaves the body streams out. */
  readonly streamMiB: number;
  readonly streamRounds: number;
  /** What the page's File.stream() hands over is 64 KiB–2 MiB at a time; 1 MiB as the Node bench. */
  readonly chunkKiB: number;
}

async function pageScript(): Promise<string> {
  const bundle = await build({
    stdin: {
      contents: [
        "export * as base64url from './core/base64url.ts';",
        "export * as bodyStream from './core/body-stream.ts';",
        "export * as envelope from './core/envelope.ts';",
        "export * as limits from './core/limits.ts';",
      ].join('\n'),
      resolveDir: ROOT,
      sourcefile: 'bench-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'bench',
    target: 'es2022',
    minify: true,
    write: false,
  });
  return bundle.outputFiles[0]!.text;
}

/**
 * Runs in the page: 1 MiB sealed and opened, then the same bytes through WebCrypto. (The API takes
 * 700 KiB of text; 1 MiB keeps the figure comparable with the design's and the CLI's.)
 */
async function measureSeal({ rounds }: { rounds: number }) {
  const { envelope } = (window as unknown as { bench: PageModules }).bench;
  const text = 'x'.repeat(1024 * 1024);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const ours = async () => {
    const sealed = await envelope.seal(text);
    const opened = await envelope.open(sealed.ciphertext, envelope.parseKey(sealed.key));
    return { chars: decoder.decode(opened).length, jwe: sealed.ciphertext.length };
  };
  const floor = async () => {
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(text));
    const opened = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, sealed);
    return { chars: decoder.decode(opened).length, jwe: 0 };
  };
  const time = async (run: typeof ours) => {
    const start = performance.now();
    const { chars } = await run();
    const ms = performance.now() - start;
    if (chars !== text.length) throw new Error(`opened ${chars} characters of ${text.length}`);
    return ms;
  };
  const { jwe } = await ours();
  await floor();
  const runs = { ours: [] as number[], floor: [] as number[] };
  for (let round = 0; round < rounds; round += 1) {
    if (round % 2 === 0) {
      runs.ours.push(await time(ours));
      runs.floor.push(await time(floor));
    } else {
      runs.floor.push(await time(floor));
      runs.ours.push(await time(ours));
    }
  }
  return { ...runs, bytes: text.length, jwe };
}

/** Runs in the page: what a recipient's passphrase costs (unlock), then PBKDF2 alone in WebCrypto. */
async function measurePbkdf2({ rounds }: { rounds: number }) {
  const { base64url, envelope } = (window as unknown as { bench: PageModules }).bench;
  const iterations = envelope.DEFAULT_ITERATIONS;
  const passphrase = 'correct horse battery staple';
  const key = envelope.randomBytes(32);
  const salt = envelope.randomBytes(16);
  const params = { salt: base64url.toBase64url(salt), iterations };
  const ours = () => envelope.unlock(key, params, passphrase);
  const floor = async () => {
    const base = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(passphrase),
      'PBKDF2',
      false,
      ['deriveBits'],
    );
    return crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
      base,
      256,
    );
  };
  const time = async (run: () => Promise<unknown>) => {
    const start = performance.now();
    await run();
    return performance.now() - start;
  };
  await ours();
  await floor();
  const runs = { ours: [] as number[], floor: [] as number[] };
  for (let round = 0; round < rounds; round += 1) {
    if (round % 2 === 0) {
      runs.ours.push(await time(ours));
      runs.floor.push(await time(floor));
    } else {
      runs.floor.push(await time(floor));
      runs.ours.push(await time(ours));
    }
  }
  return { ...runs, iterations };
}

interface Runs {
  readonly 'encrypt floor': number[];
  readonly 'encrypt stream': number[];
  readonly 'decrypt floor': number[];
  readonly 'decrypt stream': number[];
}

/** Runs in the page: everything it needs comes in as arguments or from `window.bench`. */
async function measureStreams({
  size,
  rounds,
  chunk,
}: {
  size: number;
  rounds: number;
  chunk: number;
}): Promise<Runs> {
  const { DEFAULT_RECORD_SIZE, RECORD_OVERHEAD, decryptBody, encryptBody, encryptedBodyLength } = (
    window as unknown as { bench: PageModules }
  ).bench.bodyStream;
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

export async function browserFigures(options: BrowserOptions): Promise<Section> {
  const script = await pageScript();
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      return res.end(script);
    }
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>SecretSentry bench</title><script src="/bench.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    const figures: Figure[] = [];
    const notes: string[] = [];

    const seal = await page.evaluate(measureSeal, { rounds: options.sealRounds });
    figures.push(
      compared(`seal + open, ${seal.bytes / 1024} KiB text`, 'ms', seal.ours, seal.floor),
    );
    notes.push(
      `seal + open: 1 MiB of text (its JWE is ${(seal.jwe / MIB).toFixed(2)} MiB) through core/envelope.ts (new K, read token, JWE via jose, parse, decrypt); floor: AES-256-GCM encrypt + decrypt of the same bytes with an imported key`,
    );

    const pbkdf2 = await page.evaluate(measurePbkdf2, { rounds: options.pbkdf2Rounds });
    figures.push(
      compared(
        `passphrase, PBKDF2 ${pbkdf2.iterations.toLocaleString('en')} iterations`,
        'ms',
        pbkdf2.ours,
        pbkdf2.floor,
      ),
    );
    notes.push(
      "passphrase: a recipient's unlock() (PBKDF2-SHA256, two HKDFs, SHA-256); floor: WebCrypto's PBKDF2 deriveBits alone",
    );

    if (options.streamMiB > 0) {
      figures.push(...(await streams(page, options)));
      notes.push(
        `body streams: ${options.streamMiB} MiB in ${options.chunkKiB} KiB chunks through core/body-stream.ts; floor: WebCrypto AES-128-GCM over the same 64 KiB records, as many in flight, without streams or copies`,
      );
    }
    notes.push('no goal: these stay printed so that a regression shows');
    return {
      id: 'browser',
      title: `Page cryptography in Chromium ${browser.version()} (headless), over raw WebCrypto doing the same work`,
      figures,
      notes,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

async function streams(page: Page, options: BrowserOptions): Promise<Figure[]> {
  const size = options.streamMiB * MIB;
  const runs = await page.evaluate(measureStreams, {
    size,
    rounds: options.streamRounds,
    chunk: options.chunkKiB * 1024,
  });
  const mibps = (values: number[]) => values.map((ms) => size / MIB / (ms / 1000));
  return (['encrypt', 'decrypt'] as const).map((what) =>
    compared(
      `file body ${what}, ${options.streamMiB} MiB`,
      'MiB/s',
      mibps(runs[`${what} stream`]),
      mibps(runs[`${what} floor`]),
    ),
  );
}

if (import.meta.main) {
  const [streamMiB = '100', streamRounds = '5', chunkKiB = '1024'] = process.argv.slice(2);
  console.log(
    formatSection(
      await browserFigures({
        sealRounds: 15,
        pbkdf2Rounds: 5,
        streamMiB: Number(streamMiB),
        streamRounds: Number(streamRounds),
        chunkKiB: Number(chunkKiB),
      }),
    ),
  );
}
