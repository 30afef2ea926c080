import type { SwrCacheMutate } from '../../common/swr-cache-mutate';
import type { RestClient } from '../../common/rest-client';
import { runEntry, type RunResultLine } from './run-history';
import { appendRun } from './run-history-io';
import { runHistorySwrKey } from './run-history.resource';

/**
 * What "Deactivate all due" records after each pass: its results, plus the due accounts the page left
 * out because the server would refuse this administrator.
 */
export function recordPageRun(
  client: RestClient,
  run: { actor: string; due: number; notPermitted: string[] },
  mutate: SwrCacheMutate,
) {
  return async (lines: RunResultLine[], startedAt: Date) => {
    const notPermitted = run.notPermitted.map((username): RunResultLine => ({ username, outcome: 'notPermitted' }));
    await appendRun(
      client,
      runEntry({ at: startedAt, by: run.actor, via: 'page', dryRun: false, due: run.due }, [...lines, ...notPermitted]),
    );
    await mutate(runHistorySwrKey);
  };
}
