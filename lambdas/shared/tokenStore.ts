// The DynamoDB token table: one item per secret. Every state change is one conditional update
// on the exact value just read, so concurrent readers and SDK retries can never over-consume.
import {
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { afterRead, afterWrongVerifier, type SecretRecord } from './lifecycle.ts';

/** Whether a conditional write took effect, or lost to a concurrent change (re-read and decide again). */
export type WriteOutcome = 'done' | 'lost';

export class TokenStore {
  readonly #dynamo: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(dynamo: DynamoDBDocumentClient, tableName: string) {
    this.#dynamo = dynamo;
    this.#tableName = tableName;
  }

  async get(id: string): Promise<SecretRecord | undefined> {
    const out = await this.#dynamo.send(
      new GetCommand({ TableName: this.#tableName, Key: { id }, ConsistentRead: true }),
    );
    return out.Item as SecretRecord | undefined;
  }

  async create(record: SecretRecord): Promise<void> {
    await this.#dynamo.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: record,
        ConditionExpression: 'attribute_not_exists(id)',
      }),
    );
  }

  /** Takes one read, conditioned on the exact count seen; the last read also burns the secret. */
  async consumeRead(record: SecretRecord, now: Date): Promise<WriteOutcome> {
    const { remainingReads, burns } = afterRead(record.remainingReads);
    const at = now.toISOString();
    return this.#conditionalUpdate({
      id: record.id,
      update:
        'SET remainingReads = :next, failedAttempts = :zero, #reads = list_append(#reads, :read)' +
        (burns ? ', #state = :burned, endedAt = :at' : ''),
      condition: '#state = :active AND remainingReads = :seen AND expiresAt > :now',
      // READS is a DynamoDB reserved word.
      names: { '#reads': 'reads' },
      values: {
        ':next': remainingReads,
        ':zero': 0,
        ':read': [{ at }],
        ':seen': record.remainingReads,
        ':now': now.getTime(),
        ...(burns ? { ':burned': 'burned', ':at': at } : {}),
      },
    });
  }

  /** Counts one wrong passphrase verifier; the last allowed one burns the secret. */
  async recordWrongVerifier(
    record: SecretRecord,
    now: Date,
    maxAttempts: number,
  ): Promise<WriteOutcome> {
    const { failedAttempts, destroys } = afterWrongVerifier(record.failedAttempts, maxAttempts);
    return this.#conditionalUpdate({
      id: record.id,
      update: 'SET failedAttempts = :next' + (destroys ? ', #state = :burned, endedAt = :at' : ''),
      condition: '#state = :active AND failedAttempts = :seen AND expiresAt > :now',
      values: {
        ':next': failedAttempts,
        ':seen': record.failedAttempts,
        ':now': now.getTime(),
        ...(destroys ? { ':burned': 'burned', ':at': now.toISOString() } : {}),
      },
    });
  }

  /** Ends an active secret at once, on the sender's word. */
  async revoke(record: SecretRecord, now: Date): Promise<WriteOutcome> {
    return this.#conditionalUpdate({
      id: record.id,
      update: 'SET #state = :revoked, endedAt = :at',
      condition: '#state = :active',
      values: { ':revoked': 'revoked', ':at': now.toISOString() },
    });
  }

  async #conditionalUpdate(op: {
    id: string;
    update: string;
    condition: string;
    names?: Record<string, string>;
    values: Record<string, unknown>;
  }): Promise<WriteOutcome> {
    try {
      await this.#dynamo.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { id: op.id },
          UpdateExpression: op.update,
          ConditionExpression: op.condition,
          ExpressionAttributeNames: { '#state': 'state', ...op.names },
          ExpressionAttributeValues: { ':active': 'active', ...op.values },
        }),
      );
      return 'done';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'lost';
      throw error;
    }
  }
}
