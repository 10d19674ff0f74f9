// The embedded S3 emulator under the load the vault puts on it: many puts and deletes under one prefix.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startEmulators } from '../../local/emulators.ts';
import type { Emulators } from '../../local/emulators.ts';
import { tempDataDir } from '../helpers/localStack.ts';

const BUCKET = 'test-vault';
let dataDir: string;
let emulators: Emulators;
let s3: S3Client;

beforeAll(async () => {
  dataDir = tempDataDir();
  emulators = await startEmulators(dataDir, { tableName: 'test-tokens', bucketName: BUCKET });
  s3 = new S3Client({
    endpoint: emulators.s3Endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
    // One attempt: a failed put must show up here, not be hidden by the SDK's retries.
    maxAttempts: 1,
    // The cut-off upload below is meant to fail; the SDK would warn about it on the console.
    logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
});

afterAll(async () => {
  s3?.destroy();
  await emulators?.close();
});

const body = (worker: number, round: number) => `fixture ciphertext ${worker}.${round} `.repeat(64);

describe('the S3 emulator', () => {
  it('survives concurrent puts and deletes of different keys under one prefix', async () => {
    const errors: string[] = [];
    // Few writers, so that the prefix directory is often empty: the state in which s3rver's own
    // deleteObject removes it under a concurrent put (more writers keep it populated). The put's
    // unhandled stream error would end a real process; jest fails the suite on it.
    const worker = async (w: number) => {
      for (let round = 0; round < 100; round += 1) {
        const Key = `secrets/w${w}-r${round}`;
        try {
          await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: body(w, round) }));
          await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key }));
        } catch (error) {
          errors.push(`${Key}: ${(error as Error).name}`);
        }
      }
    };

    await Promise.all(Array.from({ length: 3 }, (_, w) => worker(w)));

    expect(errors).toEqual([]);
    // Deletes leave no files behind, and keep the prefix directory other writers are using.
    expect(await readdir(path.join(dataDir, 's3', BUCKET, 'secrets'))).toEqual([]);
  }, 60_000);

  it('returns the exact bytes of an object just put, with its metadata', async () => {
    const Key = 'secrets/exact-bytes';
    const bytes = Buffer.from([0, 255, 1, 254, ...Buffer.from('fixture ✓')]);

    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key, Body: bytes, ContentType: 'application/jose' }),
    );
    const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }));

    expect(Buffer.from(await out.Body!.transformToByteArray())).toEqual(bytes);
    expect(out.ContentType).toBe('application/jose');
    expect(out.ETag).toBe(`"${createMd5(bytes)}"`);
  });

  it('keeps nothing of an upload cut off midway', async () => {
    const Key = 'secrets/cut-off';
    // Half the declared body, then the client gives up.
    const half = new Readable({ read() {} });
    half.push(Buffer.alloc(64 * 1024, 1));
    const put = s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key, Body: half, ContentLength: 1 << 20 }),
      { abortSignal: AbortSignal.timeout(200) },
    );

    await expect(put).rejects.toThrow();

    await waitFor(async () => (await secretsFiles()).every((f) => !f.startsWith('.cut-off')));
    expect((await secretsFiles()).filter((f) => f.includes('cut-off'))).toEqual([]);
  });

  it('leaves only the object, its .md5 and its metadata after a put', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'secrets/one-file', Body: 'x' }));

    const files = (await secretsFiles()).filter(
      (f) => f.startsWith('one-file') || f.includes('.tmp-'),
    );
    expect(files.sort()).toEqual([
      'one-file._S3rver_metadata.json',
      'one-file._S3rver_object',
      'one-file._S3rver_object.md5',
    ]);
  });
});

describe("the S3 emulator's multipart uploads", () => {
  const MIB = 1024 * 1024;
  const start = async (Key: string) =>
    (await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }))).UploadId!;
  // s3rver keeps an upload's parts in <bucket>/._S3rver_uploads/<upload id>/.
  const uploads = () => path.join(dataDir, 's3', BUCKET, '._S3rver_uploads');

  it('assembles parts of any sizes into the exact bytes, with an ETag of the parts', async () => {
    const Key = 'secrets/assembled';
    const UploadId = await start(Key);
    // Parts of unequal sizes, the last short: the copy buffer's size must not show anywhere.
    const parts = [5 * MIB + 3, 7 * MIB - 1, 12_345].map((size, i) =>
      Buffer.alloc(size, i + 1).fill(i * 7 + 2, size >> 1),
    );
    const etags: string[] = [];
    for (const [i, Body] of parts.entries()) {
      const part = await s3.send(
        new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: i + 1, Body }),
      );
      etags.push(part.ETag!);
    }
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key,
        UploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
    );

    const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }));
    const bytes = Buffer.from(await out.Body!.transformToByteArray());
    expect(bytes.equals(Buffer.concat(parts))).toBe(true);
    const ofParts = createHash('md5')
      .update(Buffer.concat(parts.map((part) => Buffer.from(createMd5(part), 'hex'))))
      .digest('hex');
    expect(out.ETag).toBe(`"${ofParts}-3"`);
    // The parts are gone with the upload.
    expect(await readdir(uploads())).not.toContain(UploadId);
  });

  it('refuses a part of an upload it never started', async () => {
    await expect(
      s3.send(
        new UploadPartCommand({
          Bucket: BUCKET,
          Key: 'secrets/never-started',
          UploadId: '0123456789abcdef0123456789abcdef',
          PartNumber: 1,
          Body: 'fixture',
        }),
      ),
    ).rejects.toMatchObject({ name: 'NoSuchUpload' });
    expect(await readdir(uploads())).not.toContain('0123456789abcdef0123456789abcdef');
  });

  it('refuses a part number outside 1..10000', async () => {
    const UploadId = await start('secrets/part-numbers');
    for (const number of ['0', '10001', '1.5', 'x']) {
      const answer = await fetch(
        `${emulators.s3Endpoint}/${BUCKET}/secrets/part-numbers?partNumber=${number}&uploadId=${UploadId}`,
        { method: 'PUT', body: 'fixture' },
      );
      expect([number, answer.status, await answer.text()]).toEqual([
        number,
        400,
        expect.stringContaining('<Code>InvalidArgument</Code>'),
      ]);
    }
  });

  it('keeps nothing of a part cut off midway, and will not complete without it', async () => {
    const Key = 'secrets/part-cut-off';
    const UploadId = await start(Key);
    const half = new Readable({ read() {} });
    half.push(Buffer.alloc(64 * 1024, 1));
    const put = s3.send(
      new UploadPartCommand({
        Bucket: BUCKET,
        Key,
        UploadId,
        PartNumber: 1,
        Body: half,
        ContentLength: MIB,
      }),
      { abortSignal: AbortSignal.timeout(200) },
    );
    await expect(put).rejects.toThrow();

    const folder = path.join(uploads(), UploadId);
    await waitFor(async () => (await readdir(folder)).every((f) => !f.includes('.tmp-')));
    expect((await readdir(folder)).sort()).toEqual(['key', 'metadata']);
    await expect(
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key,
          UploadId,
          MultipartUpload: {
            Parts: [{ ETag: '"00000000000000000000000000000000"', PartNumber: 1 }],
          },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidPart' });
  });
});

function createMd5(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}

const secretsFiles = () => readdir(path.join(dataDir, 's3', BUCKET, 'secrets'));

async function waitFor(condition: () => Promise<boolean>, ms = 3000): Promise<void> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
