/**
 * Property: over random user populations, what the page previews as "Due now" is exactly what a run
 * deactivates, and the run never touches a System Developer (also inherited: REST allRoles), an
 * exempt role, an account exempt until a date not yet passed, a retired account or the acting admin.
 *
 * Unlike the property in policy.test.ts this goes from REST users (toPolicyUser) through the page's
 * rows (rowsForTab 'due') to the requests the run makes (executeDeactivations with a recording
 * deactivate), so every layer between the preview and the DELETE is in the loop. Custom rules take
 * part as implementations add them: a configured role limit and a registered rule.
 */
import { DAY_MS, exemptionEnd } from './dates';
import { createDefaultPolicy } from './policy-json';
import { evaluateDeactivations } from './policy';
import { planRun } from './run-plan';
import { toPolicyUser, type RestUserLike } from './rest-user';
import { executeDeactivations } from './policy-io';
import { joinDecisions, rowsForTab } from './upcoming/deactivation-rows';
import { customRuleList } from './custom-rule-list';
import type { CustomRule, DeactivationPolicy } from './types';
import { prng } from '../test-support/prng';

const openmrsDate = (d: Date) => d.toISOString().replace('Z', '+0000');

describe('property: the preview is what a run deactivates, and protected accounts are never in it', () => {
  it.each([7, 11, 101, 2024, 4242, 65537, 777777, 123456789])('seed %i', async (seed) => {
    const rnd = prng(seed);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const now = new Date(Date.UTC(2025, 5, 1) + Math.floor(rnd() * 365 * DAY_MS));
    const policy: DeactivationPolicy = {
      ...createDefaultPolicy(),
      enabled: true,
      inactiveDays: 30 + Math.floor(rnd() * 150),
      warningDays: Math.floor(rnd() * 30),
      neverLoggedIn: pick(['never', 'countFromCreation'] as const),
      exemptRoles: ['Night Duty'],
      maxPerRun: 10000,
    };
    // a role limit shorter than the policy's, and a registered rule: accounts whose contract ended
    const roleLimits = [{ name: 'Students', role: 'Student', inactiveDays: 1 + Math.floor(rnd() * 20) }];
    const contractEnded: CustomRule = (user, current) =>
      user.userProperties.contractEnd && new Date(user.userProperties.contractEnd) <= now
        ? { ...current, status: 'due', rule: 'contract', reasonCode: 'custom', reasonParams: { text: 'Contract ended' } }
        : null;
    const customRules = customRuleList(roleLimits, [contractEnded]);

    const restUsers: RestUserLike[] = Array.from({ length: 250 }, (_, i) => {
      const userProperties: Record<string, string> = {};
      if (rnd() < 0.8) {
        userProperties.lastLoginTimestamp = String(now.getTime() - Math.floor(rnd() * 400 * DAY_MS));
      }
      if (rnd() < 0.15) {
        userProperties['useraccess.exemptUntil'] = new Date(now.getTime() + (rnd() - 0.5) * 90 * DAY_MS)
          .toISOString()
          .slice(0, 10);
      }
      const roles = [{ name: 'Provider' }];
      const allRoles = [{ name: 'Provider' }];
      const r = rnd();
      if (rnd() < 0.3) {
        userProperties.contractEnd = new Date(now.getTime() + (rnd() - 0.5) * 60 * DAY_MS).toISOString();
      }
      if (rnd() < 0.2) {
        roles.push({ name: 'Student' });
        allRoles.push({ name: 'Student' });
        // within the policy's limit, where the shorter role limit decides
        userProperties.lastLoginTimestamp = String(now.getTime() - Math.floor(rnd() * policy.inactiveDays * DAY_MS));
      }
      if (r < 0.04) {
        roles.push({ name: 'System Developer' });
      } else if (r < 0.08) {
        // a role that inherits System Developer: only allRoles names it
        roles.push({ name: 'Developer' });
        allRoles.push({ name: 'Developer' }, { name: 'System Developer' });
      } else if (r < 0.12) {
        roles.push({ name: 'Night Duty' });
      } else if (r < 0.14) {
        allRoles.push({ name: 'Night Duty' });
      }
      const retired = rnd() < 0.08;
      return {
        uuid: `u${i}`,
        username: `user${i}`,
        systemId: `${i}-1`,
        display: `user${i}`,
        person: { display: `Person ${i}`, preferredName: { familyName: 'Doe' } },
        roles,
        allRoles,
        retired,
        userProperties,
        auditInfo: {
          dateCreated: openmrsDate(new Date(now.getTime() - Math.floor(rnd() * 800 * DAY_MS))),
          dateRetired: retired ? openmrsDate(new Date(now.getTime() - 5 * DAY_MS)) : null,
        },
      };
    });
    const users = restUsers.map(toPolicyUser);
    const acting = users[Math.floor(rnd() * users.length)];

    // the page: evaluate, then the "Due now" tab's rows
    const decisions = evaluateDeactivations(users, policy, now, { actingUserUuid: acting.uuid, customRules });
    const previewed = rowsForTab(joinDecisions(users, decisions), 'due', now).map((row) => row.user.uuid);

    // the run: plan, then the requests the executor makes
    const plan = planRun(decisions, policy);
    expect(plan.blocked).toBeNull();
    const deactivated: string[] = [];
    const outcome = await executeDeactivations(
      plan.toDeactivate,
      async (uuid) => {
        deactivated.push(uuid);
      },
      { actingUserUuid: acting.uuid },
    );
    expect(outcome.failed).toBe(0);
    expect(new Set(deactivated)).toEqual(new Set(previewed));
    expect(deactivated).toHaveLength(previewed.length);
    // not a vacuous pass: every population has due accounts and protected ones
    expect(previewed.length).toBeGreaterThan(0);
    expect(decisions.filter((d) => d.status === 'exempt').length).toBeGreaterThan(0);
    // and both custom rules decided some of them
    const ruleOf = new Map(decisions.map((d) => [d.uuid, d.rule]));
    expect(deactivated.some((uuid) => ruleOf.get(uuid) === 'Students')).toBe(true);
    expect(deactivated.some((uuid) => ruleOf.get(uuid) === 'contract')).toBe(true);

    const byUuid = new Map(restUsers.map((u) => [u.uuid, u]));
    for (const uuid of deactivated) {
      const rest = byUuid.get(uuid)!;
      const names = [...(rest.roles ?? []), ...(rest.allRoles ?? [])].map((role) => role.name);
      const until = exemptionEnd(rest.userProperties?.['useraccess.exemptUntil'] as string | undefined);
      expect(names).not.toContain('System Developer');
      expect(names).not.toContain('Night Duty');
      expect(uuid).not.toBe(acting.uuid);
      expect(rest.retired).toBe(false);
      expect(until instanceof Date && now < until).toBe(false);
    }
  });

  it('the run skips the acting admin even when handed a decision that says due', async () => {
    const deactivated: string[] = [];
    await executeDeactivations(
      [{ uuid: 'admin', status: 'due', reasonCode: 'dueAfterLogin' } as never, { uuid: 'other', status: 'due', reasonCode: 'dueAfterLogin' } as never],
      async (uuid) => {
        deactivated.push(uuid);
      },
      { actingUserUuid: 'admin' },
    );
    expect(deactivated).toEqual(['other']);
  });
});
