// The whole service on one machine: emulators, the production handlers behind the API Gateway adapter
// at /api, and the page at /. The handlers are built by their own factories, from dependencies that
// point the production SDK client code at the emulators; nothing is passed through process.env.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERRORS } from '../core/contract.ts';
import { createHandler as createCreate } from '../lambdas/create/endpoint.ts';
import { createHandler as createDestroy } from '../lambdas/destroy/endpoint.ts';
import { createHandler as createHealth } from '../lambdas/health/endpoint.ts';
import { createHandler as createMeta } from '../lambdas/meta/endpoint.ts';
import { createHandler as createOpenapi } from '../lambdas/openapi/endpoint.ts';
import { createHandler as createRead } from '../lambdas/read/endpoint.ts';
import { createHandler as createReceipt } from '../lambdas/receipt/endpoint.ts';
import { createHandler as createRevoke } from '../lambdas/revoke/endpoint.ts';
import { createHandler as createSeal } from '../lambdas/seal/endpoint.ts';
import { createHandler as createFill } from '../lambdas/fill/endpoint.ts';
import { createHandler as createRevokeRecipient } from '../lambdas/revoke-recipient/endpoint.ts';
import { createClients, type AwsClients, type ClientOptions } from '../lambdas/common/clients.ts';
import { createDeps, type HandlerDeps, type UploadSizes } from '../lambdas/common/deps.ts';
import type { DeletionQueue } from '../lambdas/common/deletions.ts';
import { InvalidRequestError } from '../lambdas/common/errors.ts';
import { BODY_DELETE_DELAY_SECONDS } from '../lambdas/common/lifecycle.ts';
import { createTelemetry } from '../lambdas/common/powertools.ts';
import { Vault } from '../lambdas/common/vault.ts';
import { createApiAdapter, sendError, type Handlers } from './adapter.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, allowPageOrigins, type Emulators } from './emulators.ts';
import { startEmulatorProcess } from './emulator-process.ts';
import { LocalReaper, REAPER_FILE } from './reaper.ts';
import { LocalExpiryAlarm, LocalWebhookSender } from './webhooks.ts';
import { createStaticHandler } from './static.ts';
import { SERVING_ORPHAN_GRACE_MS, startSweeper, sweepAndLog } from './sweep.ts';

export interface LocalStackOptions {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly webDir?: string;
  /** How often the vault is swept as AWS's lifecycle rules and TTL would. */
  readonly sweepIntervalSeconds: number;
  /** How file uploads are split. @default LIMITS' (tests pass smaller sizes to run multipart). */
  readonly uploadSizes?: UploadSizes;
  /**
   * How long after a file's last read its body is deleted. @default BODY_DELETE_DELAY_SECONDS, as in
   * AWS (tests pass a few seconds)
   */
  readonly bodyDeleteDelaySeconds?: number;
  /**
   * Webhook URLs on loopback (and plain http there) are taken, so that tests and a developer can
   * receive on this machine. Never in AWS. @default false
   */
  readonly allowLoopbackWebhooks?: boolean;
  /** Pauses between webhook tries. @default LOCAL_WEBHOOK_BACKOFF_MS */
  readonly webhookBackoffMs?: readonly number[];
}

export interface LocalStack {
  readonly url: string;
  /** Where the emulators listen, for tools that speak to them beside the stack (the bench). */
  readonly emulators: { readonly dynamoEndpoint: string; readonly s3Endpoint: string };
  close(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TABLE_NAME = 'secretsentry-tokens';
const BUCKET_NAME = 'secretsentry-vault';
/** The table and bucket the local stack makes in its emulators and serves from. */
export const LOCAL_RESOURCES = { tableName: TABLE_NAME, bucketName: BUCKET_NAME } as const;

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const dataDir = path.resolve(options.dataDir);
  const emulators = await startEmulatorProcess(dataDir, LOCAL_RESOURCES);
  try {
    return await serve(options, dataDir, emulators);
  } catch (error) {
    // The port is taken, or the data directory unreadable: the emulators' process ends with us.
    await emulators.close();
    throw error;
  }
}

/** The API, the page and the sweeps on top of running emulators; closing the stack closes them. */
async function serve(
  options: LocalStackOptions,
  dataDir: string,
  emulators: Emulators,
): Promise<LocalStack> {
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

  const clients = createClients(emulatorClientOptions(emulators));
  // Before serving: the deletions that came due while the stack was down are done first.
  const reaper = await LocalReaper.start({
    file: path.join(dataDir, REAPER_FILE),
    vault: new Vault(clients.s3, BUCKET_NAME),
    delaySeconds: options.bodyDeleteDelaySeconds ?? BODY_DELETE_DELAY_SECONDS,
    now: () => new Date(),
    log: console,
  });
  const base = localDeps(clients, reaper, options.uploadSizes);
  const allowLoopbackWebhooks = options.allowLoopbackWebhooks === true;
  const webhooks = new LocalWebhookSender(
    { store: base.store, now: base.now, log: base.log, allowLoopback: allowLoopbackWebhooks },
    options.webhookBackoffMs,
  );
  const expiryAlarm = new LocalExpiryAlarm(webhooks, base.now);
  const handlers = buildHandlers({ ...base, webhooks, expiryAlarm, allowLoopbackWebhooks });
  const api = createApiAdapter(handlers);
  // The presigned URLs point at s3rver: the page's CSP names its origin, as it names the vault's in AWS.
  const page = createStaticHandler(options.webDir ?? path.join(ROOT, 'web', 'dist'), {
    vaultOrigin: emulators.s3Endpoint,
  });

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
  // The page uploads and downloads file bodies straight to and from s3rver, another origin.
  await allowPageOrigins(emulators, BUCKET_NAME, pageOrigins(shownHost, port));

  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    emulators: { dynamoEndpoint: emulators.dynamoEndpoint, s3Endpoint: emulators.s3Endpoint },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sweeper.stop();
      expiryAlarm.stop();
      await webhooks.stop();
      await reaper.stop();
      await emulators.close();
    },
  };
}

/** Every route's handler, made by its factory; a route left out does not compile. */
export function buildHandlers(deps: HandlerDeps): Handlers {
  return {
    create: createCreate(deps),
    seal: createSeal(deps),
    fill: createFill(deps),
    meta: createMeta(deps),
    read: createRead(deps),
    destroy: createDestroy(deps),
    revoke: createRevoke(deps),
    revokeRecipient: createRevokeRecipient(deps),
    receipt: createReceipt(deps),
    health: createHealth(deps),
    openapi: createOpenapi(deps),
  };
}

/**
 * The production client code pointed at the emulators: their endpoints and key pair, path-style S3,
 * and no flexible checksums, which s3rver trips on.
 */
export function emulatorClientOptions(emulators: Emulators): ClientOptions {
  const common = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  return {
    s3: {
      ...common,
      endpoint: emulators.s3Endpoint,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    },
    dynamodb: { ...common, endpoint: emulators.dynamoEndpoint },
  };
}

/** The origins the page may be opened at: the address shown, and its loopback aliases. */
function pageOrigins(host: string, port: number): string[] {
  const hosts = new Set([host, ...(isLoopback(host) ? ['localhost', '127.0.0.1', '[::1]'] : [])]);
  return [...hosts].map(
    (h) => `http://${h.includes(':') && !h.startsWith('[') ? `[${h}]` : h}:${port}`,
  );
}

const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === '[::1]';

/**
 * What the handlers get in Lambda, pointed at the emulators: stage `local`, no CORS (same origin), the
 * local reaper for the deletions a read or a destroy schedules, and the contract's largest file.
 */
function localDeps(
  clients: AwsClients,
  deletions: DeletionQueue,
  uploadSizes: UploadSizes | undefined,
): HandlerDeps {
  // Quieter than Lambda unless asked otherwise: warnings and errors only, and no EMF lines unless
  // POWERTOOLS_METRICS_DISABLED=false, as the console is a person's, not CloudWatch's.
  const telemetry = createTelemetry('local', {
    ...(process.env.POWERTOOLS_LOG_LEVEL ? {} : { logLevel: 'WARN' }),
  });
  const deps = createDeps(
    clients,
    { tableName: TABLE_NAME, bucketName: BUCKET_NAME },
    { corsOrigin: undefined, ...telemetry },
  );
  const metricsOn = process.env.POWERTOOLS_METRICS_DISABLED === 'false';
  return {
    ...deps,
    deletions,
    ...(uploadSizes ? { uploadSizes } : {}),
    ...(metricsOn ? {} : { count: () => undefined }),
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
