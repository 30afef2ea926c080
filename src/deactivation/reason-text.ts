/**
 * A decision's reason in words, from its code and parameters: the one table of reason texts. The page
 * and its CSV word it in the user's language (useReasonText); the sweep's output and the reason
 * recorded on the server use englishReasonText, the same texts in English (what translations/en.json
 * holds), so a recorded reason never depends on who ran the action.
 */
import type { Translate } from '../common/use-translation';
import type { Decision } from './types';

/** "1 day", "97 days", in the language the reason is worded in. */
export type DayCount = (days: number) => string;

export function reasonText(decision: Decision, t: Translate, dayCount: DayCount): string {
  const raw: Record<string, string | number> = decision.reasonParams ?? {};
  const p: Record<string, string | number> = {
    ...raw,
    days: dayCount(Number(raw.days ?? 0)),
    limit: dayCount(Number(raw.limit ?? 0)),
    inDays: dayCount(Number(raw.inDays ?? 0)),
  };
  const notes = [
    decision.invalidExemption !== undefined
      ? t('reasonIgnoredExemption', 'ignored an exemption date that is not a date: "{{value}}"', { value: decision.invalidExemption })
      : null,
    decision.customRuleError !== undefined
      ? t('reasonCustomRuleFailed', 'a custom rule failed: {{message}}', { message: decision.customRuleError })
      : null,
  ];
  return [reasonOnly(decision, t, p), ...notes.filter(Boolean).map((note) => `(${note})`)].join(' ');
}

function reasonOnly(decision: Decision, t: Translate, p: Record<string, string | number>): string {
  const demo = p.demo ? t('reasonDemoPrefix', 'Demo account: ') : '';
  switch (decision.reasonCode) {
    case 'systemDeveloper':
      return t('reasonSystemDeveloper', 'Has the System Developer role; such accounts are never deactivated');
    case 'exemptRole':
      return t('reasonExemptRole', 'Has the exempt role "{{role}}"', p);
    case 'actingAdmin':
      return t('reasonActingAdmin', 'The administrator running this action is never deactivated');
    case 'exemptUntil':
      return p.why
        ? t('reasonExemptUntilWhy', 'Exempt until {{until}}: {{why}}', p)
        : t('reasonExemptUntil', 'Exempt until {{until}}', p);
    case 'deactivated':
      return [p.date ? t('reasonDeactivatedOn', 'Deactivated on {{date}}', p) : t('reasonDeactivated', 'Deactivated'), p.why]
        .filter(Boolean)
        .join(': ');
    case 'neverLoggedInKept':
      return t('reasonNeverLoggedInKept', 'Never logged in; the policy does not deactivate such accounts');
    case 'noCreationDate':
      return t('reasonNoCreationDate', 'Never logged in and the creation date is unknown; cannot be evaluated');
    case 'dueAfterLogin':
      return demo + t('reasonDueAfterLogin', 'Inactive for {{days}} (limit {{limit}})', p);
    case 'dueAfterCreation':
      return demo + t('reasonDueAfterCreation', 'Never logged in, created {{days}} ago (limit {{limit}})', p);
    case 'upcomingAfterLogin':
      return demo + t('reasonUpcomingAfterLogin', 'Will be deactivated in {{inDays}}: inactive for {{days}} (limit {{limit}})', p);
    case 'upcomingAfterCreation':
      return (
        demo +
        t('reasonUpcomingAfterCreation', 'Will be deactivated in {{inDays}}: never logged in, created {{days}} ago (limit {{limit}})', p)
      );
    case 'activeAfterLogin':
      return demo + t('reasonActiveAfterLogin', 'Last login {{days}} ago (limit {{limit}})', p);
    case 'activeAfterCreation':
      return demo + t('reasonActiveAfterCreation', 'Never logged in, created {{days}} ago (limit {{limit}})', p);
    default:
      // 'custom': the rule's own text, as the rule wrote it
      return String(p.text ?? '');
  }
}

/** `t` in English: each text's English default, which is what translations/en.json holds. */
const englishT: Translate = (_key, defaultValue, values) =>
  defaultValue.replace(/{{\s*(\w+)\s*}}/g, (match, name: string) => (values && name in values ? String(values[name]) : match));

const englishDays = new Intl.NumberFormat('en', { style: 'unit', unit: 'day', unitDisplay: 'long' });

/** The reason in English: the sweep's output and the retire reason recorded on the server. */
export function englishReasonText(decision: Decision): string {
  return reasonText(decision, englishT, (days) => englishDays.format(days));
}
