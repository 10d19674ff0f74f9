// A file shared and read back through the CLI (encrypt, presigned PUTs, seal, read, presigned GET,
// decrypt: the whole user path, process start included) against its floor: the same bytes put with
// one PutObject and fetched with one GetObject by the AWS SDK, against the same S3 emulator.
//   node bench/file-transfer.ts [MiB, comma-separated = 100,1024] [rounds = 3]
// Runs are interleaved; the ratio is the median of per-round ratios. Figures and ratios only; nothing
// passes or fails. The throughput goal is meant for the largest size (1 GiB, the largest file the
// service takes): at 100 MiB the fixed costs of the user path (two CLI starts, the API calls, the
// seal's assembly of the parts) weigh as much as the bytes, so from two sizes the fixed seconds and the
// steady MiB/s of each path are worked out too.
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
import { sealManifest } from '../core/files.ts';
import { localS3Client } from '../local/emulators.ts';
import { startLocalStack } from '../local/server.ts';
import { compared, formatSection, spread, type Figure, type Section } from './figures.ts';

const MIB = 1024 * 1024;
export const FILE_TRANSFER_GOAL = { on: 'ratio', op: '>=', limit: 0.5 } as const;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = path.join(ROOT, 'packages/cli/dist/cli.js');

export interface FileTransferOptions {
  readonly sizesMiB: readonly number[];
  readonly rounds: number;
}

/** Seconds for the share, the read, and both. */
interface Timing {
  readonly up: number;
  readonly down: number;
  readonly total: number;
}

export async function fileTransfer(options: FileTransferOptions): Promise<Section> {
  const work = mkdtempSync(path.join(tmpdir(), 'secretsentry-bench-files-'));
  const stack = await startLocalStack({
    port: 0,
    host: '127.0.0.1',
    dataDir: path.join(work, 'data'),
    sweepIntervalSeconds: 86_400,
  });
  const api = `${stack.url}/api`;
  const input = path.join(work, 'input.bin');

  // The emulator's endpoint and bucket, as the stack itself signs them into an upload URL.
  const probe = await createApiClient(api).create({
    file: {
      manifest: await sealManifest({ name: 'probe', type: '', size: 1 }, new Uint8Array(32)),
      bodyBytes: encryptedBodyLength(1),
    },
    readTokenHash: (await newSecretKeys()).readTokenHash,
  });
  if (!probe.upload || !('url' in probe.upload))
    throw new Error('expected a single-PUT upload URL');
  const uploadUrl = new URL(probe.upload.url);
  const s3 = localS3Client(uploadUrl.origin);
  const bucket = uploadUrl.pathname.split('/')[1]!;

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

  async function ours(round: number): Promise<Timing> {
    const out = path.join(work, `ours-${round}.bin`);
    const start = performance.now();
    const link = await cli(['share', '--file', input]);
    const shared = performance.now();
    await cli(['get', link, '--out', out]);
    const end = performance.now();
    rmSync(out);
    return {
      up: (shared - start) / 1000,
      down: (end - shared) / 1000,
      total: (end - start) / 1000,
    };
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

  const figures: Figure[] = [];
  const notes: string[] = [];
  /** Median seconds of each path at each size. */
  const medians: { mib: number; ours: number; floor: number }[] = [];
  try {
    for (const mib of options.sizesMiB) {
      const size = mib * MIB;
      await writeInput(size);
      const times = { ours: [] as Timing[], floor: [] as Timing[] };
      // Warm-up of both paths (the first PUT and the first process pay for loading code).
      await ours(-1);
      await floor(-1, size);
      for (let round = 0; round < options.rounds; round += 1) {
        // Alternate which goes first, so neither always runs on a warmer machine.
        if (round % 2 === 0) {
          times.ours.push(await ours(round));
          times.floor.push(await floor(round, size));
        } else {
          times.floor.push(await floor(round, size));
          times.ours.push(await ours(round));
        }
      }
      const rate = (runs: Timing[]) => runs.map((t) => mib / t.total);
      figures.push(
        compared(
          `share + read, ${mib} MiB`,
          'MiB/s',
          rate(times.ours),
          rate(times.floor),
          // Held to the goal at the largest file only: below it, fixed costs weigh as much as bytes.
          mib >= 1024 ? FILE_TRANSFER_GOAL : undefined,
        ),
      );
      const part = (runs: Timing[], key: 'up' | 'down') =>
        spread(runs.map((t) => t[key])).median.toFixed(2);
      notes.push(
        `${mib} MiB, median seconds: ours up ${part(times.ours, 'up')}, down ${part(times.ours, 'down')}; ` +
          `floor up ${part(times.floor, 'up')}, down ${part(times.floor, 'down')}`,
      );
      medians.push({
        mib,
        ours: spread(times.ours.map((t) => t.total)).median,
        floor: spread(times.floor.map((t) => t.total)).median,
      });
    }
  } finally {
    s3.destroy();
    await stack.close();
    rmSync(work, { recursive: true, force: true });
  }

  if (medians.length >= 2) {
    // seconds = fixed + MiB / steady rate, through the smallest and the largest size.
    const [first, last] = [medians[0]!, medians.at(-1)!];
    const fit = (key: 'ours' | 'floor') => {
      const perMib = (last[key] - first[key]) / (last.mib - first.mib);
      return `${(first[key] - perMib * first.mib).toFixed(2)} s fixed, ${(1 / perMib).toFixed(0)} MiB/s steady`;
    };
    notes.push(`a line through both sizes: ours ${fit('ours')}; floor ${fit('floor')}`);
  }
  const largest = Math.max(...options.sizesMiB);
  notes.push(
    'ours: `secretsentry share --file` then `get --out` (the committed CLI bundle, two process starts, the API calls); floor: one PutObject and one GetObject of the same bytes',
    'ours also encrypts and decrypts every byte, uploads in parts the emulator then copies into one object, and syncs the file it writes; the floor does none of that',
    largest >= 1024
      ? 'the goal is meant for 1 GiB, the largest file the service takes'
      : `the goal is meant for 1 GiB (BENCH_FILE_MIB=100,1024 npm run bench; minutes longer); at ${largest} MiB fixed costs weigh as much as the bytes`,
  );
  return {
    id: 'file-transfer',
    title: `Files: share + read through the CLI and the local stack (s3rver), MiB/s over plain PutObject + GetObject (${options.rounds} interleaved rounds)`,
    figures,
    notes,
    details: { medianSeconds: medians },
  };
}

if (import.meta.main) {
  const [sizes = '100,1024', rounds = '3'] = process.argv.slice(2);
  console.log(
    formatSection(
      await fileTransfer({ sizesMiB: sizes.split(',').map(Number), rounds: Number(rounds) }),
    ),
  );
}
