// The opening time (issue 15, part 4): the sender picks when the link opens, the recipient's page
// counts down to it without offering the reveal (nor spending a read), then offers it; the receipt
// says when it opens. In real Chromium on the real stack.
import { describe, expect, it } from '@jest/globals';
import type { Page, Request } from 'playwright-core';
import { createApiClient } from '../../core/api.ts';
import { shareSecret, type SharedSecret } from '../../core/flows.ts';
import { parseLink } from '../../core/links.ts';
import { browserRun, expectNothingLeaked } from './harness.ts';

const run = browserRun();
/** Every K, passphrase and plaintext of the run must never leave the browser. */
const { recorder } = run;

const MINUTE = 60_000;
const api = () => createApiClient(`${run.url}/api`);

/** Shared through core's flow (what the page runs), opening `opensIn` ms from now. */
async function shareOpeningIn(secret: string, opensIn: number): Promise<SharedSecret> {
  const shared = await shareSecret(api(), {
    secret,
    pageOrigin: run.url,
    ttlSeconds: 3600,
    notBefore: new Date(Date.now() + opensIn),
  });
  recorder.remember(secret, shared.key);
  return shared;
}

const receiptOf = (manageLink: string) => {
  const manage = parseLink(manageLink);
  return api().receipt(manage.id, manage.credential);
};

/** A `datetime-local` value `ms` from now, in the browser's own time zone. */
const localIn = (page: Page, ms: number) =>
  page.evaluate((ahead) => {
    const d = new Date(Date.now() + ahead);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, ms);

/** That local date and time as the moment it names (ISO, UTC), as the browser reads it. */
const isoOf = (page: Page, local: string) =>
  page.evaluate((value) => new Date(value).toISOString(), local);

/** "10:35 AM": the hour and minute of `iso` on this browser's clock face. */
const clockFace = (page: Page, iso: string) =>
  page.evaluate(
    (at) => new Date(at).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' }),
    iso,
  );

const isCreate = (request: Request) =>
  request.method() === 'POST' && request.url().endsWith('/api/secrets');

/** Chooses "Opens: At a date and time…" and types `local` as the opening time. */
async function chooseOpening(page: Page, local: string) {
  await page.getByLabel('Opens', { exact: true }).selectOption({ label: 'At a date and time…' });
  await page.getByLabel('Opening time').fill(local);
}

/** The "Opens" row of a facts list (share result, receipt). */
const opensFact = (page: Page) =>
  page.locator('.facts > div').filter({ has: page.locator('dt', { hasText: /^Opens$/ }) });

describe('the sender’s opening time', () => {
  it('sends the time picked in the form, and the result says when the link opens', async () => {
    const page = await run.freshPage();
    await page.goto(`${run.url}/`);
    const secret = 'e2e plaintext opening alfa 4Kd';
    recorder.remember(secret);
    await page.getByLabel('Secret', { exact: true }).fill(secret);
    const local = await localIn(page, 30 * MINUTE);
    await chooseOpening(page, local);
    const expected = await isoOf(page, local);

    const [create] = await Promise.all([
      page.waitForRequest(isCreate),
      page.getByRole('button', { name: 'Create link' }).click(),
    ]);

    expect(JSON.parse(create.postData() ?? '{}')).toMatchObject({ notBefore: expected });
    const fact = opensFact(page);
    await fact.waitFor();
    expect(await fact.locator('time').getAttribute('datetime')).toBe(expected);
    expect(await fact.locator('dd').innerText()).toContain(await clockFace(page, expected));
    // The picker has minute precision: the time picked is up to a minute short of half an hour.
    expect(await fact.locator('dd').innerText()).toMatch(/^in (29|30) minutes, /);
    const receipt = await receiptOf(await page.getByLabel('Manage link').inputValue());
    expect(receipt.notBefore).toBe(expected);
  });

  it('sends the opening time of a file share too', async () => {
    const page = await run.freshPage();
    await page.goto(`${run.url}/`);
    await page.getByLabel('Or share a file').setInputFiles({
      name: 'e2e-opening.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('e2e file opening bravo 7Lp'),
    });
    recorder.remember('e2e file opening bravo 7Lp');
    await page.getByRole('group', { name: 'File to share e2e-opening.txt' }).waitFor();
    const local = await localIn(page, 2 * 3_600_000);
    await chooseOpening(page, local);
    const expected = await isoOf(page, local);

    await page.getByRole('button', { name: 'Create link' }).click();

    const fact = opensFact(page);
    await fact.waitFor({ timeout: 60_000 });
    expect(await fact.locator('time').getAttribute('datetime')).toBe(expected);
    const receipt = await receiptOf(await page.getByLabel('Manage link').inputValue());
    expect(receipt).toMatchObject({ state: 'active', notBefore: expected });
  });

  it('refuses an opening time in the past or after the expiry under the field, sending nothing', async () => {
    const page = await run.freshPage({ viewport: { width: 320, height: 640 } });
    let posted = 0;
    page.on('request', (request) => {
      if (isCreate(request)) posted += 1;
    });
    await page.goto(`${run.url}/`);
    await page.getByLabel('Secret', { exact: true }).fill('e2e plaintext opening charlie 2Wq');
    await page.getByLabel('Expires').selectOption({ label: '1 hour' });
    const at = page.getByLabel('Opening time');

    for (const [ahead, says] of [
      [-10 * MINUTE, 'Pick an opening time later than now.'],
      [2 * 3_600_000, 'Pick an opening time before the link expires'],
    ] as const) {
      await chooseOpening(page, await localIn(page, ahead));
      await page.getByRole('button', { name: 'Create link' }).click();
      const problem = page.getByRole('alert').filter({ hasText: says });
      await problem.waitFor();
      expect(await at.getAttribute('aria-invalid')).toBe('true');
      expect((await at.getAttribute('aria-describedby')) ?? '').toContain(
        await problem.getAttribute('id'),
      );
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('opens-at');
      // Under its field and in sight on a phone, without scrolling.
      const box = (await problem.boundingBox())!;
      const field = (await at.boundingBox())!;
      expect(box.y).toBeGreaterThan(field.y);
      expect(box.y - (field.y + field.height)).toBeLessThan(60);
      expect(box.y + box.height).toBeLessThanOrEqual(640);
    }
    expect(posted).toBe(0);

    // Back to "At once": the link is created, opening at once.
    await page.getByLabel('Opens', { exact: true }).selectOption({ label: 'At once' });
    await page.getByRole('button', { name: 'Create link' }).click();
    const receipt = await receiptOf(await page.getByLabel('Manage link').inputValue());
    expect(receipt.notBefore).toBeUndefined();
    expect(posted).toBe(1);
  });
});

describe('a link that opens later', () => {
  it('counts down without a Reveal button, survives a reload, then reveals on a click', async () => {
    const secret = 'e2e plaintext opening delta 9Tz';
    const shared = await shareOpeningIn(secret, 8000);
    const opensAt = new Date(shared.notBefore!).getTime();
    const page = await run.freshPage();
    let reads = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/read')) reads += 1;
    });
    const reveal = page.getByRole('button', { name: 'Reveal secret' });
    const timer = page.getByRole('timer');

    await page.goto(shared.link);

    await page.getByRole('heading', { name: 'This secret opens later' }).waitFor();
    expect(await page.title()).toBe('This secret opens later · SecretSentry');
    expect(await timer.innerText()).toMatch(/^Opens in \d sec$/);
    expect(await timer.getAttribute('aria-live')).toBe('off');
    expect(await reveal.count()).toBe(0);
    expect(await opensFact(page).locator('time').getAttribute('datetime')).toBe(shared.notBefore);
    const first = await timer.innerText();
    await page.waitForFunction(
      (before) => document.querySelector('[role="timer"]')?.textContent !== before,
      first,
    );

    await page.reload();
    await timer.waitFor();
    expect(page.url()).toBe(shared.link);
    expect(await reveal.count()).toBe(0);

    await reveal.waitFor({ timeout: 20_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(opensAt);
    expect(await timer.count()).toBe(0);
    await page
      .getByRole('status')
      .filter({ hasText: 'It is open now: reveal the secret when you are ready.' })
      .waitFor();
    expect(await page.title()).toBe('Someone shared a secret with you · SecretSentry');
    // The page never spends a read by itself: the recipient still presses the button.
    expect(reads).toBe(0);
    await reveal.click();
    expect(await page.getByLabel('Secret', { exact: true }).inputValue()).toBe(secret);
    expect(reads).toBe(1);
  });

  it('counts down to the server’s time when a read is refused as not open yet', async () => {
    const shared = await shareOpeningIn('e2e plaintext opening echo 3Hn', MINUTE);
    const page = await run.freshPage();
    // This browser's clock runs two minutes ahead of the server's: to it, the time has come.
    await page.clock.install({ time: Date.now() + 2 * MINUTE });
    await page.goto(shared.link);
    const reveal = page.getByRole('button', { name: 'Reveal secret' });

    await reveal.click();

    await page.getByRole('heading', { name: 'This secret opens later' }).waitFor();
    expect(await page.getByRole('timer').innerText()).toMatch(/^Opens in \d+ sec$/);
    expect(await opensFact(page).locator('time').getAttribute('datetime')).toBe(shared.notBefore);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await reveal.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reveal-heading');
    const receipt = await receiptOf(shared.manageLink);
    expect(receipt).toMatchObject({ remainingReads: 1, reads: [], failedAttempts: 0 });
  });

  it('shows the opening time on the receipt while it is ahead', async () => {
    const shared = await shareOpeningIn('e2e plaintext opening foxtrot 5Rm', 45 * MINUTE);
    const page = await run.freshPage();

    await page.goto(shared.manageLink);

    const fact = opensFact(page);
    await fact.waitFor();
    expect(await fact.locator('time').getAttribute('datetime')).toBe(shared.notBefore);
    const said = await fact.locator('dd').innerText();
    expect(said).toMatch(/^in 45 minutes, /);
    expect(said).toContain(await clockFace(page, shared.notBefore!));
    expect(await page.locator('[data-state="active"]').count()).toBe(1);
  });

  it('let no key, passphrase or plaintext leave the browser', async () => {
    await expectNothingLeaked(recorder);
  });
});
