// Configuration: every environment variable is read once, at start-up (by environment.ts, at the Lambda
// entry), and a missing one fails loudly.
import { LIMITS } from '../../core/limits.ts';

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

export interface StorageConfig {
  /** DynamoDB table holding one access-token item per secret. */
  readonly tableName: string;
  /** S3 bucket holding one ciphertext object per secret under `secrets/`. */
  readonly bucketName: string;
}

export function loadStorageConfig(): StorageConfig {
  return { tableName: requireEnv('TABLE_NAME'), bucketName: requireEnv('BUCKET_NAME') };
}

/** SQS queue URL (REAPER_QUEUE_URL) the read Lambda schedules a read file's body deletion on. */
export function loadReaperQueueUrl(): string {
  return requireEnv('REAPER_QUEUE_URL');
}

export interface FileConfig {
  /** The stage's largest file body (MAX_FILE_BODY_BYTES), at most `LIMITS.fileBodyBytes`. */
  readonly maxFileBodyBytes: number;
}

export function loadFileConfig(): FileConfig {
  const text = requireEnv('MAX_FILE_BODY_BYTES');
  const value = Number(text);
  if (
    !/^\d+$/.test(text) ||
    !Number.isSafeInteger(value) ||
    value < 1 ||
    value > LIMITS.fileBodyBytes
  )
    throw new Error(`MAX_FILE_BODY_BYTES must be a whole number from 1 to ${LIMITS.fileBodyBytes}`);
  return { maxFileBodyBytes: value };
}

export interface HttpConfig {
  /** The page origin allowed to call the API cross-origin (in AWS, the Amplify domain). */
  readonly corsOrigin: string | undefined;
}

export function loadHttpConfig(): HttpConfig {
  return { corsOrigin: process.env.CORS_ORIGIN || undefined };
}

export interface MetricsConfig {
  /** The stage (dev, staging, prod; `local` for the local stack): the `stage` dimension of every metric. */
  readonly stage: string;
}

export function loadMetricsConfig(): MetricsConfig {
  return { stage: requireEnv('SECRETSENTRY_STAGE') };
}
