// Typed, obviously-fake fixtures for handler and integration tests.
import { createHash, randomBytes } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { ReadResult } from '../../core/contract.ts';
import { seal } from '../../core/envelope.ts';
import type { SecretRecord } from '../../lambdas/common/lifecycle.ts';

export const b64 = (bytes: Buffer | Uint8Array): string => Buffer.from(bytes).toString('base64url');
export const hashOf = (token: string): string =>
  createHash('sha256').update(Buffer.from(token, 'base64url')).digest('base64url');
/** A text read's ciphertext; fails the test on a file's read. */
export function ciphertextOf(result: ReadResult): string {
  if (!('ciphertext' in result)) throw new Error('expected a text read, got a file');
  return result.ciphertext;
}
export const randomToken = (): string => b64(randomBytes(32));
export const randomId = (): string => b64(randomBytes(16));

/** A well-formed JWE with the right profile; its content is random bytes, not a secret. */
export async function sampleJwe(text = 'fixture-plaintext'): Promise<string> {
  return (await seal(text)).ciphertext;
}

export interface Credentials {
  readonly readToken: string;
  readonly manageToken: string;
  readonly verifier: string;
}

export function credentials(): Credentials {
  return { readToken: randomToken(), manageToken: randomToken(), verifier: randomToken() };
}

export function record(creds: Credentials, overrides: Partial<SecretRecord> = {}): SecretRecord {
  const now = Date.now();
  return {
    id: randomId(),
    state: 'active',
    maxReads: 1,
    remainingReads: 1,
    createdAt: new Date(now).toISOString(),
    expiresAt: now + 3600_000,
    purgeAt: Math.ceil(now / 1000) + 3600 + 7 * 86400,
    readTokenHash: hashOf(creds.readToken),
    manageTokenHash: hashOf(creds.manageToken),
    failedAttempts: 0,
    reads: [],
    objectVersion: 'v-created',
    ...overrides,
  };
}

export function withPassphrase(creds: Credentials): Pick<SecretRecord, 'passphrase'> {
  return {
    passphrase: {
      salt: b64(randomBytes(16)),
      iterations: 600_000,
      verifierHash: hashOf(creds.verifier),
    },
  };
}

export function apiEvent(
  overrides: Partial<APIGatewayProxyEvent> & { token?: string } = {},
): APIGatewayProxyEvent {
  const { token, ...rest } = overrides;
  return {
    resource: '/',
    path: '/',
    httpMethod: 'GET',
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {} as APIGatewayProxyEvent['requestContext'],
    ...rest,
  };
}

export const lambdaContext = {
  functionName: 'test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:test',
  memoryLimitInMB: '256',
  awsRequestId: 'test-request',
  logGroupName: 'test',
  logStreamName: 'test',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} satisfies Context;

/** One API call straight into a handler: method, path id, Bearer token and a JSON body, as sent. */
export function callHandler(
  handler: (
    event: APIGatewayProxyEvent,
    context: typeof lambdaContext,
  ) => Promise<APIGatewayProxyResult>,
  request: {
    method: string;
    id?: string;
    /** Path parameters besides the id (a link's `recipient`). */
    params?: Record<string, string>;
    token?: string;
    body?: unknown;
  },
): Promise<APIGatewayProxyResult> {
  return handler(
    apiEvent({
      httpMethod: request.method,
      ...(request.id || request.params
        ? { pathParameters: { ...(request.id ? { id: request.id } : {}), ...request.params } }
        : {}),
      headers: {
        ...(request.token ? { Authorization: `Bearer ${request.token}` } : {}),
        ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: request.body === undefined ? null : JSON.stringify(request.body),
    }),
    lambdaContext,
  );
}
