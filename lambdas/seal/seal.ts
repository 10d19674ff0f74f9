// seal: the sender says a file's body is uploaded. Finish a multipart upload, check the stored size
// against the declared one, then one conditional update makes the file readable, pinned to the exact
// version checked. Until then the secret reads like an unknown one.
import { S3ServiceException } from '@aws-sdk/client-s3';
import type { Deps } from '../common/deps.ts';
import { loadForSender } from '../common/access.ts';
import { InvalidRequestError, NotFoundError, UploadMismatchError } from '../common/errors.ts';
import {
  isSealable,
  isSealed,
  kindOf,
  purgeAtFor,
  type SecretRecord,
} from '../common/lifecycle.ts';
import { VaultAccessDeniedError, type StoredObject } from '../common/vault.ts';
import type { Sealed, SealRequest } from '../../core/contract.ts';

type SealDeps = Pick<Deps, 'store' | 'vault' | 'now' | 'count' | 'log'>;

/** What S3 answers CompleteMultipartUpload when the parts reported are not the parts uploaded. */
const UPLOAD_REFUSALS = new Set([
  'InvalidPart',
  'InvalidPartOrder',
  'EntityTooSmall',
  'NoSuchUpload',
]);

export async function sealSecret(
  deps: SealDeps,
  input: { id: string; manageToken: string | undefined; parts: SealRequest['parts'] },
): Promise<Sealed> {
  const record = await loadForSender(deps, input.id, input.manageToken);
  // A text has nothing to seal: like an unknown id, there is no pending file here.
  if (kindOf(record) !== 'file') throw new NotFoundError();
  if (isSealed(record)) return sealedAnswer(record);
  if (!isSealable(record, deps.now())) throw new NotFoundError();
  if (record.uploadId !== undefined && input.parts === undefined)
    throw new InvalidRequestError('parts: is required for a multipart upload.');
  if (record.uploadId === undefined && input.parts !== undefined)
    throw new InvalidRequestError('parts: is only for a multipart upload.');

  const stored = await uploadedBody(deps, record, input.parts);
  if (!stored || stored.contentLength !== record.bodyBytes) {
    // A concurrent seal may have completed the upload first (then NoSuchUpload here) and won.
    return answerIfSealed(deps, record.id, () => new UploadMismatchError());
  }
  const sealing = { versionId: stored.versionId, purgeAt: purgeAtFor(record.expiresAt) };
  if ((await deps.store.seal(record.id, sealing, deps.now())) === 'refused') {
    // Another seal won (answer like it), or the sender revoked, or time ran out meanwhile.
    return answerIfSealed(deps, record.id, () => new NotFoundError());
  }
  return sealedAnswer(record);
}

/** The stored body after finishing its multipart upload, or undefined when there is none. */
async function uploadedBody(
  deps: SealDeps,
  record: SecretRecord,
  parts: SealRequest['parts'],
): Promise<StoredObject | undefined> {
  if (record.uploadId !== undefined && parts !== undefined) {
    try {
      await deps.vault.completeMultipart(record.id, record.uploadId, parts);
    } catch (error) {
      const refused =
        error instanceof RangeError ||
        (error instanceof S3ServiceException && UPLOAD_REFUSALS.has(error.name));
      if (!refused) throw error;
      return undefined;
    }
  }
  try {
    return await deps.vault.head(record.id);
  } catch (error) {
    // In AWS a missing key answers 403 to a role that may not list the bucket.
    if (!(error instanceof VaultAccessDeniedError)) throw error;
    deps.log.warn('S3 denies HeadObject of a pending file: missing, or check s3:GetObject', {
      id: record.id,
      awsRequestId: error.awsRequestId,
    });
    return undefined;
  }
}

async function answerIfSealed(deps: SealDeps, id: string, otherwise: () => Error): Promise<Sealed> {
  const current = await deps.store.get(id);
  if (current && isSealed(current)) return sealedAnswer(current);
  throw otherwise();
}

function sealedAnswer(record: SecretRecord): Sealed {
  return {
    id: record.id,
    expiresAt: new Date(record.expiresAt).toISOString(),
    maxReads: record.maxReads,
  };
}
