// AWS SDK clients, created once per process by whoever builds the handlers' dependencies. In Lambda the
// SDK resolves endpoint, region and credentials itself; the local stack passes its emulators' instead.
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface AwsClients {
  readonly s3: S3Client;
  readonly dynamo: DynamoDBDocumentClient;
}

export interface ClientOptions {
  /**
   * Settings for a stand-in for S3 (the local stack's emulator: endpoint, region, credentials,
   * path-style addressing, checksums). @default none: the SDK's own resolution, as in Lambda
   */
  readonly s3?: S3ClientConfig;
  /** The same for DynamoDB. @default none */
  readonly dynamodb?: DynamoDBClientConfig;
}

export function createClients(options: ClientOptions = {}): AwsClients {
  return { s3: createVaultClient(options), dynamo: createTableClient(options) };
}

/** The S3 client alone, for the reaper: it touches no table. */
export function createVaultClient(options: ClientOptions = {}): S3Client {
  return new S3Client({ ...options.s3 });
}

/**
 * The DynamoDB client alone, for the Lambdas that touch no object: no S3 client is built, and none is
 * bundled where nothing else imports one.
 */
export function createTableClient(options: ClientOptions = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({ ...options.dynamodb }), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
