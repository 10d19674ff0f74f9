// The vault's presigned URLs against the real S3 emulator, through the local stack's client code: files
// go straight between the client and the vault, never through a Lambda.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbortMultipartUploadCommand, NoSuchUpload } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createClients, type AwsClients } from '../../lambdas/common/clients.ts';
import { S3_SIZES, Vault, VaultAccessDeniedError } from '../../lambdas/common/vault.ts';
import { allowPageOrigins, startEmulators, type Emulators } from '../../local/emulators.ts';
import { emulatorClientOptions } from '../../local/server.ts';
import { tempDataDir } from '../helpers/localStack.ts';

const NAMES = { tableName: 'secretsentry-tokens', bucketName: 'secretsentry-vault' };
const PAGE = 'http://127.0.0.1:8080';
const MINUTE = 60;
/** A key pair that reaches nothing: presigning is offline, and these URLs are only read. */
const NOWHERE = { accessKeyId: 'test', secretAccessKey: 'test' };

let dataDir: string;
let emulators: Emulators;
let clients: AwsClients;
let vault: Vault;
let nextId = 0;
/** A fresh id per use, so that no test sees another's object. */
const newId = (what: string) => `${what}-${(nextId += 1)}`;

beforeAll(async () => {
  dataDir = tempDataDir();
  emulators = await startEmulators(dataDir, NAMES);
  await allowPageOrigins(emulators, NAMES.bucketName, [PAGE]);
  clients = createClients(emulatorClientOptions(emulators));
  vault = new Vault(clients.s3, NAMES.bucketName);
});

afterAll(async () => {
  clients?.s3.destroy();
  clients?.dynamo.destroy();
  await emulators?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const put = (url: string, body: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'PUT', body, headers });

/** The browser's question before a cross-origin request with this method. */
const preflight = (url: string, origin: string, method: string, headers?: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': method,
      ...(headers ? { 'Access-Control-Request-Headers': headers } : {}),
    },
  });

/** An object uploaded the way a client will: through a presigned PUT. */
async function uploaded(id: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const answer = await put(await vault.presignPut(id, bytes.length, MINUTE), bytes);
  expect(answer.status).toBe(200);
}

/** Compares large bodies by digest: jest's toEqual walks a 10 MiB buffer byte by byte, for a minute. */
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A vault whose clock is ten minutes behind: its URLs are dated, and so expire, in the past. */
const pastVault = () =>
  new Vault(clients.s3, NAMES.bucketName, () => new Date(Date.now() - 10 * MINUTE * 1000));

describe('presigned uploads', () => {
  const lambda = () =>
    new Vault(createClients({ s3: { region: 'eu-west-1', credentials: NOWHERE } }).s3, 'vault');

  it.each([
    ['the local stack', () => vault],
    ["Lambda's (the SDK's default checksums)", lambda],
  ])(
    'signs only the content length and the host, with no checksum or encryption parameter, on %s client',
    async (_, which) => {
      const urls = [
        await which().presignPut('signed', 1234, MINUTE),
        ...(
          await which().presignParts('signed', 'upload-1', [S3_SIZES.minPartBytes, 7], MINUTE)
        ).map((part) => part.url),
      ].map((url) => new URL(url));

      for (const url of urls) {
        expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;host');
        expect(
          [...url.searchParams.keys()].filter((name) =>
            /^x-amz-(checksum|sdk-checksum|server-side-encryption)/i.test(name),
          ),
        ).toEqual([]);
      }
    },
  );

  it('stores what a presigned PUT carries, and head tells its exact size', async () => {
    const id = newId('put');

    await uploaded(id, randomBytes(3000));

    expect(await vault.head(id)).toEqual({ contentLength: 3000, versionId: undefined });
  });

  it('shows at head the bytes stored when the emulator took another size than signed', async () => {
    const id = newId('wrong-size');
    // AWS refuses this (Content-Length is signed); s3rver checks no signature and stores it.
    const url = await vault.presignPut(id, 100, MINUTE);

    const answer = await put(url, randomBytes(150));

    expect(answer.status).toBe(200);
    expect((await vault.head(id))?.contentLength).toBe(150);
  });

  it('refuses an expired upload URL with 403 and stores nothing', async () => {
    const id = newId('expired-put');
    const url = await pastVault().presignPut(id, 10, MINUTE);

    const answer = await put(url, randomBytes(10));

    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain('<Code>AccessDenied</Code>');
    expect(await vault.head(id)).toBeUndefined();
  });

  it('keeps upload URLs to at most 15 minutes, and whole seconds', async () => {
    await expect(vault.presignPut('bounds', 10, 900)).resolves.toMatch(/X-Amz-Expires=900/);
    await expect(vault.presignPut('bounds', 10, 901)).rejects.toThrow(RangeError);
    await expect(vault.presignPut('bounds', 10, 0)).rejects.toThrow(RangeError);
    await expect(vault.presignPut('bounds', 10, 1.5)).rejects.toThrow(RangeError);
    await expect(vault.presignParts('bounds', 'upload-1', [10], 901)).rejects.toThrow(RangeError);
  });

  it('refuses an empty object and a part under 5 MiB before the last, which s3rver would take', async () => {
    await expect(vault.presignPut('sizes', 0, MINUTE)).rejects.toThrow(RangeError);
    await expect(vault.presignParts('sizes', 'upload-1', [], MINUTE)).rejects.toThrow(RangeError);
    await expect(
      vault.presignParts('sizes', 'upload-1', [S3_SIZES.minPartBytes - 1, 10], MINUTE),
    ).rejects.toThrow(RangeError);
    await expect(
      vault.presignParts('sizes', 'upload-1', [S3_SIZES.minPartBytes, 1], MINUTE),
    ).resolves.toHaveLength(2);
  });
});

describe('presigned downloads', () => {
  it('serve the exact bytes, uncacheable', async () => {
    const id = newId('get');
    const bytes = randomBytes(4096);
    await uploaded(id, bytes);

    const answer = await fetch(await vault.presignGet(id, undefined, MINUTE));

    expect(answer.status).toBe(200);
    expect(Buffer.from(await answer.arrayBuffer())).toEqual(bytes);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('name the exact version when one is known', async () => {
    const pinned = new URL(await vault.presignGet('versioned', 'version-7', MINUTE));
    const current = new URL(await vault.presignGet('versioned', undefined, MINUTE));

    expect(pinned.searchParams.get('versionId')).toBe('version-7');
    expect(current.searchParams.has('versionId')).toBe(false);
  });

  it('are refused with 403 once expired', async () => {
    const id = newId('expired-get');
    await uploaded(id, randomBytes(10));
    const url = await pastVault().presignGet(id, undefined, MINUTE);

    const answer = await fetch(url);

    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('last at most 5 minutes, and whole seconds', async () => {
    await expect(vault.presignGet('bounds', undefined, 300)).resolves.toMatch(/X-Amz-Expires=300/);
    await expect(vault.presignGet('bounds', undefined, 301)).rejects.toThrow(RangeError);
    await expect(vault.presignGet('bounds', undefined, 0)).rejects.toThrow(RangeError);
  });
});

describe('multipart uploads', () => {
  it('assemble presigned parts into one object, byte-exact', async () => {
    const id = newId('multipart');
    const parts = [
      randomBytes(S3_SIZES.minPartBytes),
      randomBytes(S3_SIZES.minPartBytes),
      randomBytes(1234),
    ];
    const uploadId = await vault.startMultipart(id);
    const urls = await vault.presignParts(
      id,
      uploadId,
      parts.map((part) => part.length),
      MINUTE,
    );

    const uploadedParts = await Promise.all(
      urls.map(async ({ partNumber, url }) => {
        const answer = await put(url, parts[partNumber - 1]!);
        expect(answer.status).toBe(200);
        return { partNumber, etag: answer.headers.get('etag') ?? '' };
      }),
    );
    await vault.completeMultipart(id, uploadId, uploadedParts);

    const whole = Buffer.concat(parts);
    expect((await vault.head(id))?.contentLength).toBe(whole.length);
    const answer = await fetch(await vault.presignGet(id, undefined, MINUTE));
    expect(sha256(new Uint8Array(await answer.arrayBuffer()))).toBe(sha256(whole));
  });

  it('complete only parts numbered 1 to n in order, each with its ETag', async () => {
    const etag = '"0123456789abcdef0123456789abcdef"';

    await expect(
      vault.completeMultipart('order', 'upload-1', [
        { partNumber: 2, etag },
        { partNumber: 1, etag },
      ]),
    ).rejects.toThrow(RangeError);
    await expect(
      vault.completeMultipart('order', 'upload-1', [{ partNumber: 1, etag: '' }]),
    ).rejects.toThrow(RangeError);
    await expect(vault.completeMultipart('order', 'upload-1', [])).rejects.toThrow(RangeError);
  });

  /** A started upload with its first part uploaded through its presigned URL. */
  async function onePartUploaded(id: string) {
    const uploadId = await vault.startMultipart(id);
    const [part] = await vault.presignParts(id, uploadId, [10], MINUTE);
    const answer = await put(part!.url, randomBytes(10));
    expect(answer.status).toBe(200);
    return { uploadId, etag: answer.headers.get('etag') ?? '' };
  }

  it('abort removes the upload, so it can no longer be completed', async () => {
    const id = newId('abort');
    const { uploadId, etag } = await onePartUploaded(id);

    expect(await vault.abortMultipart(id, uploadId)).toBe(true);

    expect(await vault.abortMultipart(id, uploadId)).toBe(false);
    await expect(
      vault.completeMultipart(id, uploadId, [{ partNumber: 1, etag }]),
    ).rejects.toMatchObject({ name: 'NoSuchUpload' });
    expect(await vault.head(id)).toBeUndefined();
  });

  it('refuses to complete with a part never uploaded, and the emulator lives on', async () => {
    const id = newId('missing-part');
    const { uploadId, etag } = await onePartUploaded(id);

    await expect(
      vault.completeMultipart(id, uploadId, [
        { partNumber: 1, etag },
        { partNumber: 2, etag },
      ]),
    ).rejects.toMatchObject({ name: 'InvalidPart' });

    expect(await vault.head(id)).toBeUndefined();
    await vault.completeMultipart(id, uploadId, [{ partNumber: 1, etag }]);
    expect((await vault.head(id))?.contentLength).toBe(10);
  });

  it('refuses to complete with an ETag the part upload did not answer', async () => {
    const id = newId('wrong-etag');
    const { uploadId } = await onePartUploaded(id);

    await expect(
      vault.completeMultipart(id, uploadId, [
        { partNumber: 1, etag: '"0123456789abcdef0123456789abcdef"' },
      ]),
    ).rejects.toMatchObject({ name: 'InvalidPart' });
  });

  describe('abort, as AWS answers it', () => {
    // s3rver answers AbortMultipartUpload 405: AWS's answers are mocked at the SDK boundary.
    const s3 = createClients({ s3: { region: 'eu-west-1', credentials: NOWHERE } }).s3;
    const aws = mockClient(s3);
    const awsVault = new Vault(s3, 'vault');
    beforeEach(() => {
      aws.reset();
    });

    it('aborts the upload of the secret’s object', async () => {
      aws.on(AbortMultipartUploadCommand).resolves({});

      await expect(awsVault.abortMultipart('abc', 'upload-1')).resolves.toBe(true);

      expect(aws.commandCalls(AbortMultipartUploadCommand)[0]?.args[0].input).toEqual({
        Bucket: 'vault',
        Key: 'secrets/abc',
        UploadId: 'upload-1',
      });
    });

    it('says false when S3 knows no such upload (aborted, expired or completed)', async () => {
      aws
        .on(AbortMultipartUploadCommand)
        .rejects(new NoSuchUpload({ message: 'no such upload', $metadata: {} }));

      await expect(awsVault.abortMultipart('abc', 'upload-1')).resolves.toBe(false);
    });
  });
});

describe('head', () => {
  it('says undefined for a key the emulator does not have (404)', async () => {
    expect(await vault.head(newId('missing'))).toBeUndefined();
  });

  it('throws VaultAccessDeniedError on a 403, AWS’s answer for a missing key too', async () => {
    // A HEAD answer has no body: a stand-in server gives the SDK exactly what S3 sends.
    const server: Server = createServer((_req, res) => {
      res.writeHead(403, { 'x-amz-request-id': 'REQUEST1' });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const { s3 } = createClients({
      s3: {
        endpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        credentials: NOWHERE,
        forcePathStyle: true,
      },
    });
    try {
      const refused = new Vault(s3, 'vault').head('abc');

      await expect(refused).rejects.toThrow(VaultAccessDeniedError);
      await expect(refused).rejects.toMatchObject({ awsRequestId: 'REQUEST1' });
    } finally {
      s3.destroy();
      server.close();
    }
  });
});

describe("the vault's CORS rule for the local page", () => {
  it('lets the page origin send a PUT and a GET', async () => {
    const url = await vault.presignPut('cors', 10, MINUTE);

    const putAnswer = await preflight(url, PAGE, 'PUT');
    const getAnswer = await preflight(url, PAGE, 'GET');

    expect(putAnswer.status).toBe(200);
    expect(getAnswer.status).toBe(200);
    expect(putAnswer.headers.get('access-control-allow-methods')).toBe('GET, PUT');
  });

  it('refuses another origin', async () => {
    const url = await vault.presignPut('cors', 10, MINUTE);

    const answer = await preflight(url, 'http://127.0.0.1:8081', 'PUT');

    expect(answer.status).toBe(403);
  });

  it('refuses request headers: the page sends the body alone', async () => {
    const url = await vault.presignPut('cors', 10, MINUTE);

    const answer = await preflight(url, PAGE, 'PUT', 'content-type');

    expect(answer.status).toBe(403);
  });

  it("lets the page read a part's ETag, which completing the upload needs", async () => {
    const id = newId('cors-part');
    const uploadId = await vault.startMultipart(id);
    const [part] = await vault.presignParts(id, uploadId, [10], MINUTE);

    const answer = await put(part!.url, randomBytes(10), { Origin: PAGE });

    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(answer.headers.get('access-control-expose-headers')).toBe('ETag');
  });
});
