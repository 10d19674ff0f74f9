// The browser-test harness: starts the real local stack (`node bin/local.ts`, the page built
// beforehand by `npm run test:e2e`) on a random port with a throwaway DATA_DIR, and Debian's Chromium.
import { afterAll, afterEach, beforeAll, beforeEach, expect } from '@jest/globals';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { startStack as startLocalStack } from '../helpers/localStack.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Stack {
  readonly url: string;
  stop(): Promise<void>;
}

/** The same spawned local stack the integration tests use, with the built page required. */
export async function startStack(): Promise<Stack> {
  // WEB_DIR (passed on to bin/local.ts) names another build of the page, e.g. `vite build --outDir`.
  const web = process.env.WEB_DIR || path.join(ROOT, 'web', 'dist');
  if (!existsSync(path.join(web, 'index.html'))) {
    throw new Error(
      `${web} is missing: run the browser tests with \`npm run test:e2e\`, which builds the page.`,
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
      // Containers often give /dev/shm 64 MB, too little for a few open contexts: use /tmp instead.
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** One request as the browser sent it. */
export interface SeenRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * What a test file watches over its whole run: every request and console line of every browser
 * context it opens, and the values (keys, passphrases, plaintexts) that must never leave it.
 */
export class Recorder {
  readonly requests: Promise<SeenRequest>[] = [];
  readonly consoleMessages: string[] = [];
  readonly mustNotLeak = new Set<string>();
  readonly #contexts: BrowserContext[] = [];

  /** A fresh, isolated browser profile whose every request and console line is recorded. */
  async newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      ...options,
    });
    this.#contexts.push(context);
    context.on('request', (request) => {
      // A request still in flight when its page or context closes cannot give its full headers
      // any more; its provisional ones (all the page set itself) still go to the leak check.
      const seen = (headers: Record<string, string>): SeenRequest => ({
        url: request.url(),
        method: request.method(),
        headers,
        body: bothDecodings(request.postDataBuffer()),
      });
      this.requests.push(request.allHeaders().then(seen, () => seen(request.headers())));
    });
    context.on('console', (message) =>
      this.consoleMessages.push(`${message.type()}: ${message.text()}`),
    );
    context.on('weberror', (error) =>
      this.consoleMessages.push(`pageerror: ${error.error().message}`),
    );
    return context;
  }

  remember(...values: string[]): void {
    for (const value of values) if (value !== '') this.mustNotLeak.add(value);
  }

  /** Closes every context opened so far; what they sent stays recorded. */
  async closeContexts(): Promise<void> {
    const open = this.#contexts.splice(0);
    await Promise.all(open.map((c) => c.close().catch(() => undefined)));
  }
}

/**
 * A body as UTF-8 (so a text value shows as typed) and as latin1 (so an ASCII marker inside binary,
 * an encrypted file part, shows too): a leak check searches both.
 */
function bothDecodings(body: Buffer | null): string {
  return body === null ? '' : `${body.toString('utf8')}\n${body.toString('latin1')}`;
}

/** One test file's run: its stack and Chromium, up before its tests and down after them. */
export interface BrowserRun {
  readonly recorder: Recorder;
  /** The stack's origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly browser: Browser;
  /** A page in a fresh, recorded browser profile. */
  freshPage(options?: BrowserContextOptions): Promise<Page>;
}

/** Starts the stack and Chromium for this test file (beforeAll) and stops them after (afterAll). */
export function browserRun(): BrowserRun {
  const recorder = new Recorder();
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
  });
  // Should Chromium itself die (out of memory on a small machine), the test it died in fails; the
  // tests after it get a fresh browser rather than all failing with "browser has been closed".
  beforeEach(async () => {
    if (browser !== undefined && !browser.isConnected()) browser = await launchChromium();
  });
  // Each test's browser profiles end with it, so a long file does not pile up open pages.
  afterEach(async () => {
    await recorder.closeContexts();
  });
  afterAll(async () => {
    await recorder.closeContexts();
    await browser?.close();
    await stack?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser run starts in beforeAll');
    return value;
  };
  return {
    recorder,
    get url() {
      return started(stack).url;
    },
    get browser() {
      return started(browser);
    },
    async freshPage(options: BrowserContextOptions = {}) {
      return (await recorder.newContext(started(browser), options)).newPage();
    },
  };
}

/** No request of the run so far carried a value the recorder was told must not leave the browser. */
export async function expectNothingLeaked(recorder: Recorder): Promise<void> {
  const seen = await Promise.all(recorder.requests);
  expect(seen.length).toBeGreaterThan(0);
  for (const request of seen) {
    const sent = [request.url, JSON.stringify(request.headers), request.body].join('\n');
    for (const value of recorder.mustNotLeak) {
      expect(sent).not.toContain(value);
      expect(sent).not.toContain(encodeURIComponent(value));
    }
  }
}
