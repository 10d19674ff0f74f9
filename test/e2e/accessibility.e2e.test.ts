// axe-core over every state of the page a person can reach: the share form (also at 320 px and with
// its errors, a custom expiry, an opening time and the webhook section open), the result (also with a
// webhook's signing secret), the reveal (passphrase, wrong try, key
// prompt, not open yet, revealed, gone, locked), the receipt (active, opening ahead, confirming a
// revoke, revoked, locked), and a secret request's pages (the request form and its result, the fill
// page and what a fill can meet, the retrieve link waiting and filled, the receipt awaiting and
// confirming a withdraw), and a secret shared with several recipients (the form's list and a label
// refused, the result's links with a QR code open, the receipt's links, one link's revoke confirmed
// and done, and "Revoke all links"). Zero violations, WCAG 2.1 A and AA, in
// English, in German and in Arabic (right to left): the walk finds its way by each language's words.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { createApiClient } from '../../core/api.ts';
import { requestSecret, shareSecret } from '../../core/flows.ts';
import { parseLink } from '../../core/links.ts';
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

    it('has no violation on a secret request’s pages', async () => {
      const found: string[] = [];
      const requester = await freshPage();
      await requester.goto(`${run.url}/request`);
      await requester.getByRole('heading', { name: say('share:request.heading') }).waitFor();
      found.push(...(await violations(requester, `${locale} request form`)));
      const expires = requester.getByLabel(say('share:expiry.label'), { exact: true });
      await expires.selectOption({ label: say('share:expiry.custom') });
      await requester.getByRole('button', { name: say('share:request.submit') }).click();
      await requester.getByRole('alert').waitFor();
      found.push(...(await violations(requester, `${locale} request form, expiry missing`)));
      await expires.selectOption({ label: say('share:expiry.hours', { count: 1 }) });
      await requester.getByRole('button', { name: say('share:request.submit') }).click();
      await requester.getByRole('heading', { name: say('share:request.result.heading') }).waitFor();
      found.push(...(await violations(requester, `${locale} request result`)));
      const fillLink = await requester
        .getByLabel(say('share:request.result.fillLabel'), { exact: true })
        .inputValue();
      const retrieveLink = await requester
        .getByLabel(say('share:request.result.retrieveLabel'))
        .inputValue();
      const manageLink = await requester.getByLabel(say('share:result.manageLabel')).inputValue();

      const page = await freshPage();
      await page.goto(retrieveLink);
      await page.getByRole('heading', { name: say('reveal:request.waitingHeading') }).waitFor();
      found.push(...(await violations(page, `${locale} retrieve, not filled yet`)));
      await page.getByRole('button', { name: say('reveal:request.checkAgain') }).click();
      await page.locator('p[role="status"]:not(:empty)').waitFor();
      found.push(...(await violations(page, `${locale} retrieve, checked again`)));
      await page.goto(manageLink);
      await page.locator('[data-state="awaiting"]').waitFor();
      found.push(...(await violations(page, `${locale} receipt, awaiting`)));
      await page.getByRole('button', { name: say('manage:withdraw.open'), exact: true }).click();
      found.push(...(await violations(page, `${locale} receipt, confirming the withdraw`)));

      const holder = await freshPage();
      await holder.goto(fillLink);
      await holder.getByRole('heading', { name: say('share:fill.heading') }).waitFor();
      found.push(...(await violations(holder, `${locale} fill form`)));
      await holder.getByRole('button', { name: say('share:fill.submit') }).click();
      await holder.getByRole('alert').waitFor();
      found.push(...(await violations(holder, `${locale} fill form, secret missing`)));
      await holder
        .getByLabel(say('share:fill.secretLabel'), { exact: true })
        .fill('e2e plaintext axe request golf 5Nd');
      await holder.getByRole('button', { name: say('share:fill.submit') }).click();
      await holder.getByRole('heading', { name: say('share:fill.sent.heading') }).waitFor();
      found.push(...(await violations(holder, `${locale} fill sent`)));
      await holder.goto(fillLink);
      await holder
        .getByLabel(say('share:fill.secretLabel'), { exact: true })
        .fill('e2e plaintext axe request hotel 7Pe');
      await holder.getByRole('button', { name: say('share:fill.submit') }).click();
      await holder
        .getByRole('heading', { name: say('share:fill.alreadyFilled.heading') })
        .waitFor();
      found.push(...(await violations(holder, `${locale} fill, already filled`)));
      await page.goto(retrieveLink);
      await page.getByRole('heading', { name: say('reveal:request.readyHeading') }).waitFor();
      found.push(...(await violations(page, `${locale} retrieve, filled`)));

      // A withdrawn request's fill link, and one without its key.
      const api = createApiClient(`${run.url}/api`);
      const withdrawn = await requestSecret(api, { pageOrigin: run.url, ttlSeconds: 3600 });
      const manage = parseLink(withdrawn.manageLink);
      await api.revoke(manage.id, manage.credential);
      await holder.goto(withdrawn.fillLink);
      await holder
        .getByLabel(say('share:fill.secretLabel'), { exact: true })
        .fill('e2e plaintext axe request india 3Rf');
      await holder.getByRole('button', { name: say('share:fill.submit') }).click();
      await holder.getByRole('heading', { name: say('share:fill.gone.heading') }).waitFor();
      found.push(...(await violations(holder, `${locale} fill, request not open`)));
      await holder.goto(`${run.url}/f/${manage.id}`);
      await holder.getByRole('heading', { name: say('share:fill.incomplete.heading') }).waitFor();
      found.push(...(await violations(holder, `${locale} fill, incomplete link`)));
      expect(found).toEqual([]);
    });

    it('has no violation with several recipients', async () => {
      const found: string[] = [];
      const page = await freshPage();
      await page.goto(`${run.url}/`);
      await page
        .getByLabel(say('share:form.secretLabel'), { exact: true })
        .fill('e2e plaintext axe recipients kilo 4Wq');
      const add = page.getByRole('button', { name: say('share:recipients.add') });
      await add.click();
      await add.click();
      await page.locator('#recipient-0').fill('e2e axe label lima');
      found.push(...(await violations(page, `${locale} share form, recipients listed`)));
      await page.locator('#recipient-1').fill('x'.repeat(101));
      await page.getByRole('button', { name: say('share:form.submit') }).click();
      await page.locator('#recipient-1-error').waitFor();
      found.push(...(await violations(page, `${locale} share form, label too long`)));
      await page.locator('#recipient-1').fill('');
      await page.getByRole('button', { name: say('share:form.submit') }).click();
      await page.getByRole('heading', { name: say('share:result.headingSeveral') }).waitFor();
      await page
        .locator('li[data-recipient="1"]')
        .getByRole('button', { name: say('share:result.qrToggle') })
        .click();
      found.push(...(await violations(page, `${locale} share result, several links`)));
      const link = await page.locator('#link-0').inputValue();
      const manageLink = await page.getByLabel(say('share:result.manageLabel')).inputValue();

      const reader = await freshPage();
      await reader.goto(link);
      await reader.getByRole('button', { name: say('reveal:ready.revealSecret') }).click();
      await reader.getByLabel(say('reveal:revealed.secretLabel'), { exact: true }).waitFor();
      found.push(...(await violations(reader, `${locale} revealed, one recipient’s link`)));

      await page.goto(manageLink);
      await page.locator('li[data-recipient="2"]').waitFor();
      found.push(...(await violations(page, `${locale} receipt, several links`)));
      const second = page.locator('li[data-recipient="1"]');
      await second.getByRole('button', { name: say('manage:links.revokeOpen') }).click();
      found.push(...(await violations(page, `${locale} receipt, confirming one link’s revoke`)));
      await page.getByRole('button', { name: say('manage:links.revokeConfirm') }).click();
      await second.locator('[data-state="revoked"]').waitFor();
      found.push(...(await violations(page, `${locale} receipt, one link revoked`)));
      await page.getByRole('button', { name: say('manage:revokeAll.open'), exact: true }).click();
      found.push(...(await violations(page, `${locale} receipt, confirming revoke all links`)));
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
