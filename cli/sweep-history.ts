/**
 * The sweep's history: each deactivation records its entry on the account (as the page does), and
 * each sweep, dry run or applied, is kept in the run history global property and printed.
 */
import { errorMessage } from '../src/common/error-message';
import type { BulkOutcome } from '../src/common/bulk-runner';
import type { RestClient } from '../src/common/rest-client';
import { deactivateWithHistory } from '../src/deactivation/history/account-history-io';
import { ACCOUNT_HISTORY_PROPERTY } from '../src/deactivation/history/account-history';
import { runResultLines } from '../src/deactivation/history/run-results';
import { RUN_HISTORY_GLOBAL_PROPERTY, runEntry, type RunEntry, type RunResultLine } from '../src/deactivation/history/run-history';
import { appendRun } from '../src/deactivation/history/run-history-io';
import type { RunPlan } from '../src/deactivation/run-plan';
import type { Decision, PolicyUser } from '../src/deactivation/types';

/** The deactivation the sweep runs for each due account: retire, then record it on the account. */
export function sweepDeactivate(client: RestClient, actor: string) {
  return (uuid: string, reason: string) => deactivateWithHistory(client, uuid, reason, { actor, via: 'sweep' });
}

export interface SweepRunFacts {
  at: Date;
  actor: string;
  dryRun: boolean;
  plan: RunPlan;
  byUuid: Map<string, PolicyUser>;
  /** why nothing was written, when the sweep refused */
  refused?: string | null;
  /** what an applied run did */
  outcome?: BulkOutcome<Decision, void>;
}

export function sweepRunEntry({ at, actor, dryRun, plan, byUuid, refused, outcome }: SweepRunFacts): RunEntry {
  const username = (d: Decision) => byUuid.get(d.uuid)?.username || byUuid.get(d.uuid)?.systemId || d.uuid;
  const lines: RunResultLine[] = outcome
    ? runResultLines(outcome, username)
    : plan.due.map((d) => ({ username: username(d), outcome: refused || !dryRun ? 'notProcessed' : 'wouldDeactivate' }));
  const notPermitted = plan.notPermitted.map(({ decision }): RunResultLine => ({ username: username(decision), outcome: 'notPermitted' }));
  return runEntry({ at, by: actor, via: 'sweep', dryRun, due: plan.due.length, blocked: refused }, [...lines, ...notPermitted]);
}

function describe(entry: RunEntry): string {
  const c = entry.counts;
  return (
    `${entry.dryRun ? 'dry run' : 'applied'} by ${entry.by} at ${entry.at}: due ${c.due}, deactivated ${c.deactivated}, ` +
    `failed ${c.failed}, not processed ${c.notProcessed}, not permitted ${c.notPermitted}` +
    (entry.blocked ? `; refused: ${entry.blocked}` : '')
  );
}

/**
 * Keeps the run in the run history and says so in the output (`history` in --json). A run that cannot
 * be kept (no Manage Global Properties) is printed in full instead; the sweep's exit code is unchanged.
 */
export async function recordSweepRun(
  client: RestClient,
  facts: SweepRunFacts,
  out: Record<string, unknown>,
  text: string[],
): Promise<void> {
  const entry = sweepRunEntry(facts);
  const accounts = facts.outcome ? facts.outcome.results.filter((r) => r.status === 'success').length : 0;
  try {
    await appendRun(client, entry);
    out.history = { run: entry, recorded: true };
    text.push(`Run history (${RUN_HISTORY_GLOBAL_PROPERTY}): ${describe(entry)}.`);
  } catch (error) {
    const message = errorMessage(error);
    out.history = { run: entry, recorded: false, error: message };
    text.push(`Run history NOT kept (${message}): ${describe(entry)}.`, `  ${JSON.stringify(entry)}`);
  }
  if (accounts) {
    text.push(`Account history (${ACCOUNT_HISTORY_PROPERTY}): each of the ${accounts} deactivated accounts records the deactivation and its reason.`);
  }
}
