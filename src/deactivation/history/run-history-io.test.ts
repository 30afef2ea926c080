import type { RestClient } from '../../common/rest-client';
import { appendRun, loadRunHistory } from './run-history-io';
import { RUN_HISTORY_GLOBAL_PROPERTY, runEntry } from './run-history';

describe('run history global property', () => {
  it('appends to what is stored, and reads a property that does not exist yet as no runs', async () => {
    let stored: string | null = null;
    const posts: unknown[] = [];
    const client: RestClient = {
      get: async <T,>() => {
        if (stored === null) {
          throw Object.assign(new Error('Not found'), { response: { status: 404 } });
        }
        return { property: RUN_HISTORY_GLOBAL_PROPERTY, value: stored } as T;
      },
      post: async <T,>(_path: string, body: unknown) => {
        posts.push(body);
        stored = (body as { value: string }).value;
        return null as T;
      },
      delete: async () => {},
    };
    expect(await loadRunHistory(client)).toEqual([]);
    const at = new Date('2026-06-01T08:00:00Z');
    await appendRun(client, runEntry({ at, by: 'admin', via: 'page', dryRun: false, due: 1 }, [{ username: 'a', outcome: 'deactivated' }]));
    await appendRun(client, runEntry({ at, by: 'sweeper', via: 'sweep', dryRun: true, due: 0 }, []));
    expect((await loadRunHistory(client)).map((r) => [r.by, r.via, r.dryRun])).toEqual([
      ['admin', 'page', false],
      ['sweeper', 'sweep', true],
    ]);
    expect(posts[0]).toMatchObject({ property: RUN_HISTORY_GLOBAL_PROPERTY, description: expect.stringMatching(/Deactivation runs/) });
  });
});
