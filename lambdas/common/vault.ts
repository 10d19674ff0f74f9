// The S3 vault: one ciphertext object per secret at `secrets/<id>`; deletes target the exact version.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3ServiceException,
  type S3Client,
} from '@aws-sdk/client-s3';

export interface StoredCiphertext {
  readonly ciphertext: string;
  /** Absent only where the bucket is unversioned (the local emulator). */
  readonly versionId: string | undefined;
}

export const objectKey = (id: string): string => `secrets/${id}`;

/**
 * S3 refused a GetObject with 403 AccessDenied. That is S3's answer for a key that does not exist when
 * the caller may not list the bucket (the Lambdas may not), but also for a missing s3:GetObject or
 * kms:Decrypt: only the caller, knowing whether the object should still exist, can tell which.
 */
export class VaultAccessDeniedError extends Error {
  /** S3's request id, for the operator; never secret material. */
  readonly awsRequestId: string | undefined;
  constructor(cause: S3ServiceException) {
    super('S3 denied GetObject (403 AccessDenied)', { cause });
    this.name = 'VaultAccessDeniedError';
    this.awsRequestId = cause.$metadata.requestId;
  }
}

const isAccessDenied = (error: unknown): error is S3ServiceException =>
  error instanceof S3ServiceException &&
  error.name === 'AccessDenied' &&
  error.$metadata.httpStatusCode === 403;

export class Vault {
  readonly #s3: S3Client;
  readonly #bucket: string;

  constructor(s3: S3Client, bucket: string) {
    this.#s3 = s3;
    this.#bucket = bucket;
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
}
