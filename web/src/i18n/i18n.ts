/// <reference types="vite/client" />
// The page's translations: i18next with react-i18next, English bundled (the source and fallback),
// every other language fetched as its own small chunks only when chosen. Plurals go through
// Intl.PluralRules (i18next's `_one`/`_few`/`_other` keys), dates and numbers through Intl in format.ts.
// The one thing kept across visits is the language chosen in the switcher: a locale code, nothing
// about any secret.
import i18next from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import common from './locales/en/common.json' with { type: 'json' };
import manage from './locales/en/manage.json' with { type: 'json' };
import reveal from './locales/en/reveal.json' with { type: 'json' };
import share from './locales/en/share.json' with { type: 'json' };
import {
  directionOf,
  isLocale,
  LOCALES,
  pickLocale,
  SOURCE_LOCALE,
  type Locale,
} from './locales.ts';

/** The source catalogs: what every translation must match key for key (test/unit/translations.test.ts). */
export const SOURCE = { common, share, reveal, manage } as const;
export const NAMESPACES = Object.keys(SOURCE) as (keyof typeof SOURCE)[];

// One chunk per language and namespace, fetched on demand; English is already in the bundle.
const catalogs = import.meta.glob<Record<string, unknown>>(
  ['./locales/*/*.json', '!./locales/en/*.json'],
  { import: 'default' },
);

const STORAGE_KEY = 'secretsentry.language';

function savedChoice(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage off (private mode, policy): the browser's preference decides
  }
}

/** The `<html>` element says the language and direction, so screen readers and the layout follow. */
function applyToDocument(locale: string) {
  const known = isLocale(locale) ? locale : SOURCE_LOCALE;
  document.documentElement.lang = known;
  document.documentElement.dir = directionOf(known);
}

export const i18n = i18next.createInstance();

/** Picks the language (switcher, then browser) and loads its catalogs before the first render. */
export async function startI18n(): Promise<void> {
  const locale = pickLocale(navigator.languages ?? [navigator.language], savedChoice());
  i18n.on('languageChanged', applyToDocument);
  await i18n
    .use(
      resourcesToBackend(async (language: string, namespace: string) => {
        const load = catalogs[`./locales/${language}/${namespace}.json`];
        if (!load) throw new Error(`no catalog ${language}/${namespace}`);
        return load();
      }),
    )
    .use(initReactI18next)
    .init({
      lng: locale,
      supportedLngs: LOCALES,
      fallbackLng: SOURCE_LOCALE,
      load: 'currentOnly',
      ns: NAMESPACES,
      defaultNS: 'common',
      resources: { [SOURCE_LOCALE]: SOURCE },
      partialBundledLanguages: true,
      // React escapes what it renders; escaping here too would show "&amp;".
      interpolation: { escapeValue: false },
      react: { useSuspense: false },
    });
  applyToDocument(i18n.language);
}

/** The switcher's choice: loads that language, re-renders in it and remembers it (a locale code). */
export async function chooseLocale(locale: Locale): Promise<void> {
  await i18n.changeLanguage(locale);
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered across visits; this visit still switches.
  }
}
