// What the use cases and the handlers run against, as plain values: built from the environment at a
// Lambda's entry (depsFromEnvironment), or from anything else by the local stack and the tests.
import { createClients, createTableClient, createVaultClient, type AwsClients } from './clients.ts';
import {
  loadMetricsConfig,
  loadReaperQueueUrl,
  loadStorageConfig,
  requireEnv,
  type StorageConfig,
} from './config.ts';
import { NO_DELETION_QUEUE, SqsDeletionQueue, type DeletionQueue } from './deletions.ts';
import { NO_WEBHOOK_QUEUE, SqsWebhookQueue, type WebhookQueue } from './webhook-events.ts';
import { NO_EXPIRY_ALARM, type ExpiryAlarm } from './webhook-expiry.ts';
import type { WebhookLookup } from './webhook-target.ts';
import { SQSClient } from '@aws-sdk/client-sqs';
import { httpFromEnvironment } from './environment.ts';
import type { HttpDeps } from './http.ts';
import { counter, createTelemetry, type MetricName, type Telemetry } from './powertools.ts';
import { TokenStore } from './tokenStore.ts';
import { Vault } from './vault.ts';
import { LIMITS } from '../../core/limits.ts';

/** How file bodies are split for upload: LIMITS' in AWS; smaller in tests, to exercise multipart. */
export interface UploadSizes {
  readonly multipartThresholdBytes: number;
  readonly partBytes: number;
}

export const UPLOAD_SIZES: UploadSizes = {
  multipartThresholdBytes: LIMITS.multipartThresholdBytes,
  partBytes: LIMITS.partBytes,
};

export interface Deps {
  readonly store: TokenStore;
  readonly vault: Vault;
  /** Where the last read of a file schedules its body's deletion. */
  readonly deletions: DeletionQueue;
  /** Where events for a sender's webhook are queued (read, destroy, revoke). */
  readonly webhooks: WebhookQueue;
  /** Where create sets the expiry alarm of a secret with a webhook (webhook-expiry.ts). */
  readonly expiryAlarm: ExpiryAlarm;
  /** Webhook URLs on loopback (and plain http there) are taken: the local stack's tests only. */
  readonly allowLoopbackWebhooks: boolean;
  /** How create resolves a webhook's host; the system's DNS unless replaced (tests). */
  readonly webhookLookup?: WebhookLookup;
  readonly uploadSizes: UploadSizes;
  /** The largest file body a create accepts: the stage's, at most `LIMITS.fileBodyBytes`. */
  readonly maxFileBodyBytes: number;
  readonly now: () => Date;
  readonly count: (metric: MetricName) => void;
  readonly log: Pick<Telemetry['logger'], 'info' | 'warn' | 'error'>;
}

/** What a handler is built from: its use case's dependencies and the HTTP edge's. */
export interface HandlerDeps extends Deps {
  readonly http: HttpDeps;
}

/**
 * What the Lambdas that read the table and nothing else (meta, receipt) are built from: no vault, so
 * their entries build no S3 client and their bundles carry none.
 */
export type TableHandlerDeps = Pick<HandlerDeps, 'store' | 'now' | 'count' | 'http'>;

/** The token store on this client; counts go where the edge publishes them. */
export function createTableDeps(
  dynamo: AwsClients['dynamo'],
  tableName: string,
  http: HttpDeps,
): TableHandlerDeps {
  return {
    store: new TokenStore(dynamo, tableName),
    now: () => new Date(),
    count: counter(http.metrics),
    http,
  };
}

/** The stores on these clients; counts and logs go where the edge publishes them. */
export function createDeps(clients: AwsClients, names: StorageConfig, http: HttpDeps): HandlerDeps {
  return {
    ...createTableDeps(clients.dynamo, names.tableName, http),
    vault: new Vault(clients.s3, names.bucketName),
    deletions: NO_DELETION_QUEUE,
    webhooks: NO_WEBHOOK_QUEUE,
    expiryAlarm: NO_EXPIRY_ALARM,
    allowLoopbackWebhooks: false,
    uploadSizes: UPLOAD_SIZES,
    maxFileBodyBytes: LIMITS.fileBodyBytes,
    log: http.logger,
  };
}

/**
 * For the entry of a Lambda on the stores: TABLE_NAME and BUCKET_NAME beside the edge's variables; the
 * SDK resolves region, credentials and endpoints from its own AWS_* variables.
 */
export function depsFromEnvironment(): HandlerDeps {
  return createDeps(createClients(), loadStorageConfig(), httpFromEnvironment());
}

/** For the entry of a Lambda on the table alone (meta, receipt): TABLE_NAME beside the edge's variables. */
export function tableDepsFromEnvironment(): TableHandlerDeps {
  return createTableDeps(createTableClient(), requireEnv('TABLE_NAME'), httpFromEnvironment());
}

/**
 * The deletion queue of read and destroy: REAPER_QUEUE_URL, read at cold start; its client is made at
 * the first deletion (a file's last read), once per process.
 */
export function deletionsFromEnvironment(): Pick<Deps, 'deletions'> {
  return { deletions: new SqsDeletionQueue(() => new SQSClient({}), loadReaperQueueUrl()) };
}

/**
 * The webhook queue of read, destroy and revoke: WEBHOOK_QUEUE_URL, read at cold start; its client is
 * made at the first notice (a secret with a webhook), once per process.
 */
export function webhooksFromEnvironment(): Pick<Deps, 'webhooks'> {
  return {
    webhooks: new SqsWebhookQueue(() => new SQSClient({}), requireEnv('WEBHOOK_QUEUE_URL')),
  };
}

/** What the reaper runs with: the vault (BUCKET_NAME) and its logger; no table, no metrics. */
export interface ReaperDeps {
  readonly vault: Vault;
  readonly logger: Telemetry['logger'];
}

export function reaperDepsFromEnvironment(): ReaperDeps {
  return {
    vault: new Vault(createVaultClient(), requireEnv('BUCKET_NAME')),
    logger: createTelemetry(loadMetricsConfig().stage).logger,
  };
}
