// The business metrics as CloudWatch receives them (EMF): namespace, and the `service` and `stage`
// dimensions every dashboard widget and alarm selects by.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadMetricsConfig } from '../../lambdas/shared/config.ts';
import { captureOutput } from '../helpers/aws.ts';

type Powertools = typeof import('../../lambdas/shared/powertools.ts');
let powertools: Powertools;
const saved = { ...process.env };

beforeAll(async () => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.env.SECRETSENTRY_STAGE = 'staging';
  // Imported only now: the module reads the environment once, when first loaded.
  powertools = await import('../../lambdas/shared/powertools.ts');
});

afterAll(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = saved.POWERTOOLS_METRICS_DISABLED;
  process.env.SECRETSENTRY_STAGE = saved.SECRETSENTRY_STAGE;
});

/** The EMF documents written while `act` ran. */
function emitted(act: () => void): Record<string, unknown>[] {
  const output = captureOutput();
  try {
    act();
  } finally {
    output.restore();
  }
  return output
    .text()
    .split('\n')
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('business metrics', () => {
  it('carry the stage from SECRETSENTRY_STAGE beside the service', () => {
    const [emf] = emitted(() => {
      powertools.count('SecretBurned');
      powertools.metrics.publishStoredMetrics();
    });

    expect(emf).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'SecretSentry',
            Dimensions: [['service', 'stage']],
            Metrics: [{ Name: 'SecretBurned', Unit: 'Count' }],
          },
        ],
      },
      service: 'secretsentry',
      stage: 'staging',
      SecretBurned: 1,
    });
  });

  it('refuse to start without SECRETSENTRY_STAGE', () => {
    delete process.env.SECRETSENTRY_STAGE;
    expect(() => loadMetricsConfig()).toThrow(
      'Missing required environment variable SECRETSENTRY_STAGE',
    );
  });
});
