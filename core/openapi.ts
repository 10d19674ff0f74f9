// The API as an OpenAPI 3.1 document, built from the route table and the wire contract, never written
// by hand. Only the openapi Lambda imports this (the local stack through it): zod's JSON Schema
// generation is a cost no other handler's cold start should carry.
import * as z from 'zod/mini';
import {
  ERRORS,
  ERROR_CODES,
  LIMITS,
  SECRET_ID,
  createRequest,
  created,
  errorBody,
  fillRequest,
  filled,
  health,
  meta,
  readRequest,
  readResult,
  receipt,
  sealRequest,
  sealed,
  type ErrorCode,
} from './contract.ts';
import { ROUTES, openApiDocumentBody, type Route } from './routes.ts';

export const OPENAPI_VERSION = '3.1.0';

/**
 * Relative server URLs: a client resolves them against where it fetched this document. The AWS one
 * is the API Gateway stage (lib/secret-sentry-stack.ts `API_STAGE_NAME`, pinned by test/infra).
 */
export const SERVERS = { local: '/api', aws: '/v1' } as const;

type Json = Record<string, unknown>;

/** The component name of each body schema the routes use; a route with any other fails the build. */
const SCHEMA_NAMES = new Map<z.ZodMiniType, string>([
  [createRequest, 'CreateRequest'],
  [readRequest, 'ReadRequest'],
  [created, 'Created'],
  [meta, 'Meta'],
  [readResult, 'ReadResult'],
  [sealRequest, 'SealRequest'],
  [sealed, 'Sealed'],
  [fillRequest, 'FillRequest'],
  [filled, 'Filled'],
  [receipt, 'Receipt'],
  [health, 'Health'],
  [openApiDocumentBody, 'OpenApiDocument'],
  [errorBody, 'Error'],
]);

const B64 = '[A-Za-z0-9_-]';
/**
 * Canonical unpadded base64url, as core/base64url.ts accepts it: no length of the form 4n+1, and the
 * padding bits of a last partial character are zero. NONEMPTY is the same without the empty string.
 */
const CANONICAL = `(?:${B64}{4})*(?:${B64}[AQgw]|${B64}{2}[AEIMQUYcgkosw048])?`;
const NONEMPTY = `(?:${B64}{4})*(?:${B64}{4}|${B64}[AQgw]|${B64}{2}[AEIMQUYcgkosw048])`;
const b64Chars = (bytes: number): number => Math.ceil((bytes * 4) / 3);

/** Canonical base64url of exactly `bytes` bytes. */
const base64urlOf = (bytes: number, description: string): Json => ({
  pattern: `^${CANONICAL}$`,
  minLength: b64Chars(bytes),
  maxLength: b64Chars(bytes),
  description,
});

/**
 * The JWE profile of core/jwe.ts as far as a pattern can say it: five parts, an empty encrypted key,
 * a 12-byte IV, a non-empty ciphertext and a 16-byte tag, all canonical base64url. That the header
 * decodes to exactly {"alg":"dir","enc":"A256GCM"} is left to the description.
 */
const JWE_PATTERN = `^${NONEMPTY}\\.\\.${B64}{16}\\.${NONEMPTY}\\.${B64}{21}[AQgw]$`;
/** A request's fill (core/jwe.ts `requestJweProblem`): the same, with a 40-byte wrapped key. */
const REQUEST_JWE_PATTERN = `^${NONEMPTY}\\.${B64}{53}[AQgw]\\.${B64}{16}\\.${NONEMPTY}\\.${B64}{21}[AQgw]$`;

/**
 * What JSON Schema cannot say by itself (refinements: the JWE profile, canonical base64url) and what
 * only a person needs (meaning, defaults), by component and property path. A path that no longer
 * exists fails the build, so a renamed field cannot silently lose its description.
 */
const ANNOTATIONS: Readonly<Record<string, readonly (readonly [readonly string[], Json])[]>> = {
  CreateRequest: [
    [
      [],
      {
        description:
          'Everything here is made by the client: the server never sees the plaintext, the key K ' +
          'from the link or the read token (docs/design.md §2). Exactly one of `ciphertext` (a ' +
          'text secret), `file` (a file, whose body goes to the upload URLs) and `request` (a ' +
          'secret request, filled later by POST /secrets/{id}/fill) is sent, and exactly one of ' +
          '`readTokenHash` (one link) and `recipients` (a link each).',
        allOf: [
          {
            oneOf: [
              { required: ['ciphertext'] },
              { required: ['file'] },
              { required: ['request'] },
            ],
          },
          { oneOf: [{ required: ['readTokenHash'] }, { required: ['recipients'] }] },
        ],
      },
    ],
    [
      ['properties', 'ciphertext'],
      {
        pattern: JWE_PATTERN,
        description:
          'The secret, encrypted by the client: a JWE in compact serialization (RFC 7516) with ' +
          'exactly the protected header {"alg":"dir","enc":"A256GCM"}, an empty encrypted key, a ' +
          '96-bit IV and a 128-bit tag, every part canonical base64url without padding. Anything ' +
          `else is refused (400), so plaintext cannot be stored by mistake. At most ` +
          `${LIMITS.ciphertextChars} characters (1 MiB).`,
      },
    ],
    [
      ['properties', 'file'],
      {
        description:
          'A file instead of a text: answered with upload URLs; readable only once sealed ' +
          `(POST /secrets/{id}/seal), and purged if not sealed within ${LIMITS.pendingSeconds} seconds.`,
      },
    ],
    [
      ['properties', 'request'],
      {
        description:
          'A secret request instead of a secret: the requester asks, whoever holds the secret fills ' +
          "it once with a JWE encrypted to the requester's X25519 key, and the requester reads it " +
          'with the read token of that key (docs/design.md §2). Not taken with passphrase, ' +
          'notBefore or webhook. Until filled, meta answers `filled: false` and read 409 ' +
          '`not_filled`; the receipt says `awaiting`, and revoke withdraws it.',
      },
    ],
    [
      ['properties', 'recipients'],
      {
        description:
          `Several recipients, ${LIMITS.recipients.min} to ${LIMITS.recipients.max}, instead of ` +
          "`readTokenHash`: each gets its own link /s/<id>#<K>.<t>, with `t` that recipient's own " +
          '32 random bytes, and its own reads (`maxReads`, default 1; not taken at the top level ' +
          'then), wrong passphrases and end, so no link reads or uses up another. Their read ' +
          'tokens must all differ (else 400). Not taken with request.',
      },
    ],
    [
      ['properties', 'recipients', 'items', 'properties', 'readTokenHash'],
      base64urlOf(
        32,
        "SHA-256 of this recipient's read token, HKDF-SHA256 of K ‖ t with info " +
          '`secretsentry recipient read token v1` (docs/design.md §2): K alone derives none.',
      ),
    ],
    [
      ['properties', 'recipients', 'items', 'properties', 'label'],
      {
        pattern: JWE_PATTERN,
        description:
          'The sender\'s name for this link ("Ops on-call"), encrypted by the client as a JWE of the ' +
          "ciphertext's profile under a label key that only the manage link carries: the server " +
          `never reads it. At most ${LIMITS.labelChars} characters before encryption, ` +
          `${LIMITS.labelCiphertextChars} after.`,
      },
    ],
    [
      ['properties', 'request', 'properties', 'fillTokenHash'],
      base64urlOf(
        32,
        'SHA-256 of the fill token, HKDF-SHA256 of the public key in the fill link ' +
          '(docs/design.md §2). The holder presents the token itself as Bearer to fill.',
      ),
    ],
    [
      ['properties', 'request', 'properties', 'keyId'],
      base64urlOf(
        32,
        "The RFC 7638 thumbprint (SHA-256) of the requester's public key: a fill's JWE must name " +
          'it as `kid`, else 400 `wrong_key`. The key itself never reaches the server.',
      ),
    ],
    [
      ['properties', 'file', 'properties', 'manifest'],
      {
        pattern: JWE_PATTERN,
        description:
          "The file's name, type and size, encrypted by the client as a JWE of the same profile " +
          `as ciphertext; at most ${LIMITS.manifestChars} characters.`,
      },
    ],
    [
      ['properties', 'file', 'properties', 'bodyBytes'],
      {
        description:
          'Exact size of the encrypted body (RFC 8188 aes128gcm, docs/design.md §2) the client ' +
          `uploads: at most ${LIMITS.fileBodyBytes}, the body of a 1 GiB file.`,
      },
    ],
    [
      ['properties', 'readTokenHash'],
      base64urlOf(
        32,
        'SHA-256 of the read token the client derives from K (docs/design.md §2): 32 bytes, ' +
          'canonical base64url without padding. Readers present the token itself as Bearer.',
      ),
    ],
    [
      ['properties', 'maxReads'],
      { default: LIMITS.maxReads.default, description: 'Reads before the secret burns.' },
    ],
    [
      ['properties', 'ttlSeconds'],
      {
        default: LIMITS.ttlSeconds.default,
        description:
          'Seconds until the secret expires, whatever reads remain (default: three days).',
      },
    ],
    [
      ['properties', 'webhook'],
      {
        description:
          'Where to post a signed event (`secret.read`, `secret.burned`, `secret.locked`, ' +
          '`secret.destroyed`, `secret.revoked`) as each happens: JSON `{type, timestamp, data: ' +
          '{id, remainingReads}}`, nothing more. Delivered after the fact with retries, never on ' +
          'the request path. `url` must be https, without credentials, and its host must be (and ' +
          'resolve only to) public addresses, else 400; it is checked again at every delivery.',
      },
    ],
    [
      ['properties', 'notBefore'],
      {
        description:
          'When the secret opens (ISO 8601 with a time zone; absent: at once). Before it, read and ' +
          'destroy with the right read token answer 409 `not_yet_open` with the time and consume ' +
          'nothing, not even a wrong passphrase; a wrong token still answers 404. Must be after ' +
          "the server's time and before the expiry (else 400).",
      },
    ],
    [
      ['properties', 'passphrase'],
      {
        description:
          'PBKDF2 parameters when a passphrase protects the secret; null or absent if not.',
      },
    ],
    [
      ['properties', 'passphrase', 'anyOf', '0', 'properties', 'salt'],
      {
        pattern: `^${CANONICAL}$`,
        minLength: b64Chars(LIMITS.saltBytes.min),
        maxLength: b64Chars(LIMITS.saltBytes.max),
        description: `PBKDF2 salt: ${LIMITS.saltBytes.min} to ${LIMITS.saltBytes.max} bytes, canonical base64url without padding.`,
      },
    ],
    [
      ['properties', 'passphrase', 'anyOf', '0', 'properties', 'iterations'],
      { description: 'PBKDF2-HMAC-SHA256 iterations.' },
    ],
    [
      ['properties', 'passphrase', 'anyOf', '0', 'properties', 'verifierHash'],
      base64urlOf(
        32,
        'SHA-256 of the passphrase verifier (docs/design.md §2): 32 bytes, canonical base64url ' +
          'without padding.',
      ),
    ],
  ],
  ReadRequest: [
    [
      ['properties', 'verifier'],
      {
        description:
          'The passphrase verifier, base64url; required when the secret has a passphrase (else 401 ' +
          '`unauthorized`, nothing counted). A wrong one is counted and answers 401 ' +
          '`wrong_passphrase` with `attemptsLeft`; the one that makes ' +
          `${LIMITS.maxFailedAttempts} in a row destroys the secret and answers 401 \`locked\`.`,
      },
    ],
  ],
  Created: [
    [
      ['properties', 'manageToken'],
      {
        description:
          "The sender's Bearer credential for receipt and revoke. Answered once; the server keeps " +
          'only its hash.',
      },
    ],
    [
      ['properties', 'webhookSecret'],
      {
        description:
          'Only with a webhook: the key its deliveries are signed with (Standard Webhooks: headers ' +
          '`webhook-id`, `webhook-timestamp`, `webhook-signature`; any Standard Webhooks library ' +
          'verifies them). Answered this once.',
      },
    ],
    [
      ['properties', 'upload'],
      {
        description:
          'Only for a file: one URL for a single PUT of the whole body, or one URL per part ' +
          '(every part partBytes long but the last), each answering an ETag. Then seal.',
      },
    ],
  ],
  FillRequest: [
    [
      ['properties', 'ciphertext'],
      {
        pattern: REQUEST_JWE_PATTERN,
        description:
          "The secret, encrypted by the holder's client to the requester's public key: a JWE in " +
          'compact serialization with exactly the protected header {"alg":"ECDH-ES+A256KW",' +
          '"enc":"A256GCM","kid","epk"}, `epk` exactly {"kty":"OKP","crv":"X25519","x"}, a 40-byte ' +
          'wrapped key, a 96-bit IV and a 128-bit tag; any JOSE library with the private key opens ' +
          "it. `kid` must be the request's keyId (else 400 `wrong_key`). At most " +
          `${LIMITS.ciphertextChars} characters (1 MiB).`,
      },
    ],
  ],
  SealRequest: [
    [
      ['properties', 'parts'],
      {
        description:
          'Only for a multipart upload: every part, numbered from 1 in order, with the ETag its ' +
          'PUT answered.',
      },
    ],
  ],
  Meta: [
    [
      ['properties', 'passphrase'],
      { description: 'null when no passphrase protects the secret; else what PBKDF2 needs.' },
    ],
    [
      ['properties', 'filled'],
      {
        description:
          'Only for a request (kind `request`): whether it has been filled. Until then read ' +
          'answers 409 `not_filled` and consumes nothing.',
      },
    ],
  ],
  ReadResult: [
    [
      ['anyOf', '0', 'properties', 'ciphertext'],
      { description: 'The JWE as created; the client decrypts it with K (and the passphrase).' },
    ],
    [
      ['anyOf', '0', 'properties', 'remainingReads'],
      { description: '0 when this read burned the secret.' },
    ],
    [
      ['anyOf', '1', 'properties', 'manifest'],
      { description: "The file's manifest as created; the client decrypts it as a ciphertext." },
    ],
    [
      ['anyOf', '1', 'properties', 'download'],
      {
        description:
          'A URL for GET of the exact body sealed, usable until expiresAt (minutes); the client ' +
          'decrypts the body as it streams in.',
      },
    ],
    [
      ['anyOf', '1', 'properties', 'remainingReads'],
      { description: '0 when this read burned the secret.' },
    ],
  ],
  Receipt: [
    [
      ['properties', 'state'],
      {
        description:
          'pending while a file awaits its seal, awaiting while a request awaits its fill; then ' +
          'active until the last read (burned), ' +
          `${LIMITS.maxFailedAttempts} wrong passphrases in a row (locked), the sender (revoked), ` +
          'a recipient after a read (destroyed) or time (expired) ends it. The receipt outlives the secret by ' +
          `${LIMITS.receiptRetentionSeconds / 86_400} days.`,
      },
    ],
    [
      ['properties', 'failedAttempts'],
      {
        description:
          "Wrong passphrases tried over the secret's life, all of them: a read does not clear this " +
          'count (it clears only the run of wrong ones in a row that destroys the secret).',
      },
    ],
    [
      ['properties', 'recipients'],
      {
        description:
          'Only for a secret with several recipients: each link with its own state, counts and ' +
          'reads, in order. The secret is active while any link is, and its counts and reads are ' +
          "theirs together. `label` is the JWE the sender's client sent, which it decrypts.",
      },
    ],
  ],
  Error: [
    [
      [],
      {
        description:
          'Every error answer. `error` is one of the codes of ErrorCode; a client treats a code it ' +
          'does not know by its HTTP status. `message` is one sentence for people and never quotes ' +
          'the request.',
      },
    ],
    [
      ['properties', 'attemptsLeft'],
      {
        minimum: 1,
        maximum: LIMITS.maxFailedAttempts - 1,
        description:
          'Only with `wrong_passphrase`: how many more wrong passphrases the secret allows before ' +
          'it is destroyed. The one that destroys it answers `locked` instead.',
      },
    ],
    [
      ['properties', 'notBefore'],
      {
        description:
          'Only with `not_yet_open`: when the secret opens. The `Retry-After` header gives the ' +
          'seconds until then.',
      },
    ],
  ],
};

/** The fields an error answer carries besides `error` and `message`, as its example shows them. */
const EXAMPLE_FIELDS: Partial<Record<ErrorCode, Json>> = {
  wrong_passphrase: { attemptsLeft: LIMITS.maxFailedAttempts - 1 },
  not_yet_open: { notBefore: '2026-12-02T09:00:00.000Z' },
};

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content' };

const ref = (section: string, name: string): Json => ({ $ref: `#/components/${section}/${name}` });
const NO_STORE = { 'Cache-Control': ref('headers', 'Cache-Control') };

/** The JSON Schema of a body: its wire side, the one its receiver parses (`io: 'input'`). */
function jsonSchema(name: string, schema: z.ZodMiniType): Json {
  // Every body here is parsed by whoever receives it, so the wire is always the input side; the
  // output side would also close the response objects, which the contract keeps open.
  const generated = z.toJSONSchema(schema, { io: 'input' }) as Json;
  // The document's dialect (OpenAPI 3.1: JSON Schema 2020-12) applies; no component restates it.
  delete generated.$schema;
  for (const [path, extra] of ANNOTATIONS[name] ?? [])
    Object.assign(at(generated, name, path), extra);
  return generated;
}

function at(root: Json, name: string, path: readonly string[]): Json {
  let node: unknown = root;
  for (const key of path) {
    node = typeof node === 'object' && node !== null ? (node as Json)[key] : undefined;
  }
  if (typeof node !== 'object' || node === null)
    throw new Error(`openapi: ${name} has no ${path.join('.')} to annotate`);
  return node as Json;
}

function schemaName(schema: z.ZodMiniType, route: Route): string {
  const name = SCHEMA_NAMES.get(schema);
  if (!name) throw new Error(`openapi: route ${route.name} uses a schema without a component name`);
  return name;
}

/** The path parameters a template may use; a template with any other fails the build. */
const PARAMETERS: Readonly<Record<string, { component: string; parameter: Json }>> = {
  id: {
    component: 'SecretId',
    parameter: {
      name: 'id',
      in: 'path',
      required: true,
      description:
        'The secret id: 16 random bytes as base64url, from create or from the link /s/<id>. ' +
        'Anything else answers 404 not_found, like an unknown id.',
      schema: { type: 'string', pattern: SECRET_ID.source },
    },
  },
  recipient: {
    component: 'RecipientIndex',
    parameter: {
      name: 'recipient',
      in: 'path',
      required: true,
      description:
        "One link of a secret with several recipients: its number from 0, its place in create's " +
        '`recipients` (and its `index` in the receipt). Anything else answers 404 not_found.',
      schema: { type: 'string', pattern: '^(?:0|[1-9][0-9]?)$' },
    },
  },
};

export const pathParameterNames = (path: string): string[] =>
  [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');

function pathParameters(route: Route): Json[] {
  return pathParameterNames(route.path).map((name) => {
    const known = PARAMETERS[name];
    if (!known) throw new Error(`openapi: route ${route.name} has an unknown parameter {${name}}`);
    return ref('parameters', known.component);
  });
}

function successResponse(route: Route, schemas: Json): Json {
  const { status, schema } = route.success;
  const response: Json = { description: STATUS_TEXT[status] ?? String(status), headers: NO_STORE };
  if (status === 204) return response;
  if (!schema) throw new Error(`openapi: route ${route.name} answers ${status} without a schema`);
  const name = schemaName(schema, route);
  schemas[name] ??= jsonSchema(name, schema);
  return { ...response, content: { 'application/json': { schema: ref('schemas', name) } } };
}

/** One response per status: 503, for one, can be `unavailable` or `outcome_unknown`. */
function errorResponses(codes: readonly ErrorCode[]): Record<string, Json> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes)
    byStatus.set(ERRORS[code].status, [...(byStatus.get(ERRORS[code].status) ?? []), code]);
  const out: Record<string, Json> = {};
  for (const [status, group] of byStatus) {
    out[String(status)] = {
      description: group.map((code) => `\`${code}\`: ${ERRORS[code].message}`).join(' '),
      headers: group.includes('not_yet_open')
        ? {
            ...NO_STORE,
            'Retry-After': {
              description: 'With `not_yet_open`: whole seconds until the secret opens.',
              schema: { type: 'integer', minimum: 1 },
            },
          }
        : NO_STORE,
      content: {
        'application/json': {
          schema: { allOf: [ref('schemas', 'Error')], properties: { error: { enum: group } } },
          examples: Object.fromEntries(group.map((code) => [code, ref('examples', code)])),
        },
      },
    };
  }
  return out;
}

function operation(route: Route, schemas: Json): Json {
  const notes: string[] = [];
  if (route.credential !== 'none') {
    notes.push(
      `Needs \`Authorization: Bearer <${route.credential}>\`; a missing or wrong one answers 404 ` +
        '`not_found`, exactly like an unknown id.',
    );
  }
  if (route.rateLimited) notes.push('Rate limited per client address: 429 `throttled` beyond it.');
  const op: Json = {
    operationId: route.name,
    summary: route.summary,
    ...(notes.length > 0 ? { description: notes.join('\n\n') } : {}),
    security: route.credential === 'none' ? [] : [{ [route.credential]: [] }],
  };
  if (route.body) {
    const name = schemaName(route.body.schema, route);
    schemas[name] ??= jsonSchema(name, route.body.schema);
    op.requestBody = {
      required: !route.body.optional,
      description: route.body.optional
        ? 'May be empty, or `{}`.'
        : `At most ${LIMITS.bodyBytes} bytes.`,
      content: { 'application/json': { schema: ref('schemas', name) } },
    };
  }
  op.responses = {
    [String(route.success.status)]: successResponse(route, schemas),
    ...errorResponses(route.errors),
  };
  return op;
}

/** The OpenAPI 3.1.0 document of the API: a fresh object on every call, so callers may change it. */
export function openApiDocument(): Json {
  const schemas: Json = { Error: jsonSchema('Error', errorBody) };
  const paths: Record<string, Json> = {};
  for (const route of ROUTES) {
    const item = (paths[route.path] ??= {});
    const parameters = pathParameters(route);
    if (parameters.length > 0) item.parameters = parameters;
    item[route.method.toLowerCase()] = operation(route, schemas);
  }
  schemas.ErrorCode = {
    type: 'string',
    enum: ERROR_CODES,
    description: ERROR_CODES.map((code) => `\`${code}\` (${ERRORS[code].status})`).join(', '),
  };
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'SecretSentry API',
      version: '1',
      summary: 'One-time, end-to-end encrypted secret sharing.',
      description: [
        'Clients encrypt and decrypt; the server stores and counts ciphertexts it cannot read. ' +
          'docs/api.md explains the API with examples, docs/design.md §2 the envelope.',
        'JSON in and out. Every answer, success or error, carries `Cache-Control: no-store`. ' +
          'Errors are `{"error": "<code>", "message": "<text>"}` (schema Error). Any other method on ' +
          'a known path answers 405 `method_not_allowed` with an `Allow` header; an unknown path 404 ' +
          '`not_found`.',
        'Credentials travel only in `Authorization: Bearer`, never in a URL.',
      ].join('\n\n'),
    },
    servers: [
      {
        url: SERVERS.local,
        description: 'The local stack (`npm start`): http://127.0.0.1:8080/api',
      },
      {
        url: SERVERS.aws,
        description:
          'AWS: the API Gateway stage URL is the base, ' +
          'https://<api-id>.execute-api.<region>.amazonaws.com/v1 (stack output ApiUrl)',
      },
    ],
    paths,
    components: {
      schemas,
      parameters: Object.fromEntries(
        Object.values(PARAMETERS).map(({ component, parameter }) => [component, parameter]),
      ),
      securitySchemes: {
        readToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The read token, base64url: HKDF-SHA256 of the key K in the link (docs/design.md §2), ' +
            'derived by the client. The server stores only its SHA-256 (readTokenHash).',
        },
        manageToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The manage token from the create answer (the manage link /m/<id>#<manageToken>).',
        },
        fillToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            "A request's fill token, base64url: HKDF-SHA256 of the public key in the fill link " +
            '/f/<id>#<public key> (docs/design.md §2), derived by the client. The server stores ' +
            'only its SHA-256 (request.fillTokenHash).',
        },
      },
      headers: {
        'Cache-Control': {
          description: 'On every answer: no cache may keep it.',
          required: true,
          schema: { type: 'string', const: 'no-store' },
        },
      },
      examples: Object.fromEntries(
        ERROR_CODES.map((code) => [
          code,
          {
            summary: `${ERRORS[code].status} ${code}`,
            value: { error: code, message: ERRORS[code].message, ...EXAMPLE_FIELDS[code] },
          },
        ]),
      ),
    },
  };
}
