// `npm start` runs the emulators in a child process of its own (local/emulator-process.ts). Whatever
// way the stack ends, that child must end with it: a clean stop, a crash, or a start that fails. An
// orphan would hold the data directory's LevelDB lock and keep a port, and the next start would fail.
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startStack, tempDataDir } from '../helpers/localStack.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The live children of a process, from /proc (Linux): their pids and command lines. */
function childrenOf(pid: number): { pid: number; command: string }[] {
  const children: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== pid || fields[0] === 'Z') continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      children.push({ pid: Number(entry), command });
    } catch {
      // It ended while we looked.
    }
  }
  return children;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function gone(pid: number, withinMs = 5_000): Promise<boolean> {
  const end = Date.now() + withinMs;
  while (Date.now() < end) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !alive(pid);
}

const emulatorChild = (pid: number) => {
  const found = childrenOf(pid).filter((c) => c.command.includes('emulator-process.ts'));
  expect(found).toHaveLength(1);
  return found[0]!.pid;
};

describe("the emulators' process", () => {
  it('runs beside the stack and ends with a clean stop', async () => {
    const stack = await startStack();
    const child = emulatorChild(stack.pid);
    expect(await fetch(`${stack.api}/health`).then((r) => r.status)).toBe(200);
    expect(await stack.stop()).toBe(0);
    expect(await gone(child)).toBe(true);
  }, 60_000);

  it('ends when the stack is killed, and the same data directory starts again at once', async () => {
    const dataDir = tempDataDir();
    const first = await startStack(dataDir);
    const child = emulatorChild(first.pid);
    await first.kill();
    expect(await gone(child)).toBe(true);
    // dynalite's lock on the directory is free: a second start serves from it.
    const second = await startStack(dataDir);
    try {
      expect(await fetch(`${second.api}/health`).then((r) => r.status)).toBe(200);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('ends when the stack cannot start (the port is taken), and the error says why', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const child = spawn(process.execPath, ['bin/local.ts'], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: tempDataDir() },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const seen = new Set<number>();
      const watch = setInterval(() => {
        for (const c of childrenOf(child.pid!)) seen.add(c.pid);
      }, 20);
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      clearInterval(watch);
      expect(code).toBe(1);
      expect(output).toContain(`Port ${port} is already in use`);
      expect(seen.size).toBeGreaterThan(0);
      for (const pid of seen) expect(await gone(pid)).toBe(true);
    } finally {
      taken.close();
    }
  }, 60_000);
});
