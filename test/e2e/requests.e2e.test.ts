// Secret requests (issue 15, part 2) in real Chromium on the real stack: the requester makes a request
// (`/request`), whoever holds the secret fills it from the fill link in another browser, and the
// requester's retrieve link waits ("Not filled yet"), then reads it once. A second fill, a fill link
// without its whole key, a withdrawn request and a text file loaded into the field; and, over the
// whole run, no key, token or plaintext in a request, and nothing in storage.
import { describe, expect, it } from '@jest/globals';
import type { Page, Request } from 'playwright-core';
import { createApiClient } from '../../core/api.ts';
import { fromBase64url } from '../../core/base64url.ts';
import { deriveFillToken, deriveReadToken } from '../../core/envelope.ts';
import {
  prepareReveal,
  requestSecret,
  revealSecret,
  type SecretRequest,
} from '../../core/flows.ts';
import { parseLink } from '../../core/links.ts';
import { browserRun, expectNothingLeaked } from './harness.ts';

const run = browserRun();
const { recorder } = run;
const api = () => createApiClient(`${run.url}/api`);

/**
 * Every credential of the run, bearer tokens included: none may appear in a request's URL (the keys
 * and plaintexts, which may appear nowhere at all, go to the recorder too).
 */
const credentials = new Set<string>();

/** The request's keys and tokens, watched for the rest of the run. */
async function watch(request: Pick<SecretRequest, 'fillLink' | 'retrieveLink' | 'manageLink'>) {
  const fill = parseLink(request.fillLink);
  const retrieve = parseLink(request.retrieveLink);
  const manage = parseLink(request.manageLink);
  recorder.remember(fill.credential, retrieve.credential);
  const { fillToken } = await deriveFillToken(fromBase64url(fill.credential));
  const { readToken } = await deriveReadToken(fromBase64url(retrieve.credential));
  for (const value of [
    fill.credential,
    retrieve.credential,
    manage.credential,
    fillToken,
    readToken,
  ])
    credentials.add(value);
  return { id: fill.id, publicKey: fill.credential, manageToken: manage.credential };
}

/** A request made through core's flow (what the page runs), its keys watched. */
async function madeRequest(): Promise<SecretRequest> {
  const request = await requestSecret(api(), { pageOrigin: run.url, ttlSeconds: 3600 });
  await watch(request);
  return request;
}

/** What the requester's retrieve link reads, through core's flow. */
async function retrieved(request: SecretRequest): Promise<string> {
  const secret = await prepareReveal(api(), parseLink(request.retrieveLink));
  const revealed = await revealSecret(api(), secret);
  if (revealed.kind !== 'text') throw new Error('a request reads a text');
  return new TextDecoder().decode(revealed.plaintext);
}

const receiptOf = (request: Pick<SecretRequest, 'manageLink'>) => {
  const manage = parseLink(request.manageLink);
  return api().receipt(manage.id, manage.credential);
};

const isFill = (request: Request) =>
  request.method() === 'POST' && /\/api\/secrets\/[^/]+\/fill$/.test(request.url());
const isCreate = (request: Request) =>
  request.method() === 'POST' && request.url().endsWith('/api/secrets');

/** How many requests of each kind a page sends: reads and fills. */
function counted(page: Page) {
  const seen = { reads: 0, fills: 0, api: 0 };
  page.on('request', (request) => {
    if (request.url().includes('/api/')) seen.api += 1;
    if (request.url().endsWith('/read')) seen.reads += 1;
    if (isFill(request)) seen.fills += 1;
  });
  return seen;
}

/** Types the secret on a fill page and sends it. */
async function send(page: Page, secret: string) {
  recorder.remember(secret);
  await page.getByLabel('Secret', { exact: true }).fill(secret);
  await page.getByRole('button', { name: 'Send secret' }).click();
}

async function expectNothingStored(page: Page) {
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
    cookies: document.cookie,
  }));
  expect(stored).toEqual({ local: 0, session: 0, databases: 0, cookies: '' });
}

const headingOf = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

describe('a secret request', () => {
  it('is made on the page, filled from another browser, and read once by the requester', async () => {
    const requester = await run.freshPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await requester.goto(`${run.url}/`);
    await requester.getByRole('link', { name: 'Request one' }).click();
    await headingOf(requester, 'Request a secret').waitFor();
    expect(new URL(requester.url()).pathname).toBe('/request');
    expect(await requester.getByRole('link', { name: 'Share one' }).getAttribute('href')).toBe('/');
    await requester.getByLabel('Expires').selectOption({ label: '1 hour' });

    const [create] = await Promise.all([
      requester.waitForRequest(isCreate),
      requester.getByRole('button', { name: 'Create request' }).click(),
    ]);

    const body = JSON.parse(create.postData() ?? '{}') as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['readTokenHash', 'request', 'ttlSeconds']);
    expect(body.ttlSeconds).toBe(3600);
    await headingOf(requester, 'Your request is ready').waitFor();
    expect(await requester.title()).toBe('Your request is ready · SecretSentry');
    const request = {
      fillLink: await requester.getByLabel('Fill link', { exact: true }).inputValue(),
      retrieveLink: await requester.getByLabel('Retrieve link').inputValue(),
      manageLink: await requester.getByLabel('Manage link').inputValue(),
    };
    const { id, manageToken } = await watch(request);
    expect(request.fillLink).toMatch(new RegExp(`^${run.url}/f/${id}#[A-Za-z0-9_-]{43}$`));
    expect(request.retrieveLink).toMatch(new RegExp(`^${run.url}/s/${id}#[A-Za-z0-9_-]{43}$`));
    expect(request.manageLink).toBe(`${run.url}/m/${id}#${manageToken}`);
    expect(await requester.getByRole('img', { name: 'QR code of the fill link' }).count()).toBe(1);
    expect(await requester.locator('.facts time').getAttribute('datetime')).toMatch(/Z$/);
    await requester.getByRole('button', { name: 'Copy fill link' }).click();
    expect(await requester.evaluate(() => navigator.clipboard.readText())).toBe(request.fillLink);
    await expectNothingStored(requester);

    // The requester opens the retrieve link early: nothing to read, nothing read.
    const waiting = await requester.context().newPage();
    const reading = counted(waiting);
    await waiting.goto(request.retrieveLink);
    await headingOf(waiting, 'Not filled yet').waitFor();
    expect(await waiting.getByRole('button', { name: 'Reveal secret' }).count()).toBe(0);
    await waiting.getByRole('button', { name: 'Check again' }).click();
    await waiting
      .getByRole('status')
      .filter({ hasText: /^Not filled yet at / })
      .waitFor();
    expect(reading.reads).toBe(0);
    expect(waiting.url()).toBe(request.retrieveLink);
    const manage = await requester.context().newPage();
    await manage.goto(request.manageLink);
    await manage.locator('[data-state="awaiting"]').waitFor();
    expect(await manage.locator('[data-state="awaiting"]').innerText()).toBe(
      'Waiting to be filled',
    );
    expect(await manage.getByRole('button', { name: 'Withdraw' }).count()).toBe(1);

    // Whoever holds the secret fills it, in a browser of their own.
    const holder = await run.freshPage();
    await holder.goto(request.fillLink);
    await headingOf(holder, 'Someone asked you for a secret').waitFor();
    const field = holder.getByLabel('Secret', { exact: true });
    for (const [name, value] of [
      ['autocomplete', 'off'],
      ['autocorrect', 'off'],
      ['autocapitalize', 'off'],
      ['spellcheck', 'false'],
      ['data-gramm', 'false'],
      ['data-gramm_editor', 'false'],
      ['data-enable-grammarly', 'false'],
    ]) {
      expect(await field.getAttribute(name!)).toBe(value);
    }
    const secret = 'e2e plaintext request alfa 3Vq\nsecond line';
    const [fill] = await Promise.all([holder.waitForRequest(isFill), send(holder, secret)]);

    expect(new URL(fill.url()).pathname).toBe(`/api/secrets/${id}/fill`);
    const { ciphertext } = JSON.parse(fill.postData() ?? '{}') as { ciphertext: string };
    const header = JSON.parse(
      new TextDecoder().decode(fromBase64url(ciphertext.split('.')[0] ?? '')),
    ) as Record<string, unknown>;
    expect(header).toMatchObject({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM' });
    await headingOf(holder, 'Sent').waitFor();
    await holder.getByText(/^Only the person who asked can read it, once, until .+\.$/).waitFor();
    expect(holder.url()).toBe(`${run.url}/f/${id}`);
    expect(await holder.getByLabel('Secret', { exact: true }).count()).toBe(0);
    await expectNothingStored(holder);

    // The receipt follows on its own; the waiting page when asked, and then it reads once.
    await manage.locator('[data-state="active"]').waitFor({ timeout: 15_000 });
    await waiting.getByRole('button', { name: 'Check again' }).click();
    await headingOf(waiting, 'Your requested secret is ready').waitFor();
    await waiting
      .getByRole('status')
      .filter({ hasText: 'It has been filled: reveal the secret when you are ready.' })
      .waitFor();
    expect(await waiting.evaluate(() => document.activeElement?.id)).toBe('reveal-heading');
    expect(reading.reads).toBe(0);
    await waiting.getByRole('button', { name: 'Reveal secret' }).click();
    expect(await waiting.getByLabel('Secret', { exact: true }).inputValue()).toBe(secret);
    expect(reading.reads).toBe(1);
    expect(waiting.url()).toBe(`${run.url}/s/${id}`);
    await expectNothingStored(waiting);

    const again = await run.freshPage();
    await again.goto(request.retrieveLink);
    await headingOf(again, 'This secret is no longer available').waitFor();
    expect((await receiptOf(request)).state).toBe('burned');
  });

  it('takes one secret: a second fill says the request has already been filled', async () => {
    const request = await madeRequest();
    const first = await run.freshPage();
    const second = await run.freshPage();
    await first.goto(request.fillLink);
    await second.goto(request.fillLink);

    await send(first, 'e2e plaintext request bravo 8Hs');
    await headingOf(first, 'Sent').waitFor();
    await send(second, 'e2e plaintext request charlie 2Wd');

    await headingOf(second, 'This request has already been filled').waitFor();
    await second.getByText('Yours was not stored.', { exact: false }).waitFor();
    expect(await second.getByLabel('Secret', { exact: true }).count()).toBe(0);
    expect(await retrieved(request)).toBe('e2e plaintext request bravo 8Hs');
  });

  it('asks for the complete link when the fill link’s key is missing or cut short, sending nothing', async () => {
    const request = await madeRequest();
    const { id, publicKey } = await watch(request);
    for (const fragment of ['', '#', `#${publicKey.slice(0, 30)}`, `#${publicKey}!`]) {
      const page = await run.freshPage();
      const seen = counted(page);

      await page.goto(`${run.url}/f/${id}${fragment}`);

      await headingOf(page, 'This request link is missing its end').waitFor();
      expect(await page.getByLabel('Secret', { exact: true }).count()).toBe(0);
      expect(seen.api).toBe(0);
    }
    expect((await receiptOf(request)).state).toBe('awaiting');
  });

  it('sends nothing that opens for the requester when the key is another one, and says the request is not open', async () => {
    const request = await madeRequest();
    const other = await madeRequest();
    const { id } = parseLink(request.fillLink);
    const page = await run.freshPage();
    await page.goto(`${run.url}/f/${id}#${parseLink(other.fillLink).credential}`);

    await send(page, 'e2e plaintext request delta 6Zu');

    // The fill token comes from the key: with another key the request is not found.
    await page
      .getByText('This request does not exist, has expired or was withdrawn.', { exact: false })
      .waitFor();
    expect((await receiptOf(request)).state).toBe('awaiting');
  });

  it('is withdrawn from its receipt, and its fill link then says it does not exist, has expired or was withdrawn', async () => {
    const request = await madeRequest();
    const manage = await run.freshPage();
    await manage.goto(request.manageLink);
    await manage.locator('[data-state="awaiting"]').waitFor();
    await manage.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await manage.getByRole('alertdialog', { name: 'Withdraw this request?' }).waitFor();
    await manage.getByRole('button', { name: 'Yes, withdraw it' }).click();
    await manage
      .getByRole('status')
      .filter({ hasText: 'The request was withdrawn. Its fill link no longer works.' })
      .waitFor();
    await manage.locator('[data-state="revoked"]').waitFor();

    const holder = await run.freshPage();
    await holder.goto(request.fillLink);
    await send(holder, 'e2e plaintext request echo 4Tn');

    await headingOf(holder, 'This request is not open').waitFor();
    await holder
      .getByText('This request does not exist, has expired or was withdrawn.', { exact: false })
      .waitFor();
    expect(holder.url()).toBe(request.fillLink);
    const retrieve = await run.freshPage();
    await retrieve.goto(request.retrieveLink);
    await headingOf(retrieve, 'This secret is no longer available').waitFor();
  });

  it('goes back to waiting, spending nothing, when a read finds the request not filled', async () => {
    const request = await madeRequest();
    const page = await run.freshPage();
    const { id } = parseLink(request.retrieveLink);
    // A meta that says filled (a race with the fill, or a stale answer): the read says otherwise.
    await page.route(`${run.url}/api/secrets/${id}`, async (route) => {
      const response = await route.fetch();
      const meta = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...meta, filled: true } });
    });
    await page.goto(request.retrieveLink);
    await headingOf(page, 'Your requested secret is ready').waitFor();

    await page.getByRole('button', { name: 'Reveal secret' }).click();

    await headingOf(page, 'Not filled yet').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('awaiting-heading');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(page.url()).toBe(request.retrieveLink);
    expect(await receiptOf(request)).toMatchObject({ state: 'awaiting', remainingReads: 1 });
  });

  it('loads a text file’s text into the field, and refuses one that is not text or too large', async () => {
    const request = await madeRequest();
    const page = await run.freshPage({ viewport: { width: 320, height: 640 } });
    const seen = counted(page);
    await page.goto(request.fillLink);
    const chooser = page.getByLabel('Or load a text file');
    const field = page.getByLabel('Secret', { exact: true });

    await chooser.setInputFiles({
      name: 'e2e.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from([0x65, 0x32, 0x65, 0xff, 0xfe, 0x00]),
    });
    await page.getByRole('alert').filter({ hasText: 'That file is not text (UTF-8)' }).waitFor();
    expect(await chooser.getAttribute('aria-invalid')).toBe('true');
    await chooser.setInputFiles({
      name: 'e2e-big.txt',
      mimeType: 'text/plain',
      buffer: Buffer.alloc(700 * 1024 + 1, 0x61),
    });
    await page.getByRole('alert').filter({ hasText: 'That file is too large' }).waitFor();
    expect(await field.inputValue()).toBe('');

    const text = 'e2e plaintext request foxtrot 9Kc\nfrom a file\n';
    recorder.remember('e2e plaintext request foxtrot 9Kc');
    await chooser.setInputFiles({
      name: 'e2e-secret.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(text),
    });
    await page
      .getByRole('status')
      .filter({ hasText: /^Loaded the text of “e2e-secret\.txt”/ })
      .waitFor();
    expect(await field.inputValue()).toBe(text);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(seen.api).toBe(0);

    await page.getByRole('button', { name: 'Send secret' }).click();
    await headingOf(page, 'Sent').waitFor();
    expect(seen.fills).toBe(1);
    expect(await retrieved(request)).toBe(text);
  });

  it('refuses an empty secret under the field, sending nothing', async () => {
    const request = await madeRequest();
    const page = await run.freshPage();
    const seen = counted(page);
    await page.goto(request.fillLink);

    await page.getByRole('button', { name: 'Send secret' }).click();

    const problem = page.getByRole('alert').filter({ hasText: 'Type or paste the secret to send' });
    await problem.waitFor();
    const field = page.getByLabel('Secret', { exact: true });
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toContain(
      await problem.getAttribute('id'),
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('secret');
    expect(seen.api).toBe(0);
  });

  it('let no key, token or plaintext into any request URL, and no key or plaintext anywhere', async () => {
    const seen = await Promise.all(recorder.requests);
    expect(credentials.size).toBeGreaterThan(10);
    for (const request of seen) {
      for (const value of credentials) {
        expect(request.url).not.toContain(value);
        expect(request.url).not.toContain(encodeURIComponent(value));
      }
    }
    await expectNothingLeaked(recorder);
    // Chromium logs the API's 404 and 409 answers as errors: only the page's own failures count.
    expect(
      recorder.consoleMessages.filter((m) => /^pageerror|Content Security Policy|Trusted/i.test(m)),
    ).toEqual([]);
  });
});
