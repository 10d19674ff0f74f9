// File secrets in real Chromium against the real local stack (issue 12): a file dropped or picked on
// the share form is encrypted in the page and uploaded straight to the vault (s3rver locally); the
// recipient's page downloads, decrypts and saves it, byte for byte, or keeps nothing when it is damaged.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { createApiClient } from '../../core/api.ts';
import { parseLink } from '../../core/links.ts';
import { launchChromium, Recorder, startStack, type Stack } from './harness.ts';

let stack: Stack;
let browser: Browser;
/** Every K, passphrase, file name and plaintext marker of the run must never leave the browser. */
const recorder = new Recorder();
const { requests, consoleMessages, mustNotLeak } = recorder;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
});

afterAll(async () => {
  await recorder.closeContexts();
  await browser?.close();
  await stack?.stop();
});

/** Presigned vault URLs carry a SigV4 query signature; the page's own requests never do. */
const isPresigned = (url: string) => new URL(url).searchParams.has('X-Amz-Signature');

type SaveApi = 'none' | 'picker';

/**
 * A fresh, isolated browser profile whose every request and console line is recorded. `saveApi`
 * fixes what the page finds: no File System Access API (so it saves through a Blob download), or a
 * stand-in `showSaveFilePicker` that records what the page writes, since headless Chromium has no
 * dialog to answer.
 */
async function freshContext(
  options: { saveApi?: SaveApi; width?: number } = {},
): Promise<BrowserContext> {
  const context = await recorder.newContext(browser, {
    viewport: { width: options.width ?? 1280, height: 900 },
    acceptDownloads: true,
  });
  if (options.saveApi === 'none') {
    await context.addInitScript(() => {
      Object.defineProperty(window, 'showSaveFilePicker', { value: undefined });
    });
  }
  if (options.saveApi === 'picker') {
    await context.addInitScript(() => {
      const saved = {
        suggestedName: '',
        chunks: [] as Uint8Array[],
        closed: false,
        aborted: false,
        removed: false,
      };
      Object.assign(window, { saved });
      Object.defineProperty(window, 'showSaveFilePicker', {
        value: async (options: { suggestedName: string }) => {
          saved.suggestedName = options.suggestedName;
          return {
            createWritable: async () =>
              new WritableStream<Uint8Array>({
                write: (chunk) => void saved.chunks.push(chunk.slice()),
                close: () => void (saved.closed = true),
                abort: () => void (saved.aborted = true),
              }),
            remove: async () => void (saved.removed = true),
          };
        },
      });
    });
  }
  return context;
}

const remember = (...values: string[]) => recorder.remember(...values);

interface TestFile {
  readonly name: string;
  readonly type: string;
  readonly bytes: Buffer;
}

let files = 0;
/** Random bytes behind a marker, so an upload that carried plaintext would show it. */
function testFile(size: number, type = 'application/pdf'): TestFile {
  files += 1;
  const marker = Buffer.from(
    `e2e file plaintext marker ${files} ${randomBytes(6).toString('hex')}`,
  );
  const name = `e2e report ${files} ${randomBytes(4).toString('hex')}.pdf`;
  remember(marker.toString(), name);
  return { name, type, bytes: Buffer.concat([marker, randomBytes(size - marker.length)]) };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Drags `dropped` onto the form's drop zone as a person would, with a DataTransfer made in the page. */
async function drop(page: Page, dropped: TestFile[]) {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const transfer = new DataTransfer();
      for (const file of list) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: file.type }));
      }
      return transfer;
    },
    dropped.map((f) => ({ name: f.name, type: f.type, base64: f.bytes.toString('base64') })),
  );
  const zone = page.locator('.drop-zone');
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await zone.dispatchEvent(type, { dataTransfer });
  }
  await dataTransfer.dispose();
}

interface Shared {
  readonly link: string;
  readonly manageLink: string;
  readonly id: string;
}

async function readLinks(page: Page): Promise<Shared> {
  const link = await page.getByLabel('Link', { exact: true }).inputValue({ timeout: 60_000 });
  const manageLink = await page.getByLabel('Manage link').inputValue();
  const parsed = parseLink(link);
  // K only: the manage token is a credential the page does send (as a bearer, to seal).
  remember(parsed.credential);
  return { link, manageLink, id: parsed.id };
}

/** Shares `file` from a fresh page, choosing it with the file input, and answers its links. */
async function shareByPicking(
  file: TestFile,
  options: { passphrase?: string; reads?: number } = {},
): Promise<Shared> {
  const page = await (await freshContext()).newPage();
  await page.goto(`${stack.url}/`);
  await page
    .getByLabel('Or share a file')
    .setInputFiles({ name: file.name, mimeType: file.type, buffer: file.bytes });
  await page.getByRole('group', { name: `File to share ${file.name}` }).waitFor();
  if (options.reads !== undefined) await page.getByLabel('Reads').fill(String(options.reads));
  if (options.passphrase !== undefined) {
    remember(options.passphrase);
    await page.getByLabel('Passphrase').fill(options.passphrase);
  }
  await page.getByRole('button', { name: 'Create link' }).click();
  return readLinks(page);
}

async function receipt(shared: Shared) {
  return createApiClient(`${stack.url}/api`).receipt(
    shared.id,
    parseLink(shared.manageLink).credential,
  );
}

async function expectNothingStored(page: Page) {
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
  }));
  expect(stored).toEqual({ local: 0, session: 0, databases: 0 });
}

async function expectNoSideScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()!.width,
  );
}

/** What the page's stand-in picker was given, as bytes. */
async function pickerSaved(page: Page) {
  const saved = await page.evaluate(() => {
    const { saved } = window as unknown as {
      saved: {
        suggestedName: string;
        chunks: Uint8Array[];
        closed: boolean;
        aborted: boolean;
        removed: boolean;
      };
    };
    let binary = '';
    for (const chunk of saved.chunks) {
      for (let i = 0; i < chunk.length; i += 0x8000) {
        binary += String.fromCharCode(...chunk.subarray(i, i + 0x8000));
      }
    }
    return { ...saved, chunks: undefined, base64: btoa(binary) };
  });
  return { ...saved, bytes: Buffer.from(saved.base64, 'base64') };
}

/** Flips one byte in the middle of every body the vault sends: a damaged download. */
async function damageDownloads(route: Route) {
  if (route.request().method() !== 'GET') return route.continue();
  const response = await route.fetch();
  const body = await response.body();
  body[Math.floor(body.length / 2)]! ^= 0x01;
  await route.fulfill({ response, body });
}

const goneHeading = (page: Page) =>
  page.getByRole('heading', { name: 'This secret is no longer available' });

const MIB = 1024 * 1024;

describe('file secrets in Chromium', () => {
  it('shares a dropped file, downloads it byte for byte in a fresh browser, then says it is gone', async () => {
    const file = testFile(3 * MIB + 12_345);
    const sender = await (await freshContext()).newPage();
    await sender.goto(`${stack.url}/`);
    await drop(sender, [file]);
    const chosen = sender.getByRole('group', { name: `File to share ${file.name}` });
    await chosen.getByText('3.0 MiB, application/pdf').waitFor();
    expect(await sender.getByLabel('Secret', { exact: true }).count()).toBe(0);
    await sender.getByRole('button', { name: 'Create link' }).click();
    const shared = await readLinks(sender);
    expect(await sender.getByRole('img', { name: 'QR code of the link' }).count()).toBe(1);
    expect(await receipt(shared)).toMatchObject({ state: 'active', remainingReads: 1 });

    const recipient = await (await freshContext({ saveApi: 'none' })).newPage();
    await recipient.goto(shared.link);
    await recipient.getByRole('heading', { name: 'Someone shared a file with you' }).waitFor();
    await recipient.getByText('This link holds a file.').waitFor();
    expect(await recipient.getByText(file.name).count()).toBe(0);
    const [download] = await Promise.all([
      recipient.waitForEvent('download', { timeout: 60_000 }),
      recipient.getByRole('button', { name: 'Reveal and save file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(file.name);
    const saved = await readFile((await download.path())!);
    expect(saved.length).toBe(file.bytes.length);
    expect(sha256(saved)).toBe(sha256(file.bytes));
    await recipient.getByRole('heading', { name: 'Here is your file' }).waitFor();
    await recipient.getByText(file.name, { exact: true }).waitFor();
    await recipient.getByText('application/pdf', { exact: true }).waitFor();
    await recipient.getByText('The link is now used up.').waitFor();
    await recipient.getByRole('link', { name: 'Save the file again' }).waitFor();
    await expectNothingStored(recipient);
    expect((await receipt(shared)).state).toBe('burned');

    const third = await (await freshContext()).newPage();
    await third.goto(shared.link);
    await goneHeading(third).waitFor();
  });

  it('shares a picked file behind a passphrase and saves it through the File System Access API, at 320 px', async () => {
    const file = testFile(1 * MIB + 7, 'text/csv');
    const passphrase = 'e2e file passphrase kilo 6Rt';
    const shared = await shareByPicking(file, { passphrase, reads: 2 });

    const recipient = await (await freshContext({ saveApi: 'picker', width: 320 })).newPage();
    await recipient.goto(shared.link);
    await recipient.getByText('This link holds a file.').waitFor();
    await expectNoSideScroll(recipient);
    await recipient.getByLabel('Passphrase').fill(passphrase);
    await recipient.getByRole('button', { name: 'Reveal and save file' }).click();
    await recipient.getByText(`Saved “${file.name}”.`).waitFor({ timeout: 60_000 });
    const saved = await pickerSaved(recipient);
    expect(saved).toMatchObject({ suggestedName: file.name, closed: true, aborted: false });
    expect(sha256(saved.bytes)).toBe(sha256(file.bytes));
    await recipient.getByText('This file is not destroyed yet.').waitFor();
    await expectNoSideScroll(recipient);
    expect((await receipt(shared)).remainingReads).toBe(1);
  });

  for (const saveApi of ['none', 'picker'] as const) {
    it(`keeps nothing when the file arrives damaged (${saveApi === 'none' ? 'Blob download' : 'save picker'})`, async () => {
      const file = testFile(300_000);
      const shared = await shareByPicking(file);

      const context = await freshContext({ saveApi });
      await context.route((url) => isPresigned(url.href), damageDownloads);
      const recipient = await context.newPage();
      const downloads: unknown[] = [];
      recipient.on('download', (d) => downloads.push(d));
      await recipient.goto(shared.link);
      await recipient.getByRole('button', { name: 'Reveal and save file' }).click();
      await recipient
        .getByRole('alert')
        .filter({ hasText: 'The file was damaged or cut off in transit; nothing was saved.' })
        .waitFor({ timeout: 60_000 });
      expect(await recipient.getByRole('link', { name: 'Save the file again' }).count()).toBe(0);
      expect(downloads).toEqual([]);
      if (saveApi === 'picker') {
        expect(await pickerSaved(recipient)).toMatchObject({
          closed: false,
          aborted: true,
          removed: true,
        });
      }
      // The read was spent on the manifest; the page offers to try the download again.
      await recipient.getByRole('button', { name: 'Try again' }).waitFor();
    });
  }

  it('uploads a file above the multipart threshold in parts, retries a part the vault failed, and saves it whole', async () => {
    // 70 MiB: five parts of 16 MiB (the last one the rest) through the page's XHR sender.
    const file = testFile(70 * MIB + 3);
    const context = await freshContext();
    const parts: string[] = [];
    const partOf = (url: string) =>
      isPresigned(url) ? new URL(url).searchParams.get('partNumber') : null;
    context.on('request', (request) => {
      const part = partOf(request.url());
      if (part !== null && request.method() === 'PUT') parts.push(part);
    });
    // Only part 2 is intercepted (the others go straight through): its first PUT fails.
    let failedOnce = false;
    await context.route(
      (url) => partOf(url.href) === '2',
      async (route) => {
        if (failedOnce) return route.continue();
        failedOnce = true;
        return route.fulfill({ status: 503, body: '<Error><Code>SlowDown</Code></Error>' });
      },
    );
    const sender = await context.newPage();
    await sender.goto(`${stack.url}/`);
    // Playwright takes a buffer of at most 50 MB: larger files go by path.
    const onDisk = path.join(mkdtempSync(path.join(tmpdir(), 'secretsentry-e2e-')), file.name);
    await writeFile(onDisk, file.bytes);
    await sender.getByLabel('Or share a file').setInputFiles(onDisk);
    await sender.getByRole('button', { name: 'Create link' }).click();
    const shared = await readLinks(sender);
    await rm(path.dirname(onDisk), { recursive: true, force: true });
    expect([...parts].sort()).toEqual(['1', '2', '2', '3', '4', '5']);

    const recipient = await (await freshContext({ saveApi: 'picker' })).newPage();
    await recipient.goto(shared.link);
    await recipient.getByRole('button', { name: 'Reveal and save file' }).click();
    await recipient.getByText(`Saved “${file.name}”.`).waitFor({ timeout: 120_000 });
    // Hashed in the page: 70 MiB through the test's wire as text would cost more than the test.
    const saved = await recipient.evaluate(async () => {
      const { saved } = window as unknown as { saved: { chunks: Uint8Array[]; closed: boolean } };
      const whole = new Uint8Array(await new Blob(saved.chunks as BlobPart[]).arrayBuffer());
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', whole));
      return {
        closed: saved.closed,
        length: whole.length,
        sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''),
      };
    });
    expect(saved).toEqual({ closed: true, length: file.bytes.length, sha256: sha256(file.bytes) });
  }, 180_000);

  it('refuses two files dropped at once, and can go back from a file to text', async () => {
    const page = await (await freshContext()).newPage();
    await page.goto(`${stack.url}/`);
    await page.getByLabel('Secret', { exact: true }).fill('e2e text kept while a file was chosen');
    remember('e2e text kept while a file was chosen');
    await drop(page, [testFile(1000), testFile(2000)]);
    await page.getByRole('alert').filter({ hasText: 'one file at a time' }).waitFor();

    const file = testFile(5000);
    await drop(page, [file]);
    await page.getByRole('button', { name: 'Remove file' }).click();
    expect(await page.getByLabel('Secret', { exact: true }).inputValue()).toBe(
      'e2e text kept while a file was chosen',
    );
    await page.getByLabel('Or share a file').waitFor();
  });

  it('says nothing was shared when the vault refuses the upload, and when the sender cancels it', async () => {
    const context = await freshContext();
    let refuse = true;
    await context.route(
      (url) => isPresigned(url.href),
      async (route) => {
        if (route.request().method() !== 'PUT') return route.continue();
        // Refused as S3 refuses an expired URL; then never answered, so the upload hangs until
        // the sender cancels it.
        if (refuse) {
          await route.fulfill({
            status: 403,
            headers: { 'Access-Control-Allow-Origin': new URL(stack.url).origin },
            contentType: 'application/xml',
            body: '<Error><Code>AccessDenied</Code></Error>',
          });
        }
      },
    );
    const page = await context.newPage();
    await page.goto(`${stack.url}/`);
    const file = testFile(200_000);
    await page
      .getByLabel('Or share a file')
      .setInputFiles({ name: file.name, mimeType: file.type, buffer: file.bytes });
    await page.getByRole('button', { name: 'Create link' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'The upload link expired before the file was sent' })
      .filter({ hasText: 'Nothing was shared' })
      .waitFor();

    refuse = false;
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByRole('progressbar', { name: 'Uploading the encrypted file' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Upload cancelled. Nothing was shared.').waitFor();
    expect(await page.getByLabel('Link', { exact: true }).count()).toBe(0);
    await page.getByRole('group', { name: `File to share ${file.name}` }).waitFor();
  });

  it('across the run sent no K, passphrase, file name or plaintext, went only to its origin and presigned vault URLs, and broke no CSP rule', async () => {
    const seen = await Promise.all(requests);
    expect(mustNotLeak.size).toBeGreaterThan(10);
    const origin = new URL(stack.url).origin;
    const vault = seen.filter((r) => new URL(r.url).origin !== origin);
    for (const request of vault) {
      expect(isPresigned(request.url)).toBe(true);
      expect(['GET', 'PUT']).toContain(request.method);
      expect(request.headers).not.toHaveProperty('cookie');
      expect(request.headers).not.toHaveProperty('authorization');
    }
    expect(vault.some((r) => r.method === 'PUT')).toBe(true);
    expect(vault.some((r) => r.method === 'GET')).toBe(true);
    for (const request of seen) {
      const sent = [request.url, JSON.stringify(request.headers), request.body].join('\n');
      for (const value of mustNotLeak) {
        expect(sent).not.toContain(value);
        expect(sent).not.toContain(encodeURIComponent(value));
      }
    }
    expect(consoleMessages.filter((m) => /Content Security Policy|pageerror/i.test(m))).toEqual([]);
  });
});
