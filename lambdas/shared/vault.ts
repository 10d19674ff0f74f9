// The S3 vault: one ciphertext object per secret at `secrets/<id>`; deletes target the exact version.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

export interface StoredCiphertext {
  readonly ciphertext: string;
  /** Absent only where the bucket is unversioned (the local emulator). */
  readonly versionId: string | undefined;
}

export const objectKey = (id: string): string => `secrets/${id}`;

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

  /** The ciphertext, or undefined when the object is gone. */
  async get(id: string): Promise<StoredCiphertext | undefined> {
    try {
      const out = await this.#s3.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: objectKey(id) }),
      );
      const ciphertext = (await out.Body?.transformToString('utf-8')) ?? '';
      return { ciphertext, versionId: out.VersionId };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
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
