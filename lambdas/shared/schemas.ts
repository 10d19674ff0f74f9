// One schema per endpoint body, with the bounds of DESIGN §4. Messages name the field, never echo its value.
import { z } from 'zod';
import { isBase64urlOfLength, decodeBase64url } from './encoding.ts';
import { jweProblem } from './jwe.ts';
import { LIMITS } from './limits.ts';

const hash32 = z
  .string({ error: 'must be a string: base64url (no padding) of 32 bytes' })
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

const salt = z.string({ error: 'must be a string: base64url (no padding)' }).refine((v) => {
  const bytes = decodeBase64url(v);
  return (
    bytes !== undefined &&
    bytes.length >= LIMITS.saltBytes.min &&
    bytes.length <= LIMITS.saltBytes.max
  );
}, `must be base64url (no padding) of ${LIMITS.saltBytes.min} to ${LIMITS.saltBytes.max} bytes`);

export const passphraseParams = z.strictObject(
  {
    salt,
    iterations: boundedInt(LIMITS.minIterations, LIMITS.maxIterations),
    verifierHash: hash32,
  },
  { error: 'must be an object {salt, iterations, verifierHash} or null' },
);

export const createBody = z.strictObject({
  ciphertext,
  readTokenHash: hash32,
  maxReads: boundedInt(LIMITS.maxReads.min, LIMITS.maxReads.max).optional(),
  ttlSeconds: boundedInt(LIMITS.ttlSeconds.min, LIMITS.ttlSeconds.max).optional(),
  passphrase: passphraseParams.nullable().optional(),
});
export type CreateBody = z.infer<typeof createBody>;

export const readBody = z.strictObject({
  verifier: z.string({ error: 'must be a string' }).optional(),
});
export type ReadBody = z.infer<typeof readBody>;

/**
 * Turns a failed parse into one short sentence: "maxReads: must be an integer from 1 to 100".
 * `input` is what was parsed: zod 4 issues do not carry it, and only it tells a field that is
 * missing from one of the wrong type. Values are looked at, never quoted.
 */
export function describeIssues(error: z.ZodError, input: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'The request body is not valid.';
  if (issue.path.length === 0) {
    if (issue.code === 'unrecognized_keys') return `Unknown field: ${issue.keys.join(', ')}.`;
    return 'The request body must be a JSON object.';
  }
  const field = issue.path.join('.');
  if (issue.code === 'unrecognized_keys')
    return `Unknown field: ${field}.${issue.keys.join(', ')}.`;
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return `${field}: is required.`;
  }
  return `${field}: ${issue.message}.`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
