import type { useSWRConfig } from 'swr';

/**
 * useSWRConfig's mutate. The app shell gives every app one SWR cache of its own (the provider of
 * openmrsComponentDecorator's SWRConfig), which swr's global `mutate` does not reach.
 */
export type SwrCacheMutate = ReturnType<typeof useSWRConfig>['mutate'];
