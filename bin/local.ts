// `npm start`: runs SecretSentry on this machine, no AWS account, no Docker.
import { startLocalStack } from '../local/server.ts';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = process.env.DATA_DIR ?? '.data';
/** The built page; another build's folder lets two checkouts' browser tests run side by side. */
const webDir = process.env.WEB_DIR || undefined;
const sweepIntervalSeconds = Number(process.env.SWEEP_INTERVAL_SECONDS ?? 60);
/** Webhooks to this machine (http://127.0.0.1:…), for trying them out and for tests; off unless asked. */
const allowLoopbackWebhooks = process.env.WEBHOOK_ALLOW_LOOPBACK === 'true';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}".`);
  process.exit(2);
}
if (!['true', 'false', undefined].includes(process.env.WEBHOOK_ALLOW_LOOPBACK)) {
  console.error(
    `WEBHOOK_ALLOW_LOOPBACK must be true or false, not "${process.env.WEBHOOK_ALLOW_LOOPBACK}".`,
  );
  process.exit(2);
}
if (
  !Number.isInteger(sweepIntervalSeconds) ||
  sweepIntervalSeconds < 1 ||
  sweepIntervalSeconds > 86_400
) {
  console.error(
    `SWEEP_INTERVAL_SECONDS must be a whole number of seconds from 1 to 86400, not "${process.env.SWEEP_INTERVAL_SECONDS}".`,
  );
  process.exit(2);
}

try {
  const stack = await startLocalStack({
    port,
    host,
    dataDir,
    sweepIntervalSeconds,
    allowLoopbackWebhooks,
    ...(webDir ? { webDir } : {}),
  });
  console.log(`SecretSentry is running at ${stack.url}`);
  console.log(`  page: ${stack.url}/   API: ${stack.url}/api   data: ${dataDir}`);
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal} received, shutting down.`);
    stack.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    console.error(`Port ${port} is already in use; set PORT to another port.`);
  else
    console.error(
      `SecretSentry could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  process.exit(1);
}
