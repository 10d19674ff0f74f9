// The HTTP edge every handler shares: header normalisation, body and credential parsing,
// the response headers of docs/design.md §5, and the single mapping from errors to answers.
import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { z } from 'zod/mini';
import type { HttpConfig } from './config.ts';
import {
  ApiError,
  InvalidRequestError,
  MethodNotAllowedError,
  NotFoundError,
  NotYetOpenError,
  TooLargeError,
  UnsupportedMediaTypeError,
  WrongPassphraseError,
  toApiError,
} from './errors.ts';
import { LIMITS } from '../../core/limits.ts';
import type { Telemetry } from './powertools.ts';
import { describeIssues } from '../../core/api-errors.ts';
import { SECRET_ID } from '../../core/ids.ts';

/** What the edge runs with: its configuration, and where its logs and metrics go. */
export interface HttpDeps extends HttpConfig, Telemetry {}

export interface HttpResult {
  readonly status: number;
  readonly body?: unknown;
}

/** Headers on every API answer, success or error. */
export function apiHeaders(corsOrigin: string | undefined): Record<string, string> {
  return {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...(corsOrigin ? { 'Access-Control-Allow-Origin': corsOrigin, Vary: 'Origin' } : {}),
  };
}

/** The answer for an error; cross-origin only when given the page's origin. */
export function errorResponse(error: ApiError, corsOrigin?: string): APIGatewayProxyResult {
  const headers = apiHeaders(corsOrigin);
  if (error instanceof MethodNotAllowedError) headers.Allow = error.allow.join(', ');
  if (error instanceof NotYetOpenError) headers['Retry-After'] = String(error.retryAfterSeconds);
  return {
    statusCode: error.status,
    headers,
    body: JSON.stringify({
      error: error.code,
      message: error.message,
      ...(error instanceof WrongPassphraseError ? { attemptsLeft: error.attemptsLeft } : {}),
      ...(error instanceof NotYetOpenError ? { notBefore: error.notBefore.toISOString() } : {}),
    }),
  };
}

/** What may be logged of an unexpected error: its kind, never its message (it can quote input). */
function describeFailure(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { name: typeof error };
  const meta = (error as { $metadata?: { httpStatusCode?: number; requestId?: string } }).$metadata;
  return {
    name: error.name,
    ...(meta ? { httpStatusCode: meta.httpStatusCode, awsRequestId: meta.requestId } : {}),
  };
}

/** Registered last, so it sees every error first: typed errors keep their status, anything else is a 503. */
export function apiResponses(
  http: HttpDeps,
): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    onError: async (request) => {
      const apiError = toApiError(request.error);
      if (apiError.status >= 500) {
        http.logger.error('request failed', { failure: describeFailure(request.error) });
      }
      request.response = errorResponse(apiError, http.corsOrigin);
    },
  };
}

/**
 * Flushes the request's business metrics as EMF. Unlike Powertools' logMetrics it stays silent when a
 * request counted nothing (health, most metadata calls), instead of warning on every such request.
 */
export function publishMetrics({
  metrics,
}: Telemetry): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const flush = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: flush, onError: flush };
}

/** Composes a use-case adapter with the shared middleware stack. Builds only: no I/O. */
export function httpHandler(
  http: HttpDeps,
  run: (event: APIGatewayProxyEvent) => Promise<HttpResult>,
) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(http.logger, { resetKeys: true }))
    .use(publishMetrics(http))
    .use(httpHeaderNormalizer())
    .use(apiResponses(http))
    .handler(async (event) => {
      const result = await run(event);
      return {
        statusCode: result.status,
        headers: apiHeaders(http.corsOrigin),
        body: result.body === undefined ? '' : JSON.stringify(result.body),
      };
    });
}

/** The secret id from the path. Anything that cannot be an id answers exactly like an unknown one. */
export function pathId(event: APIGatewayProxyEvent): string {
  const id = event.pathParameters?.id;
  if (id === undefined || !SECRET_ID.test(id)) throw new NotFoundError();
  return id;
}

/** The bearer credential, or undefined: a missing one is judged like a wrong one, later. */
export function bearerToken(event: APIGatewayProxyEvent): string | undefined {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

const JSON_TYPE = /^application\/json\s*(;.*)?$/i;

/**
 * Parses and validates the JSON body. `optional` bodies may be empty (read takes `{}` or nothing).
 * Order matters: media type (415), size (413), syntax (400), then the schema (400).
 */
export function parseBody<S extends z.ZodMiniType>(
  schema: S,
  event: APIGatewayProxyEvent,
  options: { optional?: boolean } = {},
): z.infer<S> {
  const raw = event.body ?? '';
  const contentType = event.headers?.['content-type'] ?? event.headers?.['Content-Type'];
  if (raw === '' && options.optional) return schema.parse({});
  if (contentType === undefined || !JSON_TYPE.test(contentType))
    throw new UnsupportedMediaTypeError();
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > LIMITS.bodyBytes) {
    throw new TooLargeError('The request body is larger than 1 MiB of ciphertext allows.');
  }
  if (text.trim() === '') throw new InvalidRequestError('A JSON body is required.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvalidRequestError('The body is not valid JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new InvalidRequestError(describeIssues(parsed.error, json));
  return parsed.data;
}
