// The page in its eleven languages: chosen from the browser, switched in place without losing what
// was typed, remembered as a locale code and nothing else, each fetched only when chosen; counted
// with each language's plural rules and dated its way through Intl; and laid out right to left in
// Arabic (a screenshot read pixel by pixel, at 1280 and 320 px).
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { LOCALE_NAMES, type Locale } from '../../web/src/i18n/locales.ts';
import { translator } from './catalogs.ts';
import { browserRun, expectNothingLeaked } from './harness.ts';

const run = browserRun();

/** Which languages' catalogs the page fetched so far (`/assets/locale-<locale>-<namespace>-….js`). */
function catalogsFetched(page: Page): () => string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const match = /\/assets\/locale-(.+?)-(common|share|reveal|manage)-/.exec(request.url());
    if (match) seen.push(`${match[1]}/${match[2]}`);
  });
  return () => [...seen].sort();
}

const documentLanguage = (page: Page) =>
  page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
  }));

describe('the page’s language', () => {
  it('follows the browser, fetching only that language’s catalogs, and English none', async () => {
    const german = await run.freshPage({ locale: 'de-DE' });
    const germanCatalogs = catalogsFetched(german);
    const de = translator('de');
    await german.goto(`${run.url}/`);
    await german.getByRole('heading', { level: 1, name: de('share:form.heading') }).waitFor();
    expect(await documentLanguage(german)).toEqual({ lang: 'de', dir: 'ltr' });
    expect(await german.locator('#language').inputValue()).toBe('de');
    expect(germanCatalogs()).toEqual(['de/common', 'de/manage', 'de/reveal', 'de/share']);
    expect(await german.title()).toBe(`${de('share:form.heading')} · SecretSentry`);

    // A Portuguese browser in Portugal gets Brazilian Portuguese; one in Taiwan does not get
    // Simplified Chinese but its next preference.
    const portuguese = await run.freshPage({ locale: 'pt-PT' });
    await portuguese.goto(`${run.url}/`);
    await portuguese
      .getByRole('heading', { level: 1, name: translator('pt-BR')('share:form.heading') })
      .waitFor();

    const english = await run.freshPage({ locale: 'en-US' });
    const englishCatalogs = catalogsFetched(english);
    await english.goto(`${run.url}/`);
    await english.getByRole('heading', { level: 1, name: 'Share a secret' }).waitFor();
    expect(await documentLanguage(english)).toEqual({ lang: 'en', dir: 'ltr' });
    expect(englishCatalogs()).toEqual([]);
  });

  it('switches in place, keeping what was typed, and remembers the language and nothing else', async () => {
    const page = await run.freshPage({ locale: 'en-US' });
    const fetched = catalogsFetched(page);
    const secret = 'e2e plaintext language kilo 4Jp';
    run.recorder.remember(secret);
    await page.goto(`${run.url}/`);
    await page.getByLabel('Secret', { exact: true }).fill(secret);
    // A marker on the window: a reload or navigation would drop it.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    await page.getByLabel('Language').selectOption({ label: LOCALE_NAMES.ar });
    const ar = translator('ar');
    await page.getByRole('heading', { level: 1, name: ar('share:form.heading') }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(await page.getByLabel(ar('share:form.secretLabel'), { exact: true }).inputValue()).toBe(
      secret,
    );
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
      true,
    );
    expect(fetched()).toEqual(['ar/common', 'ar/manage', 'ar/reveal', 'ar/share']);

    const kept = await page.evaluate(() => ({
      local: Object.entries({ ...localStorage }),
      session: sessionStorage.length,
      cookies: document.cookie,
    }));
    expect(kept).toEqual({ local: [['secretsentry.language', 'ar']], session: 0, cookies: '' });

    // The choice outlives the tab and outranks the browser's preference, in this profile only.
    const again = await page.context().newPage();
    await again.goto(`${run.url}/`);
    await again.getByRole('heading', { level: 1, name: ar('share:form.heading') }).waitFor();

    // And back: the secret still there, every word English again.
    await page.locator('#language').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Share a secret' }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' });
    expect(await page.getByLabel('Secret', { exact: true }).inputValue()).toBe(secret);
    await expectNothingLeaked(run.recorder);
  });

  it.each([
    ['pl', [5, 4, 1, 3]],
    ['ar', [2, 3, 11, 1]],
  ] as [Locale, number[]][])('counts in %s by its own plural rules', async (locale, counts) => {
    const say = translator(locale);
    // The counts pick distinct forms (Polish 4 and 5, Arabic 2, 3 and 11), so English rules would show.
    expect(new Set(counts.map((count) => say('share:expiry.days', { count }))).size).toBe(
      counts.length,
    );
    const page = await run.freshPage({ locale });
    await page.goto(`${run.url}/`);
    // allTextContents does not wait: the page renders once its language's catalogs have loaded.
    const expiry = page.getByLabel(say('share:expiry.label'));
    await expiry.waitFor();
    const options = await expiry.locator('option').allTextContents();
    expect(options).toEqual(
      expect.arrayContaining([
        say('share:expiry.minutes', { count: 5 }),
        say('share:expiry.hours', { count: 1 }),
        say('share:expiry.hours', { count: 4 }),
        say('share:expiry.days', { count: 1 }),
        say('share:expiry.days', { count: 3 }),
      ]),
    );
  });

  it('writes dates and reads the way the language does', async () => {
    const de = translator('de');
    const page = await run.freshPage({ locale: 'de-DE' });
    await page.goto(`${run.url}/`);
    await page
      .getByLabel(de('share:form.secretLabel'), { exact: true })
      .fill('e2e plaintext de lima 3Vn');
    await page.getByLabel(de('share:form.readsLabel'), { exact: true }).fill('3');
    await page.getByRole('button', { name: de('share:form.submit') }).click();
    await page.getByRole('heading', { level: 1, name: de('share:result.heading') }).waitFor();
    await expect(
      page
        .getByText(de('share:result.canBeRead', { times: de('count.times', { count: 3 }) }), {
          exact: true,
        })
        .count(),
    ).resolves.toBe(1);
    // Every date on the result is the browser's German medium date and short time of its instant.
    const dates = await page.locator('time[datetime]').evaluateAll((times) =>
      times.map((time) => ({
        shown: time.textContent,
        german: new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' }).format(
          new Date(time.getAttribute('datetime') ?? ''),
        ),
      })),
    );
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(date.shown).toBe(date.german);
  });
});

/** Where the pixels of the brand's logo are in a screenshot, as fractions of its width. */
async function logoSpan(page: Page): Promise<{ from: number; to: number }> {
  const shot = await page.screenshot();
  const color = await page
    .locator('.logo-bg')
    .first()
    .evaluate((element) => getComputedStyle(element).fill);
  // Decoded in a blank page of the same browser: the PNG's pixels, not the DOM's idea of them.
  const blank = await page.context().newPage();
  const span = await blank.evaluate(
    async ({ png, color }) => {
      const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(bitmap, 0, 0);
      const [r, g, b] = (color.match(/\d+/g) ?? []).map(Number);
      // The header: the top 90 px.
      const { data, width } = context.getImageData(0, 0, bitmap.width, 90);
      let from = width;
      let to = -1;
      for (let i = 0; i < data.length; i += 4) {
        const near =
          Math.abs((data[i] ?? 0) - (r ?? 0)) < 8 &&
          Math.abs((data[i + 1] ?? 0) - (g ?? 0)) < 8 &&
          Math.abs((data[i + 2] ?? 0) - (b ?? 0)) < 8;
        if (!near) continue;
        const x = (i / 4) % width;
        from = Math.min(from, x);
        to = Math.max(to, x);
      }
      return { from: from / width, to: to / width, found: to >= 0 };
    },
    { png: shot.toString('base64'), color },
  );
  await blank.close();
  expect(span.found).toBe(true);
  return { from: span.from, to: span.to };
}

describe('right to left', () => {
  it.each([
    { width: 1280, height: 900 },
    { width: 320, height: 640 },
  ])('mirrors the page in Arabic at $width px, with nothing off the edge', async (viewport) => {
    const ar = translator('ar');
    const english = await run.freshPage({ locale: 'en-US', viewport });
    await english.goto(`${run.url}/`);
    await english.getByRole('heading', { level: 1, name: 'Share a secret' }).waitFor();
    const arabic = await run.freshPage({ locale: 'ar', viewport });
    await arabic.goto(`${run.url}/`);
    await arabic.getByRole('heading', { level: 1, name: ar('share:form.heading') }).waitFor();

    // The logo sits at the start of the header: the left in English, the right in Arabic, as far
    // from its edge in both.
    const left = await logoSpan(english);
    const right = await logoSpan(arabic);
    expect(left.to).toBeLessThan(0.5);
    expect(right.from).toBeGreaterThan(0.5);
    expect(Math.abs(left.from - (1 - right.to))).toBeLessThan(0.02);

    // Text starts at the right: the heading and each label end at their box's right edge.
    const layout = await arabic.evaluate(() => {
      const box = (element: Element | null) => element?.getBoundingClientRect();
      const heading = box(document.querySelector('h1'));
      const card = box(document.querySelector('h1')?.closest('section') ?? null);
      return {
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        headingStart: heading && card ? card.right - heading.right : null,
        labels: [...document.querySelectorAll('label')].map((l) => getComputedStyle(l).direction),
      };
    });
    expect(layout.overflow).toBeLessThanOrEqual(0);
    expect(new Set(layout.labels)).toEqual(new Set(['rtl']));
    expect(layout.headingStart).not.toBeNull();
    expect(layout.headingStart as number).toBeLessThan(40);
  });

  it('keeps links, keys and sizes left to right inside Arabic, and a secret in its own direction', async () => {
    const ar = translator('ar');
    const page = await run.freshPage({ locale: 'ar' });
    await page.goto(`${run.url}/`);
    const secret = page.getByLabel(ar('share:form.secretLabel'), { exact: true });
    const direction = (selector: string) =>
      page.locator(selector).evaluate((element) => getComputedStyle(element).direction);
    await secret.fill('e2e plaintext ar mike 7Gd');
    expect(await direction('#secret')).toBe('ltr');
    await secret.fill('كلمة سر e2e');
    expect(await direction('#secret')).toBe('rtl');
    // "700.0 KiB" isolated as one left-to-right run, so it does not show as "KiB 700.0".
    expect(await page.locator('#secret-size').textContent()).toMatch(/\u2066[\d.,]+ KiB\u2069/);
    await page.getByRole('button', { name: ar('share:form.submit') }).click();
    await page.getByRole('heading', { level: 1, name: ar('share:result.heading') }).waitFor();
    expect(await direction('#link')).toBe('ltr');
    expect(await direction('#manage-link')).toBe('ltr');
  });
});
