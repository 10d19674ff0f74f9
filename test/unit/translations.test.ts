// Every language says everything the page says: each catalog has exactly the English keys, the plural
// forms its language needs (Intl.PluralRules), the same placeholders and the same markup tags. A key
// added in English and not translated fails here, not on a visitor's page in Warsaw.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES, SOURCE_LOCALE } from '../../web/src/i18n/locales.ts';

const LOCALES_DIR = fileURLToPath(new URL('../../web/src/i18n/locales/', import.meta.url));
const NAMESPACES = readdirSync(path.join(LOCALES_DIR, SOURCE_LOCALE))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''))
  .sort();
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Catalog = Record<string, string>;

/** A catalog as flat `a.b.c` keys; anything but nested objects of strings is reported. */
function flatten(value: unknown, prefix = '', into: Catalog = {}): Catalog {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${prefix || 'the catalog'} is not an object of strings`);
  }
  for (const [key, entry] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof entry === 'string') into[name] = entry;
    else flatten(entry, name, into);
  }
  return into;
}

const load = (locale: string, namespace: string): Catalog =>
  flatten(JSON.parse(readFileSync(path.join(LOCALES_DIR, locale, `${namespace}.json`), 'utf8')));

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]).sort();
const tags = (text: string) =>
  [...text.matchAll(/<\/?([a-zA-Z0-9]+)\s*\/?>/g)].map((m) => m[0]).sort();

/** The English keys a locale must have: plural keys expanded to that language's categories. */
function expectedKeys(source: Catalog, locale: string): string[] {
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const keys = new Set<string>();
  for (const key of Object.keys(source)) {
    if (PLURAL.test(key)) {
      const base = key.replace(PLURAL, '');
      for (const category of categories) keys.add(`${base}_${category}`);
    } else keys.add(key);
  }
  return [...keys].sort();
}

/** For a plural key, every English form of it (a translation's "one" may drop the count). */
function sourceForms(source: Catalog, key: string): string[] {
  if (!PLURAL.test(key)) return [source[key] ?? ''];
  const base = key.replace(PLURAL, '');
  return Object.keys(source)
    .filter((k) => k.replace(PLURAL, '') === base && PLURAL.test(k))
    .map((k) => source[k] ?? '');
}

describe('translations', () => {
  it('has a folder for every locale the page offers, and nothing else', () => {
    const folders = readdirSync(LOCALES_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(folders).toEqual([...LOCALES].sort());
    expect(NAMESPACES).toEqual(['common', 'manage', 'reveal', 'share']);
  });

  describe.each(LOCALES.filter((locale) => locale !== SOURCE_LOCALE))('%s', (locale) => {
    it.each(NAMESPACES)('has every key of %s, with its plural forms, and no other', (namespace) => {
      const source = load(SOURCE_LOCALE, namespace);
      expect(Object.keys(load(locale, namespace)).sort()).toEqual(expectedKeys(source, locale));
    });

    it.each(NAMESPACES)(
      'keeps the placeholders and tags of %s, and leaves nothing empty',
      (namespace) => {
        const source = load(SOURCE_LOCALE, namespace);
        const problems: string[] = [];
        for (const [key, text] of Object.entries(load(locale, namespace))) {
          const forms = sourceForms(source, key);
          if (text.trim() === '') problems.push(`${key}: empty`);
          const allowed = new Set(forms.flatMap(placeholders));
          const own = placeholders(text);
          const needed = PLURAL.test(key)
            ? placeholders(source[key.replace(PLURAL, '_other')] ?? '').filter(
                (name) => name !== 'count',
              )
            : placeholders(forms[0] ?? '');
          if (
            own.some((name) => !allowed.has(name)) ||
            needed.some((name) => !own.includes(name))
          ) {
            problems.push(
              `${key}: placeholders ${JSON.stringify(own)}, English has ${JSON.stringify([...allowed])}`,
            );
          }
          if (JSON.stringify(tags(text)) !== JSON.stringify(tags(forms[0] ?? ''))) {
            problems.push(
              `${key}: tags ${JSON.stringify(tags(text))}, English has ${JSON.stringify(tags(forms[0] ?? ''))}`,
            );
          }
        }
        expect(problems).toEqual([]);
      },
    );
  });

  it.each(NAMESPACES)(
    'gives English exactly the forms "one" and "other" of each counted key in %s',
    (namespace) => {
      const source = load(SOURCE_LOCALE, namespace);
      expect(Object.keys(source).sort()).toEqual(expectedKeys(source, SOURCE_LOCALE));
    },
  );
});
