// Create + read cycles per second of a text secret through the local stack's HTTP API, against their
// floor: the same AWS calls a create and a final read make (PutObject, PutItem | GetItem, GetObject,
// UpdateItem, DeleteObject), sent by the production SDK clients straight to the same emulators.
//   node bench/api-cycles.ts [seconds per run = 2] [rounds = 5] [concurrency = 1,8] [warm-up seconds = 5]
// The stack (`startLocalStack`, as `npm start` runs it) has a process of its own. The API's load
// generator is this process, so its client does not share the server's event loop. The floor's calls run
// in the stack's process, where the handlers' SDK calls run too, against the stack's own table and
// bucket (s3rver reads a bucket's CORS configuration on every request, so another bucket would be a
// cheaper floor): the ratio is then what the HTTP edge and the handlers add. Both sides run warm; the
// sides take turns in short runs, the order alternating; the ratio is the median of per-round ratios.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { seal } from '../core/envelope.ts';
import { createClients } from '../lambdas/common/clients.ts';
import type { ResourceNames } from '../local/emulators.ts';
import { LOCAL_RESOURCES, emulatorClientOptions, startLocalStack } from '../local/server.ts';
import { compared, formatSection, type Figure, type Section } from './figures.ts';

export const API_CYCLES_GOAL = { on: 'ratio', op: '>=', limit: 0.9 } as const;

export interface ApiCyclesOptions {
  /** Length of one run of one side. */
  readonly seconds: number;
  readonly rounds: number;
  readonly concurrency: readonly number[];
  /** How long each side runs, in half-second turns at each concurrency, before measuring. */
  readonly warmSeconds: number;
}

/** A typical secret: a few hundred characters of text. */
const SECRET = 'correct horse battery staple; '.repeat(16);
const STACK_PROCESS = '--stack-process';

type Cycle = () => Promise<void>;
type Sealed = Awaited<ReturnType<typeof seal>>;

/** Cycles completed per second by `concurrency` loops, each starting its next cycle at once. */
async function cyclesPerSecond(cycle: Cycle, concurrency: number, seconds: number) {
  const start = performance.now();
  const end = start + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await cycle();
        done += 1;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

/**
 * One request over a kept-alive connection, body buffered: node:http rather than fetch, as load
 * generators (autocannon, wrk) use a lean client, so the figure is the server's rather than the client's.
 */
function post(
  agent: Agent,
  url: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        response.once('error', reject);
      },
    );
    request.once('error', reject);
    request.end(body);
  });
}

function apiCycle(api: string, sealed: Sealed): Cycle {
  const agent = new Agent({ keepAlive: true });
  const createBody = JSON.stringify({
    ciphertext: sealed.ciphertext,
    readTokenHash: sealed.readTokenHash,
  });
  return async () => {
    const created = await post(
      agent,
      `${api}/secrets`,
      { 'content-type': 'application/json' },
      createBody,
    );
    if (created.status !== 201) throw new Error(`create: ${created.status} ${created.body}`);
    const { id } = JSON.parse(created.body) as { id: string };
    const read = await post(agent, `${api}/secrets/${id}/read`, {
      authorization: `Bearer ${sealed.readToken}`,
    });
    if (read.status !== 200) throw new Error(`read: ${read.status} ${read.body}`);
    if (JSON.parse(read.body).ciphertext !== sealed.ciphertext)
      throw new Error('read: another ciphertext than was stored');
  };
}

// ---- the parent: the API's load generator ----

interface FloorRun {
  readonly concurrency: number;
  readonly seconds: number;
}

/** The stack's process: its API URL, and runs of the floor there. */
interface StackProcess {
  readonly api: string;
  floor(run: FloorRun): Promise<number>;
  close(): Promise<void>;
}

function startStackProcess(): Promise<StackProcess> {
  const child = fork(fileURLToPath(import.meta.url), [STACK_PROCESS], { silent: true });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const died = (code: number | null) =>
    new Error(`the stack process exited (${code}):\n${output.slice(-4000)}`);
  const next = <T>(): Promise<T> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(died(code));
      child.once('exit', onExit);
      child.once('message', (message: T) => {
        child.off('exit', onExit);
        resolve(message);
      });
    });
  return next<{ url: string }>().then(({ url }) => ({
    api: `${url}/api`,
    floor: (run) => {
      const answer = next<{ cyclesPerSecond: number }>();
      child.send(run);
      return answer.then((a) => a.cyclesPerSecond);
    },
    close: () => closeChild(child),
  }));
}

function closeChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.send('close');
  });
}

export async function apiCycles(options: ApiCyclesOptions): Promise<Section> {
  const sealed = await seal(SECRET);
  const stack = await startStackProcess();
  const api = apiCycle(stack.api, sealed);
  try {
    // Both sides first run until warm: connections, the JIT of the stack's and the emulators' code,
    // and the emulators' first writes. Cycles/s climbs for several seconds at first (by half, on
    // this machine), and the API's longer path warms more slowly than the floor's six calls.
    for (let warm = 0; warm < options.warmSeconds; warm += 1) {
      for (const concurrency of options.concurrency) {
        await cyclesPerSecond(api, concurrency, 0.5);
        await stack.floor({ concurrency, seconds: 0.5 });
      }
    }
    const samples = new Map(
      options.concurrency.map((c) => [c, { api: [] as number[], floor: [] as number[] }]),
    );
    for (let round = 0; round < options.rounds; round += 1) {
      for (const concurrency of options.concurrency) {
        const runs = {
          api: () => cyclesPerSecond(api, concurrency, options.seconds),
          floor: () => stack.floor({ concurrency, seconds: options.seconds }),
        };
        const order = round % 2 === 0 ? (['api', 'floor'] as const) : (['floor', 'api'] as const);
        for (const side of order) samples.get(concurrency)![side].push(await runs[side]());
      }
    }
    const figures: Figure[] = [...samples].map(([concurrency, { api, floor }]) =>
      compared(`concurrency ${concurrency}`, 'cycles/s', api, floor, API_CYCLES_GOAL),
    );
    return {
      id: 'api-cycles',
      title:
        `API: create + read cycles/s of a text secret through the local stack's HTTP API, over the ` +
        `same AWS calls sent straight to its emulators (${options.rounds} interleaved rounds of ${options.seconds} s)`,
      figures,
      notes: [
        'ours: POST /api/secrets, then POST /api/secrets/{id}/read (maxReads 1: the final read), sent from another process than the stack with node:http over kept-alive connections, as load generators do',
        'the emulators run in a process of their own, as `npm start` runs them',
        "floor: PutObject, PutItem, GetItem, GetObject, UpdateItem, DeleteObject by the production SDK clients, run in the stack's process against its own table and bucket",
        `both sides warmed up for ${options.warmSeconds} s each first: cycles/s climbs by half over the first seconds as the JIT and the emulators warm`,
      ],
    };
  } finally {
    await stack.close();
  }
}

// ---- the child: the stack, and the floor beside it ----

/** The calls alone, with items and conditions like the store's; no HTTP edge, no handler. */
export function floorCycle(
  clients: ReturnType<typeof createClients>,
  sealed: Sealed,
  names: ResourceNames = LOCAL_RESOURCES,
): Cycle {
  const { tableName: TableName, bucketName: Bucket } = names;
  return async () => {
    const id = randomBytes(16).toString('base64url');
    const Key = `secrets/${id}`;
    const now = Date.now();
    await clients.s3.send(
      new PutObjectCommand({
        Bucket,
        Key,
        Body: sealed.ciphertext,
        ContentType: 'application/jose',
      }),
    );
    await clients.dynamo.send(
      new PutCommand({
        TableName,
        Item: {
          id,
          state: 'active',
          kind: 'text',
          maxReads: 1,
          remainingReads: 1,
          failedAttempts: 0,
          reads: [],
          createdAt: new Date(now).toISOString(),
          expiresAt: now + 259_200_000,
          purgeAt: Math.floor(now / 1000) + 900_000,
          readTokenHash: sealed.readTokenHash,
          manageTokenHash: sealed.readTokenHash,
        },
        ConditionExpression: 'attribute_not_exists(id)',
      }),
    );
    await clients.dynamo.send(new GetCommand({ TableName, Key: { id }, ConsistentRead: true }));
    const object = await clients.s3.send(new GetObjectCommand({ Bucket, Key }));
    const text = await object.Body!.transformToString('utf-8');
    if (text.length !== sealed.ciphertext.length) throw new Error('floor: wrong object body');
    const requestId = randomBytes(16).toString('base64url');
    await clients.dynamo.send(
      new UpdateCommand({
        TableName,
        Key: { id },
        UpdateExpression:
          'SET remainingReads = remainingReads - :one, failedAttempts = :zero, ' +
          '#reads = list_append(#reads, :read) ADD appliedRequests :rids',
        ConditionExpression:
          '#state = :active AND remainingReads >= :one AND failedAttempts < :maxFailed AND ' +
          'expiresAt > :now AND NOT contains(appliedRequests, :rid)',
        ExpressionAttributeNames: { '#state': 'state', '#reads': 'reads' },
        ExpressionAttributeValues: {
          ':active': 'active',
          ':one': 1,
          ':zero': 0,
          ':maxFailed': 5,
          ':now': Date.now(),
          ':rid': requestId,
          ':rids': new Set([requestId]),
          ':read': [{ at: new Date().toISOString() }],
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    await clients.s3.send(new DeleteObjectCommand({ Bucket, Key }));
  };
}

async function serveStack(send: (message: unknown) => void): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'secretsentry-bench-stack-'));
  const stack = await startLocalStack({
    port: 0,
    host: '127.0.0.1',
    dataDir: work,
    // No sweep while measuring.
    sweepIntervalSeconds: 86_400,
  });
  const emulators = { ...stack.emulators, close: async () => undefined };
  // The production client code with the stack's own settings for its emulators.
  const clients = createClients(emulatorClientOptions(emulators));
  const floor = floorCycle(clients, await seal(SECRET));
  const close = async () => {
    clients.s3.destroy();
    clients.dynamo.destroy();
    await stack.close();
    rmSync(work, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('message', (message: FloorRun | 'close') => {
    if (message === 'close') return void close();
    void cyclesPerSecond(floor, message.concurrency, message.seconds).then((cyclesPerSecond) =>
      send({ cyclesPerSecond }),
    );
  });
  process.on('disconnect', () => void close());
  send({ url: stack.url });
}

if (import.meta.main && process.argv.includes(STACK_PROCESS) && process.send) {
  await serveStack(process.send.bind(process));
} else if (import.meta.main) {
  const [seconds = '2', rounds = '5', concurrency = '1,8', warmSeconds = '5'] =
    process.argv.slice(2);
  console.log(
    formatSection(
      await apiCycles({
        seconds: Number(seconds),
        rounds: Number(rounds),
        concurrency: concurrency.split(',').map(Number),
        warmSeconds: Number(warmSeconds),
      }),
    ),
  );
}
