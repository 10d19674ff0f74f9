// The whole service on one machine: emulators, the production handlers behind the API Gateway adapter
// at /api, and the page at /. Configured the way Lambda is: through environment variables.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ERRORS } from '../core/contract.ts';
import { InvalidRequestError } from '../lambdas/shared/errors.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startEmulators } from './emulators.ts';
import type { Handlers, LambdaHandler } from './adapter.ts';
import { createStaticHandler } from './static.ts';
import { SERVING_ORPHAN_GRACE_MS, startSweeper, sweepAndLog } from './sweep.ts';

export interface LocalStackOptions {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly webDir?: string;
  /** How often the vault is swept as AWS's lifecycle rules and TTL would. */
  readonly sweepIntervalSeconds: number;
}

export interface LocalStack {
  readonly url: string;
  close(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TABLE_NAME = 'secretsentry-tokens';
const BUCKET_NAME = 'secretsentry-vault';

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const emulators = await startEmulators(path.resolve(options.dataDir), {
    tableName: TABLE_NAME,
    bucketName: BUCKET_NAME,
  });
  const sweep = {
    s3Endpoint: emulators.s3Endpoint,
    dynamoEndpoint: emulators.dynamoEndpoint,
    tableName: TABLE_NAME,
    bucketName: BUCKET_NAME,
    now: () => new Date(),
    log: console,
  };
  // Nothing is serving yet, so no create is in flight: an object without an item is an orphan.
  await sweepAndLog({ ...sweep, orphanGraceMs: 0 });

  // The handlers read their configuration from the environment, exactly as in Lambda.
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, {
    TABLE_NAME,
    BUCKET_NAME,
    S3_FORCE_PATH_STYLE: 'true',
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_S3: emulators.s3Endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamoEndpoint,
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    SECRETSENTRY_STAGE: 'local',
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  });
  // Imported only now: handler modules read the environment once, when first loaded.
  const { ROUTES, handlerEntry } = await import('../core/routes.ts');
  const { createApiAdapter, sendError } = await import('./adapter.ts');
  const handlers: Partial<Record<string, LambdaHandler>> = {};
  for (const route of ROUTES) {
    const mod = (await import(pathToFileURL(path.join(ROOT, handlerEntry(route))).href)) as {
      handler: LambdaHandler;
    };
    handlers[route.name] = mod.handler;
  }
  const api = createApiAdapter(handlers as Handlers);
  const page = createStaticHandler(options.webDir ?? path.join(ROOT, 'web', 'dist'));

  const route: RequestListener = (req, res) => {
    const url = parseTarget(req.url ?? '/');
    if (!url) {
      sendError(res, new InvalidRequestError('The request target is not a valid URL.'));
      return;
    }
    const pathname = url.pathname;
    const work =
      pathname === '/api' || pathname.startsWith('/api/')
        ? api(req, res, pathname.slice('/api'.length) || '/', url)
        : page(req, res, pathname);
    work.catch(() => {
      if (!res.headersSent) {
        res.writeHead(503, {
          'Content-Type': 'application/json; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        res.end(
          // Like API Gateway's 5xx: a crash may come after a read was counted.
          JSON.stringify({ error: 'outcome_unknown', message: ERRORS.outcome_unknown.message }),
        );
      } else {
        res.destroy();
      }
    });
  };
  const server: Server = createServer(route);
  // Without this listener Node answers every `Expect: 100-continue` with 100 at once; the adapter
  // sends it only when it will read the body, so an upload it refuses is never sent at all.
  server.on('checkContinue', route);
  // CONNECT asks for a tunnel, which this is not; without a listener Node drops the connection unanswered.
  server.on('connect', (_req, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    const error = new InvalidRequestError('This server is not a proxy: CONNECT is not supported.');
    const body = JSON.stringify({ error: error.code, message: error.message });
    socket.end(
      `HTTP/1.1 ${error.status} Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Cache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const sweeper = startSweeper({
    ...sweep,
    orphanGraceMs: SERVING_ORPHAN_GRACE_MS,
    intervalMs: options.sweepIntervalSeconds * 1000,
  });
  const { port } = server.address() as AddressInfo;
  const shownHost =
    options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;

  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sweeper.stop();
      await emulators.close();
    },
  };
}

/**
 * The request target as a URL, parsed once for routing and for the handlers; undefined when it is not
 * one (`http://%zz/`, `http://x:99999/`, `*`), which `new URL` reports by throwing.
 */
function parseTarget(target: string): URL | undefined {
  try {
    // Origin-form (`/path?query`), against a fixed origin so that `//x/y` stays a path, not a host.
    if (target.startsWith('/')) return new URL(`http://local${target}`);
    // Absolute-form, which an HTTP/1.1 server must accept (proxies send it).
    const url = new URL(target);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
