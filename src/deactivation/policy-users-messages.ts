import type { ListProgress } from '../common/rest-client';
import type { PolicyUser } from './types';

/** What the page asks of policy-users.worker.ts. */
export interface PolicyUsersRequest {
  /** the REST API's absolute URL, e.g. https://host/openmrs/ws/rest/v1 */
  restBase: string;
  /** whether the server reports totalCount, as the page already knows */
  countsTotal: boolean;
}

/**
 * What the worker answers: the users that arrived since its last message, with the progress, then the whole list's
 * order as positions in the order the users arrived (repeats left out), or that it failed.
 */
export type PolicyUsersMessage =
  | { type: 'users'; users: PolicyUser[]; progress: ListProgress }
  | { type: 'done'; order: number[] }
  | { type: 'failed'; message: string };
