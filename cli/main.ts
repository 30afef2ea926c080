/**
 * esm-user-access: the headless account-deactivation sweep, for cron or a Kubernetes CronJob.
 *
 *   OPENMRS_PASSWORD=... esm-user-access sweep --url http://host/openmrs --user admin [--apply] [--json]
 *
 * Runs the same engine as the app's pages (src/deactivation/policy.ts) on every user, then removes
 * location assignments whose last day has passed (sweep-expired-locations.ts). Dry run unless
 * --apply. Exit codes: 0 done; 1 error (bad arguments, login or network failure, a deactivation that
 * failed, a run stopped by a lost session); 2 refused, nothing written (circuit breaker tripped; or,
 * with --apply, the policy is disabled or invalid).
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { errorMessage } from '../src/common/error-message';
import { describeEditRefusal, editorFrom, refusalsByUser } from '../src/common/edit-privileges';
import { fetchRoleIndex } from '../src/common/edit-privileges-io';
import { evaluateDeactivations } from '../src/deactivation/policy';
import { planRun } from '../src/deactivation/run-plan';
import { englishReasonText } from '../src/deactivation/reason-text';
import { executeDeactivations, fetchAllPolicyUsers, loadPolicy } from '../src/deactivation/policy-io';
import type { CustomRule, Decision, DecisionStatus, DeactivationPolicy, PolicyUser } from '../src/deactivation/types';
import { parseArgs, USAGE, UsageError, type SweepArgs } from './args';
import { createOpenmrsClient, LoginError } from './client';
import { loadConfigRules } from './app-config';
import { startSweepEmail } from './sweep-email';
import { recordSweepRun, sweepDeactivate } from './sweep-history';
import { sweepExpiredLocations } from './sweep-expired-locations';

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_REFUSED = 2;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  fetch?: typeof fetch;
  /** the clock; tests may fix it */
  now?: () => Date;
}

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : (c ?? '').padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function describePolicy(p: DeactivationPolicy): string {
  const demo = p.demo.enabled ? `demo accounts ${p.demo.inactiveDays} days` : 'demo rules off';
  const never = p.neverLoggedIn === 'never' ? 'never-logged-in accounts kept' : 'never-logged-in counted from creation';
  const exempt = p.exemptRoles.length ? `, exempt roles: ${p.exemptRoles.join(', ')}` : '';
  return (
    `${p.enabled ? 'enabled' : 'DISABLED'}, inactive ${p.inactiveDays} days, ${demo}, ${never}, ` +
    `warning ${p.warningDays} days, at most ${p.maxPerRun} per run${exempt}`
  );
}

async function loadRules(path: string): Promise<CustomRule[]> {
  const file = resolve(path);
  let mod: { customRules?: unknown; default?: unknown };
  try {
    // CommonJS (and, on Node 20.19+, ES modules without top-level await) load synchronously.
    mod = createRequire(file)(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ERR_REQUIRE_ESM' && code !== 'ERR_REQUIRE_ASYNC_MODULE') {
      throw error;
    }
    mod = await import(pathToFileURL(file).href);
  }
  const found = mod.customRules ?? mod.default;
  const rules = typeof found === 'function' ? [found] : found;
  if (!Array.isArray(rules) || !rules.every((r) => typeof r === 'function')) {
    throw new UsageError(`${path} must export customRules: an array of functions (user, decision, policy, now) => Decision | null.`);
  }
  return rules as CustomRule[];
}

interface PlanRow {
  uuid: string;
  username: string;
  display: string;
  status: DecisionStatus;
  rule: string | null;
  reason: string;
  lastActivity: string | null;
  deactivateOn: string | null;
}

function planRow(user: PolicyUser, d: Decision): PlanRow {
  return {
    uuid: d.uuid,
    username: user.username || user.systemId,
    display: user.personName || user.display,
    status: d.status,
    rule: d.rule,
    reason: englishReasonText(d),
    lastActivity: d.lastActivity?.toISOString() ?? null,
    deactivateOn: d.deactivateOn?.toISOString() ?? null,
  };
}

export async function sweep(args: SweepArgs, io: CliIo): Promise<number> {
  const out: Record<string, unknown> = { url: args.url, user: args.user, dryRun: !args.apply };
  const text: string[] = [];
  const finish = (code: number, error?: string) => {
    if (args.json) {
      io.stdout(JSON.stringify({ ...out, exitCode: code, ...(error ? { error } : {}) }, null, 2) + '\n');
    } else {
      if (text.length) {
        io.stdout(text.join('\n') + '\n');
      }
      if (error) {
        io.stderr(`esm-user-access: ${error}\n`);
      }
    }
    return code;
  };

  try {
    // as the app: the config's role limits, then the registered (here: --rules) rules
    const customRules = [...(args.config ? await loadConfigRules(args.config) : []), ...(args.rules ? await loadRules(args.rules) : [])];
    const client = createOpenmrsClient(args.url, args.user, args.password, io.fetch ?? fetch);
    const session = await client.login();
    const actingUserUuid = session.user!.uuid;

    const loaded = await loadPolicy(client);
    const { policy } = loaded;
    const users = await fetchAllPolicyUsers(client);
    const now = args.now ?? io.now?.() ?? new Date();
    const decisions = evaluateDeactivations(users, policy, now, { actingUserUuid, customRules });
    // accounts core would refuse this administrator (UserServiceImpl.checkPrivileges): not attempted
    const roleIndex = await fetchRoleIndex(client);
    const refusals = roleIndex ? refusalsByUser(editorFrom(session.user!, roleIndex), users, roleIndex) : new Map();
    const plan = planRun(decisions, policy, (uuid) => refusals.get(uuid) ?? null);
    const email = await startSweepEmail(client, args, { policy, users: new Map(users.map((u) => [u.uuid, u])), actingUserUuid, now });
    const emailed = (lines: string[]) => {
      text.push(...lines);
      out.email = email.summary;
    };

    const byUuid = new Map(users.map((u) => [u.uuid, u]));
    const runFacts = { at: new Date(), actor: args.user, dryRun: !args.apply, plan, byUuid };
    const counts: Record<DecisionStatus, number> = { due: 0, upcoming: 0, exempt: 0, active: 0, deactivated: 0 };
    decisions.forEach((d) => counts[d.status]++);
    const rows = (list: Decision[]) => list.map((d) => planRow(byUuid.get(d.uuid)!, d));

    Object.assign(out, {
      now: now.toISOString(),
      actingUser: actingUserUuid,
      policy,
      policySet: loaded.isSet,
      policyErrors: loaded.errors,
      users: users.length,
      counts,
      blocked: plan.blocked,
      due: rows(plan.due),
      notPermitted: plan.notPermitted.map(({ decision, refusal }) => ({
        ...planRow(byUuid.get(decision.uuid)!, decision),
        refusal,
        message: describeEditRefusal(refusal),
      })),
      rolesReadable: roleIndex !== null,
      ...(args.all ? { decisions: rows(decisions) } : {}),
    });

    text.push(
      `esm-user-access sweep: ${args.url} as ${args.user} at ${now.toISOString()}` +
        (args.apply ? '' : ' (dry run; add --apply to deactivate)'),
      `Policy: ${describePolicy(policy)}${loaded.isSet ? '' : ' (global property not set yet: the default policy)'}`,
    );
    if (loaded.errors.length) {
      text.push('Problems with the stored policy:', ...loaded.errors.map((e) => `  - ${e}`));
    }
    text.push(
      `Users: ${users.length} (due ${counts.due}, upcoming ${counts.upcoming}, exempt ${counts.exempt}, ` +
        `active ${counts.active}, deactivated ${counts.deactivated})`,
      '',
    );
    const listed = args.all ? decisions : plan.due;
    if (listed.length) {
      text.push(
        args.all ? `All users (${listed.length}):` : `Due for deactivation (${listed.length}):`,
        formatTable(
          args.all ? ['USERNAME', 'STATUS', 'RULE', 'REASON'] : ['USERNAME', 'RULE', 'REASON'],
          rows(listed).map((r) => (args.all ? [r.username, r.status, r.rule ?? '-', r.reason] : [r.username, r.rule ?? '-', r.reason])),
        ),
        '',
      );
    } else {
      text.push('Nothing is due for deactivation.');
    }

    if (plan.notPermitted.length) {
      text.push(
        `Not done: due, but ${args.user} may not change them (${plan.notPermitted.length}; not counted toward the limit per run):`,
        formatTable(
          ['USERNAME', 'WHY NOT'],
          plan.notPermitted.map(({ decision, refusal }) => [planRow(byUuid.get(decision.uuid)!, decision).username, describeEditRefusal(refusal)]),
        ),
        '',
      );
    }
    if (!roleIndex) {
      text.push(`${args.user} may not read roles (Get Roles), so accounts the server will refuse cannot be named before the run.`, '');
    }

    const expired = await sweepExpiredLocations(client, { apply: args.apply, now, concurrency: args.concurrency, refusals }, out, text);
    emailed(email.summary.off ? [`Email: ${email.summary.off}.`] : await email.sendDigest(decisions));
    if (plan.blocked && (args.apply || (policy.enabled && plan.due.length > policy.maxPerRun))) {
      // The circuit breaker of an enabled policy refuses also in a dry run, so cron notices; a
      // disabled policy only refuses when asked to write.
      text.push(`Refused: ${plan.blocked.reason}`);
      if (args.apply) {
        emailed(await email.sendRunReport(refusedReport(plan.blocked.reason, plan.notPermitted.length)));
      }
      await recordSweepRun(client, { ...runFacts, refused: plan.blocked.reason }, out, text);
      email.close();
      return finish(EXIT_REFUSED);
    }
    if (!args.apply) {
      await recordSweepRun(client, runFacts, out, text);
      email.close();
      return finish(EXIT_OK);
    }
    if (loaded.errors.length) {
      text.push('Refused: the stored policy has problems (above); fix it on the settings page first. Nothing was deactivated.');
      emailed(await email.sendRunReport(refusedReport('the stored policy has problems; fix it on the settings page first.', plan.notPermitted.length)));
      await recordSweepRun(client, { ...runFacts, refused: 'The stored policy has problems.' }, out, text);
      email.close();
      return finish(EXIT_REFUSED);
    }

    const outcome = await executeDeactivations(plan.toDeactivate, sweepDeactivate(client, args.user), {
      actingUserUuid,
      concurrency: args.concurrency,
    });
    const results = outcome.results.map((r) => ({
      uuid: r.item.uuid,
      username: byUuid.get(r.item.uuid)?.username ?? '',
      status: r.status,
      ...(r.status === 'failed' ? { message: r.message } : {}),
    }));
    Object.assign(out, {
      results,
      remaining: outcome.remaining.map((d) => d.uuid),
      stoppedBecause: outcome.stoppedBecause,
      deactivated: outcome.succeeded,
      failed: outcome.failed,
    });
    text.push(`Deactivated ${outcome.succeeded} of ${plan.toDeactivate.length}.`);
    for (const r of results.filter((x) => x.status === 'failed')) {
      text.push(`  FAILED ${r.username || r.uuid}: ${r.message}`);
    }
    if (outcome.stoppedBecause) {
      text.push(
        `Stopped (${outcome.stoppedBecause === 'unauthenticated' ? 'the session ended' : 'aborted'}); ` +
          `${outcome.remaining.length} due accounts were not processed. Run the sweep again to finish.`,
      );
    }
    emailed(await email.warnUsers(decisions, (uuid) => refusals.has(uuid)));
    emailed(
      await email.sendRunReport({
        refused: null,
        attempted: plan.toDeactivate.length,
        deactivated: outcome.results
          .filter((r) => r.status !== 'failed')
          .map((r) => ({ username: byUuid.get(r.item.uuid)?.username || r.item.uuid, reason: englishReasonText(r.item) })),
        failed: results.filter((r) => r.status === 'failed').map((r) => ({ username: r.username || r.uuid, message: r.message ?? '' })),
        notDone: plan.notPermitted.length,
        stoppedBecause: outcome.stoppedBecause,
      }),
    );
    await recordSweepRun(client, { ...runFacts, outcome }, out, text);
    email.close();
    return finish(outcome.failed || outcome.stoppedBecause || expired.failed ? EXIT_ERROR : EXIT_OK);
  } catch (error) {
    const cause = (error as { cause?: { message?: string; code?: string } })?.cause;
    const message =
      error instanceof LoginError || error instanceof UsageError
        ? error.message
        : `${errorMessage(error)}${cause ? ` (${cause.code ?? cause.message})` : ''}`;
    return finish(EXIT_ERROR, message);
  }
}

function refusedReport(reason: string, notDone: number) {
  return { refused: reason, attempted: 0, deactivated: [], failed: [], notDone, stoppedBecause: null };
}

/** The CLI entry point: returns the exit code instead of exiting, for tests. */
export async function run(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(argv, env);
  } catch (error) {
    io.stderr(`esm-user-access: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT_ERROR;
  }
  if (parsed.command === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (!parsed.args) {
    io.stderr(USAGE);
    return EXIT_ERROR;
  }
  return sweep(parsed.args, io);
}
