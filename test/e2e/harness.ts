// The browser-test harness: starts the real local stack (`node bin/local.ts`, the page built
// beforehand by `npm run test:e2e`) on a random port with a throwaway DATA_DIR, and Debian's Chromium.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { startStack as startLocalStack } from '../helpers/localStack.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Stack {
  readonly url: string;
  stop(): Promise<void>;
}

/** The same spawned local stack the integration tests use, with the built page required. */
export async function startStack(): Promise<Stack> {
  if (!existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) {
    throw new Error(
      'web/dist is missing: run the browser tests with `npm run test:e2e`, which builds the page.',
    );
  }
  const running = await startLocalStack();
  return {
    url: running.url,
    async stop() {
      await running.stop();
      await rm(running.dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless. A missing browser is an error, never a skip. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium).`);
  }
  // playwright-core gives every launch() a fresh temporary user-data-dir of its own and deletes it after.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
