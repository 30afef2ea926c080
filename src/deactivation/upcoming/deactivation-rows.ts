import type { Decision, DecisionStatus, PolicyUser } from '../types';

export interface DeactivationRow {
  user: PolicyUser;
  decision: Decision;
}

export type DeactivationTab = 'due' | 'upcoming' | 'exempt' | 'deactivated';
export type SortKey = 'name' | 'username' | 'lastLogin' | 'deactivateOn';
export type SortDirection = 'ASC' | 'DESC';

const tabStatus: Record<DeactivationTab, DecisionStatus> = {
  due: 'due',
  upcoming: 'upcoming',
  exempt: 'exempt',
  deactivated: 'deactivated',
};

/** How far back "recently deactivated" looks. */
export const recentlyDeactivatedDays = 90;
const dayMs = 24 * 60 * 60 * 1000;

export function joinDecisions(users: PolicyUser[], decisions: Decision[]): DeactivationRow[] {
  return users.map((user, index) => ({ user, decision: decisions[index] }));
}

export function rowsForTab(rows: DeactivationRow[], tab: DeactivationTab, now: Date): DeactivationRow[] {
  const status = tabStatus[tab];
  return rows.filter(({ user, decision }) => {
    if (decision.status !== status) {
      return false;
    }
    if (tab !== 'deactivated') {
      return true;
    }
    const retiredAt = user.dateRetired?.getTime();
    return retiredAt === undefined || now.getTime() - retiredAt <= recentlyDeactivatedDays * dayMs;
  });
}

/** Each tab's rows, worked out once for the tabs' counts and the table shown. */
export function rowsByTab(rows: DeactivationRow[], now: Date): Record<DeactivationTab, DeactivationRow[]> {
  return {
    due: rowsForTab(rows, 'due', now),
    upcoming: rowsForTab(rows, 'upcoming', now),
    exempt: rowsForTab(rows, 'exempt', now),
    deactivated: rowsForTab(rows, 'deactivated', now),
  };
}

export function searchRows(rows: DeactivationRow[], query: string): DeactivationRow[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) {
    return rows;
  }
  return rows.filter(({ user }) => {
    const haystack = `${user.personName} ${user.username} ${user.systemId} ${user.roles.join(' ')}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

function sortValue(row: DeactivationRow, key: SortKey): string | number {
  switch (key) {
    case 'name':
      return row.user.personName.toLowerCase();
    case 'username':
      return row.user.username.toLowerCase();
    case 'lastLogin':
      return row.decision.activitySource === 'lastLogin' ? (row.decision.lastActivity?.getTime() ?? -Infinity) : -Infinity;
    case 'deactivateOn':
      return (row.decision.deactivateOn ?? row.user.dateRetired)?.getTime() ?? Infinity;
  }
}

export function sortRows(rows: DeactivationRow[], key: SortKey, direction: SortDirection): DeactivationRow[] {
  const factor = direction === 'ASC' ? 1 : -1;
  // each row's value worked out once, not at every comparison: the table re-sorts 10,000 rows as pages arrive
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, key) }))
    .sort((a, b) => (a.value < b.value ? -factor : a.value > b.value ? factor : a.index - b.index))
    .map(({ row }) => row);
}
