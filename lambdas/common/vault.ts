// The S3 vault: one ciphertext object per secret at `secrets/<id>`; deletes target the exact version.
// Files too large for a Lambda go straight between the client and S3 through the presigned URLs minted
// here; the Lambdas only start, check and finish those transfers.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NoSuchUpload,
  NotFound,
  PutObjectCommand,
  S3ServiceException,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export interface StoredCiphertext {
  readonly ciphertext: string;
  /** Absent only where the bucket is unversioned (the local emulator). */
  readonly versionId: string | undefined;
}

/** What {@link Vault.head} reports of the stored object. */
export interface StoredObject {
  /** Bytes actually stored, whatever size the upload URL was signed for. */
  readonly contentLength: number;
  /** Absent only where the bucket is unversioned (the local emulator). */
  readonly versionId: string | undefined;
}

/** One part's upload URL of a multipart upload; part numbers run from 1 in upload order. */
export interface PresignedPart {
  readonly partNumber: number;
  readonly url: string;
}

/** What the client reports after uploading a part: S3's ETag from the part's PUT response. */
export interface UploadedPart {
  readonly partNumber: number;
  readonly etag: string;
}

/**
 * How long a presigned URL stays usable, in seconds. S3 checks the expiry when a request starts, so an
 * upload begun in time may run past it. Uploads get longer, downloads only what starting one takes.
 */
export const PRESIGN_SECONDS = {
  upload: { min: 1, max: 900 },
  download: { min: 1, max: 300 },
} as const;

/** S3's own bounds on one PUT and on multipart uploads (not the service's file limit: see LIMITS). */
export const S3_SIZES = {
  maxPutBytes: 5 * 1024 ** 3,
  /** Every part but the last: AWS refuses a smaller one at CompleteMultipartUpload, s3rver never. */
  minPartBytes: 5 * 1024 ** 2,
  maxPartBytes: 5 * 1024 ** 3,
  maxParts: 10_000,
} as const;

export const objectKey = (id: string): string => `secrets/${id}`;

/**
 * S3 refused a GetObject with 403 AccessDenied. That is S3's answer for a key that does not exist when
 * the caller may not list the bucket (the Lambdas may not), but also for a missing s3:GetObject or
 * kms:Decrypt: only the caller, knowing whether the object should still exist, can tell which.
 */
export class VaultAccessDeniedError extends Error {
  /** S3's request id, for the operator; never secret material. */
  readonly awsRequestId: string | undefined;
  constructor(cause: S3ServiceException, operation: 'GetObject' | 'HeadObject' = 'GetObject') {
    super(`S3 denied ${operation} (403 AccessDenied)`, { cause });
    this.name = 'VaultAccessDeniedError';
    this.awsRequestId = cause.$metadata.requestId;
  }
}

const isAccessDenied = (error: unknown): error is S3ServiceException =>
  error instanceof S3ServiceException &&
  error.name === 'AccessDenied' &&
  error.$metadata.httpStatusCode === 403;

/** A HEAD answer has no body, so no error code: the SDK names a 403 `Unknown`. */
const isForbidden = (error: unknown): error is S3ServiceException =>
  error instanceof S3ServiceException && error.$metadata.httpStatusCode === 403;

function checkWhole(name: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, not ${value}`);
}

const checkExpiry = (expiresInSeconds: number, bounds: { min: number; max: number }) =>
  checkWhole('expiresInSeconds', expiresInSeconds, bounds.min, bounds.max);

/**
 * The SDK's flexible checksums (on by default since 3.729) would sign the CRC32 of the empty body the
 * command has at signing time into an upload URL, which no real upload matches; and x-amz-checksum-mode
 * into a download URL. Integrity is the envelope's job (authenticated encryption), so every URL is
 * signed without them, the same whatever the client's checksum settings.
 */
const FLEXIBLE_CHECKSUM_HEADER = /^x-amz-(checksum-|sdk-checksum-algorithm$)/i;

function withoutChecksums<C extends PutObjectCommand | UploadPartCommand | GetObjectCommand>(
  command: C,
): C {
  // The three stacks differ only in their Input/Output type parameters, which this never reads.
  (command.middlewareStack as PutObjectCommand['middlewareStack']).add(
    (next) => async (args) => {
      const { request } = args;
      if (typeof request === 'object' && request !== null && 'headers' in request) {
        const headers = request.headers as Record<string, string>;
        for (const name of Object.keys(headers))
          if (FLEXIBLE_CHECKSUM_HEADER.test(name)) delete headers[name];
      }
      return next(args);
    },
    // Low priority in the build step: after the checksum middleware, before the presigner signs.
    { step: 'build', priority: 'low', name: 'vaultPresignWithoutChecksums', override: true },
  );
  return command;
}

export class Vault {
  readonly #s3: S3Client;
  readonly #bucket: string;
  readonly #now: () => Date;

  /** @param now the clock presigned URLs are dated by, and so expire by. @default the system clock */
  constructor(s3: S3Client, bucket: string, now: () => Date = () => new Date()) {
    this.#s3 = s3;
    this.#bucket = bucket;
    this.#now = now;
  }

  /** Stores the ciphertext and returns the version written. */
  async put(id: string, ciphertext: string): Promise<string | undefined> {
    const out = await this.#s3.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: objectKey(id),
        Body: ciphertext,
        ContentType: 'application/jose',
      }),
    );
    return out.VersionId;
  }

  /**
   * The ciphertext, or undefined when S3 says the key does not exist (NoSuchKey, only to a caller
   * allowed to list the bucket: the local emulator). Throws {@link VaultAccessDeniedError} on a 403.
   */
  async get(id: string): Promise<StoredCiphertext | undefined> {
    try {
      const out = await this.#s3.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: objectKey(id) }),
      );
      const ciphertext = (await out.Body?.transformToString('utf-8')) ?? '';
      return { ciphertext, versionId: out.VersionId };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      if (isAccessDenied(error)) throw new VaultAccessDeniedError(error);
      throw error;
    }
  }

  /**
   * Deletes the exact version: on a versioned bucket a plain DeleteObject only adds a delete
   * marker and leaves the ciphertext recoverable.
   */
  async delete(id: string, versionId: string | undefined): Promise<void> {
    await this.#s3.send(
      new DeleteObjectCommand({
        Bucket: this.#bucket,
        Key: objectKey(id),
        ...(versionId ? { VersionId: versionId } : {}),
      }),
    );
  }

  /**
   * A URL for one PutObject of exactly `contentLength` bytes: Content-Length is signed, so AWS refuses
   * another size (s3rver, which checks no signature, does not: {@link head} tells). The client sends
   * the body and nothing else; the bucket's default encryption (SSE-KMS) applies.
   */
  async presignPut(id: string, contentLength: number, expiresInSeconds: number): Promise<string> {
    checkWhole('contentLength', contentLength, 1, S3_SIZES.maxPutBytes);
    checkExpiry(expiresInSeconds, PRESIGN_SECONDS.upload);
    const command = new PutObjectCommand({
      Bucket: this.#bucket,
      Key: objectKey(id),
      ContentLength: contentLength,
    });
    return getSignedUrl(this.#s3, withoutChecksums(command), this.#signing(expiresInSeconds));
  }

  /** Starts a multipart upload of the object and returns its upload id. */
  async startMultipart(id: string): Promise<string> {
    const out = await this.#s3.send(
      new CreateMultipartUploadCommand({ Bucket: this.#bucket, Key: objectKey(id) }),
    );
    if (!out.UploadId) throw new Error('S3 started a multipart upload without an upload id');
    return out.UploadId;
  }

  /**
   * One UploadPart URL per size, in order (part numbers from 1), each signed for its exact length.
   * Every part but the last must reach S3's 5 MiB minimum: refused here, since s3rver would take it.
   */
  async presignParts(
    id: string,
    uploadId: string,
    partSizes: readonly number[],
    expiresInSeconds: number,
  ): Promise<PresignedPart[]> {
    checkWhole('the number of parts', partSizes.length, 1, S3_SIZES.maxParts);
    partSizes.forEach((size, index) => {
      const last = index === partSizes.length - 1;
      const min = last ? 1 : S3_SIZES.minPartBytes;
      checkWhole(`part ${index + 1}'s size`, size, min, S3_SIZES.maxPartBytes);
    });
    checkExpiry(expiresInSeconds, PRESIGN_SECONDS.upload);
    return Promise.all(
      partSizes.map(async (size, index) => ({
        partNumber: index + 1,
        url: await getSignedUrl(
          this.#s3,
          withoutChecksums(
            new UploadPartCommand({
              Bucket: this.#bucket,
              Key: objectKey(id),
              UploadId: uploadId,
              PartNumber: index + 1,
              ContentLength: size,
            }),
          ),
          this.#signing(expiresInSeconds),
        ),
      })),
    );
  }

  /**
   * Assembles the parts, numbered 1 to n in order, with the ETags the client read from each part's
   * PUT response, and returns the version written. A wrong ETag, a part under 5 MiB or an unknown
   * upload is refused by AWS (InvalidPart, EntityTooSmall, NoSuchUpload), not by s3rver: the exact
   * size check belongs to the seal ({@link head}).
   */
  async completeMultipart(
    id: string,
    uploadId: string,
    parts: readonly UploadedPart[],
  ): Promise<string | undefined> {
    checkWhole('the number of parts', parts.length, 1, S3_SIZES.maxParts);
    parts.forEach((part, index) => {
      if (part.partNumber !== index + 1)
        throw new RangeError(`part ${index + 1} is numbered ${part.partNumber}`);
      if (part.etag.length === 0) throw new RangeError(`part ${index + 1} has no ETag`);
    });
    const out = await this.#s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.#bucket,
        Key: objectKey(id),
        UploadId: uploadId,
        MultipartUpload: {
          Parts: parts.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })),
        },
      }),
    );
    return out.VersionId;
  }

  /**
   * Discards the upload and its parts. False when S3 knows no such upload: already aborted, expired
   * by the lifecycle rule, or completed, in which case the object exists and is the caller's to delete.
   * A part still being uploaded during the abort may survive it; the lifecycle rule removes it.
   */
  async abortMultipart(id: string, uploadId: string): Promise<boolean> {
    try {
      await this.#s3.send(
        new AbortMultipartUploadCommand({
          Bucket: this.#bucket,
          Key: objectKey(id),
          UploadId: uploadId,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof NoSuchUpload) return false;
      throw error;
    }
  }

  /**
   * The current object's size and version, for the seal's exact size check; undefined when S3 says it
   * does not exist (404, only to a caller allowed to list the bucket: the local emulator). Throws
   * {@link VaultAccessDeniedError} on a 403, which in AWS is also the answer for a missing key.
   */
  async head(id: string): Promise<StoredObject | undefined> {
    try {
      const out = await this.#s3.send(
        new HeadObjectCommand({ Bucket: this.#bucket, Key: objectKey(id) }),
      );
      if (out.ContentLength === undefined) throw new Error('S3 answered HeadObject with no size');
      return { contentLength: out.ContentLength, versionId: out.VersionId };
    } catch (error) {
      if (error instanceof NotFound) return undefined;
      if (isForbidden(error)) throw new VaultAccessDeniedError(error, 'HeadObject');
      throw error;
    }
  }

  /**
   * A URL for GetObject of exactly that version (on a versioned bucket a later write to the key makes
   * a new version, which this URL never serves), answered with `Cache-Control: no-store`. Usable any
   * number of times until it expires or the version is deleted.
   */
  async presignGet(
    id: string,
    versionId: string | undefined,
    expiresInSeconds: number,
  ): Promise<string> {
    checkExpiry(expiresInSeconds, PRESIGN_SECONDS.download);
    const command = new GetObjectCommand({
      Bucket: this.#bucket,
      Key: objectKey(id),
      ...(versionId ? { VersionId: versionId } : {}),
      ResponseCacheControl: 'no-store',
    });
    return getSignedUrl(this.#s3, withoutChecksums(command), this.#signing(expiresInSeconds));
  }

  /** How every URL is signed: dated by the vault's clock, expiring `expiresInSeconds` later. */
  #signing(expiresInSeconds: number) {
    return { expiresIn: expiresInSeconds, signingDate: this.#now() };
  }
}
