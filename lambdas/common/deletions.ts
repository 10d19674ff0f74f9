// A file's body deleted some minutes after its last read, not at once (that would cut off the download
// the read answered): the read schedules the deletion here; in AWS an SQS delay queue holds it and the
// reaper Lambda (lambdas/reaper) carries it out, locally a persisted timer (local/reaper.ts) does.
// The message names the object and its version only: the key is `secrets/<id>`, and an id is not a
// credential, so nothing in it opens or proves anything.
import { jsonObject } from './messages.ts';
import { SECRET_ID } from '../../core/ids.ts';
import { BODY_DELETE_DELAY_SECONDS } from './lifecycle.ts';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { objectKey } from './vault.ts';

/** One object version to delete later. */
export interface ScheduledDeletion {
  /** `secrets/<id>`. */
  readonly key: string;
  /** The exact version; absent only where the bucket is unversioned (the local emulator). */
  readonly versionId?: string;
}

export interface DeletionQueue {
  /** Resolves once the deletion is durably scheduled; rejects when it may not be. */
  schedule(deletion: ScheduledDeletion): Promise<void>;
}

/** S3 version ids are opaque; AWS's are 32 URL-safe characters, and none approaches this. */
const MAX_VERSION_ID_CHARS = 1024;

/** The deletion of a secret's body, version `versionId`. */
export const bodyDeletion = (id: string, versionId: string | undefined): ScheduledDeletion => ({
  key: objectKey(id),
  ...(versionId ? { versionId } : {}),
});

/** The secret id a deletion's key names, or undefined when it names anything else. */
export function deletionId(deletion: ScheduledDeletion): string | undefined {
  const id = deletion.key.slice(objectKey('').length);
  return objectKey(id) === deletion.key && SECRET_ID.test(id) ? id : undefined;
}

/** The message: `{key, versionId}` as JSON, nothing else. */
export const formatDeletion = (deletion: ScheduledDeletion): string =>
  JSON.stringify({
    key: deletion.key,
    ...(deletion.versionId ? { versionId: deletion.versionId } : {}),
  });

/**
 * A message back into a deletion, or undefined when it is not one: not JSON, other fields, or a key
 * that is not a secret's object. The reaper deletes nothing else, whoever wrote to its queue.
 */
export function parseDeletion(text: string): ScheduledDeletion | undefined {
  const value = jsonObject(text);
  if (!value) return undefined;
  const { key, versionId, ...rest } = value;
  if (Object.keys(rest).length > 0 || typeof key !== 'string') return undefined;
  if (versionId !== undefined) {
    if (typeof versionId !== 'string' || versionId === '') return undefined;
    if (versionId.length > MAX_VERSION_ID_CHARS) return undefined;
  }
  const deletion: ScheduledDeletion = { key, ...(versionId ? { versionId } : {}) };
  return deletionId(deletion) === undefined ? undefined : deletion;
}

/**
 * In AWS: one message on the reaper's queue, delivered {@link BODY_DELETE_DELAY_SECONDS} later. The
 * client is made at the first deletion, not at cold start: most reads and destroys are of text
 * secrets and never schedule one, so they should not pay for building it.
 */
export class SqsDeletionQueue implements DeletionQueue {
  readonly #createClient: () => SQSClient;
  #sqs: SQSClient | undefined;
  readonly #queueUrl: string;

  /** `createClient` is called once, at the first {@link schedule}. */
  constructor(createClient: () => SQSClient, queueUrl: string) {
    this.#createClient = createClient;
    this.#queueUrl = queueUrl;
  }

  async schedule(deletion: ScheduledDeletion): Promise<void> {
    this.#sqs ??= this.#createClient();
    // The SDK checks the MD5 SQS answers of the body against what was sent.
    await this.#sqs.send(
      new SendMessageCommand({
        QueueUrl: this.#queueUrl,
        MessageBody: formatDeletion(deletion),
        DelaySeconds: BODY_DELETE_DELAY_SECONDS,
      }),
    );
  }
}

/**
 * Where no queue is configured (every Lambda but read): scheduling fails, as it must not happen there.
 * The caller logs it and the vault's lifecycle rules remove the body.
 */
export const NO_DELETION_QUEUE: DeletionQueue = {
  schedule: () => Promise.reject(new Error('no deletion queue is configured here')),
};
