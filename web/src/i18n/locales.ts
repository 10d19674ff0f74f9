// The page's languages, their own names and writing direction, and which one a visitor gets.
// Pure: no DOM, no storage, so it is tested as it is (test/unit/locales.test.ts).

/** Every language the page speaks, English first: it is the source and the fallback. */
export const LOCALES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt-BR',
  'nl',
  'pl',
  'ja',
  'zh-CN',
  'ar',
] as const;
export type Locale = (typeof LOCALES)[number];
export const SOURCE_LOCALE: Locale = 'en';

/** Each language's name in itself, as the switcher lists it. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  it: 'Italiano',
  'pt-BR': 'Português (Brasil)',
  nl: 'Nederlands',
  pl: 'Polski',
  ja: '日本語',
  'zh-CN': '简体中文',
  ar: 'العربية',
};

const RIGHT_TO_LEFT: ReadonlySet<Locale> = new Set<Locale>(['ar']);

export const directionOf = (locale: Locale): 'ltr' | 'rtl' =>
  RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** Language and script of a tag, filled in by likely subtags: zh-TW is zh-Hant, pt-PT is pt-Latn. */
function languageAndScript(tag: string): string | null {
  try {
    const full = new Intl.Locale(tag).maximize();
    return `${full.language}-${full.script ?? ''}`;
  } catch {
    return null; // not a BCP 47 tag
  }
}

/**
 * The language to show: the one chosen in the switcher if it is still offered, else the first of the
 * browser's preferences this page has, matched exactly (pt-BR) or by language and script (pt-PT gets
 * pt-BR, zh-SG gets zh-CN, but zh-TW, written in Traditional characters, does not get zh-CN), else
 * English.
 */
export function pickLocale(preferences: readonly string[], chosen?: string | null): Locale {
  if (isLocale(chosen)) return chosen;
  for (const tag of preferences) {
    const exact = LOCALES.find((locale) => locale.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const wanted = languageAndScript(tag);
    const near = wanted && LOCALES.find((locale) => languageAndScript(locale) === wanted);
    if (near) return near;
  }
  return SOURCE_LOCALE;
}
