/**
 * The policy engine on synthetic users, in Node: evaluateDeactivations (src/deactivation/policy.ts)
 * over N users (default 100,000), as the upcoming-deactivations page calls it, plus planRun.
 * Beside it, in the same run, a baseline that only reads each user's fields: the machine's speed
 * cancels out of the ratio of the two medians, so only the ratio compares across machines.
 * Prints one JSON line. Run: node --import tsx tools/bench/engine.ts [N]
 */
import { performance } from 'node:perf_hooks';
import { createDefaultPolicy } from '../../src/deactivation/policy-json';
import { DAY_MS } from '../../src/deactivation/dates';
import { evaluateDeactivations } from '../../src/deactivation/policy';
import { planRun } from '../../src/deactivation/run-plan';
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

/** The baseline: every field the engine may read, read once per user, and nothing decided. */
function readEveryField(users: PolicyUser[]): number {
  let seen = 0;
  for (const user of users) {
    const props = user.userProperties;
    seen += user.uuid.length + user.username.length + user.systemId.length + (user.familyName?.length ?? 0);
    for (const role of user.roles) {
      seen += role.length;
    }
    seen += user.retired ? 1 : 0;
    seen += user.dateCreated ? 1 : 0;
    seen += user.dateRetired ? 1 : 0;
    seen += user.retireReason?.length ?? 0;
    seen += props.lastLoginTimestamp?.length ?? 0;
    seen += props['useraccess.exemptUntil']?.length ?? 0;
    seen += props['useraccess.exemptReason']?.length ?? 0;
  }
  return seen;
}

interface Timing {
  medianMs: number;
  maxMs: number;
  medianCpuMs: number;
}

/**
 * Median wall time of `runs` calls of each fn, taken in turns (a, b, a, b, ...) so that a change in
 * the machine's load during the run weighs on both alike.
 */
function mediansInTurns(runs: number, fns: Array<() => unknown>): Timing[] {
  const wall = fns.map((): number[] => []);
  const cpu = fns.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, f) => {
      const cpuBefore = process.cpuUsage();
      const t = performance.now();
      fn();
      wall[f].push(performance.now() - t);
      const used = process.cpuUsage(cpuBefore);
      cpu[f].push((used.user + used.system) / 1000);
    });
  }
  return fns.map((_, f) => ({ medianMs: median(wall[f]), maxMs: Math.max(...wall[f]), medianCpuMs: median(cpu[f]) }));
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;

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
  let seen = readEveryField(users);
  const [engineRuns, baselineRuns] = mediansInTurns(warmRuns, [
    () => (decisions = evaluateDeactivations(users, policy, now, context)),
    () => (seen = readEveryField(users)),
  ]);
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
      firstMs: round1(firstMs),
      medianMs: round1(engineRuns.medianMs),
      maxMs: round1(engineRuns.maxMs),
      medianCpuMs: round1(engineRuns.medianCpuMs),
      baselineMedianMs: round1(baselineRuns.medianMs),
      ratio: Math.round((engineRuns.medianMs / baselineRuns.medianMs) * 100) / 100,
      runs: warmRuns,
      planRunMs: round1(planMs),
      byStatus,
      toDeactivate: plan.toDeactivate.length,
      fieldsRead: seen,
    }),
  );
}

main();
