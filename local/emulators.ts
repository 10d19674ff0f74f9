// The embedded AWS stand-ins: dynalite (DynamoDB) and s3rver (S3), persisted under DATA_DIR,
// with the table and bucket created when missing. Spoken to through the same AWS SDK as production.
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import {
  BucketAlreadyExists,
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  PutBucketCorsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { hardenStore, repairStore, s3Answers } from './s3store.ts';

export interface Emulators {
  readonly dynamoEndpoint: string;
  readonly s3Endpoint: string;
  close(): Promise<void>;
}

// s3rver accepts only its own fixed key pair; dynalite accepts any.
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const LOCAL_REGION = 'us-east-1';

/** An S3 client for s3rver: path-style, and no flexible checksums, which third-party servers trip on. */
export function localS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

export interface ResourceNames {
  readonly tableName: string;
  readonly bucketName: string;
}

/** Starts both emulators on free ports; given names, with the table and the bucket in place. */
export async function startEmulators(dataDir: string, names?: ResourceNames): Promise<Emulators> {
  const dynamoDir = path.join(dataDir, 'dynamodb');
  const s3Dir = path.join(dataDir, 's3');
  await mkdir(dynamoDir, { recursive: true });
  await mkdir(s3Dir, { recursive: true });

  // Before s3rver reads the directory: one torn metadata file fails every listing of its bucket.
  const repaired = await repairStore(s3Dir);
  if (repaired > 0)
    console.log(
      `Repaired the S3 emulator's data: deleted ${repaired} file(s) torn by an interrupted write.`,
    );

  const dynamo: Server = dynalite({
    path: dynamoDir,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    dynamo.once('error', reject);
    dynamo.listen(0, '127.0.0.1', () => resolve());
  });
  const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Dir });
  hardenStore(s3.store);
  // Before the router (the last entry), after the XML encoder: error bodies come out as S3's XML.
  s3.middleware.splice(s3.middleware.length - 1, 0, s3Answers(s3.store));
  const s3Address = await s3.run();

  const emulators: Emulators = {
    dynamoEndpoint: `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`,
    s3Endpoint: `http://127.0.0.1:${s3Address.port}`,
    async close() {
      await s3.close();
      await new Promise<void>((resolve) => dynamo.close(() => resolve()));
    },
  };
  if (names) {
    try {
      await ensureResources(emulators, names);
    } catch (error) {
      await emulators.close();
      throw error;
    }
  }
  return emulators;
}

/** Creates the token table and the vault bucket if they do not exist yet (a restart keeps both). */
export async function ensureResources(emulators: Emulators, names: ResourceNames): Promise<void> {
  const dynamo = localDynamoClient(emulators.dynamoEndpoint);
  try {
    await dynamo.send(new DescribeTableCommand({ TableName: names.tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await dynamo.send(
      new CreateTableCommand({
        TableName: names.tableName,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } finally {
    dynamo.destroy();
  }

  const s3 = localS3Client(emulators.s3Endpoint);
  // Create, and take "already exists" for present. Not HeadBucket: s3rver answers it by listing and
  // parsing every object's metadata, so its errors do not mean "no bucket".
  try {
    await s3.send(new CreateBucketCommand({ Bucket: names.bucketName }));
  } catch (error) {
    if (error instanceof BucketAlreadyExists || error instanceof BucketAlreadyOwnedByYou) return;
    throw new Error(
      `the S3 emulator could not create the bucket "${names.bucketName}" (${reason(error)})`,
      { cause: error },
    );
  } finally {
    s3.destroy();
  }
}

/**
 * Lets pages served from `origins` use the vault's presigned URLs, which point at s3rver, another
 * origin than the page: GET (download) and PUT (an object, or one part of a multipart upload), with no
 * request header beyond those a browser adds itself, and the response's ETag readable, since the page
 * reports each part's ETag to complete a multipart upload. Replaces any earlier rule, so a restart on
 * another port leaves only the new origin. s3rver answers an allowed preflight with
 * `Access-Control-Allow-Origin: *` (S3 names the origin) and a refused one with 403.
 */
export async function allowPageOrigins(
  emulators: Emulators,
  bucketName: string,
  origins: readonly string[],
): Promise<void> {
  const s3 = localS3Client(emulators.s3Endpoint);
  try {
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: bucketName,
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedOrigins: [...origins],
              AllowedMethods: ['GET', 'PUT'],
              ExposeHeaders: ['ETag'],
            },
          ],
        },
      }),
    );
  } finally {
    s3.destroy();
  }
}

const reason = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
