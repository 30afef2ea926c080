import { useCallback, useMemo } from 'react';
import { useTranslation } from '../../common/use-translation';
import { reasonText } from '../reason-text';
import type { Decision } from '../types';

/** A decision's reason in the user's language, for the page and its CSV export. */
export function useReasonText(): (decision: Decision) => string {
  const { t, i18n } = useTranslation();
  // one formatter per language, not one per reason: the CSV export words every row of a tab
  const dayCount = useMemo(
    () => new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'day', unitDisplay: 'long' }),
    [i18n.language],
  );
  return useCallback((decision: Decision) => reasonText(decision, t, (days) => dayCount.format(days)), [t, dayCount]);
}
