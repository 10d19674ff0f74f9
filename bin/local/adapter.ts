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
} from '../../lambdas/shared/errors.ts';
import { errorResponse } from '../../lambdas/shared/http.ts';
import { LIMITS } from '../../lambdas/shared/limits.ts';
import { matchRoute, type Route } from '../../lambdas/shared/routes.ts';

export type LambdaHandler = (
  event: APIGatewayProxyEvent,
  context: Context,
) => Promise<APIGatewayProxyResult>;
export type Handlers = Readonly<Record<Route['name'], LambdaHandler>>;

/** API Gateway REST refuses payloads over 10 MB; the adapter stops buffering at the same point. */
const GATEWAY_MAX_BYTES = 10 * 1024 * 1024;

export function createApiAdapter(handlers: Handlers, stage = 'local') {
  return async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const found = matchRoute(method, path);
    if (!found) return send(res, errorResponse(new NotFoundError()));
    if ('allow' in found) return send(res, errorResponse(new MethodNotAllowedError(found.allow)));

    const body = await readBody(req);
    if (body === 'too-large')
      return send(res, errorResponse(new TooLargeError() as ApiError), true);

    const { route, pathParameters } = found.match;
    const url = new URL(req.url ?? '/', 'http://local');
    const event = toEvent(req, { method, path, route, pathParameters, body, url, stage });
    const result = await handlers[route.name](event, lambdaContext(route.name));
    send(res, result);
  };
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
      requestId: randomUUID(),
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

function lambdaContext(name: string): Context {
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `secretsentry-local-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:secretsentry-local-${name}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/secretsentry-local-${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Buffers the body up to what the handler could accept; past that, drains without keeping it. */
async function readBody(req: IncomingMessage): Promise<string | null | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMITS.bodyBytes * 2) tooLarge = true;
    if (size > GATEWAY_MAX_BYTES) {
      req.destroy();
      break;
    }
    if (!tooLarge) chunks.push(chunk);
  }
  if (tooLarge) return 'too-large';
  return size === 0 ? null : Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, result: APIGatewayProxyResult, close = false): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  if (close) headers.Connection = 'close';
  res.writeHead(result.statusCode, headers);
  res.end(
    result.statusCode === 204
      ? undefined
      : result.isBase64Encoded
        ? Buffer.from(result.body, 'base64')
        : result.body,
  );
}
