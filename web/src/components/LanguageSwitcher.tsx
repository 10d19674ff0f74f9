// The language menu in the header: each language listed by its own name, so anyone finds theirs
// whatever the page shows now. Switching re-renders in place (nothing typed or shown is lost) and
// remembers only the locale code (i18n.ts).
import { useTranslation } from 'react-i18next';
import { chooseLocale } from '../i18n/i18n.ts';
import { isLocale, LOCALE_NAMES, LOCALES } from '../i18n/locales.ts';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <GlobeIcon />
      <span className="visually-hidden">{t('app.language')}</span>
      <select
        id="language"
        value={i18n.resolvedLanguage ?? i18n.language}
        onChange={(event) => {
          const locale = event.currentTarget.value;
          if (isLocale(locale)) void chooseLocale(locale);
        }}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </select>
    </label>
  );
}

function GlobeIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="icon">
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.5 3.8 5.5 3.8 9s-1.3 6.5-3.8 9c-2.5-2.5-3.8-5.5-3.8-9S9.5 5.5 12 3z" />
    </svg>
  );
}
