// The local stand-in for the vault's lifecycle rules and the token table's TTL, which the emulators
// lack: deletes ciphertext the vault should no longer hold, orphaned objects, and purged items, and
// aborts the multipart uploads of purged files that were never sealed.
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  NoSuchUpload,
  ListObjectsCommand,
  S3Client,
  type _Object,
} from '@aws-sdk/client-s3';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  paginateScan,
} from '@aws-sdk/lib-dynamodb';
import {
  currentState,
  holdsCiphertext,
  isPurged,
  type SecretRecord,
} from '../lambdas/common/lifecycle.ts';
import { objectKey } from '../lambdas/common/vault.ts';
import { localDynamoClient, localS3Client } from './emulators.ts';

export interface SweepClients {
  readonly s3: S3Client;
  readonly dynamo: DynamoDBDocumentClient;
}

export interface SweepOptions {
  readonly s3Endpoint: string;
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  readonly bucketName: string;
  readonly now: () => Date;
  /**
   * How old an object without an item must be before it is deleted. Create writes the object before
   * the item, so a create in flight briefly looks orphaned: 0 only while nothing is serving.
   */
  readonly orphanGraceMs: number;
  /** Replace the clients made from the endpoints (tests); whoever passes them destroys them. */
  readonly clients?: SweepClients;
}

export interface SweepCounts {
  /** `ended`: burned, revoked or destroyed by wrong passphrases, before it expired. */
  readonly objectsDeleted: {
    readonly expired: number;
    readonly ended: number;
    readonly orphaned: number;
  };
  readonly itemsPurged: number;
  /** Multipart uploads of pending files purged unsealed (AWS's rule aborts them after a day). */
  readonly uploadsAborted: number;
}

/**
 * The orphan grace for sweeps while the server is serving: far longer than any create takes between
 * writing the object and writing its item, so only objects of creates that failed are taken.
 */
export const SERVING_ORPHAN_GRACE_MS = 15 * 60_000;

/** The most keys DynamoDB takes in one BatchGetItem. */
const BATCH_GET_LIMIT = 100;
const BATCH_GET_ATTEMPTS = 8;
const PREFIX = objectKey('');

export function createSweepClients(endpoints: {
  readonly s3Endpoint: string;
  readonly dynamoEndpoint: string;
}): SweepClients {
  return {
    s3: localS3Client(endpoints.s3Endpoint),
    dynamo: DynamoDBDocumentClient.from(localDynamoClient(endpoints.dynamoEndpoint)),
  };
}

/** Deletes what the lifecycle rules and TTL would have; throws when a call fails (the next sweep resumes). */
export async function sweepVault(options: SweepOptions): Promise<SweepCounts> {
  const clients = options.clients ?? createSweepClients(options);
  try {
    const now = options.now();
    // Objects first: an object whose item is about to be purged is deleted for its item's reason.
    const objectsDeleted = await sweepObjects(clients, options, now);
    const { itemsPurged, uploadsAborted } = await purgeItems(clients, options, now);
    return { objectsDeleted, itemsPurged, uploadsAborted };
  } finally {
    if (!options.clients) {
      clients.s3.destroy();
      clients.dynamo.destroy();
    }
  }
}

type Reason = keyof SweepCounts['objectsDeleted'];

async function sweepObjects(
  clients: SweepClients,
  options: SweepOptions,
  now: Date,
): Promise<Record<Reason, number>> {
  const counts = { expired: 0, ended: 0, orphaned: 0 };
  for await (const objects of listObjects(clients.s3, options.bucketName)) {
    for (let start = 0; start < objects.length; start += BATCH_GET_LIMIT) {
      const chunk = objects.slice(start, start + BATCH_GET_LIMIT);
      const records = await getRecords(clients.dynamo, options.tableName, chunk.map(idOf));
      const doomed = chunk.flatMap((object) => {
        const reason = verdict(object, records.get(idOf(object)), now, options.orphanGraceMs);
        return reason ? [{ key: object.Key, reason }] : [];
      });
      const deletes = await Promise.allSettled(
        doomed.map(({ key }) =>
          clients.s3.send(new DeleteObjectCommand({ Bucket: options.bucketName, Key: key })),
        ),
      );
      deletes.forEach((result, i) => {
        const reason = doomed[i]?.reason;
        if (result.status === 'fulfilled' && reason) counts[reason] += 1;
      });
      const failed = deletes.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }
  return counts;
}

type Listed = _Object & { readonly Key: string };

/**
 * The objects under `secrets/`, a page at a time. ListObjects (v1) with a marker, not ListObjectsV2:
 * s3rver 3.7 makes V2's continuation token with DES, which OpenSSL 3 (Node 17 and later) refuses, so
 * every truncated V2 listing (more than 1000 keys) fails there with a 500.
 */
async function* listObjects(s3: S3Client, bucket: string): AsyncGenerator<Listed[]> {
  let marker: string | undefined;
  for (;;) {
    const page = await s3.send(
      new ListObjectsCommand({
        Bucket: bucket,
        Prefix: PREFIX,
        ...(marker ? { Marker: marker } : {}),
      }),
    );
    const objects = (page.Contents ?? []).filter((o): o is Listed => !!o.Key);
    yield objects;
    if (!page.IsTruncated) return;
    // Without a delimiter S3 gives no NextMarker: the last key is where the next page starts after.
    const next = page.NextMarker ?? objects.at(-1)?.Key;
    if (next === undefined || next === marker) {
      throw new Error('ListObjects said truncated but gave nothing to continue from');
    }
    marker = next;
  }
}

const idOf = (object: { Key: string }): string => object.Key.slice(PREFIX.length);

/** Why the object goes, or undefined while the vault should still hold it. */
function verdict(
  object: _Object,
  record: SecretRecord | undefined,
  now: Date,
  orphanGraceMs: number,
): Reason | undefined {
  if (record) {
    if (holdsCiphertext(record, now) && !isPurged(record, now)) return undefined;
    return currentState(record) === 'active' ? 'expired' : 'ended';
  }
  // An object without a time counts as just written.
  const age = now.getTime() - (object.LastModified ?? now).getTime();
  return age >= orphanGraceMs ? 'orphaned' : undefined;
}

/** The items of these ids, read consistently; an id missing from the map has no item. */
async function getRecords(
  dynamo: DynamoDBDocumentClient,
  tableName: string,
  ids: readonly string[],
): Promise<Map<string, SecretRecord>> {
  const records = new Map<string, SecretRecord>();
  // An empty id cannot be a DynamoDB key, so no item can have it.
  let keys: Record<string, unknown>[] = ids.filter((id) => id !== '').map((id) => ({ id }));
  for (let attempt = 1; keys.length > 0; attempt += 1) {
    if (attempt > BATCH_GET_ATTEMPTS) {
      // Never guess: a key left unread would look like an orphan and lose a live secret.
      throw new Error(`BatchGetItem left keys unprocessed after ${BATCH_GET_ATTEMPTS} attempts`);
    }
    if (attempt > 1) await sleep(Math.min(1000, 25 * 2 ** attempt));
    const out = await dynamo.send(
      new BatchGetCommand({
        RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } },
      }),
    );
    for (const item of out.Responses?.[tableName] ?? []) {
      const record = item as SecretRecord;
      records.set(record.id, record);
    }
    keys = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
  }
  return records;
}

/**
 * Deletes the items past their TTL, whether or not their object is still there. A pending file's
 * multipart upload is aborted first, so its parts do not outlive the only record of its upload id.
 */
async function purgeItems(
  clients: SweepClients,
  options: SweepOptions,
  now: Date,
): Promise<{ itemsPurged: number; uploadsAborted: number }> {
  let itemsPurged = 0;
  let uploadsAborted = 0;
  const pages = paginateScan(
    { client: clients.dynamo },
    { TableName: options.tableName, ConsistentRead: true },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const record = item as SecretRecord;
      if (!isPurged(record, now)) continue;
      if (record.state === 'pending' && record.uploadId) {
        if (await abortUpload(clients.s3, options.bucketName, record.id, record.uploadId))
          uploadsAborted += 1;
      }
      try {
        await clients.dynamo.send(
          new DeleteCommand({
            TableName: options.tableName,
            Key: { id: record.id },
            // Counted only if this call removed it.
            ConditionExpression: 'purgeAt = :seen',
            ExpressionAttributeValues: { ':seen': record.purgeAt },
          }),
        );
        itemsPurged += 1;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }
  return { itemsPurged, uploadsAborted };
}

/** Aborts one upload; false when there is none (already aborted, or completed by a seal). */
async function abortUpload(
  s3: S3Client,
  bucket: string,
  id: string,
  uploadId: string,
): Promise<boolean> {
  try {
    await s3.send(
      new AbortMultipartUploadCommand({ Bucket: bucket, Key: objectKey(id), UploadId: uploadId }),
    );
    return true;
  } catch (error) {
    if (error instanceof NoSuchUpload) return false;
    throw error;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The one log line of a sweep: counts only, never an id, a token or content. */
export function describeSweep(counts: SweepCounts): string {
  const { expired, ended, orphaned } = counts.objectsDeleted;
  return (
    `vault sweep: deleted ${expired + ended + orphaned} objects ` +
    `(${expired} expired, ${ended} ended, ${orphaned} orphaned), purged ${counts.itemsPurged} items, ` +
    `aborted ${counts.uploadsAborted} uploads`
  );
}

export interface SweepLog {
  info(line: string): void;
  warn(line: string): void;
}

/**
 * One sweep that never throws: logs one line when it deleted anything or failed (the error's name and
 * code only: SDK messages can quote keys). Returns the counts, or undefined when it failed.
 */
export async function sweepAndLog(
  options: SweepOptions & { readonly log: SweepLog },
): Promise<SweepCounts | undefined> {
  try {
    const counts = await sweepVault(options);
    const { expired, ended, orphaned } = counts.objectsDeleted;
    if (expired + ended + orphaned + counts.itemsPurged + counts.uploadsAborted > 0)
      options.log.info(describeSweep(counts));
    return counts;
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error;
    const code = (error as { code?: unknown } | undefined)?.code;
    try {
      options.log.warn(
        `vault sweep failed: ${name}${typeof code === 'string' ? ` (${code})` : ''}`,
      );
    } catch {
      // A broken log must not end the sweeper either.
    }
    return undefined;
  }
}

export interface Sweeper {
  /** Cancels the next sweep and waits for the one in flight, if any. */
  stop(): Promise<void>;
}

/** setTimeout keeps delays in a signed 32-bit int and fires at once above it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Sweeps every `intervalMs`, the first one interval after the call. A sweep starts only once the
 * previous one ended, and the timer never keeps the process alive.
 */
export function startSweeper(
  options: SweepOptions & { readonly intervalMs: number; readonly log: SweepLog },
): Sweeper {
  const { intervalMs } = options;
  if (!Number.isInteger(intervalMs) || intervalMs < 1 || intervalMs > MAX_TIMER_MS) {
    throw new RangeError(`intervalMs must be an integer from 1 to ${MAX_TIMER_MS}`);
  }
  const clients = options.clients ?? createSweepClients(options);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const schedule = () => {
    timer = setTimeout(() => {
      running = sweepAndLog({ ...options, clients }).then(() => {
        running = undefined;
        if (!stopped) schedule();
      });
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      if (!options.clients) {
        clients.s3.destroy();
        clients.dynamo.destroy();
      }
    },
  };
}
