// The process-wide logger and metrics. Configured by POWERTOOLS_* variables (level, namespace, service)
// and SECRETSENTRY_STAGE.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { loadMetricsConfig } from './config.ts';

export const logger = new Logger({ serviceName: 'secretsentry' });
/** Every metric carries `service` and `stage`: the stages of an account share one namespace. */
export const metrics = new Metrics({
  namespace: 'SecretSentry',
  serviceName: 'secretsentry',
  defaultDimensions: { stage: loadMetricsConfig().stage },
});

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
  | 'VaultObjectDamaged'
  | 'VaultAccessDenied';

export function count(name: MetricName): void {
  metrics.addMetric(name, MetricUnit.Count, 1);
}
