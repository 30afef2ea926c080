import { act, renderHook } from '@testing-library/react';
import { ITEMS_PUBLISH_MS, reportListItems, useListItemsSoFar, withListProgress } from './list-progress';

describe('a list\'s items while it loads', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows the first page at once and later pages together at most every ITEMS_PUBLISH_MS; a new load starts afresh', async () => {
    const { result } = renderHook(() => useListItemsSoFar<string>('test-list'));
    let finish: () => void = () => undefined;
    const load = withListProgress('test-list', () => new Promise<void>((resolve) => (finish = resolve)));
    expect(result.current).toBeNull();

    act(() => reportListItems('test-list', ['a', 'b']));
    expect(result.current).toEqual(['a', 'b']);
    act(() => {
      reportListItems('test-list', ['c']);
      reportListItems('test-list', ['d']);
    });
    expect(result.current).toEqual(['a', 'b']);
    act(() => jest.advanceTimersByTime(ITEMS_PUBLISH_MS));
    expect(result.current).toEqual(['a', 'b', 'c', 'd']);

    finish();
    await act(() => load);
    // kept once loaded, so a page switching to the finished list does not flash empty
    expect(result.current).toEqual(['a', 'b', 'c', 'd']);
    act(() => void withListProgress('test-list', () => new Promise(() => undefined)));
    expect(result.current).toBeNull();
  });
});
