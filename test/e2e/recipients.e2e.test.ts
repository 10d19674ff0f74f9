// Several recipients (issue 15, part 1) in real Chromium on the real stack: a text shared from the
// form with three recipients, two of them labelled, each reading its own link once; the receipt
// listing each link with its label (decrypted in the page), state and reads; one link revoked from
// there while the others keep what they had; a file shared with two recipients saved from each link;
// and, over the whole run, no key, token or label in any request URL, no key, label or plaintext in
// any request at all, and nothing in storage.
import { describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page, Request } from 'playwright-core';
import { createApiClient } from '../../core/api.ts';
import { toBase64url } from '../../core/base64url.ts';
import { linkReadToken, parseLinkSecret, parseManageSecret } from '../../core/envelope.ts';
import {
  fillSecretRequest,
  openReceipt,
  prepareReveal,
  requestSecret,
  shareSecret,
  type SharedSecret,
} from '../../core/flows.ts';
import { parseLink } from '../../core/links.ts';
import { browserRun, expectNothingLeaked } from './harness.ts';

const run = browserRun();
const { recorder } = run;
const api = () => createApiClient(`${run.url}/api`);

/**
 * Every credential of the run, bearer tokens included: none may appear in a request's URL. Keys, the
 * recipients' own parts, label keys, labels and plaintexts, which may appear nowhere at all, go to
 * the recorder too.
 */
const credentials = new Set<string>();

/** A link's fragment split into what the page must never send (K, t) and what it sends (the token). */
async function watchLink(link: string) {
  const { credential } = parseLink(link);
  const [key = '', own = ''] = credential.split('.');
  recorder.remember(key, own);
  const { readToken } = await linkReadToken(parseLinkSecret(credential));
  for (const value of [credential, key, own, readToken]) credentials.add(value);
}

/** The manage link's token (sent, as a bearer) and its label key (never sent). */
function watchManage(manageLink: string) {
  const { credential } = parseLink(manageLink);
  const [manageToken = '', labelKey] = credential.split('.');
  if (labelKey !== undefined) recorder.remember(labelKey);
  for (const value of [credential, manageToken, labelKey ?? '']) credentials.add(value);
  return { manageToken, credential };
}

/** A secret shared through core's flow (what the page runs) with these recipients, its keys watched. */
async function sharedWith(recipients: { label?: string }[], secret: string): Promise<SharedSecret> {
  recorder.remember(secret, ...recipients.flatMap((r) => (r.label ? [r.label] : [])));
  const shared = await shareSecret(api(), {
    secret,
    pageOrigin: run.url,
    ttlSeconds: 3600,
    recipients,
  });
  for (const { link } of shared.recipients ?? []) await watchLink(link);
  watchManage(shared.manageLink);
  return shared;
}

const receiptOf = (manageLink: string) => openReceipt(api(), parseLink(manageLink));

const isCreate = (request: Request) =>
  request.method() === 'POST' && request.url().endsWith('/api/secrets');

/** How many requests a page sends: to the API at all, and reads. */
function counted(page: Page) {
  const seen = { api: 0, reads: 0 };
  page.on('request', (request) => {
    if (request.url().includes('/api/')) seen.api += 1;
    if (request.url().endsWith('/read')) seen.reads += 1;
  });
  return seen;
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
const entry = (page: Page, index: number) => page.locator(`li[data-recipient="${index}"]`);
const stateOf = (page: Page, index: number) =>
  entry(page, index).locator('[data-state]').getAttribute('data-state');

/** Opens a link in a browser of its own and reads it: the text it showed. */
async function readInFreshBrowser(link: string): Promise<string> {
  const page = await run.freshPage();
  await page.goto(link);
  await headingOf(page, 'Someone shared a secret with you').waitFor();
  await page.getByRole('button', { name: 'Reveal secret' }).click();
  const text = await page.getByLabel('Secret', { exact: true }).inputValue();
  // The key and the recipient's own part leave the address bar with the read.
  expect(page.url()).toBe(link.slice(0, link.indexOf('#')));
  await expectNothingStored(page);
  return text;
}

async function expectGone(link: string) {
  const page = await run.freshPage();
  await page.goto(link);
  await headingOf(page, 'This secret is no longer available').waitFor();
}

describe('several recipients', () => {
  it('shares a text with three recipients, each link reading once on its own, and revokes one from the receipt', async () => {
    const sender = await run.freshPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await sender.goto(`${run.url}/`);
    const secret = 'e2e plaintext recipients alfa 5Jx\nsecond line';
    const labels = ['e2e label Ops on-call 7Qm', 'e2e label Prüfer ✓ 2Wb'];
    recorder.remember(secret, ...labels);
    await sender.getByLabel('Secret', { exact: true }).fill(secret);
    expect(await sender.locator('#reads-hint').innerText()).toBe('1 to 100');

    await sender.getByRole('button', { name: 'Add a recipient' }).click();
    // The default's one link became recipient 1; focus is on the new recipient 2.
    expect(await sender.evaluate(() => document.activeElement?.id)).toBe('recipient-1');
    await sender.getByRole('button', { name: 'Add a recipient' }).click();
    expect(await sender.evaluate(() => document.activeElement?.id)).toBe('recipient-2');
    expect(await sender.locator('#reads-hint').innerText()).toBe('1 to 100, for each link');
    await sender.getByLabel('Label for recipient 1').fill(labels[0]!);
    await sender.getByLabel('Label for recipient 3').fill(labels[1]!);
    expect(await sender.getByRole('button', { name: 'Remove recipient 2' }).count()).toBe(1);

    const [create] = await Promise.all([
      sender.waitForRequest(isCreate),
      sender.getByRole('button', { name: 'Create link' }).click(),
    ]);

    // One ciphertext, a read token hash per link, and the labels only as JWEs.
    const sent = create.postData() ?? '';
    const body = JSON.parse(sent) as { recipients: Record<string, unknown>[] } & Record<
      string,
      unknown
    >;
    expect(Object.keys(body).sort()).toEqual(['ciphertext', 'recipients', 'ttlSeconds']);
    expect(body.recipients).toHaveLength(3);
    expect(body.recipients.map((r) => Object.keys(r).sort())).toEqual([
      ['label', 'maxReads', 'readTokenHash'],
      ['maxReads', 'readTokenHash'],
      ['label', 'maxReads', 'readTokenHash'],
    ]);
    for (const r of body.recipients) expect(r.maxReads).toBe(1);
    expect(String(body.recipients[0]!.label).split('.')).toHaveLength(5);
    for (const label of labels) {
      expect(sent).not.toContain(label);
      expect(sent).not.toContain(JSON.stringify(label).slice(1, -1));
      expect(sent).not.toContain(toBase64url(new TextEncoder().encode(label)));
    }

    await headingOf(sender, 'Your links are ready').waitFor();
    expect(await sender.title()).toBe('Your links are ready · SecretSentry');
    expect(await sender.getByLabel('Send the key apart from the link').count()).toBe(0);
    await sender.getByText('Sending the key apart is for a single link').waitFor();
    await sender.getByText('Each link can be read once', { exact: true }).waitFor();
    const links = [
      await sender.getByLabel(`Link 1 ${labels[0]}`, { exact: true }).inputValue(),
      await sender.getByLabel('Link 2', { exact: true }).inputValue(),
      await sender.getByLabel(`Link 3 ${labels[1]}`, { exact: true }).inputValue(),
    ];
    const manageLink = await sender.getByLabel('Manage link').inputValue();
    const { id } = parseLink(links[0]!);
    for (const link of links) {
      expect(link).toMatch(
        new RegExp(`^${run.url}/s/${id}#[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}$`),
      );
      await watchLink(link);
    }
    expect(new Set(links).size).toBe(3);
    // One key for the secret, and a part of its own for each recipient.
    expect(new Set(links.map((l) => l.split('#')[1]!.split('.')[0])).size).toBe(1);
    expect(manageLink).toMatch(
      new RegExp(`^${run.url}/m/${id}#[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}$`),
    );
    const { manageToken } = watchManage(manageLink);
    await sender.getByText('It is also the only way to see your labels').waitFor();

    await sender.getByRole('button', { name: 'Copy link 2' }).click();
    expect(await sender.evaluate(() => navigator.clipboard.readText())).toBe(links[1]);
    // A QR code per link, on demand.
    expect(await sender.getByRole('img', { name: /^QR code of link/ }).count()).toBe(0);
    const qrToggle = entry(sender, 2).getByRole('button', { name: 'QR code' });
    expect(await qrToggle.getAttribute('aria-expanded')).toBe('false');
    await qrToggle.click();
    expect(await qrToggle.getAttribute('aria-expanded')).toBe('true');
    expect(await sender.getByRole('img', { name: 'QR code of link 3' }).count()).toBe(1);
    expect(await sender.getByRole('img', { name: /^QR code of link/ }).count()).toBe(1);
    await expectNothingStored(sender);

    // Link 1 reads once; link 2 still reads; link 1 again is gone.
    expect(await readInFreshBrowser(links[0]!)).toBe(secret);
    expect(await readInFreshBrowser(links[1]!)).toBe(secret);
    await expectGone(links[0]!);

    // The receipt: each link with its label, state and reads.
    const manage = await sender.context().newPage();
    await manage.goto(manageLink);
    await headingOf(manage, 'Secret receipt').waitFor();
    await entry(manage, 0).waitFor();
    expect(await manage.locator('[data-state]').first().getAttribute('data-state')).toBe('active');
    await manage.getByText('At least one of its links still works.').waitFor();
    expect(await entry(manage, 0).getByRole('heading', { level: 3 }).innerText()).toBe(
      `Link 1 ${labels[0]}`,
    );
    expect(await entry(manage, 1).getByRole('heading', { level: 3 }).innerText()).toBe('Link 2');
    expect(await entry(manage, 2).getByRole('heading', { level: 3 }).innerText()).toBe(
      `Link 3 ${labels[1]}`,
    );
    expect(await stateOf(manage, 0)).toBe('burned');
    expect(await stateOf(manage, 1)).toBe('burned');
    expect(await stateOf(manage, 2)).toBe('active');
    expect(await entry(manage, 0).locator('[data-state]').innerText()).toBe('Read and destroyed');
    await entry(manage, 0).getByText('1 of 1 used', { exact: true }).waitFor();
    expect(
      await entry(manage, 0).getByRole('list', { name: 'Reads of link 1' }).locator('li').count(),
    ).toBe(1);
    await entry(manage, 2).getByText('0 of 1 used, 1 read remaining').waitFor();
    await entry(manage, 2).getByText('Nobody has read it yet.').waitFor();
    // Only a working link can be revoked on its own; the whole secret's revoke ends them all.
    expect(await manage.getByRole('button', { name: 'Revoke this link' }).count()).toBe(1);
    expect(await manage.getByRole('button', { name: 'Revoke all links' }).count()).toBe(1);
    expect(await manage.getByRole('button', { name: 'Revoke', exact: true }).count()).toBe(0);
    const before = await receiptOf(manageLink);

    await entry(manage, 2).getByRole('button', { name: 'Revoke this link' }).click();
    await manage.getByRole('alertdialog', { name: 'Revoke link 3?' }).waitFor();
    const [revoke] = await Promise.all([
      manage.waitForRequest((r) => r.method() === 'DELETE'),
      manage.getByRole('button', { name: 'Yes, revoke this link' }).click(),
    ]);

    // The manage token alone goes, never the label key after it.
    expect(new URL(revoke.url()).pathname).toBe(`/api/secrets/${id}/recipients/2`);
    expect(await revoke.headerValue('authorization')).toBe(`Bearer ${manageToken}`);
    const status = manage
      .getByRole('status')
      .filter({ hasText: 'Link 3 was revoked. The other links keep working.' });
    await status.waitFor();
    await manage.waitForFunction(() =>
      document.activeElement?.textContent?.includes('Link 3 was revoked'),
    );
    await entry(manage, 2).locator('[data-state="revoked"]').waitFor();
    await expectGone(links[2]!);
    const after = await receiptOf(manageLink);
    expect(after.recipients?.slice(0, 2)).toEqual(before.recipients?.slice(0, 2));
    expect(after.recipients?.[2]).toMatchObject({ state: 'revoked', remainingReads: 1 });
    expect(after.recipients?.[2]?.label).toBe(labels[1]);
  });

  it('leaves the other links working when one is revoked, and "Revoke all links" ends them all', async () => {
    const shared = await sharedWith(
      [{}, { label: 'e2e label bravo 4Kd' }, {}],
      'e2e plaintext recipients bravo 8Rt',
    );
    const links = shared.recipients!.map((r) => r.link);
    const page = await run.freshPage();
    await page.goto(shared.manageLink);
    await entry(page, 1).getByRole('button', { name: 'Revoke this link' }).click();
    await page.getByRole('button', { name: 'Yes, revoke this link' }).click();
    await entry(page, 1).locator('[data-state="revoked"]').waitFor();

    await expectGone(links[1]!);
    for (const link of [links[0]!, links[2]!]) {
      expect((await prepareReveal(api(), parseLink(link))).meta.remainingReads).toBe(1);
    }
    expect(await readInFreshBrowser(links[2]!)).toBe('e2e plaintext recipients bravo 8Rt');

    await page.getByRole('button', { name: 'Revoke all links' }).click();
    await page.getByRole('alertdialog', { name: 'Revoke all links?' }).waitFor();
    await page.getByRole('button', { name: 'Yes, revoke all links' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'The secret was revoked. None of its links opens it any more.' })
      .waitFor();
    await expectGone(links[0]!);
    const ended = (await receiptOf(shared.manageLink)).recipients;
    expect(ended?.map((r) => r.state).slice(0, 2)).toEqual(['revoked', 'revoked']);
    // The link read before the revoke keeps its read.
    expect(ended?.[2]).toMatchObject({ remainingReads: 0, reads: [{ at: expect.any(String) }] });
  });

  it('shows the links without their labels from a manage link without its label key, and says a cut-short key is incomplete', async () => {
    const shared = await sharedWith(
      [{ label: 'e2e label charlie 3Vn' }, {}],
      'e2e plaintext recipients charlie 1Hs',
    );
    const { manageToken, labelKey } = parseManageSecret(parseLink(shared.manageLink).credential);
    expect(labelKey).toBeDefined();
    const { id } = parseLink(shared.manageLink);
    const page = await run.freshPage();

    await page.goto(`${run.url}/m/${id}#${manageToken}`);

    await entry(page, 1).waitFor();
    expect(await entry(page, 0).getByRole('heading', { level: 3 }).innerText()).toBe('Link 1');
    expect(await page.getByText('e2e label charlie 3Vn').count()).toBe(0);

    const cut = await run.freshPage();
    const seen = counted(cut);
    const whole = parseLink(shared.manageLink).credential;
    await cut.goto(`${run.url}/m/${id}#${whole.slice(0, -10)}`);
    await headingOf(cut, 'This manage link is missing its end').waitFor();
    expect(seen.api).toBe(0);
  });

  it('opens a recipient’s link whose own part was cut short from the whole link pasted, and nothing from the key alone', async () => {
    const shared = await sharedWith([{}, {}], 'e2e plaintext recipients delta 6Pw');
    const link = shared.recipients![1]!.link;
    const { id, credential } = parseLink(link);
    const page = await run.freshPage();
    const seen = counted(page);

    await page.goto(`${run.url}/s/${id}#${credential.slice(0, -12)}`);

    await headingOf(page, 'Enter the key to open this secret').waitFor();
    await page.getByText('The key at the end of this link (after #) is not complete').waitFor();
    expect(seen.api).toBe(0);
    await page.getByLabel('Key', { exact: true }).fill(link);
    await page.getByRole('button', { name: 'Continue' }).click();
    await headingOf(page, 'Someone shared a secret with you').waitFor();
    await page.getByRole('button', { name: 'Reveal secret' }).click();
    expect(await page.getByLabel('Secret', { exact: true }).inputValue()).toBe(
      'e2e plaintext recipients delta 6Pw',
    );
    expect(seen.reads).toBe(1);

    // K alone is every recipient's, and reads no link: it opens nothing.
    await expectGone(`${run.url}/s/${id}#${credential.split('.')[0]}`);
    expect((await receiptOf(shared.manageLink)).recipients?.[0]?.state).toBe('active');
  });

  it('takes up to 20 recipients, and refuses a label over 100 characters under its field, sending nothing', async () => {
    const page = await run.freshPage({ viewport: { width: 320, height: 640 } });
    const seen = counted(page);
    await page.goto(`${run.url}/`);
    await page.getByLabel('Secret', { exact: true }).fill('e2e plaintext recipients echo 2Gc');
    recorder.remember('e2e plaintext recipients echo 2Gc');
    const add = page.getByRole('button', { name: 'Add a recipient' });
    for (let i = 1; i < 20; i += 1) await add.click();
    expect(await page.locator('.recipient-rows > li').count()).toBe(20);
    expect(await add.isDisabled()).toBe(true);
    await page.getByText('A secret can have at most 20 recipients.').waitFor();
    await page.getByRole('button', { name: 'Remove recipient 5', exact: true }).click();
    expect(await page.locator('.recipient-rows > li').count()).toBe(19);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('recipient-4');
    expect(await add.isDisabled()).toBe(false);
    for (let i = 19; i > 2; i -= 1) {
      await page.getByRole('button', { name: `Remove recipient ${i}`, exact: true }).click();
    }
    expect(await page.locator('.recipient-rows > li').count()).toBe(2);

    const field = page.getByLabel('Label for recipient 2');
    await field.fill('x'.repeat(101));
    await page.getByRole('button', { name: 'Create link' }).click();

    const problem = page
      .getByRole('alert')
      .filter({ hasText: 'Shorten this label to at most 100 characters.' });
    await problem.waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toContain(
      await problem.getAttribute('id'),
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('recipient-1');
    expect(seen.api).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );

    // A hundred characters fit, counted as characters: each of these is two UTF-16 units.
    const label = '🔑'.repeat(100);
    recorder.remember(label);
    await field.fill(label);
    await page.getByRole('button', { name: 'Create link' }).click();
    await headingOf(page, 'Your links are ready').waitFor();
    const links = [
      await page.getByLabel('Link 1', { exact: true }).inputValue(),
      await page.getByLabel(`Link 2 ${label}`, { exact: true }).inputValue(),
    ];
    for (const link of links) await watchLink(link);
    const manageLink = await page.getByLabel('Manage link').inputValue();
    watchManage(manageLink);
    expect((await receiptOf(manageLink)).recipients?.map((r) => r.label)).toEqual([
      undefined,
      label,
    ]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
  });

  it('shares a file with two recipients, and each link saves it byte for byte', async () => {
    const marker = `e2e file plaintext recipients foxtrot ${randomBytes(6).toString('hex')}`;
    const name = `e2e recipients ${randomBytes(4).toString('hex')}.pdf`;
    const bytes = Buffer.concat([Buffer.from(marker), randomBytes(300_000)]);
    recorder.remember(marker, name, 'e2e label golf 9Ta');
    const sender = await run.freshPage();
    await sender.goto(`${run.url}/`);
    await sender
      .getByLabel('Or share a file')
      .setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
    await sender.getByRole('group', { name: `File to share ${name}` }).waitFor();
    await sender.getByRole('button', { name: 'Add a recipient' }).click();
    await sender.getByLabel('Label for recipient 2').fill('e2e label golf 9Ta');

    const [create] = await Promise.all([
      sender.waitForRequest(isCreate),
      sender.getByRole('button', { name: 'Create link' }).click(),
    ]);

    const body = JSON.parse(create.postData() ?? '{}') as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['file', 'recipients', 'ttlSeconds']);
    expect(body.recipients).toHaveLength(2);
    const links = [
      await sender.getByLabel('Link 1', { exact: true }).inputValue({ timeout: 60_000 }),
      await sender.getByLabel('Link 2 e2e label golf 9Ta', { exact: true }).inputValue(),
    ];
    for (const link of links) await watchLink(link);
    const manageLink = await sender.getByLabel('Manage link').inputValue();
    watchManage(manageLink);

    for (const link of links) {
      const recipient = await run.freshPage({ acceptDownloads: true });
      // No File System Access API: the page saves through a Blob download.
      await recipient.context().addInitScript(() => {
        Object.defineProperty(window, 'showSaveFilePicker', { value: undefined });
      });
      await recipient.goto(link);
      await headingOf(recipient, 'Someone shared a file with you').waitFor();
      const [download] = await Promise.all([
        recipient.waitForEvent('download', { timeout: 60_000 }),
        recipient.getByRole('button', { name: 'Reveal and save file' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(name);
      const saved = await readFile((await download.path())!);
      expect(createHash('sha256').update(saved).digest('hex')).toBe(
        createHash('sha256').update(bytes).digest('hex'),
      );
      expect(recipient.url()).toBe(link.slice(0, link.indexOf('#')));
      await expectNothingStored(recipient);
    }
    const receipt = await receiptOf(manageLink);
    expect(receipt.kind).toBe('file');
    expect(receipt.recipients?.map((r) => [r.state, r.label])).toEqual([
      ['burned', undefined],
      ['burned', 'e2e label golf 9Ta'],
    ]);
  });

  it('words a filled request’s receipt as a request’s', async () => {
    const request = await requestSecret(api(), { pageOrigin: run.url, ttlSeconds: 3600 });
    watchManage(request.manageLink);
    await watchLink(request.retrieveLink);
    recorder.remember(parseLink(request.fillLink).credential, 'e2e plaintext request hotel 4Sd');
    await fillSecretRequest(api(), parseLink(request.fillLink), 'e2e plaintext request hotel 4Sd');
    const page = await run.freshPage();

    await page.goto(request.manageLink);

    await headingOf(page, 'Request receipt').waitFor();
    expect(await page.locator('[data-state]').innerText()).toBe('Filled');
    await page.getByText('The secret was sent: your retrieve link can read it.').waitFor();
    await page.getByRole('button', { name: 'Revoke', exact: true }).click();
    await page.getByRole('alertdialog', { name: 'Revoke this request?' }).waitFor();
    await page.getByRole('button', { name: 'Yes, revoke it' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'The request was revoked. Its secret can no longer be read.' })
      .waitFor();
    expect((await receiptOf(request.manageLink)).state).toBe('revoked');
  });

  it('let no key, token or label into any request URL, and no key, label or plaintext anywhere', async () => {
    const seen = await Promise.all(recorder.requests);
    expect(credentials.size).toBeGreaterThan(20);
    for (const request of seen) {
      for (const value of credentials) {
        if (value === '') continue;
        expect(request.url).not.toContain(value);
        expect(request.url).not.toContain(encodeURIComponent(value));
      }
    }
    await expectNothingLeaked(recorder);
    // Chromium logs the API's 404 answers as errors: only the page's own failures count.
    expect(
      recorder.consoleMessages.filter((m) => /^pageerror|Content Security Policy|Trusted/i.test(m)),
    ).toEqual([]);
  });
});
