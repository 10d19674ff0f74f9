// The page's states as a person meets them: where focus lands, where an error shows on a phone,
// what the tab says, and what leaving the link's page costs. In real Chromium on the real stack.
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { browserRun } from './harness.ts';

const run = browserRun();

const freshPage = (viewport?: { width: number; height: number }): Promise<Page> =>
  run.freshPage(viewport ? { viewport } : {});

async function share(page: Page, secret: string, options: { reads?: number } = {}) {
  await page.goto(`${run.url}/`);
  await page.getByLabel('Secret', { exact: true }).fill(secret);
  if (options.reads !== undefined) await page.getByLabel('Reads').fill(String(options.reads));
  await page.getByRole('button', { name: 'Create link' }).click();
  return {
    link: await page.getByLabel('Link', { exact: true }).inputValue(),
    manageLink: await page.getByLabel('Manage link').inputValue(),
  };
}

/** The focused element's tag, id, role and text, to say where focus is. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      id: element?.id ?? '',
      role: element?.getAttribute('role') ?? '',
      text: (element?.textContent ?? '').trim(),
    };
  });

describe('the page’s states', () => {
  it('keeps focus on the revoke controls, and puts it on what a revoke did', async () => {
    const page = await freshPage();
    const { manageLink } = await share(page, 'e2e plaintext focus lima 4Hs', { reads: 2 });
    await page.goto(manageLink);
    const revoke = page.getByRole('button', { name: 'Revoke', exact: true });

    await revoke.click();
    expect((await focused(page)).text).toBe('Yes, revoke it');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Revoke' });

    await revoke.click();
    await page.keyboard.press('Escape');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Revoke' });

    await revoke.click();
    await page.getByRole('button', { name: 'Yes, revoke it' }).click();
    await page.locator('[data-state="revoked"]').waitFor();
    expect(await focused(page)).toMatchObject({
      role: 'status',
      text: expect.stringContaining('The secret was revoked'),
    });
  });

  it('shows a field’s error under that field on a 320 px screen, marked and linked', async () => {
    const page = await freshPage({ width: 320, height: 640 });
    await page.goto(`${run.url}/`);
    await page.getByRole('button', { name: 'Create link' }).click();

    const secret = page.getByLabel('Secret', { exact: true });
    const error = page.getByRole('alert').filter({ hasText: 'Type or paste the secret' });
    await error.waitFor();
    expect(await secret.getAttribute('aria-invalid')).toBe('true');
    expect((await secret.getAttribute('aria-describedby')) ?? '').toContain(
      await error.getAttribute('id'),
    );
    expect(await focused(page)).toMatchObject({ id: 'secret' });
    // In sight with the field it is about, without scrolling.
    const box = (await error.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(640);
    const secretBox = (await secret.boundingBox())!;
    expect(box.y).toBeGreaterThan(secretBox.y);
    expect(box.y - (secretBox.y + secretBox.height)).toBeLessThan(60);

    // Typing clears it; a bad read count is told under Reads.
    await secret.fill('e2e plaintext phone mike 7Jk');
    expect(await secret.getAttribute('aria-invalid')).toBe('false');
    expect(await error.count()).toBe(0);
    const reads = page.getByLabel('Reads');
    await reads.fill('0');
    await page.getByRole('button', { name: 'Create link' }).click();
    const readsError = page.getByRole('alert').filter({ hasText: 'Reads must be' });
    await readsError.waitFor();
    expect((await reads.getAttribute('aria-describedby')) ?? '').toContain('reads-error');
    expect(await readsError.getAttribute('id')).toBe('reads-error');
    expect((await readsError.boundingBox())!.y).toBeGreaterThan((await reads.boundingBox())!.y);
  });

  it('names each state in the tab’s title', async () => {
    const sender = await freshPage();
    await sender.goto(`${run.url}/`);
    const titles = [await sender.title()];
    const { link, manageLink } = await share(sender, 'e2e plaintext titles november 2Xc');
    titles.push(await sender.title());

    const recipient = await freshPage();
    await recipient.goto(link);
    await recipient.getByRole('button', { name: 'Reveal secret' }).waitFor();
    titles.push(await recipient.title());
    await recipient.getByRole('button', { name: 'Reveal secret' }).click();
    await recipient.getByLabel('Secret', { exact: true }).waitFor();
    titles.push(await recipient.title());
    await recipient.goto(link);
    await recipient.getByRole('heading', { name: 'This secret is no longer available' }).waitFor();
    titles.push(await recipient.title());
    await recipient.goto(manageLink);
    await recipient.getByRole('heading', { name: 'Secret receipt' }).waitFor();
    titles.push(await recipient.title());

    expect(titles).toEqual([
      'Share a secret · SecretSentry',
      'Your link is ready · SecretSentry',
      'Someone shared a secret with you · SecretSentry',
      'Here is your secret · SecretSentry',
      'This secret is no longer available · SecretSentry',
      'Secret receipt · SecretSentry',
    ]);
  });

  it('asks before leaving the page that holds a new link', async () => {
    const page = await freshPage();
    await share(page, 'e2e plaintext leave oscar 5Gt');
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.dismiss();
      }),
    );
    await page.close({ runBeforeUnload: true });
    const none = new Promise<string>((resolve) => setTimeout(() => resolve('no dialog'), 5000));
    expect(await Promise.race([asked, none])).toBe('beforeunload');
    // Staying keeps the link.
    expect(await page.getByLabel('Link', { exact: true }).inputValue()).toMatch(/\/s\//);
  });

  it('keeps an open receipt up to date without a click', async () => {
    const sender = await freshPage();
    const { link, manageLink } = await share(sender, 'e2e plaintext live uniform 4Kd', {
      reads: 2,
    });
    const page = await freshPage();
    await page.clock.install();
    await page.goto(manageLink);
    await page.getByText('Nobody has read it yet.').waitFor();
    expect(await page.locator('#receipt-live').innerText()).toMatch(/Updates on its own/);

    const recipient = await freshPage();
    await recipient.goto(link);
    await recipient.getByRole('button', { name: 'Reveal secret' }).click();
    await recipient.getByLabel('Secret', { exact: true }).waitFor();

    await page.clock.fastForward(11_000);
    await page.getByRole('list', { name: 'Read history' }).getByText('Read 1').waitFor();
    expect(await page.getByText('1 of 2 used').count()).toBe(1);
  });

  it('says what stretching a passphrase costs without promising seconds', async () => {
    const page = await freshPage();
    await page.goto(`${run.url}/`);
    // Hold the create call, so the busy state stays on screen to be read.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/secrets', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByLabel('Secret', { exact: true }).fill('e2e plaintext stretch papa 1Qa');
    await page.getByLabel('Passphrase').fill('e2e passphrase quebec 8Ws');
    await page.getByRole('button', { name: 'Create link' }).click();
    const busy = page.locator('[aria-busy="true"]');
    await busy.waitFor();
    const text = await busy.innerText();
    release();
    expect(text).toMatch(/slow for an attacker/);
    expect(text).not.toMatch(/few seconds/);
    await page.getByLabel('Link', { exact: true }).waitFor();
  });
});
