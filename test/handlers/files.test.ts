// Files through the handlers, at the AWS boundary: create mints upload URLs and stores a pending item,
// seal checks the upload and makes it readable, read answers the manifest and a download URL.
import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler as createCreate } from '../../lambdas/create/endpoint.ts';
import { createHandler as createRead } from '../../lambdas/read/endpoint.ts';
import { createHandler as createSeal } from '../../lambdas/seal/endpoint.ts';
import { createHandler as createMeta } from '../../lambdas/meta/endpoint.ts';
import { LIMITS } from '../../core/limits.ts';
import type { SecretRecord } from '../../lambdas/common/lifecycle.ts';
import { conditionFailed, dynamo, json, s3, testDeps } from '../helpers/aws.ts';
import {
  apiEvent,
  b64,
  credentials,
  lambdaContext,
  randomId,
  record,
  sampleJwe,
} from '../helpers/fixtures.ts';

const MiB = 1024 ** 2;
const deps = testDeps({ uploadSizes: { multipartThresholdBytes: 6 * MiB, partBytes: 5 * MiB } });
const create = createCreate(deps);
const sealHandler = createSeal(deps);
const read = createRead(deps);
const meta = createMeta(deps);
const creds = credentials();
const readTokenHash = b64(Buffer.alloc(32, 9));
let manifest: string;

const post = (body: unknown) =>
  create(
    apiEvent({
      httpMethod: 'POST',
      resource: '/secrets',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
    lambdaContext,
  );

const pending = (overrides: Partial<SecretRecord> = {}): SecretRecord => {
  // A pending file has no object version yet: seal records it.
  return {
    ...record(creds),
    objectVersion: undefined,
    state: 'pending',
    kind: 'file',
    bodyBytes: 1000,
    manifest,
    purgeAt: Math.ceil(Date.now() / 1000) + LIMITS.pendingSeconds,
    ...overrides,
  };
};

const sealEvent = (secret: SecretRecord, token = creds.manageToken, body?: unknown) =>
  apiEvent({
    httpMethod: 'POST',
    resource: '/secrets/{id}/seal',
    pathParameters: { id: secret.id },
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });

const readEvent = (secret: SecretRecord, token = creds.readToken) =>
  apiEvent({
    httpMethod: 'POST',
    resource: '/secrets/{id}/read',
    pathParameters: { id: secret.id },
    headers: { Authorization: `Bearer ${token}` },
  });

beforeEach(async () => {
  dynamo.reset();
  s3.reset();
  manifest ??= await sampleJwe('{"name":"fixture.bin"}');
  dynamo.on(PutCommand).resolves({});
  s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'upload-1' });
});

describe('POST /secrets with a file', () => {
  it('stores a pending item and answers one PUT URL signed for exactly bodyBytes', async () => {
    const result = await post({ file: { manifest, bodyBytes: 1000 }, readTokenHash });

    expect(result.statusCode).toBe(201);
    const body = json(result) as { id: string; upload: { url: string; expiresAt: string } };
    const url = new URL(body.upload.url);
    expect([url.hostname.split('.')[0], url.pathname]).toEqual([
      'test-vault',
      `/secrets/${body.id}`,
    ]);
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(LIMITS.uploadUrlSeconds));
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toContain('content-length');
    // The Lambda writes no object: the client uploads straight to S3.
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    const item = dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item as SecretRecord;
    expect(item).toMatchObject({ id: body.id, state: 'pending', kind: 'file', bodyBytes: 1000 });
    expect(item.manifest).toBe(manifest);
    expect(item.purgeAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + LIMITS.pendingSeconds);
  });

  it('starts a multipart upload above the threshold: parts of partBytes, the last one the rest', async () => {
    const bodyBytes = 12 * MiB;

    const result = await post({ file: { manifest, bodyBytes }, readTokenHash });

    expect(result.statusCode).toBe(201);
    const { upload } = json(result) as {
      upload: { partBytes: number; parts: { partNumber: number; url: string }[] };
    };
    expect(upload.partBytes).toBe(5 * MiB);
    expect(upload.parts.map((p) => p.partNumber)).toEqual([1, 2, 3]);
    expect(upload.parts.map((p) => new URL(p.url).searchParams.get('uploadId'))).toEqual([
      'upload-1',
      'upload-1',
      'upload-1',
    ]);
    const item = dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item as SecretRecord;
    expect(item).toMatchObject({ state: 'pending', uploadId: 'upload-1', bodyBytes });
  });

  it.each([
    ['a body size of 0', { file: { manifest: 'M', bodyBytes: 0 } }],
    [
      'a body size above the limit',
      { file: { manifest: 'M', bodyBytes: LIMITS.fileBodyBytes + 1 } },
    ],
    ['both a ciphertext and a file', { ciphertext: 'M', file: { manifest: 'M', bodyBytes: 10 } }],
    ['neither a ciphertext nor a file', {}],
  ])('answers 400 for %s, before any URL is minted or item written', async (_, fields) => {
    const body = JSON.parse(JSON.stringify(fields).replaceAll('"M"', JSON.stringify(manifest)));

    const result = await post({ ...body, readTokenHash });

    expect(result.statusCode).toBe(400);
    expect(json(result).error).toBe('invalid_request');
    expect(s3.calls()).toHaveLength(0);
    expect(dynamo.calls()).toHaveLength(0);
  });
});

describe('POST /secrets/{id}/seal', () => {
  it('checks the size, then seals the exact version from pending to active', async () => {
    const secret = pending();
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(HeadObjectCommand).resolves({ ContentLength: 1000, VersionId: 'v-uploaded' });
    dynamo.on(UpdateCommand).resolves({});

    const result = await sealHandler(sealEvent(secret), lambdaContext);

    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({
      id: secret.id,
      expiresAt: new Date(secret.expiresAt).toISOString(),
      maxReads: 1,
    });
    const update = dynamo.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(update?.ConditionExpression).toContain('#state = :pending');
    expect(update?.ExpressionAttributeValues).toMatchObject({
      ':active': 'active',
      ':version': 'v-uploaded',
      ':purgeAt': Math.ceil(secret.expiresAt / 1000) + LIMITS.receiptRetentionSeconds,
    });
  });

  it('answers 404 to a wrong manage token, exactly like an unknown id, and touches no object', async () => {
    const secret = pending();
    dynamo.on(GetCommand, { Key: { id: secret.id } }).resolves({ Item: secret });
    dynamo.on(GetCommand, { Key: { id: 'A'.repeat(22) } }).resolves({});

    const wrong = await sealHandler(sealEvent(secret, creds.readToken), lambdaContext);
    const unknown = await sealHandler(sealEvent({ ...secret, id: 'A'.repeat(22) }), lambdaContext);

    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toBe(unknown.body);
    expect(s3.calls()).toHaveLength(0);
  });

  it('answers 409 upload_mismatch when the stored size differs, and the secret stays pending', async () => {
    const secret = pending();
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(HeadObjectCommand).resolves({ ContentLength: 1001, VersionId: 'v-uploaded' });

    const result = await sealHandler(sealEvent(secret), lambdaContext);

    expect(result.statusCode).toBe(409);
    expect(json(result)).toEqual({
      error: 'upload_mismatch',
      message: 'The uploaded body does not have the declared size.',
    });
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    // Still pending, so a reader gets the same 404 as for an unknown secret.
    const readResult = await read(readEvent(secret), lambdaContext);
    expect(readResult.statusCode).toBe(404);
  });

  it('answers 409 when nothing was uploaded', async () => {
    const secret = pending();
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(HeadObjectCommand).rejects(new NotFound({ message: 'Not Found', $metadata: {} }));

    const result = await sealHandler(sealEvent(secret), lambdaContext);

    expect(result.statusCode).toBe(409);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('completes a multipart upload with the parts reported before checking its size', async () => {
    const secret = pending({ uploadId: 'upload-1', bodyBytes: 6 * MiB });
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(CompleteMultipartUploadCommand).resolves({ VersionId: 'v-done' });
    s3.on(HeadObjectCommand).resolves({ ContentLength: 6 * MiB, VersionId: 'v-done' });
    dynamo.on(UpdateCommand).resolves({});
    const parts = [
      { partNumber: 1, etag: '"a"' },
      { partNumber: 2, etag: '"b"' },
    ];

    const result = await sealHandler(
      sealEvent(secret, creds.manageToken, { parts }),
      lambdaContext,
    );

    expect(result.statusCode).toBe(200);
    expect(s3.commandCalls(CompleteMultipartUploadCommand)[0]?.args[0].input).toMatchObject({
      UploadId: 'upload-1',
      MultipartUpload: {
        Parts: [
          { PartNumber: 1, ETag: '"a"' },
          { PartNumber: 2, ETag: '"b"' },
        ],
      },
    });
  });

  it('answers 400 to a multipart seal without its parts', async () => {
    const secret = pending({ uploadId: 'upload-1' });
    dynamo.on(GetCommand).resolves({ Item: secret });

    const result = await sealHandler(sealEvent(secret), lambdaContext);

    expect(result.statusCode).toBe(400);
    expect(s3.calls()).toHaveLength(0);
  });

  it('answers a second seal like the first, without touching the vault or the item again', async () => {
    const sealedAt = new Date().toISOString();
    const secret = pending({ state: 'active', sealedAt, objectVersion: 'v-uploaded' });
    dynamo.on(GetCommand).resolves({ Item: secret });

    const result = await sealHandler(sealEvent(secret), lambdaContext);

    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({
      id: secret.id,
      expiresAt: new Date(secret.expiresAt).toISOString(),
      maxReads: 1,
    });
    expect(s3.calls()).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('answers like the winner when a concurrent seal sealed it first', async () => {
    const secret = pending();
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: secret })
      .resolves({ Item: { ...secret, state: 'active', sealedAt: new Date().toISOString() } });
    s3.on(HeadObjectCommand).resolves({ ContentLength: 1000, VersionId: 'v-uploaded' });
    dynamo.on(UpdateCommand).rejects(conditionFailed());

    const result = await sealHandler(sealEvent(secret), lambdaContext);

    expect(result.statusCode).toBe(200);
  });

  it('answers 404 once the pending file has expired, and seals nothing', async () => {
    const secret = pending({ expiresAt: Date.now() - 1 });
    dynamo.on(GetCommand).resolves({ Item: secret });

    const result = await sealHandler(sealEvent(secret), lambdaContext);

    expect(result.statusCode).toBe(404);
    expect(s3.calls()).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});

describe('reading a file', () => {
  it('answers a pending file exactly like an unknown one, on read and meta', async () => {
    const secret = pending();
    const unknownId = randomId();
    dynamo.on(GetCommand, { Key: { id: secret.id } }).resolves({ Item: secret });
    dynamo.on(GetCommand, { Key: { id: unknownId } }).resolves({});

    const readPending = await read(readEvent(secret), lambdaContext);
    const readUnknown = await read(readEvent({ ...secret, id: unknownId }), lambdaContext);
    const metaPending = await meta(readEvent(secret), lambdaContext);

    expect([readPending.statusCode, metaPending.statusCode]).toEqual([404, 404]);
    expect(readPending.body).toBe(readUnknown.body);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('counts the read, then answers the manifest and a URL of the exact version sealed', async () => {
    const secret = pending({
      state: 'active',
      sealedAt: new Date().toISOString(),
      objectVersion: 'v-sealed',
      maxReads: 2,
      remainingReads: 2,
    });
    dynamo.on(GetCommand).resolves({ Item: secret });
    dynamo
      .on(UpdateCommand)
      .callsFake((input: { ExpressionAttributeValues: Record<string, unknown> }) => ({
        Attributes: {
          ...secret,
          remainingReads: 1,
          appliedRequests: new Set([input.ExpressionAttributeValues[':rid']]),
        },
      }));

    const result = await read(readEvent(secret), lambdaContext);

    expect(result.statusCode).toBe(200);
    const body = json(result) as {
      manifest: string;
      download: { url: string; expiresAt: string };
      bodyBytes: number;
      remainingReads: number;
    };
    expect(body).toMatchObject({ manifest, bodyBytes: 1000, remainingReads: 1 });
    const url = new URL(body.download.url);
    expect([url.hostname.split('.')[0], url.pathname]).toEqual([
      'test-vault',
      `/secrets/${secret.id}`,
    ]);
    expect(url.searchParams.get('versionId')).toBe('v-sealed');
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(LIMITS.downloadUrlSeconds));
    // The body never passes through the Lambda.
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('leaves the body in place after the last read, so the download in flight completes', async () => {
    const secret = pending({
      state: 'active',
      sealedAt: new Date().toISOString(),
      objectVersion: 'v-sealed',
    });
    dynamo.on(GetCommand).resolves({ Item: secret });
    dynamo
      .on(UpdateCommand)
      .callsFake((input: { ExpressionAttributeValues: Record<string, unknown> }) => ({
        Attributes: {
          ...secret,
          remainingReads: 0,
          appliedRequests: new Set([input.ExpressionAttributeValues[':rid']]),
        },
      }));

    const result = await read(readEvent(secret), lambdaContext);

    expect(result.statusCode).toBe(200);
    expect(json(result).remainingReads).toBe(0);
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });
});
