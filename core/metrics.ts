// The business events the handlers count and the dashboard and alarms watch: one list for both.

export const METRICS_NAMESPACE = 'SecretSentry';

export const BUSINESS_METRICS = [
  'SecretCreated',
  'RequestFilled',
  'SecretRead',
  'SecretBurned',
  'SecretRevoked',
  'SecretDestroyedByRecipient',
  'AccessDenied',
  'PassphraseRejected',
  'SecretDestroyed',
  'VaultDeleteFailed',
  'VaultObjectDamaged',
  'VaultAccessDenied',
  'WebhookNotQueued',
] as const;

export type MetricName = (typeof BUSINESS_METRICS)[number];
