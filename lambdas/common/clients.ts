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
  const s3 = new S3Client({ ...options.s3 });
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ ...options.dynamodb }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { s3, dynamo };
}
