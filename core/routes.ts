// The route table: defined once, used by the local stack's adapter, by the CDK app for API Gateway,
// and by the OpenAPI document (core/openapi.ts). `access` states what each operation touches, so the
// CDK grants exactly that and no more; the rest says what a caller sends and gets back.
import * as z from 'zod/mini';
import {
  ERROR_CODES,
  createRequest,
  created,
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

export type TableAccess = 'get' | 'put' | 'update';
/**
 * What a route does with the vault: `get`, `put` and `delete` an object itself; `presign-put` mints
 * upload URLs (one PUT, or a multipart upload and its parts) the client uses with this role's rights;
 * `head` checks an uploaded body's size and version; `complete` finishes a multipart upload;
 * `presign-get` mints a download URL of one exact version.
 */
export type VaultAccess =
  'get' | 'put' | 'delete' | 'presign-put' | 'head' | 'complete' | 'presign-get';

/**
 * The `Authorization: Bearer` credential a route takes. Clients derive the read token from the key in
 * the link, and a request's fill token from the public key in its fill link (docs/design.md §2);
 * create returns the manage token. A missing or wrong one answers 404 `not_found`, exactly like an
 * unknown id.
 */
export type Credential = 'none' | 'readToken' | 'manageToken' | 'fillToken';

export interface Route {
  /** Also, in kebab case, the folder under lambdas/ that holds the handler (`handlerEntry`). */
  readonly name:
    | 'create'
    | 'seal'
    | 'fill'
    | 'meta'
    | 'read'
    | 'destroy'
    | 'revoke'
    | 'revokeRecipient'
    | 'receipt'
    | 'health'
    | 'openapi';
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** API Gateway resource path: `{id}` is the secret, `{recipient}` one of its links (0–19). */
  readonly path: string;
  /** One line on what the call does, for people (the OpenAPI document shows it). */
  readonly summary: string;
  readonly credential: Credential;
  /** The JSON body it takes, if any; `optional` when an empty body is accepted too. */
  readonly body?: { readonly schema: z.ZodMiniType; readonly optional?: boolean };
  /** Its success answer: the status and, unless the status is 204, the JSON body. */
  readonly success: { readonly status: 200 | 201 | 204; readonly schema?: z.ZodMiniType };
  /** Every error code it can answer, its own and those of the gateway and the WAF in front of it. */
  readonly errors: readonly ErrorCode[];
  readonly access: {
    readonly table: readonly TableAccess[];
    readonly vault: readonly VaultAccess[];
  };
  /** Whether the call consumes or creates, for the WAF's per-IP rate rules. */
  readonly rateLimited: boolean;
}

/**
 * What any call can meet before or after its handler: the WAF (403, and 429 per address), the stage
 * throttle (429), and a gateway 5xx such as a Lambda timeout, which cannot promise that nothing was
 * counted (503 `outcome_unknown`; the local stack answers a crash the same way).
 */
const EDGE_ERRORS: readonly ErrorCode[] = ['forbidden', 'throttled', 'outcome_unknown'];

/** A route's own codes plus the edge's, in the order of ERRORS. */
const answers = (...own: ErrorCode[]): readonly ErrorCode[] =>
  ERROR_CODES.filter((code) => own.includes(code) || EDGE_ERRORS.includes(code));

/** What GET /openapi.json answers: an OpenAPI 3.1 document (which describes itself no further). */
export const openApiDocumentBody = z.looseObject({
  openapi: z.string().check(z.regex(/^3\.1\.\d+$/)),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.looseObject({})),
});

export const ROUTES: readonly Route[] = [
  {
    name: 'create',
    method: 'POST',
    path: '/secrets',
    summary:
      'Store a ciphertext, or declare a file and get its upload URLs; answers its id, expiry and the manage token.',
    credential: 'none',
    body: { schema: createRequest },
    success: { status: 201, schema: created },
    errors: answers('invalid_request', 'too_large', 'unsupported_media_type', 'unavailable'),
    access: { table: ['put'], vault: ['put', 'presign-put'] },
    rateLimited: true,
  },
  {
    name: 'seal',
    method: 'POST',
    path: '/secrets/{id}/seal',
    summary:
      'Make an uploaded file readable once its body has the declared size; a repeat answers like the first.',
    credential: 'manageToken',
    body: { schema: sealRequest, optional: true },
    success: { status: 200, schema: sealed },
    errors: answers(
      'invalid_request',
      'not_found',
      'upload_mismatch',
      'too_large',
      'unsupported_media_type',
      'unavailable',
    ),
    access: { table: ['get', 'update'], vault: ['head', 'complete'] },
    // Needs the manage token of a pending file: only its sender can call it, and only a few times.
    rateLimited: false,
  },
  {
    name: 'fill',
    method: 'POST',
    path: '/secrets/{id}/fill',
    summary:
      "Fill a secret request once with a ciphertext encrypted to the requester's key; the retrieve link reads it.",
    credential: 'fillToken',
    body: { schema: fillRequest },
    success: { status: 200, schema: filled },
    errors: answers(
      'invalid_request',
      'wrong_key',
      'not_found',
      'already_filled',
      'too_large',
      'unsupported_media_type',
      'unavailable',
    ),
    // Claims the request, stores the ciphertext, then marks it filled; a failed store takes its object back.
    access: { table: ['get', 'update'], vault: ['put', 'delete'] },
    // Stores up to 1 MiB, like create: held to the same per-address limit.
    rateLimited: true,
  },
  {
    name: 'meta',
    method: 'GET',
    path: '/secrets/{id}',
    summary: 'Expiry, reads left and passphrase parameters of a live secret; consumes nothing.',
    credential: 'readToken',
    success: { status: 200, schema: meta },
    errors: answers('not_found', 'unavailable'),
    access: { table: ['get'], vault: [] },
    rateLimited: false,
  },
  {
    name: 'read',
    method: 'POST',
    path: '/secrets/{id}/read',
    summary:
      "Consume one read and get the ciphertext, or a file's manifest and download URL; the last read burns the secret.",
    credential: 'readToken',
    body: { schema: readRequest, optional: true },
    success: { status: 200, schema: readResult },
    errors: answers(
      'invalid_request',
      'unauthorized',
      'wrong_passphrase',
      'locked',
      'not_found',
      'not_yet_open',
      'not_filled',
      'too_large',
      'unsupported_media_type',
      'unavailable',
    ),
    access: { table: ['get', 'update'], vault: ['get', 'delete', 'presign-get'] },
    rateLimited: true,
  },
  {
    name: 'destroy',
    method: 'POST',
    path: '/secrets/{id}/destroy',
    summary:
      'The recipient ends a secret it has read that still has reads left, as its last read would; consumes nothing else.',
    credential: 'readToken',
    body: { schema: readRequest, optional: true },
    success: { status: 204 },
    errors: answers(
      'invalid_request',
      'unauthorized',
      'wrong_passphrase',
      'locked',
      'not_found',
      'not_yet_open',
      'not_filled',
      'too_large',
      'unsupported_media_type',
      'unavailable',
    ),
    // No vault read: it never serves the ciphertext, only deletes it (a file's body later, by queue).
    access: { table: ['get', 'update'], vault: ['delete'] },
    // It takes a verifier and counts a wrong one, like read: held to the same per-address limit.
    rateLimited: true,
  },
  {
    name: 'revoke',
    method: 'DELETE',
    path: '/secrets/{id}',
    summary: 'End the secret now; also 204 when it has already ended (burned, expired, revoked).',
    credential: 'manageToken',
    success: { status: 204 },
    errors: answers('not_found', 'unavailable'),
    access: { table: ['get', 'update'], vault: ['delete'] },
    rateLimited: false,
  },
  {
    name: 'revokeRecipient',
    method: 'DELETE',
    path: '/secrets/{id}/recipients/{recipient}',
    summary:
      "End one recipient's link of a secret with several; the others keep working. Also 204 when that link has already ended.",
    credential: 'manageToken',
    success: { status: 204 },
    errors: answers('not_found', 'unavailable'),
    // Deletes the ciphertext when this was the last link still open.
    access: { table: ['get', 'update'], vault: ['delete'] },
    rateLimited: false,
  },
  {
    name: 'receipt',
    method: 'GET',
    path: '/secrets/{id}/receipt',
    summary:
      "The sender's receipt: state, reads left, wrong passphrases tried and when each read happened.",
    credential: 'manageToken',
    success: { status: 200, schema: receipt },
    errors: answers('not_found', 'unavailable'),
    access: { table: ['get'], vault: [] },
    rateLimited: false,
  },
  {
    name: 'health',
    method: 'GET',
    path: '/health',
    summary: 'Liveness: the API answers.',
    credential: 'none',
    success: { status: 200, schema: health },
    errors: answers(),
    access: { table: [], vault: [] },
    rateLimited: false,
  },
  {
    name: 'openapi',
    method: 'GET',
    path: '/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document: the machine-readable contract.',
    credential: 'none',
    success: { status: 200, schema: openApiDocumentBody },
    errors: answers(),
    access: { table: [], vault: [] },
    rateLimited: false,
  },
];

/** The handler's file: `lambdas/<route name in kebab case>/handler.ts`. */
export const handlerEntry = (route: Route): string =>
  `lambdas/${route.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}/handler.ts`;

export interface RouteMatch {
  readonly route: Route;
  readonly pathParameters: Record<string, string> | null;
}

/**
 * Matches a path (without the stage or /api prefix) against the table. Returns the route for the
 * method, or the methods the path does allow (for a 405), or nothing (a 404).
 */
export function matchRoute(
  method: string,
  path: string,
): { match: RouteMatch } | { allow: readonly string[] } | undefined {
  const segments = path.split('/');
  const candidates: RouteMatch[] = [];
  for (const { route, parts } of TEMPLATES) {
    const params = matchTemplate(parts, segments);
    if (params !== undefined) candidates.push({ route, pathParameters: params });
  }
  if (candidates.length === 0) return undefined;
  const hit = candidates.find((c) => c.route.method === method.toUpperCase());
  if (hit) return { match: hit };
  return { allow: candidates.map((c) => c.route.method) };
}

/** A template's segments: a literal to equal, or a `{name}` to capture. */
type Part = { readonly literal: string } | { readonly param: string };

// Split once, not on every request: the local stack matches each request against every route.
const TEMPLATES: readonly { route: Route; parts: readonly Part[] }[] = ROUTES.map((route) => ({
  route,
  parts: route.path.split('/').map((part): Part => {
    const param = /^\{(\w+)\}$/.exec(part)?.[1];
    return param ? { param } : { literal: part };
  }),
}));

function matchTemplate(
  parts: readonly Part[],
  segments: readonly string[],
): Record<string, string> | null | undefined {
  if (parts.length !== segments.length) return undefined;
  let params: Record<string, string> | null = null;
  for (const [i, part] of parts.entries()) {
    const segment = segments[i] ?? '';
    if ('param' in part) {
      if (segment === '') return undefined;
      (params ??= {})[part.param] = segment;
    } else if (part.literal !== segment) {
      return undefined;
    }
  }
  return params;
}
