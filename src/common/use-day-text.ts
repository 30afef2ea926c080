import { useCallback, useMemo } from 'react';
import { formatDate } from '@openmrs/esm-framework';
import { useTranslation } from './use-translation';

/**
 * A day as the framework writes it (formatDate without the time), each distinct date worked out once
 * per language: formatDate sets up its formatter at every call, and a table re-renders its rows while
 * the page loads.
 */
export function useDayText(): (date: Date | null) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const texts = useMemo(() => new Map<number, string>(), [language]);
  return useCallback(
    (date: Date | null) => {
      if (!date) {
        return '';
      }
      const ms = date.getTime();
      let text = texts.get(ms);
      if (text === undefined) {
        text = formatDate(date, { time: false });
        texts.set(ms, text);
      }
      return text;
    },
    [texts],
  );
}
