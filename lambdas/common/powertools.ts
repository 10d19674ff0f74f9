// The logger and the business metrics. Powertools configures itself from its own POWERTOOLS_* variables
// (level, disabled); the stage comes from whoever builds them: the Lambda entry, the local stack, a test.
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, type MetricName } from '../../core/metrics.ts';

export interface Telemetry {
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** Once per process. Every metric carries `service` and `stage`: the stages of an account share one namespace. */
export function createTelemetry(stage: string, options: { logLevel?: LogLevel } = {}): Telemetry {
  return {
    logger: new Logger({ serviceName: 'secretsentry', ...options }),
    metrics: new Metrics({
      namespace: METRICS_NAMESPACE,
      serviceName: 'secretsentry',
      defaultDimensions: { stage },
    }),
  };
}

export type { MetricName };

/** Counts one business event in `metrics`; the HTTP edge publishes them after the request. */
export function counter(metrics: Metrics): (name: MetricName) => void {
  return (name) => {
    metrics.addMetric(name, MetricUnit.Count, 1);
  };
}
