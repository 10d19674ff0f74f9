// One schema per endpoint body, with the bounds of DESIGN §4. Messages name the field, never echo its value.
import { z } from 'zod';
import { isBase64urlOfLength, decodeBase64url } from './encoding.ts';
import { jweProblem } from './jwe.ts';
import { LIMITS } from './limits.ts';

const hash32 = z
  .string()
  .refine((v) => isBase64urlOfLength(v, 32), 'must be base64url (no padding) of 32 bytes');

const boundedInt = (min: number, max: number) =>
  z
    .number({ error: `must be an integer from ${min} to ${max}` })
    .int(`must be an integer from ${min} to ${max}`)
    .min(min, `must be an integer from ${min} to ${max}`)
    .max(max, `must be an integer from ${min} to ${max}`);

const ciphertext = z
  .string({ error: 'must be a string' })
  .max(LIMITS.ciphertextChars, 'must be at most 1 MiB')
  .superRefine((value, ctx) => {
    const problem = jweProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const salt = z.string().refine((v) => {
  const bytes = decodeBase64url(v);
  return (
    bytes !== undefined &&
    bytes.length >= LIMITS.saltBytes.min &&
    bytes.length <= LIMITS.saltBytes.max
  );
}, `must be base64url (no padding) of ${LIMITS.saltBytes.min} to ${LIMITS.saltBytes.max} bytes`);

export const passphraseParams = z.strictObject({
  salt,
  iterations: boundedInt(LIMITS.minIterations, LIMITS.maxIterations),
  verifierHash: hash32,
});

export const createBody = z.strictObject({
  ciphertext,
  readTokenHash: hash32,
  maxReads: boundedInt(LIMITS.maxReads.min, LIMITS.maxReads.max).optional(),
  ttlSeconds: boundedInt(LIMITS.ttlSeconds.min, LIMITS.ttlSeconds.max).optional(),
  passphrase: passphraseParams.nullable().optional(),
});
export type CreateBody = z.infer<typeof createBody>;

export const readBody = z.strictObject({
  verifier: z.string().optional(),
});
export type ReadBody = z.infer<typeof readBody>;

/** Turns a failed parse into one short sentence: "maxReads: must be an integer from 1 to 100". */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request body is not valid.';
  if (issue.code === 'unrecognized_keys') return `Unknown field: ${issue.keys.join(', ')}.`;
  const field = issue.path.join('.');
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${field}: is required.`;
  if (issue.path.length === 0) return 'The request body must be a JSON object.';
  return `${field}: ${issue.message}.`;
}
