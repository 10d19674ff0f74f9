// The business metrics as CloudWatch receives them (EMF): namespace, and the `service` and `stage`
// dimensions every dashboard widget and alarm selects by.
import { afterEach, describe, expect, it } from '@jest/globals';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler } from '../../lambdas/create/endpoint.ts';
import { httpFromEnvironment } from '../../lambdas/common/environment.ts';
import { counter } from '../../lambdas/common/powertools.ts';
import {
  captureOutput,
  dynamo,
  s3,
  talkativeTelemetry,
  testDeps,
  testHttp,
} from '../helpers/aws.ts';
import { apiEvent, b64, lambdaContext, sampleJwe } from '../helpers/fixtures.ts';

/** The EMF documents written while `act` ran. */
async function emitted(act: () => unknown): Promise<Record<string, unknown>[]> {
  const output = captureOutput();
  try {
    await act();
  } finally {
    output.restore();
  }
  return output
    .text()
    .split('\n')
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const stageDimension = (stage: string, metric: string) => ({
  _aws: {
    CloudWatchMetrics: [
      {
        Namespace: 'SecretSentry',
        Dimensions: [['service', 'stage']],
        Metrics: [{ Name: metric, Unit: 'Count' }],
      },
    ],
  },
  service: 'secretsentry',
  stage,
  [metric]: 1,
});

describe('business metrics', () => {
  // Only the entry's own tests write the environment the entry reads.
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ['SECRETSENTRY_STAGE', 'POWERTOOLS_METRICS_DISABLED']) {
      const value = saved[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('carry the stage the handler was built with beside the service, published after the request', async () => {
    dynamo.reset();
    s3.reset();
    s3.on(PutObjectCommand).resolves({ VersionId: 'v-put' });
    dynamo.on(PutCommand).resolves({});
    const create = createHandler(testDeps({ http: testHttp(talkativeTelemetry('staging')) }));
    const body = JSON.stringify({
      ciphertext: await sampleJwe(),
      readTokenHash: b64(Buffer.alloc(32, 9)),
    });

    const [emf, ...more] = await emitted(() =>
      create(
        apiEvent({ httpMethod: 'POST', headers: { 'Content-Type': 'application/json' }, body }),
        lambdaContext,
      ),
    );

    expect(emf).toMatchObject(stageDimension('staging', 'SecretCreated'));
    expect(more).toEqual([]);
  });

  it('take the stage from SECRETSENTRY_STAGE at the Lambda entry', async () => {
    process.env.SECRETSENTRY_STAGE = 'staging';
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    const { metrics } = httpFromEnvironment();

    const [emf] = await emitted(() => {
      counter(metrics)('SecretBurned');
      metrics.publishStoredMetrics();
    });

    expect(emf).toMatchObject(stageDimension('staging', 'SecretBurned'));
  });

  it('refuse to start a Lambda without SECRETSENTRY_STAGE', () => {
    delete process.env.SECRETSENTRY_STAGE;
    expect(() => httpFromEnvironment()).toThrow(
      'Missing required environment variable SECRETSENTRY_STAGE',
    );
  });
});
