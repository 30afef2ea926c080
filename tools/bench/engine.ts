/**
 * The policy engine on synthetic users, in Node: evaluateDeactivations (src/deactivation/policy.ts)
 * over N users (default 100,000), as the upcoming-deactivations page calls it, plus planRun.
 * Prints one JSON line. Run: node --import tsx tools/bench/engine.ts [N]
 */
import { performance } from 'node:perf_hooks';
import { createDefaultPolicy, DAY_MS, evaluateDeactivations, planRun } from '../../src/deactivation/policy';
import type { DeactivationPolicy, PolicyUser } from '../../src/deactivation/types';

const count = Number(process.argv[2] ?? 100000);
const warmRuns = 7;

/** A deterministic PRNG (mulberry32), so every run evaluates the same users. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Users like the large seed's: last logins spread over 400 days, some never, retired, demo, exempt, System Developers. */
export function syntheticUsers(n: number, now: number): PolicyUser[] {
  const rnd = prng(42);
  const roles = ['Provider', 'Nurse', 'Clinician', 'Registration Clerk', 'Data Manager', 'Pharmacist'];
  const users: PolicyUser[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const userProperties: Record<string, string> = { defaultLocation: 'loc-1', locationUuid: 'loc-1,loc-2' };
    if (r > 0.06) {
      userProperties.lastLoginTimestamp = String(Math.floor(now - rnd() * 400 * DAY_MS));
    }
    if (rnd() < 0.03) {
      userProperties['useraccess.exemptUntil'] = rnd() < 0.5 ? '2099-12-31' : '2020-01-01';
      userProperties['useraccess.exemptReason'] = 'On leave';
    }
    const demo = rnd() < 0.02;
    const retired = rnd() < 0.03;
    const userRoles = [roles[Math.floor(rnd() * roles.length)]];
    if (rnd() < 0.01) {
      userRoles.push('System Developer');
    }
    if (rnd() < 0.02) {
      userRoles.push('Auditor');
    }
    users.push({
      uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      username: demo && rnd() < 0.5 ? `test-user${i}` : `user${i}`,
      systemId: demo ? `9-${i}` : `${i}-${i % 10}`,
      display: `user${i}`,
      personName: `Given${i} Family${i % 977}`,
      familyName: demo ? 'Test Account' : `Family${i % 977}`,
      roles: userRoles,
      retired,
      dateCreated: new Date(now - (400 + rnd() * 1000) * DAY_MS),
      dateRetired: retired ? new Date(now - rnd() * 100 * DAY_MS) : null,
      retireReason: retired ? 'Deactivated for inactivity' : null,
      userProperties,
    });
  }
  return users;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main() {
  const now = new Date();
  const users = syntheticUsers(count, now.getTime());
  const policy: DeactivationPolicy = {
    ...createDefaultPolicy(),
    enabled: true,
    neverLoggedIn: 'countFromCreation',
    exemptRoles: ['Auditor'],
    maxPerRun: 10000,
  };
  const context = { actingUserUuid: users[0].uuid };

  let t = performance.now();
  let decisions = evaluateDeactivations(users, policy, now, context);
  const firstMs = performance.now() - t;
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  for (let i = 0; i < warmRuns; i++) {
    const cpu = process.cpuUsage();
    t = performance.now();
    decisions = evaluateDeactivations(users, policy, now, context);
    runs.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuRuns.push((used.user + used.system) / 1000);
  }
  t = performance.now();
  const plan = planRun(decisions, policy);
  const planMs = performance.now() - t;
  const byStatus: Record<string, number> = {};
  for (const d of decisions) {
    byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
  }
  console.log(
    JSON.stringify({
      users: count,
      firstMs: Math.round(firstMs * 10) / 10,
      medianMs: Math.round(median(runs) * 10) / 10,
      maxMs: Math.round(Math.max(...runs) * 10) / 10,
      medianCpuMs: Math.round(median(cpuRuns) * 10) / 10,
      runs: warmRuns,
      planRunMs: Math.round(planMs * 10) / 10,
      byStatus,
      toDeactivate: plan.toDeactivate.length,
    }),
  );
}

main();
