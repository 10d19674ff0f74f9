// Which language a visitor gets: the switcher's choice, else the browser's preferences matched by
// language and script, else English.
import { describe, expect, it } from '@jest/globals';
import { directionOf, LOCALES, pickLocale } from '../../web/src/i18n/locales.ts';

describe('pickLocale', () => {
  it.each([
    [['de-DE', 'en'], 'de'],
    [['fr-CA'], 'fr'],
    [['pt-BR'], 'pt-BR'],
    [['pt-PT'], 'pt-BR'],
    [['pt'], 'pt-BR'],
    [['zh-CN'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['zh-SG'], 'zh-CN'],
    [['zh-Hans-HK'], 'zh-CN'],
    [['ar-EG'], 'ar'],
    [['nl-BE'], 'nl'],
    [['EN-gb'], 'en'],
    [['es-419'], 'es'],
    [['pl', 'de'], 'pl'],
  ])('gives %j the page in %s', (preferences, expected) => {
    expect(pickLocale(preferences)).toBe(expected);
  });

  it('does not give Simplified Chinese to a reader of Traditional: the next preference, else English', () => {
    expect(pickLocale(['zh-TW'])).toBe('en');
    expect(pickLocale(['zh-HK', 'ja'])).toBe('ja');
    expect(pickLocale(['zh-Hant'])).toBe('en');
  });

  it('skips languages it does not have, and tags that are not tags', () => {
    expect(pickLocale(['sv-SE', 'it-IT'])).toBe('it');
    expect(pickLocale(['not a tag!', 'ja-JP'])).toBe('ja');
    expect(pickLocale(['sv', 'fi'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });

  it('puts the switcher first, but only a language it still offers', () => {
    expect(pickLocale(['de'], 'ar')).toBe('ar');
    expect(pickLocale(['de'], 'klingon')).toBe('de');
    expect(pickLocale(['de'], '')).toBe('de');
    expect(pickLocale(['de'], null)).toBe('de');
  });

  it('finds every offered locale by its own tag', () => {
    for (const locale of LOCALES) expect(pickLocale([locale])).toBe(locale);
  });
});

describe('directionOf', () => {
  it('is right to left for Arabic only', () => {
    expect(LOCALES.filter((locale) => directionOf(locale) === 'rtl')).toEqual(['ar']);
  });
});
