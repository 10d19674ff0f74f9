// Files end to end on the local stack: the client encrypts the body (core/body-stream.ts), uploads it
// straight to the S3 emulator through the URLs create answers, seals it, and a reader downloads it
// through the URL read answers. Multipart runs with parts of 5 MiB (S3's minimum), not 16 MiB.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { deriveBodyKey, decryptBodyBytes, encryptBodyBytes } from '../../core/body-stream.ts';
import type { Created, Upload } from '../../core/contract.ts';
import { open, parseKey, seal } from '../../core/envelope.ts';
import { startLocalStack, type LocalStack } from '../../local/server.ts';
import { tempDataDir } from '../helpers/localStack.ts';

const MiB = 1024 ** 2;
const SIZES = { multipartThresholdBytes: 6 * MiB, partBytes: 5 * MiB };

let stack: LocalStack;
let api: string;

beforeAll(async () => {
  stack = await startLocalStack({
    port: 0,
    host: '127.0.0.1',
    dataDir: tempDataDir(),
    // No sweep during the tests: what they check is the API's, not the sweep's.
    sweepIntervalSeconds: 86_400,
    uploadSizes: SIZES,
  });
  api = `${stack.url}/api`;
}, 30_000);

afterAll(async () => {
  await stack?.close();
});

const call = (method: string, path: string, token?: string, body?: unknown) =>
  fetch(`${api}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

interface SharedFile {
  readonly plaintext: Uint8Array;
  readonly body: Uint8Array;
  readonly key: Uint8Array;
  readonly readToken: string;
  readonly manifest: string;
  readonly created: Created & { upload: Upload };
}

/** Encrypts `size` random bytes as the page will, and creates the file secret (nothing uploaded). */
async function createFile(
  size: number,
  declare?: (bodyBytes: number) => number,
): Promise<SharedFile> {
  const plaintext = new Uint8Array(randomBytes(size));
  const manifestPlain = JSON.stringify({
    name: 'fixture.bin',
    type: 'application/octet-stream',
    size,
  });
  const sealed = await seal(manifestPlain);
  const key = parseKey(sealed.key);
  const body = await encryptBodyBytes(await deriveBodyKey(key), plaintext);
  const res = await call('POST', '/secrets', undefined, {
    file: { manifest: sealed.ciphertext, bodyBytes: declare ? declare(body.length) : body.length },
    readTokenHash: sealed.readTokenHash,
  });
  expect(res.status).toBe(201);
  const created = (await res.json()) as Created & { upload: Upload };
  expect(created.upload).toBeDefined();
  return {
    plaintext,
    body,
    key,
    readToken: sealed.readToken,
    manifest: sealed.ciphertext,
    created,
  };
}

/** PUTs the body to its URL(s); the parts' ETags for the seal of a multipart upload. */
async function uploadBody(file: SharedFile, body = file.body) {
  const { upload } = file.created;
  if ('url' in upload) {
    const res = await fetch(upload.url, { method: 'PUT', body: body.slice() });
    expect(res.status).toBe(200);
    return undefined;
  }
  const parts = [];
  for (const part of upload.parts) {
    const from = (part.partNumber - 1) * upload.partBytes;
    const res = await fetch(part.url, {
      method: 'PUT',
      body: body.slice(from, from + upload.partBytes),
    });
    expect(res.status).toBe(200);
    parts.push({ partNumber: part.partNumber, etag: res.headers.get('etag') ?? '' });
  }
  return parts;
}

const sealFile = (file: SharedFile, parts?: { partNumber: number; etag: string }[]) =>
  call(
    'POST',
    `/secrets/${file.created.id}/seal`,
    file.created.manageToken,
    parts ? { parts } : undefined,
  );

/** Reads the file and downloads its body; the plaintext the reader ends up with. */
async function readAndDownload(file: SharedFile): Promise<Uint8Array> {
  const res = await call('POST', `/secrets/${file.created.id}/read`, file.readToken);
  expect(res.status).toBe(200);
  const read = (await res.json()) as {
    manifest: string;
    download: { url: string; expiresAt: string };
    bodyBytes: number;
  };
  expect(read.manifest).toBe(file.manifest);
  expect(read.bodyBytes).toBe(file.body.length);
  expect(JSON.parse(new TextDecoder().decode(await open(read.manifest, file.key)))).toMatchObject({
    size: file.plaintext.length,
  });
  const download = await fetch(read.download.url);
  expect(download.status).toBe(200);
  const body = new Uint8Array(await download.arrayBuffer());
  return decryptBodyBytes(await deriveBodyKey(file.key), body);
}

describe('a file on the local stack', () => {
  it('goes up with one PUT, is sealed, and comes down byte for byte', async () => {
    const file = await createFile(3 * MiB);
    expect('url' in file.created.upload).toBe(true);
    expect(await uploadBody(file)).toBeUndefined();

    const sealed = await sealFile(file);
    expect(sealed.status).toBe(200);
    expect(await sealed.json()).toEqual({
      id: file.created.id,
      expiresAt: file.created.expiresAt,
      maxReads: 1,
    });
    const meta = await call('GET', `/secrets/${file.created.id}`, file.readToken);
    expect(await meta.json()).toMatchObject({ kind: 'file', remainingReads: 1 });

    expect(Buffer.from(await readAndDownload(file)).equals(Buffer.from(file.plaintext))).toBe(true);
    // The one read is spent: the secret is gone for readers.
    expect((await call('POST', `/secrets/${file.created.id}/read`, file.readToken)).status).toBe(
      404,
    );
  });

  it('goes up in parts above the multipart threshold: three parts, the last one the rest', async () => {
    const file = await createFile(12 * MiB);
    const { upload } = file.created;
    if ('url' in upload) throw new Error('expected a multipart upload');
    expect(upload.parts.map((p) => p.partNumber)).toEqual([1, 2, 3]);
    expect(upload.partBytes).toBe(SIZES.partBytes);

    const parts = await uploadBody(file);
    expect((await sealFile(file, parts)).status).toBe(200);

    expect(Buffer.from(await readAndDownload(file)).equals(Buffer.from(file.plaintext))).toBe(true);
  });

  it('reads like an unknown secret until it is sealed', async () => {
    const file = await createFile(1024);
    await uploadBody(file);

    const meta = await call('GET', `/secrets/${file.created.id}`, file.readToken);
    const read = await call('POST', `/secrets/${file.created.id}/read`, file.readToken);
    const unknown = await call('POST', `/secrets/${'A'.repeat(22)}/read`, file.readToken);

    expect([meta.status, read.status]).toEqual([404, 404]);
    expect(await read.json()).toEqual(await unknown.json());
    const receipt = await call(
      'GET',
      `/secrets/${file.created.id}/receipt`,
      file.created.manageToken,
    );
    expect(await receipt.json()).toMatchObject({ state: 'pending' });
  });

  it('refuses to seal a body of another size than declared, and the secret stays unreadable', async () => {
    const file = await createFile(1024, (bodyBytes) => bodyBytes + 1);
    // s3rver checks no signature, so it takes a body of another length than the URL was signed for
    // (AWS would refuse it at once): the seal's size check is what stops it here.
    await uploadBody(file);

    const sealed = await sealFile(file);
    expect(sealed.status).toBe(409);
    expect(await sealed.json()).toMatchObject({ error: 'upload_mismatch' });
    expect((await call('POST', `/secrets/${file.created.id}/read`, file.readToken)).status).toBe(
      404,
    );
    expect((await call('GET', `/secrets/${file.created.id}`, file.readToken)).status).toBe(404);
  });

  it('refuses to seal before anything is uploaded', async () => {
    const file = await createFile(1024);

    const sealed = await sealFile(file);

    expect(sealed.status).toBe(409);
    expect(await sealed.json()).toMatchObject({ error: 'upload_mismatch' });
  });

  it('answers a second seal like the first, and changes nothing', async () => {
    const file = await createFile(1024);
    await uploadBody(file);
    const first = await sealFile(file);

    const second = await sealFile(file);

    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(await first.json());
    expect(Buffer.from(await readAndDownload(file)).equals(Buffer.from(file.plaintext))).toBe(true);
  });

  it('does not let a part URL used again after the seal change what the reader gets', async () => {
    const file = await createFile(12 * MiB);
    const parts = await uploadBody(file);
    expect((await sealFile(file, parts)).status).toBe(200);
    const { upload } = file.created;
    if ('url' in upload) throw new Error('expected a multipart upload');

    // AWS refuses a part of a completed upload (NoSuchUpload); s3rver stores it, but apart from the
    // object. (A single-PUT URL used again writes a new version of the key: in AWS the reader's URL
    // names the version sealed, which s3rver, unversioned, cannot show.)
    await fetch(upload.parts[0]!.url, { method: 'PUT', body: new Uint8Array(SIZES.partBytes) });

    expect(Buffer.from(await readAndDownload(file)).equals(Buffer.from(file.plaintext))).toBe(true);
  });

  it('lets the sender revoke a file before its seal, which then finds nothing to seal', async () => {
    const file = await createFile(1024);
    await uploadBody(file);

    const revoked = await call('DELETE', `/secrets/${file.created.id}`, file.created.manageToken);

    expect(revoked.status).toBe(204);
    expect((await sealFile(file)).status).toBe(404);
    const receipt = await call(
      'GET',
      `/secrets/${file.created.id}/receipt`,
      file.created.manageToken,
    );
    expect(await receipt.json()).toMatchObject({ state: 'revoked' });
  });

  it("lets the page's origin upload to the S3 emulator cross-origin, and read the ETag", async () => {
    const file = await createFile(1024);
    const { upload } = file.created;
    if (!('url' in upload)) throw new Error('expected one PUT');

    const preflight = await fetch(upload.url, {
      method: 'OPTIONS',
      headers: { Origin: stack.url, 'Access-Control-Request-Method': 'PUT' },
    });

    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toMatch(
      /^(\*|http:\/\/127\.0\.0\.1:\d+)$/,
    );
    const put = await fetch(upload.url, {
      method: 'PUT',
      headers: { Origin: stack.url },
      body: file.body.slice(),
    });
    expect(put.headers.get('access-control-expose-headers')).toMatch(/ETag/i);
  });
});
