// aws-sdk-client-mock at the AWS boundary: the production clients, each mocked as an instance (other
// clients, such as those on an emulator, stay real); the handlers' dependencies on them; and the small
// shapes the SDK returns.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { createClients } from '../../lambdas/common/clients.ts';
import { createDeps, type HandlerDeps } from '../../lambdas/common/deps.ts';
import type { HttpDeps } from '../../lambdas/common/http.ts';
import { createTelemetry, type Telemetry } from '../../lambdas/common/powertools.ts';

// Never real AWS: every call is answered by the mocks, and this key pair reaches nothing.
const nowhere = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};
const clients = createClients({ s3: nowhere, dynamodb: nowhere });

export const dynamo = mockClient(clients.dynamo);
export const s3 = mockClient(clients.s3);

export const TEST_TABLE = 'test-tokens';
export const TEST_BUCKET = 'test-vault';

/** The HTTP edge of stage `test`: no CORS origin unless given. */
export function testHttp(overrides: Partial<HttpDeps> = {}): HttpDeps {
  return { corsOrigin: undefined, ...createTelemetry('test'), ...overrides };
}

/** What a handler is built from, on the mocked clients, wired as in production. */
export function testDeps(overrides: Partial<HandlerDeps> = {}): HandlerDeps {
  const deps = createDeps(
    clients,
    { tableName: TEST_TABLE, bucketName: TEST_BUCKET },
    overrides.http ?? testHttp(),
  );
  return { ...deps, ...overrides };
}

/**
 * The most talkative telemetry: every log level, and the metrics output on. Powertools takes that
 * switch only from POWERTOOLS_METRICS_DISABLED (test/setup-env.ts turns it off), read when the
 * Metrics object is made: so it is turned on for that moment only.
 */
export function talkativeTelemetry(stage = 'test'): Telemetry {
  const saved = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  try {
    return createTelemetry(stage, { logLevel: 'DEBUG' });
  } finally {
    if (saved === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = saved;
  }
}

/** The part of a GetObject body the vault reads. */
export function objectBody(text: string) {
  return { transformToString: async () => text } as never;
}

export function conditionFailed(): ConditionalCheckFailedException {
  return new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: {},
  });
}

export function json(result: APIGatewayProxyResult): Record<string, unknown> {
  return JSON.parse(result.body) as Record<string, unknown>;
}

/** Collects everything written to stdout/stderr (where the Powertools logger and EMF go). */
export function captureOutput(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const original = { out: process.stdout.write, err: process.stderr.write };
  const tap = (chunk: unknown) => {
    chunks.push(
      typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'),
    );
    return true;
  };
  process.stdout.write = tap as typeof process.stdout.write;
  process.stderr.write = tap as typeof process.stderr.write;
  return {
    text: () => chunks.join(''),
    restore: () => {
      process.stdout.write = original.out;
      process.stderr.write = original.err;
    },
  };
}
