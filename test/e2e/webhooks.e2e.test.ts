// The share form's webhook (issue 15, part 3) in real Chromium on the real local stack, run with
// WEBHOOK_ALLOW_LOOPBACK=true so that a receiver on this machine is accepted: the URL given in the form
// gets each event signed with the secret the result showed once, which the independent
// `standardwebhooks` package verifies; a URL the page or the server refuses is said under its field;
// the signing secret is kept in the page's memory only.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page, Request } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { parseLink } from '../../core/links.ts';
import { startStack, tempDataDir, type RunningStack } from '../helpers/localStack.ts';
import { expectNothingLeaked, launchChromium, Recorder } from './harness.ts';

const WEB_DIR = process.env.WEB_DIR || fileURLToPath(new URL('../../web/dist', import.meta.url));

interface Delivery {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

let stack: RunningStack;
let browser: Browser;
let receiver: Server;
let hookUrl: string;
const deliveries: Delivery[] = [];
/** Every K, plaintext and signing secret of the run must never be in a request the browser sends. */
const recorder = new Recorder();

beforeAll(async () => {
  if (!existsSync(path.join(WEB_DIR, 'index.html'))) {
    throw new Error(`${WEB_DIR} is missing: run the browser tests with \`npm run test:e2e\`.`);
  }
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      deliveries.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  stack = await startStack(tempDataDir(), { WEBHOOK_ALLOW_LOOPBACK: 'true' });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await recorder.closeContexts();
  await browser?.close();
  await stack?.stop();
  if (stack) await rm(stack.dataDir, { recursive: true, force: true });
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

const freshPage = async (viewport = { width: 1280, height: 900 }) =>
  (await recorder.newContext(browser, { viewport })).newPage();

const isCreate = (request: Request) =>
  request.method() === 'POST' && request.url().endsWith('/api/secrets');

/** How many creates the browser has sent so far in this run. */
const creates = async () =>
  (await Promise.all(recorder.requests)).filter(
    (r) => r.method === 'POST' && r.url.endsWith('/api/secrets'),
  ).length;

/** The deliveries about secret `id`, once `count` of them came (the stack sends after the fact). */
async function deliveriesFor(id: string, count: number, timeoutMs = 15_000): Promise<Delivery[]> {
  const about = () => deliveries.filter((d) => JSON.parse(d.body).data?.id === id);
  const until = Date.now() + timeoutMs;
  while (about().length < count && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return about();
}

type Event = { type: string; timestamp: string; data: { id: string; remainingReads: number } };

/** The event, as the standardwebhooks package reads it once the signature checks with `secret`. */
const verified = (secret: string, delivery: Delivery) =>
  new Webhook(secret).verify(delivery.body, {
    'webhook-id': String(delivery.headers['webhook-id']),
    'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
    'webhook-signature': String(delivery.headers['webhook-signature']),
  }) as Event;

/** Opens the form's "Notify me" section and types `url`. */
async function giveWebhook(page: Page, url: string) {
  await page.getByLabel('Notify me when the link is used (webhook)').check();
  await page.getByLabel('Webhook URL').fill(url);
}

/** The signing secret the result shows, remembered as something no request may carry. */
async function shownSigningSecret(page: Page): Promise<string> {
  const field = page.getByLabel('Signing secret for your webhook');
  const secret = await field.inputValue({ timeout: 60_000 });
  recorder.remember(secret);
  return secret;
}

async function linksOf(page: Page) {
  const link = await page.getByLabel('Link', { exact: true }).inputValue();
  const manageLink = await page.getByLabel('Manage link').inputValue();
  const parsed = parseLink(link);
  recorder.remember(parsed.credential);
  return { link, manageLink, id: parsed.id, key: parsed.credential };
}

/** The field's error: marked invalid, pointed at, focused, and in sight under it. */
async function expectRefusedUnderField(page: Page, says: string | RegExp) {
  const field = page.getByLabel('Webhook URL');
  const problem = page.getByRole('alert').filter({ hasText: says });
  await problem.waitFor();
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  expect((await field.getAttribute('aria-describedby')) ?? '').toContain(
    await problem.getAttribute('id'),
  );
  await page.waitForFunction(() => document.activeElement?.id === 'webhook-url');
  const box = (await problem.boundingBox())!;
  const under = (await field.boundingBox())!;
  expect(box.y).toBeGreaterThan(under.y + under.height);
  expect(box.y - (under.y + under.height)).toBeLessThan(120);
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  expect(under.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  // Nothing about the form as a whole: the one alert is the field's.
  expect(await page.getByRole('alert').count()).toBe(1);
}

describe('the webhook chosen on the share form', () => {
  it('shows the signing secret once, and the receiver gets the read and the burn signed with it', async () => {
    const sender = await freshPage();
    await sender.goto(`${stack.url}/`);
    const plaintext = 'e2e plaintext webhook alfa 6Qz';
    recorder.remember(plaintext);
    await sender.getByLabel('Secret', { exact: true }).fill(plaintext);
    await giveWebhook(sender, hookUrl);

    const [create] = await Promise.all([
      sender.waitForRequest(isCreate),
      sender.getByRole('button', { name: 'Create link' }).click(),
    ]);

    expect(JSON.parse(create.postData() ?? '{}')).toMatchObject({ webhook: { url: hookUrl } });
    const answered = (await (await create.response())!.json()) as { webhookSecret?: string };
    const signing = await shownSigningSecret(sender);
    expect(signing).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(signing).toBe(answered.webhookSecret);
    const field = sender.getByLabel('Signing secret for your webhook');
    expect(await field.getAttribute('dir')).toBe('ltr');
    expect(await field.getAttribute('aria-describedby')).toBe('webhook-secret-hint');
    expect(await sender.locator('#webhook-secret-hint').innerText()).toBe(
      'Shown only now: use it to verify deliveries (Standard Webhooks).',
    );
    await sender.getByRole('button', { name: 'Copy signing secret' }).waitFor();
    const shared = await linksOf(sender);

    const recipient = await freshPage();
    await recipient.goto(shared.link);
    await recipient.getByRole('button', { name: 'Reveal secret' }).click();
    expect(await recipient.getByLabel('Secret', { exact: true }).inputValue()).toBe(plaintext);

    const got = await deliveriesFor(shared.id, 2);
    expect(got.map((d) => d.path)).toEqual(['/hook', '/hook']);
    const events = got.map((d) => verified(signing, d));
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['secret.read', { id: shared.id, remainingReads: 0 }],
      ['secret.burned', { id: shared.id, remainingReads: 0 }],
    ]);
    for (const d of got) {
      expect(d.body).not.toContain(plaintext);
      expect(d.body).not.toContain(shared.key);
    }
    // Signed with this secret and no other: one changed character fails the check.
    const other = `${signing.slice(0, 10)}${signing[10] === 'A' ? 'B' : 'A'}${signing.slice(11)}`;
    expect(() => verified(other, got[0]!)).toThrow();
  });

  it('sends the webhook of a file share too, and tells its revoke', async () => {
    const page = await freshPage();
    await page.goto(`${stack.url}/`);
    const marker = 'e2e file plaintext webhook bravo 2Hx';
    recorder.remember(marker);
    await page.getByLabel('Or share a file').setInputFiles({
      name: 'e2e-webhook.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(marker),
    });
    await page.getByRole('group', { name: 'File to share e2e-webhook.txt' }).waitFor();
    await giveWebhook(page, hookUrl);

    await page.getByRole('button', { name: 'Create link' }).click();

    const signing = await shownSigningSecret(page);
    const shared = await linksOf(page);
    const manage = await freshPage();
    await manage.goto(shared.manageLink);
    await manage.getByRole('button', { name: 'Revoke' }).click();
    await manage.getByRole('button', { name: 'Yes, revoke it' }).click();
    await manage.locator('[data-state="revoked"]').waitFor();
    const [delivery] = await deliveriesFor(shared.id, 1);
    expect(verified(signing, delivery!)).toMatchObject({
      type: 'secret.revoked',
      data: { id: shared.id },
    });
  });

  it('refuses a URL that is not https, not a URL, or carries a password, under the field, sending nothing', async () => {
    const page = await freshPage({ width: 320, height: 640 });
    await page.goto(`${stack.url}/`);
    await page.getByLabel('Secret', { exact: true }).fill('e2e plaintext webhook charlie 3Wd');
    const before = await creates();

    for (const [url, says] of [
      ['ftp://x', 'The webhook’s address must start with https://.'],
      ['not a url', 'Enter the whole address of your webhook, starting with https://.'],
      [
        'https://user:pw@example.com/',
        'Leave the user name and password out of the webhook’s address.',
      ],
    ] as const) {
      await giveWebhook(page, url);
      await page.getByRole('button', { name: 'Create link' }).click();
      await expectRefusedUnderField(page, says);
    }
    // Typing again clears the error.
    await page.getByLabel('Webhook URL').fill('https://example.com/hook');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByLabel('Webhook URL').getAttribute('aria-invalid')).toBe('false');
    expect(await creates()).toBe(before);
  });

  it('shows the server’s refusal of a private address under the field, focused, and creates nothing', async () => {
    const page = await freshPage({ width: 320, height: 640 });
    await page.goto(`${stack.url}/`);
    await page.getByLabel('Secret', { exact: true }).fill('e2e plaintext webhook delta 8Pn');
    await giveWebhook(page, 'https://10.0.0.1/hook');

    const [create] = await Promise.all([
      page.waitForResponse((response) => isCreate(response.request())),
      page.getByRole('button', { name: 'Create link' }).click(),
    ]);

    expect(create.status()).toBe(400);
    const answer = (await create.json()) as { error: string; message: string };
    expect(answer).toMatchObject({
      error: 'invalid_request',
      message: 'webhook.url: host must be a public internet address',
    });
    await expectRefusedUnderField(
      page,
      'The service will not call this address: host must be a public internet address',
    );
    expect(await page.getByRole('heading', { name: 'Your link is ready' }).count()).toBe(0);
    expect(await page.getByLabel('Secret', { exact: true }).inputValue()).toBe(
      'e2e plaintext webhook delta 8Pn',
    );
  });

  it('keeps the signing secret out of storage and the address bar, and the form sends no webhook when closed', async () => {
    const page = await freshPage();
    await page.goto(`${stack.url}/`);
    await page.getByLabel('Secret', { exact: true }).fill('e2e plaintext webhook echo 4Jm');
    // Typed, then closed: the section's URL is not sent.
    await giveWebhook(page, hookUrl);
    await page.getByLabel('Notify me when the link is used (webhook)').uncheck();
    const [closed] = await Promise.all([
      page.waitForRequest(isCreate),
      page.getByRole('button', { name: 'Create link' }).click(),
    ]);
    expect(JSON.parse(closed.postData() ?? '{}')).not.toHaveProperty('webhook');
    await linksOf(page);
    expect(await page.getByLabel('Signing secret for your webhook').count()).toBe(0);

    await page.getByRole('button', { name: 'Share another secret' }).click();
    await page.getByLabel('Secret', { exact: true }).fill('e2e plaintext webhook foxtrot 1Ks');
    await giveWebhook(page, hookUrl);
    await page.getByRole('button', { name: 'Create link' }).click();
    const signing = await shownSigningSecret(page);
    await linksOf(page);
    await page.getByRole('button', { name: 'Copy signing secret' }).click();

    const kept = await page.evaluate(() =>
      JSON.stringify([{ ...localStorage }, { ...sessionStorage }, location.href, history.state]),
    );
    expect(kept).not.toContain(signing);
    expect(kept).not.toContain('whsec_');
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  });

  it('let no key, plaintext or signing secret leave the browser in a request', async () => {
    expect(recorder.mustNotLeak.size).toBeGreaterThan(0);
    expect([...recorder.mustNotLeak].filter((v) => v.startsWith('whsec_')).length).toBe(3);
    await expectNothingLeaked(recorder);
  });
});
