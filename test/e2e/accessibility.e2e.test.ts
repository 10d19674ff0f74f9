// axe-core over every state of the page a person can reach: the share form (also at 320 px and with
// its errors, a custom expiry, an opening time and the webhook section open), the result (also with a
// webhook's signing secret), the reveal (passphrase, wrong try, key
// prompt, not open yet, revealed, gone, locked) and the receipt (active, opening ahead, confirming a
// revoke, revoked, locked). Zero violations, WCAG 2.1 A and AA, in
// English, in German and in Arabic (right to left): the walk finds its way by each language's words.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { createApiClient } from '../../core/api.ts';
import { shareSecret } from '../../core/flows.ts';
import type { Locale } from '../../web/src/i18n/locales.ts';
import { translator } from './catalogs.ts';
import { browserRun } from './harness.ts';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

const run = browserRun();

// axe is injected through the DevTools protocol; the page's Trusted Types would refuse the strings
// its own checks write, so only this test's contexts set the CSP aside (the page itself is tested
// under it everywhere else).
const BROWSER_LOCALE: Record<'en' | 'de' | 'ar', string> = { en: 'en-US', de: 'de-DE', ar: 'ar' };

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

describe.each(['en', 'de', 'ar'] as const)(
  'every state of the page under axe-core in %s',
  (locale) => {
    const say = translator(locale as Locale);
    const freshPage = (viewport = { width: 1280, height: 900 }): Promise<Page> =>
      run.freshPage({ viewport, bypassCSP: true, locale: BROWSER_LOCALE[locale] });

    async function share(
      page: Page,
      secret: string,
      options: { passphrase?: string; reads?: number } = {},
    ) {
      await page.goto(`${run.url}/`);
      await page.getByLabel(say('share:form.secretLabel'), { exact: true }).fill(secret);
      if (options.reads !== undefined) await page.locator('#reads').fill(String(options.reads));
      if (options.passphrase !== undefined)
        await page.locator('#passphrase').fill(options.passphrase);
      await page.getByRole('button', { name: say('share:form.submit') }).click();
      return {
        link: await page.getByLabel(say('share:result.linkLabel'), { exact: true }).inputValue(),
        manageLink: await page.getByLabel(say('share:result.manageLabel')).inputValue(),
      };
    }

    it('has no violation on the share side', async () => {
      const found: string[] = [];
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 320, height: 640 },
      ]) {
        const page = await freshPage(viewport);
        const at = `${locale} ${viewport.width} px`;
        await page.goto(`${run.url}/`);
        await page.getByRole('heading', { name: say('share:form.heading') }).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
        found.push(...(await violations(page, `${at} share form`)));
        await page.getByRole('button', { name: say('share:form.submit') }).click();
        await page.getByRole('alert').waitFor();
        found.push(...(await violations(page, `${at} share form, secret missing`)));
        const expires = page.getByLabel(say('share:expiry.label'), { exact: true });
        await expires.selectOption({ label: say('share:expiry.custom') });
        found.push(...(await violations(page, `${at} share form, custom expiry`)));
        await expires.selectOption({ label: say('share:expiry.hours', { count: 1 }) });
        await page
          .getByLabel(say('share:form.secretLabel'), { exact: true })
          .fill('e2e plaintext axe victor 2Lm');
        const opens = page.getByLabel(say('share:opens.label'), { exact: true });
        await opens.selectOption({ label: say('share:opens.custom') });
        await page.locator('#opens-at').fill('2020-01-02T03:04');
        await page.getByRole('button', { name: say('share:form.submit') }).click();
        await page
          .getByRole('alert')
          .filter({ hasText: say('share:problems.opensPast') })
          .waitFor();
        found.push(...(await violations(page, `${at} share form, opening time refused`)));
        await opens.selectOption({ label: say('share:opens.now') });
        await page.getByLabel(say('share:webhook.label')).check();
        found.push(...(await violations(page, `${at} share form, webhook open`)));
        const hook = page.getByLabel(say('share:webhook.urlLabel'));
        await hook.fill('ftp://x');
        await page.getByRole('button', { name: say('share:form.submit') }).click();
        await page
          .getByRole('alert')
          .filter({ hasText: say('share:problems.webhookNotHttps') })
          .waitFor();
        found.push(...(await violations(page, `${at} share form, webhook URL refused`)));
        // Refused by the server (not a public address): its English words inside the language's.
        await hook.fill('https://10.0.0.1/hook');
        await page.getByRole('button', { name: say('share:form.submit') }).click();
        await page.locator('#webhook-error bdi').waitFor();
        found.push(...(await violations(page, `${at} share form, webhook refused by the server`)));
        // A public address, which the stack takes without resolving a name; the link is never read,
        // so nothing is ever sent to it.
        await hook.fill('https://1.1.1.1/e2e-axe-hook');
        await page.getByRole('button', { name: say('share:form.submit') }).click();
        await page.getByLabel(say('share:result.webhookSecretLabel')).waitFor();
        found.push(...(await violations(page, `${at} share result, webhook signing secret`)));
        await share(page, 'e2e plaintext axe victor 2Lm');
        found.push(...(await violations(page, `${at} share result`)));
        await page.getByLabel(say('share:result.apartLabel')).check();
        found.push(...(await violations(page, `${at} share result, key apart`)));
      }
      expect(found).toEqual([]);
    });

    it('has no violation on the recipient’s and the sender’s pages', async () => {
      const found: string[] = [];
      const sender = await freshPage();
      const passphrase = 'e2e passphrase axe whiskey 5Tr';
      const shared = await share(sender, 'e2e plaintext axe xray 8Qw', { passphrase, reads: 2 });
      const reveal = say('reveal:ready.revealSecret');

      const page = await freshPage();
      await page.goto(shared.link);
      await page.getByRole('button', { name: reveal }).waitFor();
      found.push(...(await violations(page, `${locale} reveal, passphrase asked`)));
      await page.getByLabel(say('reveal:ready.passphraseLabel')).fill('e2e wrong guess');
      await page.getByRole('button', { name: reveal }).click();
      await page.getByRole('alert').waitFor();
      found.push(...(await violations(page, `${locale} reveal, wrong passphrase`)));
      await page.getByLabel(say('reveal:ready.passphraseLabel')).fill(passphrase);
      await page.getByRole('button', { name: reveal }).click();
      await page.getByLabel(say('reveal:revealed.secretLabel'), { exact: true }).waitFor();
      found.push(...(await violations(page, `${locale} revealed`)));
      await page.reload();
      await page.getByRole('heading', { name: say('reveal:keyPrompt.heading') }).waitFor();
      found.push(...(await violations(page, `${locale} key prompt`)));
      await page.getByRole('button', { name: say('reveal:keyPrompt.continue') }).click();
      await page.getByRole('alert').waitFor();
      found.push(...(await violations(page, `${locale} key prompt, nothing pasted`)));

      await page.goto(shared.manageLink);
      await page.getByRole('heading', { name: say('manage:heading') }).waitFor();
      found.push(...(await violations(page, `${locale} receipt, active`)));
      await page.getByRole('button', { name: say('manage:revoke.open'), exact: true }).click();
      found.push(...(await violations(page, `${locale} receipt, confirming the revoke`)));
      await page.getByRole('button', { name: say('manage:revoke.confirm') }).click();
      await page.locator('[data-state="revoked"]').waitFor();
      found.push(...(await violations(page, `${locale} receipt, revoked`)));
      await page.goto(shared.link);
      await page.getByRole('heading', { name: say('gone.heading') }).waitFor();
      found.push(...(await violations(page, `${locale} gone`)));

      // A recipient's "Destroy it now": its confirmation, what it did, and the receipt's destroyed state.
      const destroyable = await share(sender, 'e2e plaintext axe zulu 6Kb', { reads: 2 });
      await page.goto(destroyable.link);
      await page.getByRole('button', { name: reveal }).click();
      await page.getByRole('button', { name: say('reveal:destroy.open') }).click();
      found.push(...(await violations(page, `${locale} revealed, confirming the destroy`)));
      await page.getByRole('button', { name: say('reveal:destroy.confirm') }).click();
      await page
        .getByRole('status')
        .filter({ hasText: say('reveal:destroy.secret.done') })
        .waitFor();
      found.push(...(await violations(page, `${locale} revealed, destroyed by the recipient`)));
      await page.goto(destroyable.manageLink);
      await page.locator('[data-state="destroyed"]').waitFor();
      found.push(...(await violations(page, `${locale} receipt, destroyed`)));

      // A secret shared hidden: revealed masked, with its Show toggle.
      await sender.goto(`${run.url}/`);
      await sender
        .getByLabel(say('share:form.secretLabel'), { exact: true })
        .fill('e2e plaintext axe alfa 9Hd');
      await sender.getByLabel(say('share:form.hiddenLabel')).check();
      found.push(...(await violations(sender, `${locale} share, hidden chosen`)));
      await sender.getByRole('button', { name: say('share:form.submit') }).click();
      const hiddenLink = await sender
        .getByLabel(say('share:result.linkLabel'), { exact: true })
        .inputValue();
      await page.goto(hiddenLink);
      await page.getByRole('button', { name: reveal }).click();
      await page.getByRole('button', { name: say('passphrase.show') }).waitFor();
      found.push(...(await violations(page, `${locale} revealed, hidden until shown`)));

      // Five wrong passphrases: the reveal's locked view and the receipt's locked state.
      const locked = await share(sender, 'e2e plaintext axe yankee 1Zx', { passphrase });
      await page.goto(locked.link);
      for (let i = 0; i < 5; i += 1) {
        await page.getByLabel(say('reveal:ready.passphraseLabel')).fill(`e2e wrong guess ${i}`);
        await page.getByRole('button', { name: reveal }).click();
        const left = 4 - i;
        if (left > 0) {
          const warning =
            left === 1
              ? say('reveal:ready.errors.lastTry')
              : say('reveal:ready.errors.triesLeft', { count: left });
          await page.getByRole('alert').filter({ hasText: warning }).waitFor();
        }
      }
      await page.getByRole('heading', { name: say('reveal:locked.heading') }).waitFor();
      found.push(...(await violations(page, `${locale} reveal, locked`)));
      await page.goto(locked.manageLink);
      await page.locator('[data-state="locked"]').waitFor();
      found.push(...(await violations(page, `${locale} receipt, locked`)));

      // A secret that opens later: the reveal's countdown, and the receipt saying when it opens.
      const later = await shareSecret(createApiClient(`${run.url}/api`), {
        secret: 'e2e plaintext axe bravo 3Gp',
        pageOrigin: run.url,
        ttlSeconds: 3600,
        notBefore: new Date(Date.now() + 30 * 60_000),
      });
      await page.goto(later.link);
      await page.getByRole('timer').waitFor();
      await page.getByRole('heading', { name: say('reveal:waiting.headingSecret') }).waitFor();
      found.push(...(await violations(page, `${locale} reveal, not open yet`)));
      await page.goto(later.manageLink);
      await page.locator('[data-not-before]').waitFor();
      found.push(...(await violations(page, `${locale} receipt, opening ahead`)));

      // A secret path with no valid id: the page's own "Page not found".
      await page.goto(`${run.url}/s/not-an-id`);
      await page.getByRole('heading', { name: say('notFound.heading') }).waitFor();
      found.push(...(await violations(page, `${locale} not found`)));
      expect(found).toEqual([]);
    });
  },
);
