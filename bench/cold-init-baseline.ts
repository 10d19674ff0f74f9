// The floor for a handler's cold init: the AWS SDK alone, as every store handler has it (an S3 client
// and a DynamoDB document client, built at module scope), and nothing of ours. bench/cold-init.ts
// bundles it through the same CDK construct as the handlers.
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const s3 = new S3Client({});
export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

export const handler = async (): Promise<{ statusCode: number }> => ({ statusCode: 200 });
