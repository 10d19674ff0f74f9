// axe-core over every state of the page a person can reach: the share form (also at 320 px and with
// its errors), the result, the reveal (passphrase, wrong try, key prompt, revealed, gone, locked) and
// the receipt (active, confirming a revoke, revoked, locked). Zero violations, WCAG 2.1 A and AA.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { browserRun } from './harness.ts';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

const run = browserRun();

// axe is injected through the DevTools protocol; the page's Trusted Types would refuse the strings
// its own checks write, so only this test's contexts set the CSP aside (the page itself is tested
// under it everywhere else).
const freshPage = (viewport = { width: 1280, height: 900 }): Promise<Page> =>
  run.freshPage({ viewport, bypassCSP: true });

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe's violations on the page as it is now, each as "rule: selectors", to read in a failure. */
async function violations(page: Page, state: string): Promise<string[]> {
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: Violation[] }> } }
    ).axe;
    const result = await axe.run({
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return result.violations;
  });
  return found.map(
    (v) =>
      `${state}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

async function share(
  page: Page,
  secret: string,
  options: { passphrase?: string; reads?: number } = {},
) {
  await page.goto(`${run.url}/`);
  await page.getByLabel('Secret', { exact: true }).fill(secret);
  if (options.reads !== undefined) await page.getByLabel('Reads').fill(String(options.reads));
  if (options.passphrase !== undefined)
    await page.getByLabel('Passphrase').fill(options.passphrase);
  await page.getByRole('button', { name: 'Create link' }).click();
  return {
    link: await page.getByLabel('Link', { exact: true }).inputValue(),
    manageLink: await page.getByLabel('Manage link').inputValue(),
  };
}

describe('every state of the page under axe-core', () => {
  it('has no violation on the share side', async () => {
    const found: string[] = [];
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 320, height: 640 },
    ]) {
      const page = await freshPage(viewport);
      const at = `${viewport.width} px`;
      await page.goto(`${run.url}/`);
      await page.getByRole('heading', { name: 'Share a secret' }).waitFor();
      found.push(...(await violations(page, `${at} share form`)));
      await page.getByRole('button', { name: 'Create link' }).click();
      await page.getByRole('alert').waitFor();
      found.push(...(await violations(page, `${at} share form, secret missing`)));
      await page.getByLabel('Expires').selectOption({ label: 'A date and time…' });
      found.push(...(await violations(page, `${at} share form, custom expiry`)));
      await page.getByLabel('Expires').selectOption({ label: '1 hour' });
      await share(page, 'e2e plaintext axe victor 2Lm');
      found.push(...(await violations(page, `${at} share result`)));
      await page.getByLabel('Send the key apart from the link').check();
      found.push(...(await violations(page, `${at} share result, key apart`)));
    }
    expect(found).toEqual([]);
  });

  it('has no violation on the recipient’s and the sender’s pages', async () => {
    const found: string[] = [];
    const sender = await freshPage();
    const passphrase = 'e2e passphrase axe whiskey 5Tr';
    const shared = await share(sender, 'e2e plaintext axe xray 8Qw', { passphrase, reads: 2 });

    const page = await freshPage();
    await page.goto(shared.link);
    await page.getByRole('button', { name: 'Reveal secret' }).waitFor();
    found.push(...(await violations(page, 'reveal, passphrase asked')));
    await page.getByLabel('Passphrase').fill('e2e wrong guess');
    await page.getByRole('button', { name: 'Reveal secret' }).click();
    await page.getByRole('alert').waitFor();
    found.push(...(await violations(page, 'reveal, wrong passphrase')));
    await page.getByLabel('Passphrase').fill(passphrase);
    await page.getByRole('button', { name: 'Reveal secret' }).click();
    await page.getByLabel('Secret', { exact: true }).waitFor();
    found.push(...(await violations(page, 'revealed')));
    await page.reload();
    await page.getByRole('heading', { name: 'Enter the key to open this secret' }).waitFor();
    found.push(...(await violations(page, 'key prompt')));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').waitFor();
    found.push(...(await violations(page, 'key prompt, nothing pasted')));

    await page.goto(shared.manageLink);
    await page.getByRole('heading', { name: 'Secret receipt' }).waitFor();
    found.push(...(await violations(page, 'receipt, active')));
    await page.getByRole('button', { name: 'Revoke', exact: true }).click();
    found.push(...(await violations(page, 'receipt, confirming the revoke')));
    await page.getByRole('button', { name: 'Yes, revoke it' }).click();
    await page.locator('[data-state="revoked"]').waitFor();
    found.push(...(await violations(page, 'receipt, revoked')));
    await page.goto(shared.link);
    await page.getByRole('heading', { name: 'This secret is no longer available' }).waitFor();
    found.push(...(await violations(page, 'gone')));

    // A recipient's "Destroy it now": its confirmation, what it did, and the receipt's destroyed state.
    const destroyable = await share(sender, 'e2e plaintext axe zulu 6Kb', { reads: 2 });
    await page.goto(destroyable.link);
    await page.getByRole('button', { name: 'Reveal secret' }).click();
    await page.getByRole('button', { name: 'Destroy it now' }).click();
    found.push(...(await violations(page, 'revealed, confirming the destroy')));
    await page.getByRole('button', { name: 'Yes, destroy it' }).click();
    await page.getByRole('status').filter({ hasText: 'is now destroyed' }).waitFor();
    found.push(...(await violations(page, 'revealed, destroyed by the recipient')));
    await page.goto(destroyable.manageLink);
    await page.locator('[data-state="destroyed"]').waitFor();
    found.push(...(await violations(page, 'receipt, destroyed')));

    // A secret shared hidden: revealed masked, with its Show toggle.
    await sender.goto(`${run.url}/`);
    await sender.getByLabel('Secret', { exact: true }).fill('e2e plaintext axe alfa 9Hd');
    await sender.getByLabel('Hide the secret until the recipient').check();
    found.push(...(await violations(sender, 'share, hidden chosen')));
    await sender.getByRole('button', { name: 'Create link' }).click();
    const hiddenLink = await sender.getByLabel('Link', { exact: true }).inputValue();
    await page.goto(hiddenLink);
    await page.getByRole('button', { name: 'Reveal secret' }).click();
    await page.getByRole('button', { name: 'Show' }).waitFor();
    found.push(...(await violations(page, 'revealed, hidden until shown')));

    // Five wrong passphrases: the reveal's locked view and the receipt's locked state.
    const locked = await share(sender, 'e2e plaintext axe yankee 1Zx', { passphrase });
    await page.goto(locked.link);
    for (let i = 0; i < 5; i += 1) {
      await page.getByLabel('Passphrase').fill(`e2e wrong guess ${i}`);
      await page.getByRole('button', { name: 'Reveal secret' }).click();
      if (i < 4) await page.getByRole('alert').filter({ hasText: 'left' }).waitFor();
    }
    await page.getByRole('heading', { name: 'This secret is now destroyed' }).waitFor();
    found.push(...(await violations(page, 'reveal, locked')));
    await page.goto(locked.manageLink);
    await page.locator('[data-state="locked"]').waitFor();
    found.push(...(await violations(page, 'receipt, locked')));

    // A secret path with no valid id: the page's own "Page not found".
    await page.goto(`${run.url}/s/not-an-id`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    found.push(...(await violations(page, 'not found')));
    expect(found).toEqual([]);
  });
});
