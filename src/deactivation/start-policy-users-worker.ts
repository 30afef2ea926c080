/**
 * The worker that fetches the users, or null where none may start: no Worker (Jest's jsdom), or the
 * module served from another origin than the page, or a Content-Security-Policy without worker-src.
 * Apart from its caller because webpack only bundles a worker spelled out as
 * `new Worker(new URL(..., import.meta.url))`.
 */
export function startPolicyUsersWorker(): Worker | null {
  try {
    return new Worker(new URL('./policy-users.worker.ts', import.meta.url));
  } catch {
    return null;
  }
}
