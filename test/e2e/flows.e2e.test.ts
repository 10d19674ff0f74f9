// The page in real Chromium against the real local stack: share, reveal, passphrase, revoke, link
// previews, and what the browser sends over the whole run.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApiClient } from '../../core/api.ts';
import { parseLink } from '../../core/links.ts';
import { launchChromium, Recorder, startStack, type Stack } from './harness.ts';

let stack: Stack;
let browser: Browser;
/** Every K, passphrase and plaintext of the run must never leave the browser. */
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

/** A fresh, isolated browser profile whose every request and console line is recorded. */
const freshContext = (options: { clipboard?: boolean } = {}): Promise<BrowserContext> =>
  recorder.newContext(
    browser,
    options.clipboard ? { permissions: ['clipboard-read', 'clipboard-write'] } : {},
  );

const remember = (...values: string[]) => recorder.remember(...values);

interface Shared {
  readonly link: string;
  readonly manageLink: string;
  readonly id: string;
  readonly key: string;
}

async function share(
  page: Page,
  secret: string,
  options: { reads?: number; passphrase?: string; expires?: string } = {},
): Promise<Shared> {
  remember(secret, options.passphrase ?? '');
  await page.goto(`${stack.url}/`);
  await page.getByLabel('Secret', { exact: true }).fill(secret);
  if (options.reads !== undefined) await page.getByLabel('Reads').fill(String(options.reads));
  if (options.expires !== undefined)
    await page.getByLabel('Expires').selectOption({ label: options.expires });
  if (options.passphrase !== undefined)
    await page.getByLabel('Passphrase').fill(options.passphrase);
  await page.getByRole('button', { name: 'Create link' }).click();
  const link = await page.getByLabel('Link', { exact: true }).inputValue();
  const manageLink = await page.getByLabel('Manage link').inputValue();
  const parsed = parseLink(link);
  remember(parsed.credential);
  return { link, manageLink, id: parsed.id, key: parsed.credential };
}

async function receipt(shared: Shared) {
  const token = parseLink(shared.manageLink).credential;
  return createApiClient(`${stack.url}/api`).receipt(shared.id, token);
}

async function expectNothingStored(page: Page) {
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
  }));
  expect(stored).toEqual({ local: 0, session: 0, databases: 0 });
}

const goneHeading = (page: Page) =>
  page.getByRole('heading', { name: 'This secret is no longer available' });

describe('the SecretSentry page in Chromium', () => {
  it('shares a secret, reveals it once in a fresh browser, then says it is no longer available', async () => {
    const sender = await (await freshContext({ clipboard: true })).newPage();
    const secret = 'e2e plaintext alpha 7Qx2 line one\nline two';
    const shared = await share(sender, secret);
    expect(shared.link).toBe(`${stack.url}/s/${shared.id}#${shared.key}`);
    await sender.getByText('Can be read once', { exact: true }).waitFor();
    await sender.getByRole('button', { name: 'Copy link' }).click();
    expect(await sender.evaluate(() => navigator.clipboard.readText())).toBe(shared.link);
    expect(await sender.getByRole('img', { name: 'QR code of the link' }).count()).toBe(1);

    const recipient = await (await freshContext()).newPage();
    await recipient.goto(shared.link);
    const reveal = recipient.getByRole('button', { name: 'Reveal secret' });
    await reveal.waitFor();
    await reveal.click();
    expect(await recipient.getByLabel('Secret', { exact: true }).inputValue()).toBe(secret);
    // The read is spent: K leaves the address bar (it stayed there until now, for a reload).
    expect(recipient.url()).toBe(`${stack.url}/s/${shared.id}`);
    await recipient.getByText('This secret is now destroyed.').waitFor();
    await expectNothingStored(recipient);

    await recipient.goto(shared.link);
    await goneHeading(recipient).waitFor();
    expect((await receipt(shared)).state).toBe('burned');
  });

  it('asks for the passphrase, refuses a wrong one, and reveals with the right one', async () => {
    const sender = await (await freshContext()).newPage();
    const passphrase = 'e2e passphrase bravo 9Kd';
    const secret = 'e2e plaintext charlie protected 4Lm';
    const shared = await share(sender, secret, { passphrase, reads: 2 });
    await sender.getByText('Protected by a passphrase').waitFor();

    const recipient = await (await freshContext()).newPage();
    await recipient.goto(shared.link);
    const field = recipient.getByLabel('Passphrase');
    await field.fill('e2e wrong guess');
    await recipient.getByRole('button', { name: 'Reveal secret' }).click();
    await recipient.getByRole('alert').filter({ hasText: 'passphrase is not right' }).waitFor();
    expect((await receipt(shared)).remainingReads).toBe(2);

    await field.fill(passphrase);
    await recipient.getByRole('button', { name: 'Reveal secret' }).click();
    expect(await recipient.getByLabel('Secret', { exact: true }).inputValue()).toBe(secret);
    await recipient.getByText('This secret is not destroyed yet.').waitFor();
    expect((await receipt(shared)).remainingReads).toBe(1);
    await expectNothingStored(recipient);
  });

  it('revokes from the manage page after confirmation, and the link stops working', async () => {
    const page = await (await freshContext()).newPage();
    const shared = await share(page, 'e2e plaintext delta revoke 1Pz', {
      reads: 3,
      expires: '1 hour',
    });

    await page.goto(shared.manageLink);
    await page.getByText('Nobody has read it yet.').waitFor();
    expect(await page.locator('[data-state]').getAttribute('data-state')).toBe('active');
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect((await receipt(shared)).state).toBe('active');

    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Yes, revoke it' }).click();
    await page.locator('[data-state="revoked"]').waitFor();
    expect((await receipt(shared)).state).toBe('revoked');

    const recipient = await (await freshContext()).newPage();
    await recipient.goto(shared.link);
    await goneHeading(recipient).waitFor();
  });

  it('lets link previews fetch the page, and a visitor load it, without consuming a read', async () => {
    const page = await (await freshContext()).newPage();
    const secret = 'e2e plaintext echo preview 8Vw';
    const shared = await share(page, secret);

    const preview = await fetch(`${stack.url}/s/${shared.id}`, {
      headers: { 'User-Agent': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)' },
    });
    expect(preview.status).toBe(200);
    expect(await preview.text()).not.toContain(secret);
    const visitor = await (await freshContext()).newPage();
    await visitor.goto(shared.link);
    await visitor.getByRole('button', { name: 'Reveal secret' }).waitFor();
    await visitor.getByText('This is the last read').waitFor();
    await visitor.close();

    expect(await receipt(shared)).toMatchObject({ state: 'active', remainingReads: 1, reads: [] });
    const recipient = await (await freshContext()).newPage();
    await recipient.goto(shared.link);
    await recipient.getByRole('button', { name: 'Reveal secret' }).click();
    expect(await recipient.getByLabel('Secret', { exact: true }).inputValue()).toBe(secret);
  });

  it('can be used with the keyboard alone', async () => {
    const page = await (await freshContext()).newPage();
    const secret = 'e2e plaintext foxtrot keyboard 3Hs';
    remember(secret);
    await page.goto(`${stack.url}/`);
    await page.getByRole('heading', { name: 'Share a secret' }).click();
    // Back through the header: the language menu, the brand, then the skip link first of all.
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('language');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    const order: string[] = [];
    await page.getByLabel('Secret', { exact: true }).focus();
    await page.keyboard.type(secret);
    for (let i = 0; i < 15; i += 1) {
      await page.keyboard.press('Tab');
      order.push(
        await page.evaluate(
          () => document.activeElement?.id || document.activeElement?.textContent || '',
        ),
      );
    }
    expect(order).toEqual([
      'file',
      'reads',
      ...['1', '2', '5', '10'],
      'expires',
      'opens',
      'Add a recipient',
      'hidden',
      'passphrase',
      'Show',
      'Generate a passphrase',
      'webhook',
      'Create link',
    ]);
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement!).outlineStyle,
    );
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    await page.getByLabel('Link', { exact: true }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Your link is ready',
    );
    remember(parseLink(await page.getByLabel('Link', { exact: true }).inputValue()).credential);
  });

  it('says clearly when the API cannot be reached, and keeps the form', async () => {
    const context = await freshContext();
    await context.route('**/api/**', (route) => route.abort('connectionrefused'));
    const page = await context.newPage();
    const secret = 'e2e plaintext golf offline 5Tn';
    remember(secret);
    await page.goto(`${stack.url}/`);
    await page.getByLabel('Secret', { exact: true }).fill(secret);
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByRole('alert').filter({ hasText: 'cannot be reached' }).waitFor();
    expect(await page.getByLabel('Secret', { exact: true }).inputValue()).toBe(secret);
  });

  it('after a 503 on reveal, promises nothing was used up only when the API said so', async () => {
    const sender = await (await freshContext()).newPage();
    const shared = await share(sender, 'e2e plaintext hotel 503 8Wp', { reads: 2 });
    const cases = [
      { error: 'unavailable', says: /Nothing was used up/, never: /may have used up/ },
      { error: 'outcome_unknown', says: /may have used up one read/, never: /Nothing was used up/ },
    ];
    for (const { error, says, never } of cases) {
      const context = await freshContext();
      await context.route('**/api/secrets/*/read', (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error, message: 'server text' }),
        }),
      );
      const recipient = await context.newPage();
      await recipient.goto(shared.link);
      await recipient.getByRole('button', { name: 'Reveal secret' }).click();
      const alert = recipient.getByRole('alert').filter({ hasText: says });
      await alert.waitFor();
      expect(await alert.textContent()).not.toMatch(never);
    }
    expect((await receipt(shared)).remainingReads).toBe(2);
  });

  it('serves every page with the strict security headers', async () => {
    for (const path of ['/', '/s/AAECAwQFBgcICQoLDA0ODw', '/m/AAECAwQFBgcICQoLDA0ODw']) {
      const response = await fetch(`${stack.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await response.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  it('detects a CSP violation when there is one (so the run-wide check below can fail)', async () => {
    const context = await browser.newContext();
    const messages: string[] = [];
    context.on('console', (message) => messages.push(message.text()));
    const page = await context.newPage();
    await page.goto(`${stack.url}/`);
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://third-party.invalid/pixel.png';
      document.body.append(img);
    });
    await page.waitForTimeout(300);
    await context.close();
    expect(messages.some((m) => /Content Security Policy/i.test(m))).toBe(true);
  });

  it('across the whole run sent no K, passphrase or plaintext, stayed on its origin, and broke no CSP rule', async () => {
    const seen = await Promise.all(requests);
    expect(seen.length).toBeGreaterThan(20);
    expect(mustNotLeak.size).toBeGreaterThan(10);
    const origin = new URL(stack.url).origin;
    for (const request of seen) {
      expect(new URL(request.url).origin).toBe(origin);
      const sent = [request.url, JSON.stringify(request.headers), request.body].join('\n');
      for (const value of mustNotLeak) {
        expect(sent).not.toContain(value);
        expect(sent).not.toContain(encodeURIComponent(value));
        expect(sent).not.toContain(JSON.stringify(value).slice(1, -1));
      }
    }
    expect(seen.some((r) => r.url.includes('/api/secrets'))).toBe(true);
    expect(consoleMessages.filter((m) => /Content Security Policy|pageerror/i.test(m))).toEqual([]);
  });
});
