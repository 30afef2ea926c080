import { useTranslation } from '../../common/use-translation';
import type { Runner } from './account-history';
import type { HistoryAction } from './history-rows';
import type { RunOutcome } from './run-history';

/** The History view's words for actions, runners, run modes and outcomes, in the user's language. */
export function useHistoryWords() {
  const { t } = useTranslation();
  const actions: Record<HistoryAction, string> = {
    deactivate: t('historyDeactivate', 'Deactivation'),
    reactivate: t('historyReactivate', 'Reactivation'),
    exempt: t('historyExempt', 'Exemption'),
    removeExemption: t('historyRemoveExemption', 'Exemption removed'),
    run: t('historyRun', 'Run'),
  };
  const runners: Record<Runner, string> = {
    page: t('runnerPage', 'This app'),
    sweep: t('runnerSweep', 'Headless sweep'),
    coreTask: t('runnerCoreTask', 'Core task'),
  };
  const outcomes: Record<RunOutcome, string> = {
    deactivated: t('outcomeDeactivated', 'Deactivated'),
    failed: t('outcomeFailed', 'Failed'),
    notProcessed: t('outcomeNotProcessed', 'Not processed'),
    notPermitted: t('outcomeNotPermitted', 'Not permitted'),
    wouldDeactivate: t('outcomeWouldDeactivate', 'Would be deactivated'),
  };
  return {
    action: (a: HistoryAction) => actions[a],
    runner: (r: Runner) => runners[r],
    mode: (dryRun: boolean) => (dryRun ? t('dryRun', 'Dry run') : t('applied', 'Applied')),
    outcome: (o: string) => outcomes[o as RunOutcome] ?? o,
    actions,
    runners,
  };
}
