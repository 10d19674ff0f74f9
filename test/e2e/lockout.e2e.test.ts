// Wrong passphrases in real Chromium against the real local stack: the reveal page counts the tries
// down with focus back on the passphrase, says at once that the fifth destroyed the secret, and the
// manage page shows the guessing instead of "nobody has read it".
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { createApiClient } from '../../core/api.ts';
import { shareSecret, type SharedSecret } from '../../core/flows.ts';
import { browserRun, expectNothingLeaked } from './harness.ts';

const run = browserRun();
/** Every K, passphrase and plaintext of the run must never leave the browser. */
const { recorder } = run;

/** Shared with the flow the share page runs (core/flows.ts), so the test needs no share form. */
async function share(secret: string, passphrase: string, maxReads = 1): Promise<SharedSecret> {
  const shared = await shareSecret(createApiClient(`${run.url}/api`), {
    secret,
    passphrase,
    pageOrigin: run.url,
    maxReads,
    ttlSeconds: 3600,
  });
  recorder.remember(secret, passphrase, shared.key);
  return shared;
}

const freshPage = (): Promise<Page> => run.freshPage();

/** Types a passphrase and submits it; the caller waits for the page's answer. */
async function tryPassphrase(page: Page, passphrase: string): Promise<void> {
  recorder.remember(passphrase);
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Reveal secret' }).click();
}

/** Where focus is (the active element's id, else its tag) once the page has settled after an answer. */
async function focusSettlesOnPassphrase(page: Page): Promise<string | undefined> {
  // Focus may land a moment after the alert (the field is enabled again first); wait for it, briefly.
  await page
    .waitForFunction(() => document.activeElement?.id === 'passphrase', undefined, {
      timeout: 3000,
    })
    .catch(() => undefined);
  return page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
}

describe('wrong passphrases in Chromium', () => {
  it('counts the tries down with focus on the passphrase, says the fifth destroyed it, and the receipt says so', async () => {
    const shared = await share('e2e plaintext lockout echo 3Rt', 'e2e passphrase lockout 8Vb');
    const page = await freshPage();
    await page.goto(shared.link);
    const field = page.getByLabel('Passphrase');
    const countdown = [
      'That passphrase is not right. 4 tries left.',
      'That passphrase is not right. 3 tries left.',
      'That passphrase is not right. 2 tries left.',
      'That passphrase is not right. 1 try left: one more wrong passphrase destroys the secret.',
    ];

    for (const [i, text] of countdown.entries()) {
      await tryPassphrase(page, `e2e wrong guess ${i} Qz`);
      const alert = page.getByRole('alert');
      await alert.filter({ hasText: text }).waitFor();
      expect(await alert.innerText()).toBe(text);
      expect(await focusSettlesOnPassphrase(page)).toBe('passphrase');
      // The wrong guess is selected, so the next one replaces it; the field names its problem.
      expect(
        await field.evaluate(
          (input: HTMLInputElement) =>
            input.selectionStart === 0 && input.selectionEnd === input.value.length,
        ),
      ).toBe(true);
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await field.getAttribute('aria-describedby')).toContain('passphrase-problem');
    }

    await tryPassphrase(page, 'e2e wrong guess 4 Qz');
    await page.getByRole('heading', { name: 'This secret is now destroyed' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(
      /After 5 wrong passphrases in a row the secret is destroyed: nobody can read it now\./,
    );
    // A final state: nothing left to try.
    expect(await page.getByLabel('Passphrase').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Reveal secret' }).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('locked-heading');

    const manage = await freshPage();
    await manage.goto(shared.manageLink);
    await manage.getByText('Nobody read it before it was destroyed.').waitFor();
    expect(await manage.locator('[data-state]').getAttribute('data-state')).toBe('locked');
    expect(await manage.locator('[data-state]').innerText()).toBe(
      'Destroyed after 5 wrong passphrases',
    );
    expect(await manage.locator('[data-failed-attempts]').innerText()).toBe(
      '5 wrong passphrases were tried',
    );
    expect(await manage.getByText('Someone with the link tried 5 wrong passphrases').count()).toBe(
      1,
    );
    expect(await manage.getByText(/Nobody has read it yet|Read and destroyed/).count()).toBe(0);
    expect(await manage.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
    await expectNothingLeaked(recorder);
  });

  it('keeps showing the sender wrong passphrases after a right one read the secret', async () => {
    const passphrase = 'e2e passphrase lockout foxtrot 2Hn';
    const shared = await share('e2e plaintext lockout golf 6Ws', passphrase, 2);
    const recipient = await freshPage();
    await recipient.goto(shared.link);

    await tryPassphrase(recipient, 'e2e wrong guess hotel Qz');
    await recipient.getByRole('alert').filter({ hasText: '4 tries left.' }).waitFor();
    const manage = await freshPage();
    await manage.goto(shared.manageLink);
    await manage
      .getByText('Nobody has read it yet, but 1 wrong passphrase was tried.', { exact: true })
      .waitFor();

    await tryPassphrase(recipient, 'e2e wrong guess india Qz');
    await recipient.getByRole('alert').filter({ hasText: '3 tries left.' }).waitFor();
    await tryPassphrase(recipient, passphrase);
    await recipient.getByText('This secret is not destroyed yet.').waitFor();

    await manage.reload();
    await manage.getByRole('list', { name: 'Read history' }).waitFor();
    expect(await manage.locator('[data-state]').getAttribute('data-state')).toBe('active');
    expect(await manage.locator('[data-failed-attempts]').innerText()).toBe(
      '2 wrong passphrases were tried',
    );
    await expectNothingLeaked(recorder);
  });
});
