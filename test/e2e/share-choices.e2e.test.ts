// The share form's choices as the peers offer them: expiry presets and a date and time within the
// three-day bound, read-count presets, a live size counter, and a passphrase to show or generate.
// In real Chromium on the real stack.
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { createApiClient } from '../../core/api.ts';
import { parseLink } from '../../core/links.ts';
import { browserRun, expectNothingLeaked } from './harness.ts';

const run = browserRun();
/** Every K, passphrase and plaintext of the run must never leave the browser. */
const { recorder } = run;

const freshPage = (): Promise<Page> => run.freshPage();

/** Creates the link with what the form holds; answers its receipt as the API keeps it. */
async function create(page: Page) {
  await page.getByRole('button', { name: 'Create link' }).click();
  const manage = parseLink(await page.getByLabel('Manage link').inputValue());
  return createApiClient(`${run.url}/api`).receipt(manage.id, manage.credential);
}

/** A `datetime-local` value `ms` from now, in the browser's own time zone. */
const localIn = (page: Page, ms: number) =>
  page.evaluate((ahead) => {
    const d = new Date(Date.now() + ahead);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, ms);

const MINUTE = 60_000;

describe('the share form’s choices', () => {
  it('offers expiry presets from 5 minutes to 3 days, and keeps the one chosen', async () => {
    const page = await freshPage();
    await page.goto(`${run.url}/`);
    const expires = page.getByLabel('Expires');
    expect(await expires.locator('option').allTextContents()).toEqual([
      '5 minutes',
      '1 hour',
      '4 hours',
      '1 day',
      '3 days',
      'A date and time…',
    ]);
    expect(await expires.inputValue()).toBe(String(3 * 86_400));

    await page.getByLabel('Secret', { exact: true }).fill('e2e plaintext five minutes romeo 3Ds');
    await expires.selectOption({ label: '5 minutes' });
    const before = Date.now();
    const receipt = await create(page);
    const ahead = new Date(receipt.expiresAt).getTime() - before;
    expect(ahead).toBeGreaterThan(4 * MINUTE);
    expect(ahead).toBeLessThan(6 * MINUTE);
  });

  it('takes a date and time within three days, and refuses one outside', async () => {
    const page = await freshPage();
    await page.goto(`${run.url}/`);
    await page.getByLabel('Secret', { exact: true }).fill('e2e plaintext custom sierra 6Yh');
    await page.getByLabel('Expires').selectOption({ label: 'A date and time…' });
    const at = page.getByLabel('Date and time');
    let posted = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/secrets')) posted += 1;
    });

    for (const [ahead, says] of [
      [4 * 86_400_000, 'within the next 3 days'],
      [-60 * MINUTE, 'at least a minute from now'],
    ] as const) {
      await at.fill(await localIn(page, ahead));
      await page.getByRole('button', { name: 'Create link' }).click();
      const problem = page.getByRole('alert').filter({ hasText: says });
      await problem.waitFor();
      expect(await at.getAttribute('aria-invalid')).toBe('true');
      expect(await at.getAttribute('aria-describedby')).toContain('expires-error');
    }
    expect(posted).toBe(0);

    await at.fill(await localIn(page, 2 * 3_600_000));
    const before = Date.now();
    const receipt = await create(page);
    const ahead = new Date(receipt.expiresAt).getTime() - before;
    // The picker has minute precision: within a couple of minutes of two hours.
    expect(Math.abs(ahead - 2 * 3_600_000)).toBeLessThan(3 * MINUTE);
    expect(posted).toBe(1);
  });

  it('offers 1, 2, 5 and 10 reads beside the number', async () => {
    const page = await freshPage();
    await page.goto(`${run.url}/`);
    await page.getByLabel('Secret', { exact: true }).fill('e2e plaintext reads tango 9Pl');
    const presets = page.getByRole('group', { name: 'Common read counts' }).getByRole('button');
    expect(await presets.allTextContents()).toEqual(['1', '2', '5', '10']);
    expect(await presets.first().getAttribute('aria-pressed')).toBe('true');

    await presets.filter({ hasText: '5' }).click();
    expect(await page.getByLabel('Reads').inputValue()).toBe('5');
    expect(await presets.filter({ hasText: '5' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByLabel('Reads').fill('7');
    expect(await presets.evaluateAll((b) => b.map((x) => x.getAttribute('aria-pressed')))).toEqual([
      'false',
      'false',
      'false',
      'false',
    ]);
    await presets.filter({ hasText: '10' }).click();
    expect((await create(page)).maxReads).toBe(10);
  });

  it('counts the secret’s size against the limit as it is typed', async () => {
    const page = await freshPage();
    await page.goto(`${run.url}/`);
    const secret = page.getByLabel('Secret', { exact: true });
    const size = page.locator('#secret-size');
    expect(await secret.getAttribute('aria-describedby')).toContain('secret-size');
    expect(await size.innerText()).toBe('0 bytes of 700.0 KiB');
    await secret.fill('é'.repeat(600));
    expect(await size.innerText()).toBe('1.2 KiB of 700.0 KiB');

    await secret.fill('x'.repeat(700 * 1024 + 2048));
    expect(await size.innerText()).toMatch(/^702\.0 KiB: 2\.0 KiB over the 700\.0 KiB limit/);
    expect(await size.getAttribute('class')).toContain('over');
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByRole('alert').filter({ hasText: 'too large' }).waitFor();
  });

  it('shows or hides the passphrase on both sides, and generates one that opens the secret', async () => {
    const page = await freshPage();
    await page.goto(`${run.url}/`);
    const field = page.getByLabel('Passphrase');
    const toggle = page.getByRole('button', { name: 'Show' });
    expect(await field.getAttribute('type')).toBe('password');
    expect(await toggle.getAttribute('aria-controls')).toBe('passphrase');
    await toggle.click();
    expect(await field.getAttribute('type')).toBe('text');
    expect(await page.getByRole('button', { name: 'Hide' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await page.getByRole('button', { name: 'Hide' }).click();
    expect(await field.getAttribute('type')).toBe('password');

    const generate = page.getByRole('button', { name: 'Generate a passphrase' });
    await generate.click();
    const first = await field.inputValue();
    await generate.click();
    const passphrase = await field.inputValue();
    recorder.remember(first, passphrase);
    const shape = /^[a-km-np-z2-9]{5}(?:-[a-km-np-z2-9]{5}){3}$/;
    expect(first).toMatch(shape);
    expect(passphrase).toMatch(shape);
    expect(passphrase).not.toBe(first);
    // Shown, so the sender can read it out, and said to go by another channel.
    expect(await field.getAttribute('type')).toBe('text');
    expect(await page.getByRole('status').filter({ hasText: 'another way' }).count()).toBe(1);

    const secret = 'e2e plaintext generated zulu 7Cv';
    recorder.remember(secret);
    await page.getByLabel('Secret', { exact: true }).fill(secret);
    await page.getByRole('button', { name: 'Create link' }).click();
    const link = await page.getByLabel('Link', { exact: true }).inputValue();
    recorder.remember(parseLink(link).credential);

    const recipient = await freshPage();
    await recipient.goto(link);
    const theirs = recipient.getByLabel('Passphrase');
    await theirs.fill(passphrase);
    await recipient.getByRole('button', { name: 'Show' }).click();
    expect(await theirs.getAttribute('type')).toBe('text');
    await recipient.getByRole('button', { name: 'Reveal secret' }).click();
    expect(await recipient.getByLabel('Secret', { exact: true }).inputValue()).toBe(secret);

    await expectNothingLeaked(recorder);
  });
});
