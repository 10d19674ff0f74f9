// Turns a Node HTTP request into the API Gateway REST (v1) proxy event the Lambda handlers get in AWS,
// and their result back into an HTTP response. Routing comes from the shared route table.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import {
  MethodNotAllowedError,
  NotFoundError,
  TooLargeError,
  type ApiError,
} from '../lambdas/common/errors.ts';
import { errorResponse } from '../lambdas/common/http.ts';
import { LIMITS } from '../core/limits.ts';
import { matchRoute, type Route } from '../core/routes.ts';

export type LambdaHandler = (
  event: APIGatewayProxyEvent,
  context: Context,
) => Promise<APIGatewayProxyResult>;
export type Handlers = Readonly<Record<Route['name'], LambdaHandler>>;

/**
 * After refusing an upload, how much more of it to read and throw away before closing: closing a
 * socket with unread data makes the kernel reset the connection, and the client would see
 * ECONNRESET or EPIPE instead of the 413. Bounded, so no client can hold the connection open.
 */
const DRAIN_LIMIT = { bytes: 64 * 1024 * 1024, ms: 10_000 } as const;
const TOO_LARGE = Symbol('too large');

export function createApiAdapter(handlers: Handlers, stage = 'local') {
  return async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    url: URL,
  ): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const found = matchRoute(method, path);
    if (!found) return send(res, errorResponse(new NotFoundError()));
    if ('allow' in found) return send(res, errorResponse(new MethodNotAllowedError(found.allow)));

    const body = await readBody(req, res);
    if (body === TOO_LARGE) return refuseUpload(req, res);

    const { route, pathParameters } = found.match;
    // One id for the request, as API Gateway passes its own on to Lambda's context.
    const requestId = randomUUID();
    const event = toEvent(req, {
      method,
      path,
      route,
      pathParameters,
      body,
      url,
      stage,
      requestId,
    });
    const result = await handlers[route.name](event, lambdaContext(route.name, requestId));
    send(res, result);
  };
}

/** An error answer outside the handlers (a request target that is not a URL), in their format. */
export function sendError(res: ServerResponse, error: ApiError): void {
  send(res, errorResponse(error));
}

function toEvent(
  req: IncomingMessage,
  r: {
    method: string;
    path: string;
    route: Route;
    pathParameters: Record<string, string> | null;
    body: string | null;
    url: URL;
    stage: string;
    requestId: string;
  },
): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    const value = req.rawHeaders[i + 1] ?? '';
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [k, v] of r.url.searchParams) {
    query[k] = v;
    (multiQuery[k] ??= []).push(v);
  }
  const now = Date.now();
  return {
    resource: r.route.path,
    path: r.path,
    httpMethod: r.method,
    headers,
    multiValueHeaders,
    queryStringParameters: Object.keys(query).length ? query : null,
    multiValueQueryStringParameters: Object.keys(multiQuery).length ? multiQuery : null,
    pathParameters: r.pathParameters && decodeParams(r.pathParameters),
    stageVariables: null,
    body: r.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      protocol: `HTTP/${req.httpVersion}`,
      httpMethod: r.method,
      path: `/${r.stage}${r.path}`,
      stage: r.stage,
      requestId: r.requestId,
      requestTimeEpoch: now,
      resourceId: r.route.name,
      resourcePath: r.route.path,
      identity: {
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: req.headers['user-agent'] ?? null,
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        user: null,
        userArn: null,
      },
    },
  };
}

function decodeParams(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    try {
      out[k] = decodeURIComponent(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}

function lambdaContext(name: string, requestId: string): Context {
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `secretsentry-local-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:secretsentry-local-${name}`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/secretsentry-local-${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * The body, buffered up to the largest any handler accepts (LIMITS.bodyBytes); TOO_LARGE as soon as
 * it is known to be larger: from Content-Length before reading, or while reading a chunked body.
 */
function readBody(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<string | null | typeof TOO_LARGE> {
  if (Number(req.headers['content-length'] ?? 0) > LIMITS.bodyBytes)
    return Promise.resolve(TOO_LARGE);
  // A client that sent `Expect: 100-continue` waits for this before it sends the body.
  if (req.headers.expect?.toLowerCase() === '100-continue') res.writeContinue();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= LIMITS.bodyBytes) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      resolve(TOO_LARGE);
    };
    req.on('data', onData);
    req.once('end', () => resolve(size === 0 ? null : Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
    req.once('close', () => reject(new Error('the client closed the connection mid-body')));
  });
}

/**
 * Answers 413 `too_large` and closes the connection, but reads and discards what the client is
 * still sending first (up to DRAIN_LIMIT), so that it reads the answer rather than a reset.
 */
function refuseUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const result = errorResponse(new TooLargeError());
  res.writeHead(result.statusCode, {
    ...result.headers,
    'Content-Length': String(Buffer.byteLength(result.body)),
    Connection: 'close',
  });
  // The whole answer goes out now; ending the response is what closes the socket, so that waits.
  res.write(result.body);
  return new Promise((resolve) => {
    let drained = 0;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      req.off('data', onData);
      res.end();
      resolve();
    };
    const onData = (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_LIMIT.bytes) close();
    };
    const timer = setTimeout(close, DRAIN_LIMIT.ms);
    if (req.complete || req.destroyed) return close();
    req.on('data', onData);
    req.once('end', close);
    req.once('close', close);
    req.on('error', () => undefined); // a client that gives up mid-upload is not an error here
    req.resume();
  });
}

function send(res: ServerResponse, result: APIGatewayProxyResult): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  res.writeHead(result.statusCode, headers);
  res.end(
    result.statusCode === 204
      ? undefined
      : result.isBase64Encoded
        ? Buffer.from(result.body, 'base64')
        : result.body,
  );
}
