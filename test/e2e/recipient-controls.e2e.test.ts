// The recipient's controls (issue 13): "Destroy it now" after reading a secret with reads left, and
// a secret the sender chose to show hidden until the recipient asks. In
// real Chromium on the real stack: the confirmation and where focus goes, then the link and the
// sender's receipt afterwards.
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { browserRun } from './harness.ts';

const run = browserRun();

async function share(
  page: Page,
  secret: string,
  options: { reads?: number; hidden?: boolean } = {},
) {
  await page.goto(`${run.url}/`);
  await page.getByLabel('Secret', { exact: true }).fill(secret);
  if (options.reads !== undefined) await page.getByLabel('Reads').fill(String(options.reads));
  if (options.hidden) await page.getByLabel('Hide the secret until the recipient').check();
  await page.getByRole('button', { name: 'Create link' }).click();
  return {
    link: await page.getByLabel('Link', { exact: true }).inputValue(),
    manageLink: await page.getByLabel('Manage link').inputValue(),
  };
}

/** The focused element's tag, role and text, to say where focus is. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      role: element?.getAttribute('role') ?? '',
      text: (element?.textContent ?? '').trim(),
    };
  });

describe('destroy it now', () => {
  it('lets the recipient of a 3-read secret destroy it after reading, with a confirmation', async () => {
    const sender = await run.freshPage();
    const { link, manageLink } = await share(sender, 'e2e plaintext destroy oscar 7Qd', {
      reads: 3,
    });
    const recipient = await run.freshPage();
    await recipient.goto(link);
    await recipient.getByRole('button', { name: 'Reveal secret' }).click();
    expect(await recipient.getByLabel('Secret', { exact: true }).inputValue()).toBe(
      'e2e plaintext destroy oscar 7Qd',
    );
    const destroy = recipient.getByRole('button', { name: 'Destroy it now' });

    await destroy.click();
    expect((await focused(recipient)).text).toBe('Yes, destroy it');
    await recipient.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    expect(await focused(recipient)).toMatchObject({ tag: 'button', text: 'Destroy it now' });

    await destroy.click();
    await recipient.getByRole('button', { name: 'Yes, destroy it' }).click();
    await recipient.getByRole('status').filter({ hasText: 'is now destroyed' }).waitFor();
    expect(await focused(recipient)).toMatchObject({
      role: 'status',
      text: expect.stringContaining('The secret is now destroyed'),
    });
    // What was shown stays on the page; only the link is dead.
    expect(await recipient.getByLabel('Secret', { exact: true }).inputValue()).toBe(
      'e2e plaintext destroy oscar 7Qd',
    );

    const later = await run.freshPage();
    await later.goto(link);
    await later.getByRole('heading', { name: 'This secret is no longer available' }).waitFor();

    await sender.goto(manageLink);
    const state = sender.locator('[data-state="destroyed"]');
    await state.waitFor();
    expect(await state.textContent()).toBe('Destroyed by the recipient');
  });

  it('offers nothing to destroy after the last read', async () => {
    const sender = await run.freshPage();
    const { link } = await share(sender, 'e2e plaintext destroy papa 2Wz', { reads: 1 });
    const recipient = await run.freshPage();
    await recipient.goto(link);
    await recipient.getByRole('button', { name: 'Reveal secret' }).click();
    await recipient.getByText('This secret is now destroyed.').waitFor();

    expect(await recipient.getByRole('button', { name: 'Destroy it now' }).count()).toBe(0);
  });
});

describe('hide while others look', () => {
  it('reveals a secret shared hidden masked, until Show is pressed', async () => {
    const sender = await run.freshPage();
    const { link } = await share(sender, 'e2e plaintext hidden quebec 5Ra', { hidden: true });
    const recipient = await run.freshPage();
    await recipient.goto(link);
    await recipient.getByRole('button', { name: 'Reveal secret' }).click();
    const field = recipient.getByLabel('Secret', { exact: true });
    const show = recipient.getByRole('button', { name: 'Show' });
    await show.waitFor();

    expect(await field.inputValue()).toBe('');
    expect(await recipient.content()).not.toContain('e2e plaintext hidden quebec 5Ra');
    expect(await show.getAttribute('aria-pressed')).toBe('false');
    expect(await show.getAttribute('aria-controls')).toBe(await field.getAttribute('id'));

    await show.click();

    expect(await field.inputValue()).toBe('e2e plaintext hidden quebec 5Ra');
    expect(await recipient.getByRole('button', { name: 'Hide' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('shows a secret shared normally at once, with nothing to toggle', async () => {
    const sender = await run.freshPage();
    const { link } = await share(sender, 'e2e plaintext shown romeo 3Tb');
    const recipient = await run.freshPage();
    await recipient.goto(link);
    await recipient.getByRole('button', { name: 'Reveal secret' }).click();
    const field = recipient.getByLabel('Secret', { exact: true });
    await field.waitFor();

    expect(await field.inputValue()).toBe('e2e plaintext shown romeo 3Tb');
    expect(await recipient.getByRole('button', { name: 'Show' }).count()).toBe(0);
  });
});
