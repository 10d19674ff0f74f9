// A file shared and read back through the CLI (encrypt, presigned PUTs, seal, read, presigned GET,
// decrypt: the whole user path, process start included) against its floor: the same bytes put with
// one PutObject and fetched with one GetObject by the AWS SDK, against the same S3 emulator.
//   node bench/file-transfer.ts [MiB = 100] [rounds = 3]
// Runs are interleaved and medians compared. Figures and a ratio only; nothing passes or fails.
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
const size = Number(process.argv[2] ?? 100) * MIB;
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
const handle = await open(input, 'w');
const block = randomBytes(4 * MIB);
for (let written = 0; written < size; written += block.length) {
  block.writeUInt32BE(written / block.length, 0);
  await handle.write(block.subarray(0, Math.min(block.length, size - written)));
}
await handle.close();

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

async function floor(round: number): Promise<Timing> {
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

const times = { ours: [] as Timing[], floor: [] as Timing[] };
try {
  // Warm-up of both paths (the first PUT and the first process pay for loading code).
  await ours(-1);
  await floor(-1);
  for (let round = 0; round < rounds; round += 1) {
    // Alternate which goes first, so neither always runs on a warmer machine.
    if (round % 2 === 0) {
      times.ours.push(await ours(round));
      times.floor.push(await floor(round));
    } else {
      times.floor.push(await floor(round));
      times.ours.push(await ours(round));
    }
  }
} finally {
  s3.destroy();
  await stack.close();
  rmSync(work, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (seconds: number) => size / MIB / seconds;
const line = (name: string, runs: Timing[]) => {
  const xs = runs.map((t) => t.total);
  const part = (key: 'up' | 'down') => median(runs.map((t) => t[key])).toFixed(2);
  return (
    `  ${name.padEnd(44)} ${rate(median(xs)).toFixed(1).padStart(7)} MiB/s  (median of ${xs.length}; ` +
    `${rate(Math.max(...xs)).toFixed(1)}–${rate(Math.min(...xs)).toFixed(1)}; up ${part('up')} s, down ${part('down')} s)`
  );
};
const ratio =
  rate(median(times.ours.map((t) => t.total))) / rate(median(times.floor.map((t) => t.total)));
console.log(`\nFile share + read of ${size / MIB} MiB on the local stack (s3rver), interleaved`);
console.log(line('ours: CLI share --file, then get --out', times.ours));
console.log(line('floor: SDK PutObject + GetObject, same bytes', times.floor));
console.log(
  `  ratio ours/floor ${ratio.toFixed(2)}×  (goal ≥ ${GOAL}×: ${ratio >= GOAL ? 'met' : 'NOT met'})`,
);
console.log(
  '  ours also pays two CLI starts, the encryption, a multipart upload the emulator assembles by\n' +
    '  copying, the seal and the read calls, and an fsync; the floor is one PUT and one GET.',
);

async function probeManifest(): Promise<string> {
  const { sealManifest } = await import('../core/files.ts');
  return sealManifest({ name: 'probe', type: '', size: 1 }, new Uint8Array(32));
}
