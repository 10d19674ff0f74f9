// How many AWS requests each operation makes, counted by a middleware on the production clients (not
// timed) against dynalite and s3rver. These are the floors (design.md §3): one more request on a
// read is a cost every reader pays, so adding one fails here and has to be argued for.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { seal } from '../../core/envelope.ts';
import { createClients } from '../../lambdas/common/clients.ts';
import { createDeps } from '../../lambdas/common/deps.ts';
import { createHandler as createCreate } from '../../lambdas/create/endpoint.ts';
import { createHandler as createDestroy } from '../../lambdas/destroy/endpoint.ts';
import { createHandler as createMeta } from '../../lambdas/meta/endpoint.ts';
import { createHandler as createRead } from '../../lambdas/read/endpoint.ts';
import { createHandler as createReceipt } from '../../lambdas/receipt/endpoint.ts';
import { createHandler as createRevoke } from '../../lambdas/revoke/endpoint.ts';
import { startEmulators, type Emulators } from '../../local/emulators.ts';
import { emulatorClientOptions } from '../../local/server.ts';
import { testHttp } from '../helpers/aws.ts';
import { apiEvent, lambdaContext, randomId, randomToken } from '../helpers/fixtures.ts';

const NAMES = { tableName: 'calls-tokens', bucketName: 'calls-vault' };

let emulators: Emulators;
/** The commands sent since the last reset, by name, and the HTTP attempts that carried them. */
const sent: string[] = [];
let attempts = 0;
let handlers: Record<
  'create' | 'read' | 'meta' | 'receipt' | 'destroy' | 'revoke',
  (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>
>;

beforeAll(async () => {
  emulators = await startEmulators(mkdtempSync(path.join(tmpdir(), 'secretsentry-calls-')), NAMES);
  const clients = createClients(emulatorClientOptions(emulators));
  // One counter per store client (the document client shares its base client's stack): each command
  // at 'initialize', each HTTP attempt at 'deserialize'.
  const command = { step: 'initialize', name: 'countCommands' } as const;
  const attempt = { step: 'deserialize', name: 'countAttempts' } as const;
  const name = (commandName: string | undefined) => (commandName ?? '?').replace(/Command$/, '');
  clients.s3.middlewareStack.add(
    (next, context) => (args) => (sent.push(name(context.commandName)), next(args)),
    command,
  );
  clients.s3.middlewareStack.add((next) => (args) => (attempts++, next(args)), attempt);
  clients.dynamo.middlewareStack.add(
    (next, context) => (args) => (sent.push(name(context.commandName)), next(args)),
    command,
  );
  clients.dynamo.middlewareStack.add((next) => (args) => (attempts++, next(args)), attempt);
  const deps = createDeps(clients, NAMES, testHttp());
  handlers = {
    create: createCreate(deps),
    read: createRead(deps),
    meta: createMeta(deps),
    receipt: createReceipt(deps),
    destroy: createDestroy(deps),
    revoke: createRevoke(deps),
  };
}, 30_000);

afterAll(async () => {
  await emulators?.close();
});

beforeEach(() => {
  sent.length = 0;
  attempts = 0;
});

/** The AWS commands one call of `run` sent, in order; and that each went in one HTTP attempt. */
async function counted(run: () => Promise<APIGatewayProxyResult>, status: number) {
  sent.length = 0;
  attempts = 0;
  const result = await run();
  expect(result.statusCode).toBe(status);
  expect(attempts).toBe(sent.length);
  return [...sent];
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function share(maxReads: number) {
  const sealed = await seal('e2e plaintext aws calls 4Rt');
  const result = await handlers.create(
    apiEvent({
      httpMethod: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        ciphertext: sealed.ciphertext,
        readTokenHash: sealed.readTokenHash,
        maxReads,
      }),
    }),
    lambdaContext,
  );
  const { id, manageToken } = JSON.parse(result.body) as { id: string; manageToken: string };
  return { id, manageToken, readToken: sealed.readToken };
}

const read = (id: string, token: string) =>
  handlers.read(
    apiEvent({
      httpMethod: 'POST',
      pathParameters: { id },
      headers: { ...bearer(token), 'Content-Type': 'application/json' },
      body: '{}',
    }),
    lambdaContext,
  );

describe('AWS requests per operation', () => {
  it('creates a text secret with 2: the ciphertext, then its item', async () => {
    const commands = await counted(async () => {
      const sealed = await seal('e2e plaintext aws calls create 8Pq');
      return handlers.create(
        apiEvent({
          httpMethod: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            ciphertext: sealed.ciphertext,
            readTokenHash: sealed.readTokenHash,
          }),
        }),
        lambdaContext,
      );
    }, 201);
    expect(commands).toEqual(['PutObject', 'PutItem']);
  });

  it('reads with 3 while reads remain, and with 4 on the last read (the delete)', async () => {
    const secret = await share(2);
    expect(await counted(() => read(secret.id, secret.readToken), 200)).toEqual([
      'GetItem',
      'GetObject',
      'UpdateItem',
    ]);
    expect(await counted(() => read(secret.id, secret.readToken), 200)).toEqual([
      'GetItem',
      'GetObject',
      'UpdateItem',
      'DeleteObject',
    ]);
    // Spent: the item alone answers, S3 is not asked.
    expect(await counted(() => read(secret.id, secret.readToken), 404)).toEqual(['GetItem']);
  });

  it('refuses a wrong token with 1, the same as an unknown id', async () => {
    const secret = await share(1);
    expect(await counted(() => read(secret.id, randomToken()), 404)).toEqual(['GetItem']);
    expect(await counted(() => read(randomId(), randomToken()), 404)).toEqual(['GetItem']);
  });

  it('answers meta and the receipt with 1 each, and never touches S3 for them', async () => {
    const secret = await share(1);
    const get = (handler: typeof handlers.meta, token: string) =>
      handler(
        apiEvent({ httpMethod: 'GET', pathParameters: { id: secret.id }, headers: bearer(token) }),
        lambdaContext,
      );
    expect(await counted(() => get(handlers.meta, secret.readToken), 200)).toEqual(['GetItem']);
    expect(await counted(() => get(handlers.receipt, secret.manageToken), 200)).toEqual([
      'GetItem',
    ]);
  });

  it('destroys and revokes with 3: the item, its end, and the ciphertext', async () => {
    const read2 = await share(2);
    await read(read2.id, read2.readToken);
    const destroyed = await counted(
      () =>
        handlers.destroy(
          apiEvent({
            httpMethod: 'POST',
            pathParameters: { id: read2.id },
            headers: { ...bearer(read2.readToken), 'Content-Type': 'application/json' },
            body: '{}',
          }),
          lambdaContext,
        ),
      204,
    );
    expect(destroyed).toHaveLength(3);
    expect(destroyed).toEqual(expect.arrayContaining(['GetItem', 'UpdateItem', 'DeleteObject']));

    const revoked = await share(1);
    const commands = await counted(
      () =>
        handlers.revoke(
          apiEvent({
            httpMethod: 'DELETE',
            pathParameters: { id: revoked.id },
            headers: bearer(revoked.manageToken),
          }),
          lambdaContext,
        ),
      204,
    );
    expect(commands).toHaveLength(3);
    expect(commands).toEqual(expect.arrayContaining(['GetItem', 'UpdateItem', 'DeleteObject']));
  });
});
