// Configuration: every environment variable is read once, at start-up (by environment.ts, at the Lambda
// entry), and a missing one fails loudly.

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
