// AWS SDK clients, created once per process. Endpoints follow the SDK's own AWS_ENDPOINT_URL_* variables,
// so the local stack points the very same code at its emulators.
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StorageConfig } from './config.ts';

export interface AwsClients {
  readonly s3: S3Client;
  readonly dynamo: DynamoDBDocumentClient;
}

export function createClients(config: StorageConfig): AwsClients {
  const s3 = new S3Client({ forcePathStyle: config.s3ForcePathStyle });
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { s3, dynamo };
}
