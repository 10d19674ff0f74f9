// The bounds of docs/design.md §5, in one place: schemas, the local adapter and the CDK read them.

export const LIMITS = {
  maxReads: { min: 1, max: 100, default: 1 },
  /** Links one secret may have, each with its own read token and reads (docs/design.md §2). */
  recipients: { min: 1, max: 20 },
  /** A recipient's label, in characters of plaintext; the client encrypts it, the server never reads it. */
  labelChars: 100,
  /** A recipient label's JWE, in characters: 100 characters of UTF-8 at 4 bytes each, and framing. */
  labelCiphertextChars: 768,
  /** A sender's webhook URL. */
  webhookUrlChars: 2048,
  ttlSeconds: { min: 60, max: 259_200, default: 259_200 },
  /**
   * Largest secret a client sends, in bytes of plaintext: its JWE (base64url adds a third, the
   * framing about 80 characters) stays within `ciphertextChars`.
   */
  secretBytes: 700 * 1024,
  /** Longest accepted JWE compact serialization, in characters (1 MiB). */
  ciphertextChars: 1_048_576,
  /** Largest request body: the ciphertext plus the rest of the JSON. */
  bodyBytes: 1_048_576 + 16_384,
  minIterations: 600_000,
  /** Upper bound on PBKDF2 iterations, so a sender cannot lock recipients out with a huge count. */
  maxIterations: 10_000_000,
  saltBytes: { min: 16, max: 64 },
  /** Wrong passphrase verifiers in a row that destroy the secret. */
  maxFailedAttempts: 5,
  /** How long the tombstone (and so the sender's receipt) outlives the secret's expiry. */
  receiptRetentionSeconds: 7 * 24 * 3600,
  /** Longest accepted file manifest (a JWE of the file's name, type and size), in characters. */
  manifestChars: 8192,
  /**
   * Largest file body a client declares, in bytes: `encryptedBodyLength(1 GiB)` of core/body-stream.ts
   * (a unit test pins the two together), so a 1 GiB file fits and nothing larger does.
   */
  fileBodyBytes: 1_074_020_458,
  /** Bodies up to this size are uploaded with one PUT; larger ones in parts of `partBytes`. */
  multipartThresholdBytes: 64 * 1024 * 1024,
  /** Size of every part but the last (at least S3's 5 MiB minimum). */
  partBytes: 16 * 1024 * 1024,
  /** How long upload URLs stay usable (S3 checks when an upload starts, not when it ends). */
  uploadUrlSeconds: 900,
  /** How long a read's download URL stays usable. */
  downloadUrlSeconds: 300,
  /** How long a file secret waits for its seal before its item is purged. */
  pendingSeconds: 3600,
} as const;
