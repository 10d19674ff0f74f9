// The Lambda entry: the table (TABLE_NAME) to look each secret's webhook up in, once per cold start.
import { SQSClient } from '@aws-sdk/client-sqs';
import { createTableClient } from '../common/clients.ts';
import { loadMetricsConfig, requireEnv } from '../common/config.ts';
import { createTelemetry } from '../common/powertools.ts';
import { TokenStore } from '../common/tokenStore.ts';
import { createHandler } from './endpoint.ts';

const { logger } = createTelemetry(loadMetricsConfig().stage);
let sqs: SQSClient | undefined;

export const handler = createHandler({
  store: new TokenStore(createTableClient(), requireEnv('TABLE_NAME')),
  now: () => new Date(),
  log: logger,
  logger,
  sqs: () => (sqs ??= new SQSClient({})),
});
