// The emulators in a Node process of their own, so that dynalite's and s3rver's work (the bulk of the
// local stack's CPU) runs beside the API's event loop rather than on it: on a machine with two cores
// the HTTP edge, the handlers and the SDK get one, the emulators the other. The parent speaks to them
// over loopback HTTP exactly as before; only their start and stop go through the IPC channel.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulators, type Emulators, type ResourceNames } from './emulators.ts';

const CHILD_FLAG = '--secretsentry-emulators';

type FromChild =
  | { readonly ready: { readonly dynamoEndpoint: string; readonly s3Endpoint: string } }
  | { readonly failed: string };

/** {@link startEmulators} in a child process; `close` stops it and waits for it to exit. */
export function startEmulatorProcess(dataDir: string, names?: ResourceNames): Promise<Emulators> {
  const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG], {
    // The child's own lines (a repaired store) go to the same console; nothing is read from it.
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise<Emulators>((resolve, reject) => {
    child.once('error', reject);
    void exited.then((code) =>
      reject(new Error(`the emulator process exited (code ${code}) before it was ready`)),
    );
    child.once('message', (message: FromChild) => {
      if ('failed' in message) {
        reject(new Error(`the emulators did not start: ${message.failed}`));
        return;
      }
      resolve({
        ...message.ready,
        async close() {
          if (child.exitCode === null && child.signalCode === null) {
            if (child.connected) child.send('close');
            else child.kill();
          }
          await exited;
        },
      });
    });
    child.send({ dataDir, names });
  });
}

/** The child: starts the emulators when told where, stops them when told or when its parent is gone. */
async function serve(): Promise<void> {
  const send = (message: FromChild) => process.send?.(message);
  const { dataDir, names } = await new Promise<{ dataDir: string; names?: ResourceNames }>(
    (resolve) => process.once('message', resolve),
  );
  let emulators: Emulators;
  try {
    emulators = await startEmulators(dataDir, names);
  } catch (error) {
    send({ failed: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= emulators.close().finally(() => process.exit(0));
    return closing;
  };
  process.on('message', (message) => {
    if (message === 'close') void close();
  });
  // The parent died (a crash, an OOM kill): end at once, as it did, so that a restart on the same data
  // directory finds dynalite's LevelDB lock free. What was written is on disk as after any crash.
  process.once('disconnect', () => {
    if (closing === undefined) process.exit(0);
  });
  // A Ctrl-C at a terminal reaches every process of the group; the parent decides when to stop us.
  process.on('SIGINT', () => undefined);
  send({ ready: { dynamoEndpoint: emulators.dynamoEndpoint, s3Endpoint: emulators.s3Endpoint } });
}

if (process.argv.includes(CHILD_FLAG) && process.send) await serve();
