// Spawns the real local stack (`node bin/local.ts`) on a random port, as a user's `npm start` would.
import { afterAll, beforeAll } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunningStack {
  readonly url: string;
  readonly api: string;
  readonly dataDir: string;
  /** The process `npm start` runs (the emulators run in a child of it). */
  readonly pid: number;
  readonly output: () => string;
  stop(): Promise<number | null>;
  /** Ends the process at once with SIGKILL, as a crash or an OOM kill would. */
  kill(): Promise<void>;
}

export const tempDataDir = (): string => mkdtempSync(path.join(tmpdir(), 'secretsentry-data-'));

export async function startStack(
  dataDir = tempDataDir(),
  env: Record<string, string> = {},
): Promise<RunningStack> {
  const child: ChildProcess = spawn(process.execPath, ['bin/local.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`local stack did not start:\n${output}`)),
      20_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local stack exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    api: `${url}/api`,
    dataDir,
    pid: child.pid!,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.removeAllListeners('exit');
        // A clean SIGTERM shutdown is part of what is tested; SIGKILL only if it hangs.
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', (code) => {
          clearTimeout(force);
          child.stdout?.destroy();
          child.stderr?.destroy();
          resolve(code);
        });
        child.kill('SIGTERM');
      }),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      child.stdout?.destroy();
      child.stderr?.destroy();
    },
  };
}

/**
 * One local stack for the whole test file: started in beforeAll, stopped in afterAll. The object
 * it returns reads through to that stack once it runs.
 */
export function stackForThisFile(): RunningStack {
  let running: RunningStack | undefined;
  beforeAll(async () => {
    running = await startStack();
  }, 60_000);
  afterAll(async () => {
    await running?.stop();
  });
  const now = (): RunningStack => {
    if (!running) throw new Error('the local stack starts in beforeAll');
    return running;
  };
  return {
    get url() {
      return now().url;
    },
    get api() {
      return now().api;
    },
    get dataDir() {
      return now().dataDir;
    },
    get pid() {
      return now().pid;
    },
    output: () => now().output(),
    stop: () => now().stop(),
    kill: () => now().kill(),
  };
}
