// Typed keys: `t('share:form.secretLabel')` is checked by tsc against the English catalogs, so a
// misspelt or removed key fails `npm run lint`, not a visitor's page.
import 'i18next';
import type { SOURCE } from './i18n.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof SOURCE;
  }
}
