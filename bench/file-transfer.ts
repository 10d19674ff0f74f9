// A file shared and read back through the CLI (encrypt, presigned PUTs, seal, read, presigned GET,
// decrypt: the whole user path, process start included) against its floor: the same bytes put with
// one PutObject and fetched with one GetObject by the AWS SDK, against the same S3 emulator.
//   node bench/file-transfer.ts [MiB, comma-separated = 100,1024] [rounds = 3]
// Runs are interleaved and medians compared. Figures and ratios only; nothing passes or fails.
// The throughput goal is judged at the largest size (1 GiB, the largest file the service takes): at
// 100 MiB the fixed costs of the user path (two CLI starts, the API calls, the seal's assembly of the
// parts) weigh as much as the bytes, so from the two sizes the fixed seconds and the steady MiB/s of
// each path are printed too.
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createApiClient } from '../core/api.ts';
import { encryptedBodyLength } from '../core/body-stream.ts';
import { newSecretKeys } from '../core/envelope.ts';
import { localS3Client } from '../local/emulators.ts';
import { startLocalStack } from '../local/server.ts';

const MIB = 1024 * 1024;
const sizes = (process.argv[2] ?? '100,1024').split(',').map((mib) => Number(mib) * MIB);
const rounds = Number(process.argv[3] ?? 3);
const GOAL = 0.5;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = path.join(ROOT, 'packages/cli/dist/cli.js');

const work = mkdtempSync(path.join(tmpdir(), 'secretsentry-bench-files-'));
const stack = await startLocalStack({
  port: 0,
  host: '127.0.0.1',
  dataDir: path.join(work, 'data'),
  sweepIntervalSeconds: 86_400,
});
const api = `${stack.url}/api`;

// The emulator's endpoint and bucket, as the stack itself signs them into an upload URL.
const probe = await createApiClient(api).create({
  file: { manifest: await probeManifest(), bodyBytes: encryptedBodyLength(1) },
  readTokenHash: (await newSecretKeys()).readTokenHash,
});
if (!probe.upload || !('url' in probe.upload)) throw new Error('expected a single-PUT upload URL');
const uploadUrl = new URL(probe.upload.url);
const s3 = localS3Client(uploadUrl.origin);
const bucket = uploadUrl.pathname.split('/')[1]!;

const input = path.join(work, 'input.bin');
async function writeInput(size: number): Promise<void> {
  const handle = await open(input, 'w');
  const block = randomBytes(4 * MIB);
  for (let written = 0; written < size; written += block.length) {
    block.writeUInt32BE(written / block.length, 0);
    await handle.write(block.subarray(0, Math.min(block.length, size - written)));
  }
  await handle.close();
}

function cli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, SECRETSENTRY_API_URL: api },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('close', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`cli ${args[0]}: ${code} ${err}`)),
    );
  });
}

/** Seconds for the share, the read, and both. */
interface Timing {
  readonly up: number;
  readonly down: number;
  readonly total: number;
}

async function ours(round: number): Promise<Timing> {
  const out = path.join(work, `ours-${round}.bin`);
  const start = performance.now();
  const link = await cli(['share', '--file', input]);
  const shared = performance.now();
  await cli(['get', link, '--out', out]);
  const end = performance.now();
  rmSync(out);
  return { up: (shared - start) / 1000, down: (end - shared) / 1000, total: (end - start) / 1000 };
}

async function floor(round: number, size: number): Promise<Timing> {
  const key = `bench/floor-${round}`;
  const out = path.join(work, `floor-${round}.bin`);
  const start = performance.now();
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: createReadStream(input),
      ContentLength: size,
    }),
  );
  const put = performance.now();
  const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  await pipeline(got.Body as Readable, createWriteStream(out));
  const end = performance.now();
  rmSync(out);
  return { up: (put - start) / 1000, down: (end - put) / 1000, total: (end - start) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Median seconds of each path at each size. */
const medians: { size: number; ours: number; floor: number }[] = [];
let ratio = 0;
try {
  for (const size of sizes) {
    await writeInput(size);
    const times = { ours: [] as Timing[], floor: [] as Timing[] };
    // Warm-up of both paths (the first PUT and the first process pay for loading code).
    await ours(-1);
    await floor(-1, size);
    for (let round = 0; round < rounds; round += 1) {
      // Alternate which goes first, so neither always runs on a warmer machine.
      if (round % 2 === 0) {
        times.ours.push(await ours(round));
        times.floor.push(await floor(round, size));
      } else {
        times.floor.push(await floor(round, size));
        times.ours.push(await ours(round));
      }
    }
    const rate = (seconds: number) => size / MIB / seconds;
    const line = (name: string, runs: Timing[]) => {
      const xs = runs.map((t) => t.total);
      const part = (key: 'up' | 'down') => median(runs.map((t) => t[key])).toFixed(2);
      return (
        `  ${name.padEnd(44)} ${rate(median(xs)).toFixed(1).padStart(7)} MiB/s  (median of ${xs.length}; ` +
        `${rate(Math.max(...xs)).toFixed(1)}–${rate(Math.min(...xs)).toFixed(1)}; up ${part('up')} s, down ${part('down')} s)`
      );
    };
    const seconds = {
      size,
      ours: median(times.ours.map((t) => t.total)),
      floor: median(times.floor.map((t) => t.total)),
    };
    medians.push(seconds);
    ratio = seconds.floor / seconds.ours;
    console.log(
      `\nFile share + read of ${size / MIB} MiB on the local stack (s3rver), interleaved`,
    );
    console.log(line('ours: CLI share --file, then get --out', times.ours));
    console.log(line('floor: SDK PutObject + GetObject, same bytes', times.floor));
    console.log(`  ratio ours/floor ${ratio.toFixed(2)}×`);
  }
} finally {
  s3.destroy();
  await stack.close();
  rmSync(work, { recursive: true, force: true });
}

const largest = medians.at(-1)!;
console.log(
  `\nThroughput at ${largest.size / MIB} MiB: ours/floor ${ratio.toFixed(2)}× ` +
    `(goal ≥ ${GOAL}×: ${ratio >= GOAL ? 'met' : 'NOT met'})`,
);
if (medians.length >= 2) {
  // seconds = fixed + bytes / steady rate, through the smallest and the largest size.
  const first = medians[0]!;
  const fit = (key: 'ours' | 'floor') => {
    const perMib = (largest[key] - first[key]) / ((largest.size - first.size) / MIB);
    return `${(first[key] - (perMib * first.size) / MIB).toFixed(2)} s fixed, ${(1 / perMib).toFixed(0)} MiB/s steady`;
  };
  console.log(`  a line through both sizes, seconds = fixed + MiB / steady rate:`);
  console.log(`  ours:  ${fit('ours')}  (two CLI starts, the API calls, the seal's assembly)`);
  console.log(`  floor: ${fit('floor')}  (one PUT and one GET)`);
}
console.log(
  '  ours also encrypts and decrypts every byte, uploads in parts the emulator then copies into one\n' +
    '  object, and syncs the file it writes; the floor does none of that.',
);

async function probeManifest(): Promise<string> {
  const { sealManifest } = await import('../core/files.ts');
  return sealManifest({ name: 'probe', type: '', size: 1 }, new Uint8Array(32));
}
