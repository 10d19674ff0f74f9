// What a recipient does with a link besides opening it once: reloads it before revealing, copies the
// address, gets the link and its key apart, pastes the wrong thing. In real Chromium on the real stack.
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { parseLink } from '../../core/links.ts';
import { browserRun, expectNothingLeaked } from './harness.ts';

const run = browserRun();
/** Every K, passphrase and plaintext of the run must never leave the browser. */
const { recorder } = run;

const freshPage = (options: { clipboard?: boolean } = {}): Promise<Page> =>
  run.freshPage(options.clipboard ? { permissions: ['clipboard-read', 'clipboard-write'] } : {});

async function share(page: Page, secret: string, reads = 1) {
  recorder.remember(secret);
  await page.goto(`${run.url}/`);
  await page.getByLabel('Secret', { exact: true }).fill(secret);
  await page.getByLabel('Reads').fill(String(reads));
  await page.getByRole('button', { name: 'Create link' }).click();
  const link = await page.getByLabel('Link', { exact: true }).inputValue();
  const parsed = parseLink(link);
  recorder.remember(parsed.credential);
  return { link, id: parsed.id, key: parsed.credential };
}

const revealButton = (page: Page) => page.getByRole('button', { name: 'Reveal secret' });
const revealed = (page: Page) => page.getByLabel('Secret', { exact: true }).inputValue();
/** What the page says, all of it: no state may call a good link damaged or broken. */
const pageText = (page: Page) => page.locator('main').innerText();

describe('a link in the recipient’s hands', () => {
  it('still opens after a reload before the reveal, and its address copies whole', async () => {
    const sender = await freshPage();
    const secret = 'e2e plaintext reload golf 3Vb';
    const shared = await share(sender, secret);

    const recipient = await freshPage();
    await recipient.goto(shared.link);
    await revealButton(recipient).waitFor();
    // A copy of the address bar now is the whole link.
    expect(recipient.url()).toBe(shared.link);
    await recipient.reload();
    await revealButton(recipient).waitFor();
    expect(await pageText(recipient)).not.toMatch(/incomplete|damaged|broken/i);

    await revealButton(recipient).click();
    expect(await revealed(recipient)).toBe(secret);
    expect(recipient.url()).toBe(`${run.url}/s/${shared.id}`);

    // After the read the key is gone from the address bar: a reload asks for it, calmly.
    await recipient.reload();
    await recipient.getByRole('heading', { name: 'Enter the key to open this secret' }).waitFor();
    const text = await pageText(recipient);
    expect(text).toMatch(/Revealed it in this tab already\?/);
    expect(text).not.toMatch(/damaged|broken|incomplete/i);
  });

  it('shares the link and its key apart; the keyless link asks for the key and opens with it', async () => {
    const sender = await freshPage({ clipboard: true });
    const secret = 'e2e plaintext apart hotel 8Nq';
    const shared = await share(sender, secret, 3);
    await sender.getByLabel('Send the key apart from the link').check();
    const keyless = await sender.getByLabel('Link without its key').inputValue();
    const key = await sender.getByLabel('Key', { exact: true }).inputValue();
    expect(keyless).toBe(`${run.url}/s/${shared.id}`);
    expect(key).toBe(shared.key);
    await sender.getByRole('button', { name: 'Copy key' }).click();
    expect(await sender.evaluate(() => navigator.clipboard.readText())).toBe(key);
    expect(
      await sender.getByRole('img', { name: 'QR code of the link, without its key' }).count(),
    ).toBe(1);

    const recipient = await freshPage();
    await recipient.goto(keyless);
    await recipient.getByRole('heading', { name: 'Enter the key to open this secret' }).waitFor();
    expect(await pageText(recipient)).toMatch(/came without its key/);
    const field = recipient.getByLabel('Key', { exact: true });
    const go = recipient.getByRole('button', { name: 'Continue' });

    // A key cut short: refused on the spot, the field marked and pointing at why, focus kept.
    await field.fill(key.slice(0, 30));
    await go.click();
    const problem = recipient.getByRole('alert').filter({ hasText: 'not a complete key' });
    await problem.waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toContain(
      await problem.getAttribute('id'),
    );
    expect(await recipient.evaluate(() => document.activeElement?.id)).toBe('key');

    // A manage link or another secret's link is named for what it is.
    await field.fill(`${run.url}/m/${shared.id}#${'A'.repeat(43)}`);
    await go.click();
    await recipient.getByRole('alert').filter({ hasText: 'manage link' }).waitFor();
    await field.fill(`${run.url}/s/${'B'.repeat(22)}#${key}`);
    await go.click();
    await recipient.getByRole('alert').filter({ hasText: 'another secret' }).waitFor();

    await field.fill(`  #${key} `);
    await go.click();
    await revealButton(recipient).click();
    expect(await revealed(recipient)).toBe(secret);

    // The whole link pasted in the key field works too.
    const second = await freshPage();
    await second.goto(keyless);
    await second.getByLabel('Key', { exact: true }).fill(shared.link);
    await second.getByRole('button', { name: 'Continue' }).click();
    await revealButton(second).click();
    expect(await revealed(second)).toBe(secret);
  });

  it('asks for the key when the link’s key was cut short, without calling it damaged', async () => {
    const sender = await freshPage();
    const secret = 'e2e plaintext cut india 5Wd';
    const shared = await share(sender, secret);

    const recipient = await freshPage();
    await recipient.goto(`${run.url}/s/${shared.id}#${shared.key.slice(0, 20)}`);
    await recipient.getByRole('heading', { name: 'Enter the key to open this secret' }).waitFor();
    const text = await pageText(recipient);
    expect(text).toMatch(/not complete: some apps cut long links short/);
    expect(text).not.toMatch(/damaged|broken/i);
    await recipient.getByLabel('Key', { exact: true }).fill(shared.key);
    await recipient.getByRole('button', { name: 'Continue' }).click();
    await revealButton(recipient).click();
    expect(await revealed(recipient)).toBe(secret);
  });

  it('says when a key typed in opens nothing, and keeps every key off the wire', async () => {
    const sender = await freshPage();
    const shared = await share(sender, 'e2e plaintext wrong key juliet 6Rt');
    const other = await share(sender, 'e2e plaintext other key kilo 2Zs');

    const recipient = await freshPage();
    await recipient.goto(`${run.url}/s/${shared.id}`);
    await recipient.getByLabel('Key', { exact: true }).fill(other.key);
    await recipient.getByRole('button', { name: 'Continue' }).click();
    await recipient.getByRole('heading', { name: 'This secret is no longer available' }).waitFor();
    expect(await pageText(recipient)).toMatch(/a key from another link opens nothing here/);

    // No K and no secret of this file's run left the browser, nor did a key typed in (the other's).
    expect(recorder.mustNotLeak.has(other.key)).toBe(true);
    await expectNothingLeaked(recorder);
  });
});
