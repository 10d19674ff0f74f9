// Runs the real `secretsentry` as a child process, as a user would: the committed bundle that the
// package and the GitHub actions ship (package.test.ts checks it is what the sources build).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_BUNDLE = 'packages/cli/dist/cli.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRun {
  readonly stdin?: string | Uint8Array;
  readonly env?: Record<string, string>;
  /** The script to run; @default the shipped bundle */
  readonly entry?: string;
  /** Options for node itself, before the script (e.g. `--import` of a probe). */
  readonly nodeArgs?: readonly string[];
  /** @default the project's root */
  readonly cwd?: string;
}

/** A clean environment: no SECRETSENTRY_* from the developer's shell leaks into a test. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('SECRETSENTRY_')) env[k] = v;
  }
  return env;
}

export function runCli(args: readonly string[], options: CliRun = {}): Promise<CliResult> {
  const entry = path.resolve(ROOT, options.entry ?? CLI_BUNDLE);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), entry, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...baseEnv(), ...options.env },
    // No controlling terminal either: the prompt path must report "no terminal", not hang.
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
