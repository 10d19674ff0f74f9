// The DynamoDB token table: one item per secret. Every count is one conditional update that other
// requests cannot make fail while the change is still possible, and that records the request's id,
// so that an SDK retry of a committed write is recognised as done instead of counted twice.
import {
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { OutcomeUnknownError } from './errors.ts';
import {
  hasApplied,
  hasEnded,
  readOutcome,
  wrongVerifierOutcome,
  type ReadOutcome,
  type SecretRecord,
  type WrongVerifierOutcome,
} from './lifecycle.ts';
import { LIMITS } from '../../core/limits.ts';

/**
 * The change is no longer possible (the secret is burned, destroyed, revoked, expired or gone) and
 * never will be: nothing was counted.
 */
export interface Refused {
  readonly outcome: 'refused';
}

/**
 * What a counting write did, decided here once: this request's change is in the item (whether the
 * first attempt or an SDK retry of it committed), and what it did to the secret; or it was refused.
 */
export type ReadChange = ReadOutcome | Refused;
export type WrongVerifierChange = WrongVerifierOutcome | Refused;

const REFUSED: Refused = { outcome: 'refused' };

// Every count is conditioned on the secret (and the link counted, when it has several) still being
// readable; none on the exact count seen. `#link.` is `recipients.<read token hash>.` for one of
// several links and empty for a secret's only one.
const STILL_READABLE =
  '#state = :active AND #link.remainingReads >= :one AND #link.failedAttempts < :maxFailed AND expiresAt > :now';
const LINK_NOT_ENDED = 'attribute_not_exists(#rcp.#r.endedAt)';
const NOT_YET_APPLIED = 'NOT contains(appliedRequests, :rid)';
// The sender may also end a file still waiting for its seal, and withdraw a request not filled yet.
const REVOCABLE =
  '(#state IN (:pending, :awaiting, :filling) OR (#state = :active AND remainingReads >= :one AND failedAttempts < :maxFailed)) AND expiresAt > :now';
// A fill may claim a request nobody has filled, or one whose claim was abandoned.
const FILLABLE =
  '(#state = :awaiting OR (#state = :filling AND fillingUntil < :now)) AND expiresAt > :now';
const CLAIMED_BY_THIS_FILL = '#state = :filling AND fillId = :fill';

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

  /**
   * Takes one read while any remain, and clears the wrong-passphrase count. The read that takes the
   * count to 0 burns the secret (see `currentState`): that one is answered `burned`. Concurrent
   * readers never make each other fail.
   */
  async consumeRead(
    id: string,
    requestId: string,
    now: Date,
    recipient?: string,
  ): Promise<ReadChange> {
    const after = await this.#countOnce(id, requestId, now, recipient, {
      // READS is a DynamoDB reserved word.
      update:
        'SET #link.remainingReads = #link.remainingReads - :one, #link.failedAttempts = :zero, #link.#reads = list_append(#link.#reads, :read)',
      names: { '#reads': 'reads' },
      values: { ':zero': 0, ':read': [{ at: now.toISOString() }] },
    });
    return after ? readOutcome(after, recipient) : REFUSED;
  }

  /**
   * Counts one wrong passphrase verifier while fewer than the limit are counted; the one that reaches
   * it destroys the secret and is answered `destroyed`. The lifetime total, which no read clears,
   * starts on an older item from the count it has.
   */
  async recordWrongVerifier(
    id: string,
    requestId: string,
    now: Date,
    recipient?: string,
  ): Promise<WrongVerifierChange> {
    const after = await this.#countOnce(id, requestId, now, recipient, {
      update:
        'SET #link.failedAttempts = #link.failedAttempts + :one, #link.totalFailedAttempts = if_not_exists(#link.totalFailedAttempts, #link.failedAttempts) + :one',
      values: {},
    });
    return after ? wrongVerifierOutcome(after, recipient) : REFUSED;
  }

  /**
   * Ends a readable secret at once, on a recipient's word (after a read, with reads left): `destroyed`
   * by this request, or `refused` when it had already ended (a reader, a wrong guess, the sender, the
   * clock or an earlier destroy won). Counted once like a read, so an SDK retry of a committed write
   * still answers `destroyed`; it takes no read and leaves every count as it was.
   */
  async destroy(
    id: string,
    requestId: string,
    now: Date,
    recipient?: string,
  ): Promise<{ readonly outcome: 'destroyed'; readonly ended: boolean } | Refused> {
    const after = await this.#countOnce(id, requestId, now, recipient, {
      // One of several links ends alone; the secret's only link ends the secret.
      update: 'SET #link.#state = :destroyed, #link.endedAt = :at',
      values: { ':destroyed': 'destroyed', ':at': now.toISOString() },
    });
    return after ? { outcome: 'destroyed', ended: hasEnded(after) } : REFUSED;
  }

  /**
   * Ends one link of a secret with several, on the sender's word: `revoked` by this call (with whether
   * the secret now has no open link left), or `refused` when that link or the secret had already
   * ended. A repeat changes nothing.
   */
  async revokeRecipient(
    id: string,
    recipient: string,
    now: Date,
  ): Promise<{ readonly outcome: 'revoked'; readonly ended: boolean } | Refused> {
    try {
      const out = await this.#dynamo.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { id },
          UpdateExpression: 'SET #rcp.#r.#state = :revoked, #rcp.#r.endedAt = :at',
          ConditionExpression: `${STILL_READABLE.replaceAll('#link.', '#rcp.#r.')} AND ${LINK_NOT_ENDED}`,
          ExpressionAttributeNames: { '#state': 'state', '#rcp': 'recipients', '#r': recipient },
          ExpressionAttributeValues: {
            ':active': 'active',
            ':revoked': 'revoked',
            ':one': 1,
            ':maxFailed': LIMITS.maxFailedAttempts,
            ':now': now.getTime(),
            ':at': now.toISOString(),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { outcome: 'revoked', ended: hasEnded(out.Attributes as SecretRecord) };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return REFUSED;
      throw error;
    }
  }

  /**
   * Ends a readable (or pending) secret at once, on the sender's word: `revoked` by this call, or `refused` when it
   * had already ended (another revoke, a reader, a wrong guess or the clock won). A repeat changes
   * nothing.
   */
  async revoke(id: string, now: Date): Promise<'revoked' | 'refused'> {
    try {
      await this.#dynamo.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { id },
          UpdateExpression: 'SET #state = :revoked, endedAt = :at',
          ConditionExpression: REVOCABLE,
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':awaiting': 'awaiting',
            ':filling': 'filling',
            ':active': 'active',
            ':revoked': 'revoked',
            ':one': 1,
            ':maxFailed': LIMITS.maxFailedAttempts,
            ':now': now.getTime(),
            ':at': now.toISOString(),
          },
        }),
      );
      return 'revoked';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'refused';
      throw error;
    }
  }

  /**
   * Seals a pending file: one conditional update from `pending` to `active` that records the exact
   * version checked and gives the item the retention of a live secret. `sealed` by this call, or
   * `refused` when it is no longer pending (sealed already, revoked) or too late (expired, past its
   * seal deadline). A repeat changes nothing.
   */
  async seal(
    id: string,
    sealing: { versionId: string | undefined; purgeAt: number },
    now: Date,
  ): Promise<'sealed' | 'refused'> {
    try {
      await this.#dynamo.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { id },
          UpdateExpression: `SET #state = :active, sealedAt = :at, purgeAt = :purgeAt${
            sealing.versionId ? ', objectVersion = :version' : ''
          } REMOVE uploadId`,
          ConditionExpression: '#state = :pending AND expiresAt > :now AND purgeAt > :nowSeconds',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':active': 'active',
            ':now': now.getTime(),
            ':nowSeconds': Math.floor(now.getTime() / 1000),
            ':at': now.toISOString(),
            ':purgeAt': sealing.purgeAt,
            ...(sealing.versionId ? { ':version': sealing.versionId } : {}),
          },
        }),
      );
      return 'sealed';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'refused';
      throw error;
    }
  }

  /**
   * Claims a request for one fill (`fillId`, the fill's own random id) until `until`: `claimed` by this
   * fill (an SDK retry of a claim that committed included), or `refused` when it is filled, being
   * filled, withdrawn or expired. Only the claim's holder may then store the ciphertext and finish.
   */
  async claimFill(
    id: string,
    fillId: string,
    now: Date,
    until: number,
  ): Promise<'claimed' | 'refused'> {
    return this.#fillStep(id, fillId, {
      update: 'SET #state = :filling, fillId = :fill, fillingUntil = :until',
      condition: FILLABLE,
      values: {
        ':awaiting': 'awaiting',
        ':now': now.getTime(),
        ':until': until,
      },
      done: (item) => item.state === 'filling',
    });
  }

  /**
   * Makes a claimed request readable: `filled` by this fill (a retry of a committed finish included),
   * or `refused` when the claim is no longer this fill's (withdrawn meanwhile).
   */
  async finishFill(
    id: string,
    fillId: string,
    filling: { versionId: string | undefined },
    now: Date,
  ): Promise<'filled' | 'refused'> {
    const outcome = await this.#fillStep(id, fillId, {
      update: `SET #state = :active, filledAt = :at${
        filling.versionId ? ', objectVersion = :version' : ''
      } REMOVE fillingUntil`,
      condition: CLAIMED_BY_THIS_FILL,
      values: {
        ':active': 'active',
        ':at': now.toISOString(),
        ...(filling.versionId ? { ':version': filling.versionId } : {}),
      },
      done: (item) => item.state === 'active',
    });
    return outcome === 'claimed' ? 'filled' : 'refused';
  }

  /** Gives a claimed request back to `awaiting` after its fill failed to store anything. */
  async releaseFill(id: string, fillId: string): Promise<void> {
    await this.#fillStep(id, fillId, {
      update: 'SET #state = :awaiting REMOVE fillId, fillingUntil',
      condition: CLAIMED_BY_THIS_FILL,
      values: { ':awaiting': 'awaiting' },
      done: (item) => item.state === 'awaiting',
    });
  }

  /**
   * One step of a fill, conditioned on the claim: when it fails or its answer is lost, a consistent
   * re-read tells whether it is in (`done` holds and the claim is still this fill's).
   */
  async #fillStep(
    id: string,
    fillId: string,
    op: {
      update: string;
      condition: string;
      values: Record<string, unknown>;
      done: (item: SecretRecord) => boolean;
    },
  ): Promise<'claimed' | 'refused'> {
    try {
      await this.#dynamo.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { id },
          UpdateExpression: op.update,
          ConditionExpression: op.condition,
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':filling': 'filling', ':fill': fillId, ...op.values },
        }),
      );
      return 'claimed';
    } catch (error) {
      const mine = await this.#afterFailedWrite(
        id,
        error,
        (current) => current.fillId === fillId && op.done(current),
      );
      return mine ? 'claimed' : 'refused';
    }
  }

  /**
   * One conditional update that adds `requestId` to the item's applied requests; the item with this
   * request's change in it, or undefined when refused. When the update fails, or its answer is lost, a
   * consistent re-read tells whether this request's change is in the item: then it is done (an SDK
   * retry of a committed write fails its condition and lands here).
   */
  async #countOnce(
    id: string,
    requestId: string,
    now: Date,
    recipient: string | undefined,
    op: { update: string; names?: Record<string, string>; values: Record<string, unknown> },
  ): Promise<SecretRecord | undefined> {
    // The link's fields: under recipients.<hash> for one of several, the item's own for the only one.
    const link = (text: string) =>
      text.replaceAll('#link.', recipient === undefined ? '' : '#rcp.#r.');
    const condition =
      recipient === undefined ? STILL_READABLE : `${STILL_READABLE} AND ${LINK_NOT_ENDED}`;
    try {
      const out = await this.#dynamo.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { id },
          UpdateExpression: `${link(op.update)} ADD appliedRequests :rids`,
          ConditionExpression: `${link(condition)} AND ${NOT_YET_APPLIED}`,
          ExpressionAttributeNames: {
            '#state': 'state',
            ...(recipient === undefined ? {} : { '#rcp': 'recipients', '#r': recipient }),
            ...op.names,
          },
          ExpressionAttributeValues: {
            ':active': 'active',
            ':one': 1,
            ':maxFailed': LIMITS.maxFailedAttempts,
            ':now': now.getTime(),
            ':rid': requestId,
            ':rids': new Set([requestId]),
            ...op.values,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes as SecretRecord;
    } catch (error) {
      return this.#afterFailedWrite(id, error, (current) => hasApplied(current, requestId));
    }
  }

  /**
   * After a conditional write failed or went unanswered: the item as it is when this request's change
   * is in it (`isMine`: an SDK retry of a committed write fails its condition and lands here),
   * undefined when the condition refused it (final: every state it requires is one the item never
   * returns to), else 503 `outcome_unknown` (the write may still land).
   */
  async #afterFailedWrite(
    id: string,
    error: unknown,
    isMine: (current: SecretRecord) => boolean,
  ): Promise<SecretRecord | undefined> {
    const refused = error instanceof ConditionalCheckFailedException;
    let current: SecretRecord | undefined;
    try {
      current = await this.get(id);
    } catch {
      // Even a refused condition may be an SDK retry of an attempt that committed.
      throw new OutcomeUnknownError();
    }
    if (current && isMine(current)) return current;
    if (refused) return undefined;
    throw new OutcomeUnknownError();
  }
}
