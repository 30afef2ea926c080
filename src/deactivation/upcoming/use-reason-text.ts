import { useCallback, useMemo } from 'react';
import { useTranslation } from '../../common/use-translation';
import type { Decision } from '../types';

/**
 * A decision's reason in the user's language. The engine's `reason` is English (it is what the server
 * records and the CLI prints); its reasonCode and reasonParams say the same as data. Reasons a custom
 * rule wrote have no code and are shown as written.
 */
export function useReasonText(): (decision: Decision) => string {
  const { t, i18n } = useTranslation();
  // one formatter per language, not one per reason: the CSV export words every row of a tab
  const dayCount = useMemo(
    () => new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'day', unitDisplay: 'long' }),
    [i18n.language],
  );
  return useCallback(
    (decision: Decision) => {
      const raw: Record<string, string | number> = decision.reasonParams ?? {};
      // "1 day", "97 days", "1 jour": the unit is worded by the browser in the user's language
      const p: Record<string, string | number> = {
        ...raw,
        days: dayCount.format(Number(raw.days ?? 0)),
        limit: dayCount.format(Number(raw.limit ?? 0)),
        inDays: dayCount.format(Number(raw.inDays ?? 0)),
      };
      const demo = p.demo ? t('reasonDemoPrefix', 'Demo account: ') : '';
      let text: string;
      switch (decision.reasonCode) {
        case 'systemDeveloper':
          text = t('reasonSystemDeveloper', 'Has the System Developer role; such accounts are never deactivated');
          break;
        case 'exemptRole':
          text = t('reasonExemptRole', 'Has the exempt role "{{role}}"', p);
          break;
        case 'actingAdmin':
          text = t('reasonActingAdmin', 'The administrator running this action is never deactivated');
          break;
        case 'exemptUntil':
          text = p.why
            ? t('reasonExemptUntilWhy', 'Exempt until {{until}}: {{why}}', p)
            : t('reasonExemptUntil', 'Exempt until {{until}}', p);
          break;
        case 'deactivated':
          text = [
            p.date ? t('reasonDeactivatedOn', 'Deactivated on {{date}}', p) : t('reasonDeactivated', 'Deactivated'),
            p.why,
          ]
            .filter(Boolean)
            .join(': ');
          break;
        case 'neverLoggedInKept':
          text = t('reasonNeverLoggedInKept', 'Never logged in; the policy does not deactivate such accounts');
          break;
        case 'noCreationDate':
          text = t('reasonNoCreationDate', 'Never logged in and the creation date is unknown; cannot be evaluated');
          break;
        case 'dueAfterLogin':
          text = demo + t('reasonDueAfterLogin', 'Inactive for {{days}} (limit {{limit}})', p);
          break;
        case 'dueAfterCreation':
          text = demo + t('reasonDueAfterCreation', 'Never logged in, created {{days}} ago (limit {{limit}})', p);
          break;
        case 'upcomingAfterLogin':
          text = demo + t('reasonUpcomingAfterLogin', 'Will be deactivated in {{inDays}}: inactive for {{days}} (limit {{limit}})', p);
          break;
        case 'upcomingAfterCreation':
          text =
            demo +
            t('reasonUpcomingAfterCreation', 'Will be deactivated in {{inDays}}: never logged in, created {{days}} ago (limit {{limit}})', p);
          break;
        case 'activeAfterLogin':
          text = demo + t('reasonActiveAfterLogin', 'Last login {{days}} ago (limit {{limit}})', p);
          break;
        case 'activeAfterCreation':
          text = demo + t('reasonActiveAfterCreation', 'Never logged in, created {{days}} ago (limit {{limit}})', p);
          break;
        default:
          return decision.reason;
      }
      return decision.invalidExemption !== undefined
        ? `${text} (${t('reasonIgnoredExemption', 'ignored an exemption date that is not a date: "{{value}}"', { value: decision.invalidExemption })})`
        : text;
    },
    [t, dayCount],
  );
}
