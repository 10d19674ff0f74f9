// The process-wide logger and metrics. Configured by POWERTOOLS_* variables (level, namespace, service).
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

export const logger = new Logger({ serviceName: 'secretsentry' });
export const metrics = new Metrics({ namespace: 'SecretSentry', serviceName: 'secretsentry' });

/** The business events the dashboard and alarms are built on. */
export type MetricName =
  | 'SecretCreated'
  | 'SecretRead'
  | 'SecretBurned'
  | 'SecretRevoked'
  | 'AccessDenied'
  | 'PassphraseRejected'
  | 'SecretDestroyed'
  | 'VaultDeleteFailed'
  | 'VaultObjectDamaged';

export function count(name: MetricName): void {
  metrics.addMetric(name, MetricUnit.Count, 1);
}
