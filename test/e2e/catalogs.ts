// The page's words in any of its languages, for tests that walk it in German or Arabic: i18next over
// the same catalogs the page loads, so plurals and placeholders come out as the page shows them.
import { createInstance, type ResourceLanguage, type TFunction } from 'i18next';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locale } from '../../web/src/i18n/locales.ts';

const LOCALES_DIR = fileURLToPath(new URL('../../web/src/i18n/locales/', import.meta.url));

function catalogsOf(locale: Locale): ResourceLanguage {
  const dir = path.join(LOCALES_DIR, locale);
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [
        file.replace(/\.json$/, ''),
        JSON.parse(readFileSync(path.join(dir, file), 'utf8')),
      ]),
  );
}

/** `say('share:form.create')`, `say('reveal:wrong', { count: 2 })`: the page's text in `locale`. */
export function translator(
  locale: Locale,
): (key: string, values?: Record<string, unknown>) => string {
  const i18n = createInstance();
  void i18n.init({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: catalogsOf(locale) },
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  const t = i18n.getFixedT(locale) as unknown as TFunction;
  return (key, values) => {
    const text = (t as unknown as (k: string, v?: Record<string, unknown>) => string)(key, values);
    if (!i18n.exists(key, { ...values, lng: locale }))
      throw new Error(`no ${locale} text for ${key}`);
    // What a person sees: the catalog's markup tags (<strong>, <code>) are elements on the page.
    return text.replace(/<\/?[a-zA-Z0-9]+\s*\/?>/g, '');
  };
}
