// The page's hardening in real Chromium against the real local stack (issue 13): Trusted Types in the
// CSP, a copied secret or link taken off the clipboard again, fields that keep password managers and
// grammar extensions out, and a reveal that refuses what a hostile API might send.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createApiClient } from '../../core/api.ts';
import { fromBase64url, toBase64url } from '../../core/base64url.ts';
import { LIMITS } from '../../core/limits.ts';
import { parseLink } from '../../core/links.ts';
import { handMadeJwe } from '../helpers/handMadeJwe.ts';
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

/** The page's delay before it clears the clipboard (web/src/clipboard.ts). */
const CLEAR_AFTER_MS = 60_000;
const COPIED = 'Copied. Cleared from the clipboard in 60 s.';
/** How Chromium's console reports a CSP or Trusted Types violation. */
const VIOLATION = /Content Security Policy|Trusted ?(Type|HTML|Script)/i;

const freshContext = (permissions: string[] = []): Promise<BrowserContext> =>
  recorder.newContext(browser, { permissions });
const withClipboard = () => freshContext(['clipboard-read', 'clipboard-write']);

interface Shared {
  readonly link: string;
  readonly manageLink: string;
  readonly id: string;
  readonly key: string;
}

async function share(
  page: Page,
  secret: string,
  options: { reads?: number; passphrase?: string } = {},
): Promise<Shared> {
  recorder.remember(secret, options.passphrase ?? '');
  await page.goto(`${stack.url}/`);
  await page.getByLabel('Secret', { exact: true }).fill(secret);
  if (options.reads !== undefined) await page.getByLabel('Reads').fill(String(options.reads));
  if (options.passphrase !== undefined)
    await page.getByLabel('Passphrase').fill(options.passphrase);
  await page.getByRole('button', { name: 'Create link' }).click();
  const link = await page.getByLabel('Link', { exact: true }).inputValue();
  const manageLink = await page.getByLabel('Manage link').inputValue();
  const parsed = parseLink(link);
  recorder.remember(parsed.credential, parseLink(manageLink).credential);
  return { link, manageLink, id: parsed.id, key: parsed.credential };
}

const clipboardOf = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

async function remainingReads(shared: Shared): Promise<number> {
  const token = parseLink(shared.manageLink).credential;
  return (await createApiClient(`${stack.url}/api`).receipt(shared.id, token)).remainingReads;
}

describe('the Content Security Policy', () => {
  it('enforces Trusted Types and allows no data: image, font or manifest, on every page', async () => {
    for (const path of ['/', '/s/AAECAwQFBgcICQoLDA0ODw', '/m/AAECAwQFBgcICQoLDA0ODw']) {
      const response = await fetch(`${stack.url}${path}`);
      const directives = (response.headers.get('content-security-policy') ?? '').split('; ');

      expect(directives).toContain("require-trusted-types-for 'script'");
      expect(directives).toContain("trusted-types 'none'");
      expect(directives).toContain("img-src 'self'");
      expect(directives.join('; ')).not.toMatch(/data:|font-src|manifest-src/);
    }
  });

  it('makes Chromium refuse a string written to an HTML sink, and log it where the run-wide check looks', async () => {
    // Not recorded: the refusal it provokes is logged, and the run-wide check below wants none.
    const context = await browser.newContext();
    const messages: string[] = [];
    context.on('console', (message) => messages.push(message.text()));
    const page = await context.newPage();
    await page.goto(`${stack.url}/`);

    const refused = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>markup</b>';
        return 'accepted';
      } catch (error) {
        return (error as Error).name;
      }
    });
    await context.close();

    expect(refused).toBe('TypeError');
    expect(messages.some((m) => VIOLATION.test(m))).toBe(true);
  });

  it('lets the page share and reveal under it: link, QR code, copy, passphrase, reveal', async () => {
    const sender = await (await withClipboard()).newPage();
    const secret = 'e2e plaintext hardening india 2Rb';
    const passphrase = 'e2e passphrase juliet 6Tc';
    const shared = await share(sender, secret, { passphrase });
    expect(await sender.getByRole('img', { name: 'QR code of the link' }).count()).toBe(1);
    await sender.getByRole('button', { name: 'Copy link' }).click();
    expect(await clipboardOf(sender)).toBe(shared.link);

    const recipient = await (await freshContext()).newPage();
    await recipient.goto(shared.link);
    await recipient.getByLabel('Passphrase').fill(passphrase);
    await recipient.getByRole('button', { name: 'Reveal secret' }).click();

    expect(await recipient.getByLabel('Secret', { exact: true }).inputValue()).toBe(secret);
  });
});

describe('the clipboard after a copy', () => {
  it('takes a copied link off the clipboard after 60 s, and says so', async () => {
    const page = await (await withClipboard()).newPage();
    await page.clock.install();
    const shared = await share(page, 'e2e plaintext kilo clipboard 5Hd');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText(COPIED).waitFor();

    await page.clock.fastForward(CLEAR_AFTER_MS - 1000);
    expect(await clipboardOf(page)).toBe(shared.link);
    await page.clock.fastForward(1000);
    await page.getByText('Clipboard cleared.').waitFor();

    expect(await clipboardOf(page)).toBe('');
  });

  it('takes a copied secret off the clipboard too', async () => {
    const sender = await (await freshContext()).newPage();
    const secret = 'e2e plaintext lima revealed 7Jq';
    const shared = await share(sender, secret);
    const page = await (await withClipboard()).newPage();
    await page.clock.install();
    await page.goto(shared.link);
    await page.getByRole('button', { name: 'Reveal secret' }).click();
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText(COPIED).waitFor();
    expect(await clipboardOf(page)).toBe(secret);

    await page.clock.fastForward(CLEAR_AFTER_MS);
    await page.getByText('Clipboard cleared.').waitFor();

    expect(await clipboardOf(page)).toBe('');
  });

  it('leaves the clipboard as it is when it holds something else by then', async () => {
    const page = await (await withClipboard()).newPage();
    await page.clock.install();
    await share(page, 'e2e plaintext mike replaced 3Wz');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText(COPIED).waitFor();
    await page.evaluate(() => navigator.clipboard.writeText('e2e copied elsewhere'));

    await page.clock.fastForward(CLEAR_AFTER_MS);
    await page.getByText('The clipboard holds something else now').waitFor();

    expect(await clipboardOf(page)).toBe('e2e copied elsewhere');
  });

  it('waits until the page has focus again before clearing', async () => {
    const page = await (await withClipboard()).newPage();
    await page.clock.install();
    const shared = await share(page, 'e2e plaintext november focus 8Pk');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText(COPIED).waitFor();
    // Headless pages always have focus: the test plays the window manager.
    await page.evaluate(() =>
      Object.defineProperty(document, 'hasFocus', { value: () => false, configurable: true }),
    );

    await page.clock.fastForward(CLEAR_AFTER_MS);
    await page.waitForTimeout(300);
    expect(await clipboardOf(page)).toBe(shared.link);
    expect(await page.getByText(COPIED).count()).toBe(1);

    await page.evaluate(() => {
      Object.defineProperty(document, 'hasFocus', { value: () => true });
      window.dispatchEvent(new FocusEvent('focus'));
    });
    await page.getByText('Clipboard cleared.').waitFor();
    expect(await clipboardOf(page)).toBe('');
  });

  it('clears without reading back, and without asking, when the page may not read the clipboard', async () => {
    const context = await freshContext(['clipboard-write']);
    const page = await context.newPage();
    await page.clock.install();
    await share(page, 'e2e plaintext oscar unread 4Ns');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText(COPIED).waitFor();

    await page.clock.fastForward(CLEAR_AFTER_MS);
    await page.getByText('Clipboard cleared.').waitFor();

    await context.grantPermissions(['clipboard-read'], { origin: stack.url });
    expect(await clipboardOf(page)).toBe('');
  });
});

describe('the share form', () => {
  it('asks password managers not to keep the passphrase, and grammar extensions to skip the secret', async () => {
    const page = await (await freshContext()).newPage();
    await page.goto(`${stack.url}/`);
    const attributes = (field: Locator, names: string[]) =>
      field.evaluate(
        (element, names) => Object.fromEntries(names.map((n) => [n, element.getAttribute(n)])),
        names,
      );

    expect(await attributes(page.getByLabel('Passphrase'), ['type', 'autocomplete'])).toEqual({
      type: 'password',
      autocomplete: 'off',
    });
    expect(
      await attributes(page.getByLabel('Secret', { exact: true }), [
        'autocomplete',
        'autocorrect',
        'autocapitalize',
        'spellcheck',
        'data-gramm',
        'data-gramm_editor',
        'data-enable-grammarly',
      ]),
    ).toEqual({
      autocomplete: 'off',
      autocorrect: 'off',
      autocapitalize: 'off',
      spellcheck: 'false',
      'data-gramm': 'false',
      'data-gramm_editor': 'false',
      'data-enable-grammarly': 'false',
    });
  });
});

describe('a reveal given a tampered answer', () => {
  const PROFILE = { alg: 'dir', enc: 'A256GCM' };
  const SMUGGLED = 'e2e smuggled plaintext papa';

  /** Shares a secret, then reveals it with the read's ciphertext replaced by one made under K. */
  async function revealWithCiphertext(
    header: Record<string, unknown>,
    options: { deflate?: boolean } = {},
  ): Promise<Page> {
    const shared = await share(
      await (await freshContext()).newPage(),
      'e2e plaintext quebec original',
    );
    const context = await freshContext();
    await context.route(
      (url) => url.pathname === `/api/secrets/${shared.id}/read`,
      async (route) => {
        const response = await route.fetch();
        const json = (await response.json()) as Record<string, unknown>;
        const key = fromBase64url(shared.key);
        json.ciphertext = handMadeJwe(key, header, SMUGGLED, options);
        await route.fulfill({ response, json });
      },
    );
    const page = await context.newPage();
    await page.goto(shared.link);
    await page.getByRole('button', { name: 'Reveal secret' }).click();
    return page;
  }

  it('opens a ciphertext made by another implementation with exactly the profile header', async () => {
    const page = await revealWithCiphertext(PROFILE);

    expect(await page.getByLabel('Secret', { exact: true }).inputValue()).toBe(SMUGGLED);
  });

  it.each([
    ['another JWE header (a key id)', { ...PROFILE, kid: 'e2e-kid' }, {}],
    ['a compressed payload (zip)', { ...PROFILE, zip: 'DEF' }, { deflate: true }],
  ])('refuses %s that decrypts under K, and says so', async (_what, header, options) => {
    const page = await revealWithCiphertext(header, options);

    await page
      .getByRole('alert')
      .filter({ hasText: /could not be decrypted/ })
      .waitFor({ timeout: 5000 });
    expect(await page.getByText(SMUGGLED).count()).toBe(0);
    expect(await page.getByLabel('Secret', { exact: true }).count()).toBe(0);
  });

  it.each([
    ['too many iterations', { iterations: 100 * LIMITS.maxIterations }],
    ['too few iterations', { iterations: 1000 }],
    ['a salt too short', { salt: toBase64url(new Uint8Array(LIMITS.saltBytes.min - 1)) }],
    ['a salt too long', { salt: toBase64url(new Uint8Array(LIMITS.saltBytes.max + 1)) }],
  ])(
    'refuses passphrase parameters with %s at once, before anything is read',
    async (_what, change) => {
      const shared = await share(
        await (await freshContext()).newPage(),
        'e2e plaintext romeo bounds',
        { passphrase: 'e2e passphrase sierra', reads: 2 },
      );
      const context = await freshContext();
      await context.route(
        (url) => url.pathname === `/api/secrets/${shared.id}`,
        async (route) => {
          const response = await route.fetch();
          const meta = (await response.json()) as { passphrase: Record<string, unknown> };
          await route.fulfill({
            response,
            json: { ...meta, passphrase: { ...meta.passphrase, ...change } },
          });
        },
      );
      const page = await context.newPage();
      await page.goto(shared.link);

      await page
        .getByRole('alert')
        .filter({ hasText: /passphrase settings outside the allowed bounds/ })
        .waitFor({ timeout: 3000 });
      expect(await page.getByLabel('Passphrase').count()).toBe(0);
      expect(await remainingReads(shared)).toBe(2);
    },
  );
});

describe('over the whole run', () => {
  it('sent no K, passphrase or plaintext, stayed on its origin, and broke no CSP or Trusted Types rule', async () => {
    const seen = await Promise.all(requests);
    expect(seen.length).toBeGreaterThan(20);
    expect(mustNotLeak.size).toBeGreaterThan(10);
    const origin = new URL(stack.url).origin;
    for (const request of seen) {
      expect(new URL(request.url).origin).toBe(origin);
      const sent = [request.url, JSON.stringify(request.headers), request.body].join('\n');
      for (const value of mustNotLeak) expect(sent).not.toContain(value);
    }
    expect(consoleMessages.filter((m) => VIOLATION.test(m) || m.startsWith('pageerror'))).toEqual(
      [],
    );
  });
});
