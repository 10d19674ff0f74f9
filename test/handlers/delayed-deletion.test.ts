// Delayed deletion of a read file's body, at the AWS boundary: the last read of a file sends one
// delayed SQS message naming the exact version (S3 and DynamoDB mocked with aws-sdk-client-mock, SQS too), the reaper deletes that version, and create refuses a file over the stage's
// largest before it mints anything.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { QueueDoesNotExist, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { createHandler as createCreate } from '../../lambdas/create/endpoint.ts';
import { createHandler as createRead } from '../../lambdas/read/endpoint.ts';
import { createHandler as createReaper } from '../../lambdas/reaper/endpoint.ts';
import { SqsDeletionQueue, parseDeletion } from '../../lambdas/common/deletions.ts';
import type { HandlerDeps } from '../../lambdas/common/deps.ts';
import { BODY_DELETE_DELAY_SECONDS, type SecretRecord } from '../../lambdas/common/lifecycle.ts';
import type { MetricName } from '../../lambdas/common/powertools.ts';
import { LIMITS } from '../../core/limits.ts';
import { TEST_BUCKET, dynamo, json, s3, testDeps } from '../helpers/aws.ts';
import {
  apiEvent,
  credentials,
  hashOf,
  lambdaContext,
  randomId,
  record,
  sampleJwe,
} from '../helpers/fixtures.ts';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/SecretSentry-test-ReaperQueue';

// SQS mocked at the SDK boundary, as S3 and DynamoDB are.
const sqs = mockClient(SQSClient);
const sent = () => sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);

let counted: MetricName[];
let warnings: Array<{ message: string; details: unknown }>;
let deps: HandlerDeps;
const creds = credentials();
let manifest: string;
let jwe: string;

beforeEach(async () => {
  dynamo.reset();
  s3.reset();
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'message-1' });
  counted = [];
  warnings = [];
  manifest ??= await sampleJwe('{"name":"fixture.bin"}');
  jwe ??= await sampleJwe();
  const base = testDeps();
  deps = testDeps({
    deletions: new SqsDeletionQueue(() => new SQSClient({ region: 'eu-west-1' }), QUEUE_URL),
    maxFileBodyBytes: 50 * 1024 ** 2,
    count: (metric) => counted.push(metric),
    log: {
      ...base.log,
      info: () => undefined,
      warn: (message: string, details?: unknown) => warnings.push({ message, details }),
    } as HandlerDeps['log'],
  });
});

const sealedFile = (overrides: Partial<SecretRecord> = {}): SecretRecord =>
  record(creds, {
    kind: 'file',
    bodyBytes: 1000,
    manifest,
    sealedAt: new Date().toISOString(),
    objectVersion: 'v-sealed',
    ...overrides,
  });

const readEvent = (secret: SecretRecord) =>
  apiEvent({
    httpMethod: 'POST',
    resource: '/secrets/{id}/read',
    pathParameters: { id: secret.id },
    headers: { Authorization: `Bearer ${creds.readToken}` },
  });

/** The item after this request's read: `remainingReads` left. */
function readCounted(secret: SecretRecord, remainingReads: number) {
  dynamo.on(GetCommand).resolves({ Item: secret });
  dynamo
    .on(UpdateCommand)
    .callsFake((input: { ExpressionAttributeValues: Record<string, unknown> }) => ({
      Attributes: {
        ...secret,
        remainingReads,
        reads: [{ at: new Date().toISOString() }],
        appliedRequests: new Set([input.ExpressionAttributeValues[':rid']]),
      },
    }));
}

describe('the last read of a file', () => {
  it('sends exactly one message, delayed past the download URL, naming the exact version', async () => {
    const secret = sealedFile();
    readCounted(secret, 0);

    const result = await createRead(deps)(readEvent(secret), lambdaContext);

    expect(result.statusCode).toBe(200);
    expect(sent()).toEqual([
      {
        QueueUrl: QUEUE_URL,
        MessageBody: JSON.stringify({ key: `secrets/${secret.id}`, versionId: 'v-sealed' }),
        DelaySeconds: BODY_DELETE_DELAY_SECONDS,
      },
    ]);
    // Nothing is deleted now: the download the answer points at may be in flight.
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
    expect(counted).toEqual(['SecretRead', 'SecretBurned']);
  });

  it('is delayed after the download URL has expired, within what SQS allows', () => {
    expect(BODY_DELETE_DELAY_SECONDS).toBeGreaterThan(LIMITS.downloadUrlSeconds);
    expect(BODY_DELETE_DELAY_SECONDS).toBeLessThanOrEqual(900);
  });

  it('carries no secret material: the object key and its version, nothing else', async () => {
    const secret = sealedFile();
    readCounted(secret, 0);

    await createRead(deps)(readEvent(secret), lambdaContext);

    const message = String(sent()[0]?.MessageBody);
    expect(Object.keys(JSON.parse(message) as object).sort()).toEqual(['key', 'versionId']);
    for (const value of [creds.readToken, creds.manageToken, hashOf(creds.readToken), manifest])
      expect(message).not.toContain(value);
  });

  it('is answered all the same when the message cannot be sent: counted as a failed delete, logged with the id', async () => {
    const secret = sealedFile();
    readCounted(secret, 0);
    sqs
      .on(SendMessageCommand)
      .rejects(
        new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: {} }),
      );

    const result = await createRead(deps)(readEvent(secret), lambdaContext);

    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({ remainingReads: 0, manifest });
    expect(counted).toEqual(['SecretRead', 'SecretBurned', 'VaultDeleteFailed']);
    expect(warnings).toEqual([
      {
        message: 'could not schedule the body deletion; lifecycle rule will',
        details: { id: secret.id, failure: 'QueueDoesNotExist' },
      },
    ]);
  });
});

describe('other reads', () => {
  it('sends nothing on a read of a file that leaves reads', async () => {
    const secret = sealedFile({ maxReads: 2, remainingReads: 2 });
    readCounted(secret, 1);

    const result = await createRead(deps)(readEvent(secret), lambdaContext);

    expect(result.statusCode).toBe(200);
    expect(json(result).remainingReads).toBe(1);
    expect(sent()).toEqual([]);
  });

  it('still deletes a text at once on its last read, its exact version, and sends nothing', async () => {
    const secret = record(creds);
    dynamo.on(GetCommand).resolves({ Item: secret });
    s3.on(GetObjectCommand).resolves({
      Body: { transformToString: async () => jwe } as never,
      VersionId: 'v-text',
    });
    readCounted(secret, 0);
    s3.on(DeleteObjectCommand).resolves({});

    const result = await createRead(deps)(readEvent(secret), lambdaContext);

    expect(result.statusCode).toBe(200);
    expect(s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: TEST_BUCKET, Key: `secrets/${secret.id}`, VersionId: 'v-text' },
    ]);
    expect(sent()).toEqual([]);
  });
});

describe("the deletion queue's SQS client", () => {
  it('is made at the first deletion, not when the handler is built, and then kept', async () => {
    let made = 0;
    const deletions = new SqsDeletionQueue(() => {
      made++;
      return new SQSClient({ region: 'eu-west-1' });
    }, QUEUE_URL);
    const read = createRead({ ...deps, deletions });
    const leavesReads = sealedFile({ maxReads: 2, remainingReads: 2 });
    readCounted(leavesReads, 1);
    await read(readEvent(leavesReads), lambdaContext);
    expect(made).toBe(0);

    for (const secret of [sealedFile(), sealedFile()]) {
      readCounted(secret, 0);
      await read(readEvent(secret), lambdaContext);
    }

    expect(made).toBe(1);
    expect(sent()).toHaveLength(2);
  });
});

describe('the download URL', () => {
  it('names the vault virtual-hosted and regional, the origin the page CSP allows', async () => {
    const secret = sealedFile({ maxReads: 2, remainingReads: 2 });
    readCounted(secret, 1);

    const result = await createRead(deps)(readEvent(secret), lambdaContext);

    const url = new URL((json(result) as { download: { url: string } }).download.url);
    expect(url.origin).toBe(`https://${TEST_BUCKET}.s3.us-east-1.amazonaws.com`);
  });
});

describe('the reaper', () => {
  const reaper = () =>
    // The vault on the mocked S3 client, as the read's.
    createReaper({ vault: testDeps().vault, logger: testDeps().http.logger });
  const message = (messageId: string, body: string): SQSRecord =>
    ({ messageId, body, receiptHandle: 'r', attributes: {} }) as unknown as SQSRecord;
  const event = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
  const deletion = (id: string, versionId = 'v-sealed') =>
    JSON.stringify({ key: `secrets/${id}`, versionId });

  it('deletes exactly the version named, and reports no failure', async () => {
    const id = randomId();
    s3.on(DeleteObjectCommand).resolves({});

    const answer = await reaper()(event(message('m1', deletion(id))), lambdaContext);

    expect(answer).toEqual({ batchItemFailures: [] });
    expect(s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: TEST_BUCKET, Key: `secrets/${id}`, VersionId: 'v-sealed' },
    ]);
  });

  it('succeeds again on a version already deleted (a message delivered twice)', async () => {
    const id = randomId();
    // S3 answers 204 for a version that is no longer there.
    s3.on(DeleteObjectCommand).resolves({});

    const first = await reaper()(event(message('m1', deletion(id))), lambdaContext);
    const again = await reaper()(event(message('m1', deletion(id))), lambdaContext);

    expect([first, again]).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
  });

  it('reports only the messages it could not do, so only they come back', async () => {
    const [ok, failing] = [randomId(), randomId()];
    s3.on(DeleteObjectCommand).resolves({});
    s3.on(DeleteObjectCommand, { Key: `secrets/${failing}` }).rejects(
      new S3ServiceException({
        name: 'SlowDown',
        $fault: 'server',
        $metadata: { httpStatusCode: 503 },
      }),
    );

    const answer = await reaper()(
      event(message('m-ok', deletion(ok)), message('m-failing', deletion(failing))),
      lambdaContext,
    );

    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-failing' }] });
  });

  it.each([
    ['not JSON', 'secrets/x'],
    ['a key outside secrets/', JSON.stringify({ key: 'other/AAAAAAAAAAAAAAAAAAAAAA' })],
    ['a key that is no secret id', JSON.stringify({ key: 'secrets/../x' })],
    ['another field', JSON.stringify({ key: `secrets/${randomId()}`, bucket: 'elsewhere' })],
    ['an empty version', JSON.stringify({ key: `secrets/${randomId()}`, versionId: '' })],
  ])('deletes nothing for %s, and leaves the message to the dead-letter queue', async (_, body) => {
    const answer = await reaper()(event(message('m-bad', body)), lambdaContext);

    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-bad' }] });
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });

  it('reads back what the read sends', () => {
    const id = randomId();
    expect(parseDeletion(deletion(id, 'v1'))).toEqual({ key: `secrets/${id}`, versionId: 'v1' });
    expect(parseDeletion(JSON.stringify({ key: `secrets/${id}` }))).toEqual({
      key: `secrets/${id}`,
    });
  });
});

describe('create and the stage largest file', () => {
  const post = (bodyBytes: number) =>
    createCreate(deps)(
      apiEvent({
        httpMethod: 'POST',
        resource: '/secrets',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          file: { manifest, bodyBytes },
          readTokenHash: hashOf(creds.readToken),
        }),
      }),
      lambdaContext,
    );

  it('refuses a larger declared body with 400 naming the limit, before minting anything', async () => {
    const result = await post(deps.maxFileBodyBytes + 1);

    expect(result.statusCode).toBe(400);
    expect(json(result)).toEqual({
      error: 'invalid_request',
      message: `file.bodyBytes: must be at most ${deps.maxFileBodyBytes} on this service.`,
    });
    expect(s3.calls()).toHaveLength(0);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('takes a body of exactly the limit', async () => {
    dynamo.on(PutCommand).resolves({});
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'upload-1' });

    const result = await post(deps.maxFileBodyBytes);

    expect(result.statusCode).toBe(201);
  });
});
