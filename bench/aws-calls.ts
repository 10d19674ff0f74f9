// AWS calls per operation against their floor (docs/design.md §3: a create costs two, a read the
// token item, the object and a conditional update, plus the delete on the last read). Counted by a
// middleware on the production SDK clients: each command at 'initialize', each HTTP attempt at
// 'deserialize'. The handlers are built by their factories on those clients and served through the
// local stack's API Gateway adapter; the calls come from the API client the page and the CLI use.
//   node bench/aws-calls.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiError, createApiClient } from '../core/api.ts';
import { seal } from '../core/envelope.ts';
import { createClients } from '../lambdas/common/clients.ts';
import { createDeps, type HandlerDeps } from '../lambdas/common/deps.ts';
import { createTelemetry } from '../lambdas/common/powertools.ts';
import { createApiAdapter } from '../local/adapter.ts';
import { startEmulators } from '../local/emulators.ts';
import { buildHandlers, emulatorClientOptions } from '../local/server.ts';
import { exact, formatSection, meets, type Figure, type Section } from './figures.ts';

const NAMES = { tableName: 'bench-calls-tokens', bucketName: 'bench-calls-vault' };
export const AWS_CALLS_GOAL = { on: 'ratio', op: '<=', limit: 1 } as const;

/** The fewest calls each operation can make, and why. */
const FLOORS = {
  create: { calls: 2, why: 'the object, then its item' },
  'read, non-final': { calls: 3, why: 'item, object, conditional update' },
  'read, final': { calls: 4, why: 'item, object, conditional update, object delete' },
  'read, wrong token': { calls: 1, why: 'the item, to check the token' },
  meta: { calls: 1, why: 'the item' },
  receipt: { calls: 1, why: 'the item' },
  destroy: { calls: 3, why: 'item, conditional update, object delete' },
  revoke: { calls: 3, why: 'item, conditional update, object delete' },
} as const;
type Operation = keyof typeof FLOORS;

export async function awsCalls(): Promise<Section> {
  const work = mkdtempSync(path.join(tmpdir(), 'secretsentry-bench-calls-'));
  const emulators = await startEmulators(work, NAMES);
  const clients = createClients(emulatorClientOptions(emulators));
  const commands: string[] = [];
  let attempts = 0;
  // The document client shares its base client's middleware stack: one counter per store.
  const command = { step: 'initialize', name: 'benchCountCommands' } as const;
  const attempt = { step: 'deserialize', name: 'benchCountAttempts' } as const;
  const sent = (name: string | undefined) => commands.push((name ?? '?').replace(/Command$/, ''));
  clients.s3.middlewareStack.add(
    (next, context) => (args) => (sent(context.commandName), next(args)),
    command,
  );
  clients.s3.middlewareStack.add((next) => (args) => ((attempts += 1), next(args)), attempt);
  clients.dynamo.middlewareStack.add(
    (next, context) => (args) => (sent(context.commandName), next(args)),
    command,
  );
  clients.dynamo.middlewareStack.add((next) => (args) => ((attempts += 1), next(args)), attempt);
  // As the local stack builds them: warnings only, and no metrics to print.
  const telemetry = createTelemetry('bench', { logLevel: 'ERROR' });
  const deps: HandlerDeps = {
    ...createDeps(clients, NAMES, { corsOrigin: undefined, ...telemetry }),
    count: () => undefined,
  };
  const adapter = createApiAdapter(buildHandlers(deps));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bench');
    void adapter(req, res, url.pathname.replace(/^\/api/, '') || '/', url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const api = createApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api`);

  const counted = new Map<Operation, { commands: string[]; attempts: number }>();
  async function count(operation: Operation, run: () => Promise<unknown>): Promise<void> {
    commands.length = 0;
    attempts = 0;
    await run();
    counted.set(operation, { commands: [...commands], attempts });
  }

  try {
    const sealed = await seal('a secret to count calls with');
    const share = (maxReads: number) =>
      api.create({ ciphertext: sealed.ciphertext, readTokenHash: sealed.readTokenHash, maxReads });

    let first = { id: '', manageToken: '' };
    await count('create', async () => (first = await share(2)));
    await count('meta', () => api.meta(first.id, sealed.readToken));
    await count('read, wrong token', async () => {
      const wrong = (await seal('another secret')).readToken;
      const refused = await api.read(first.id, wrong).catch((error: unknown) => error);
      if (!(refused instanceof ApiError)) throw new Error('a wrong token was not refused');
    });
    await count('read, non-final', () => api.read(first.id, sealed.readToken));
    await count('read, final', () => api.read(first.id, sealed.readToken));
    await count('receipt', () => api.receipt(first.id, first.manageToken));
    const second = await share(3);
    await api.read(second.id, sealed.readToken);
    await count('destroy', () => api.destroy(second.id, sealed.readToken));
    const third = await share(1);
    await count('revoke', () => api.revoke(third.id, third.manageToken));
  } finally {
    server.closeAllConnections();
    server.close();
    clients.s3.destroy();
    clients.dynamo.destroy();
    await emulators.close();
    rmSync(work, { recursive: true, force: true });
  }

  const figures: Figure[] = [...counted].map(([operation, { commands }]) => {
    const value = exact(commands.length);
    const ratio = exact(commands.length / FLOORS[operation].calls);
    return {
      name: operation,
      unit: 'calls',
      value,
      floor: exact(FLOORS[operation].calls),
      ratio,
      goal: AWS_CALLS_GOAL,
      met: meets(AWS_CALLS_GOAL, { value, ratio }),
    };
  });
  const retried = [...counted].filter(([, c]) => c.attempts !== c.commands.length);
  return {
    id: 'aws-calls',
    title:
      'AWS calls per operation (text secret), counted by SDK middleware, over the fewest each can make',
    figures,
    notes: [
      ...[...counted].map(
        ([operation, c]) =>
          `${operation}: ${c.commands.join(', ') || 'none'} (floor: ${FLOORS[operation].why})`,
      ),
      retried.length === 0
        ? 'every command went in one HTTP attempt'
        : `retried: ${retried.map(([op, c]) => `${op} ${c.attempts} attempts`).join(', ')}`,
    ],
    details: Object.fromEntries(counted),
  };
}

if (import.meta.main) console.log(formatSection(await awsCalls()));
