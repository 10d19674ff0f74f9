// fill: the holder of a secret request's fill link stores the one ciphertext the request takes,
// encrypted to the requester's key. Claim the request, store the object, then mark it filled, each
// step conditioned on the claim, so two fills racing never both land and the object is the winner's.
import type { Deps } from '../common/deps.ts';
import { destroyObject } from '../common/destroy.ts';
import { matchesHash, randomBase64url, UNKNOWN_ID_HASH } from '../common/encoding.ts';
import { AlreadyFilledError, NotFoundError, WrongKeyError } from '../common/errors.ts';
import {
  FILL_CLAIM_MS,
  isAwaitingFill,
  isExpired,
  isFillable,
  isPurged,
  kindOf,
  type SecretRecord,
} from '../common/lifecycle.ts';
import type { Filled } from '../../core/contract.ts';
import { requestJweKeyId } from '../../core/jwe.ts';

type FillDeps = Pick<Deps, 'store' | 'vault' | 'now' | 'count' | 'log'>;

export async function fillRequest(
  deps: FillDeps,
  input: { id: string; fillToken: string | undefined; ciphertext: string },
): Promise<Filled> {
  const record = await loadForFiller(deps, input.id, input.fillToken);
  // The schema checked the JWE's shape; only the request knows which key it must be encrypted to.
  if (requestJweKeyId(input.ciphertext) !== record.keyId) throw new WrongKeyError();
  const fillId = randomBase64url(16);
  const now = deps.now();
  const claim = await deps.store.claimFill(record.id, fillId, now, now.getTime() + FILL_CLAIM_MS);
  if (claim === 'refused') throw await refusal(deps, record.id);

  let versionId: string | undefined;
  try {
    versionId = await deps.vault.put(record.id, input.ciphertext);
  } catch (error) {
    // Nothing was stored: the request goes back to awaiting (or, should that fail too, its claim
    // lapses), and the holder may send again.
    await deps.store.releaseFill(record.id, fillId).catch(() => undefined);
    throw error;
  }
  const finished = await deps.store.finishFill(record.id, fillId, { versionId }, deps.now());
  if (finished === 'refused') {
    // Withdrawn while this fill was storing: its object goes, and the request is gone.
    await destroyObject(deps, record.id, versionId);
    throw new NotFoundError();
  }
  deps.count('RequestFilled');
  return { id: record.id, expiresAt: new Date(record.expiresAt).toISOString() };
}

/**
 * The request for the holder of its fill token: a wrong token, an id that is no request, and a request
 * expired, withdrawn or purged all answer like an unknown id (404). One already filled answers 409.
 */
async function loadForFiller(
  deps: FillDeps,
  id: string,
  fillToken: string | undefined,
): Promise<SecretRecord> {
  const record = await deps.store.get(id);
  const hash = record && kindOf(record) === 'request' ? record.fillTokenHash : undefined;
  // An unknown id costs the same hash and compare as a wrong token: timing tells nothing either.
  if (!matchesHash(fillToken, hash ?? UNKNOWN_ID_HASH) || !record) {
    if (record) deps.count('AccessDenied');
    throw new NotFoundError();
  }
  const now = deps.now();
  if (isPurged(record, now) || isExpired(record, now)) throw new NotFoundError();
  if (!isFillable(record, now))
    throw isAwaitingFill(record, now) || wasFilled(record)
      ? new AlreadyFilledError()
      : new NotFoundError();
  return record;
}

/** A request that holds a fill, whatever has happened to it since (read, burned). */
const wasFilled = (record: SecretRecord): boolean => record.filledAt !== undefined;

/** Why a claim was refused, from the request as it is now: filled (or being filled) 409, else 404. */
async function refusal(deps: FillDeps, id: string): Promise<Error> {
  const current = await deps.store.get(id);
  const now = deps.now();
  if (current && (wasFilled(current) || isAwaitingFill(current, now)))
    return new AlreadyFilledError();
  return new NotFoundError();
}
