import { useMemo } from 'react';
import { useTranslation as useI18nextTranslation } from 'react-i18next';

type Values = Record<string, unknown>;

/** `t(key, English default, values)`, as every string in this app is written. */
export type Translate = (key: string, defaultValue: string, values?: Values) => string;

/**
 * react-i18next's useTranslation, with interpolated values left as they are: i18next HTML-escapes
 * them by default, so a name like O'Brien or a pattern with "/" showed as O&#x27;Brien and &#x2F;.
 * React escapes what it renders, and this app never injects HTML.
 */
export function useTranslation() {
  const { t: i18nextT, i18n } = useI18nextTranslation();
  const t = useMemo<Translate>(
    () => (key, defaultValue, values) =>
      i18nextT(key, defaultValue, { ...values, interpolation: { escapeValue: false } }) as string,
    [i18nextT],
  );
  return { t, i18n };
}
