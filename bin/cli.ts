#!/usr/bin/env node
// `secretsentry`: the command line for people and CI pipelines. See docs/cli.md.
import { promptOnTerminal } from '../cli/terminal.ts';
import { run } from '../cli/main.ts';
import { useProxyFromEnvironment } from '../cli/proxy.ts';

await useProxyFromEnvironment(process.env);

// `secretsentry ... | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  prompt: promptOnTerminal,
});
