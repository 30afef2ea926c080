import { openmrsFetch } from '@openmrs/esm-framework';
import { fetchNamedLocations, fetchUsableLocations, fetchVisibleTaggedLocations, locationSearchUrl, usableLocations } from './session-location.resource';

const entry = (id: string, name: string, status = 'active') => ({
  resource: { resourceType: 'Location', id, name, status },
});

describe('locationSearchUrl', () => {
  it('asks FHIR for the assigned locations by _id, as many as there are', () => {
    expect(locationSearchUrl({ kind: 'assigned', uuids: ['a', 'b'] }, 'Login Location')).toBe(
      '/ws/fhir2/R4/Location?_id=a,b&_count=2&_summary=data',
    );
  });

  it('asks for the tagged locations, or every location when the tag is blank', () => {
    expect(locationSearchUrl({ kind: 'tagged' }, 'Login Location')).toBe(
      '/ws/fhir2/R4/Location?_tag=Login%20Location&_count=100&_summary=data',
    );
    expect(locationSearchUrl({ kind: 'tagged' }, ' ')).toBe('/ws/fhir2/R4/Location?_count=100&_summary=data');
    expect(locationSearchUrl({ kind: 'none' }, 'Login Location')).toBeNull();
  });
});

describe('fetchNamedLocations', () => {
  it('reads on from where the first page ended, leaves out retired locations, and sorts by name', async () => {
    jest
      .mocked(openmrsFetch)
      .mockResolvedValueOnce({
        data: {
          entry: [entry('b', 'Ward'), entry('x', 'Old', 'inactive')],
          link: [{ relation: 'next', url: 'http://host/openmrs/ws/fhir2/R4/Location?_tag=x&_getpagesoffset=2' }],
        },
      } as never)
      .mockResolvedValueOnce({ data: { entry: [entry('a', 'Clinic')] } } as never);
    await expect(fetchNamedLocations('/ws/fhir2/R4/Location?_tag=x')).resolves.toEqual([
      { uuid: 'a', name: 'Clinic' },
      { uuid: 'b', name: 'Ward' },
    ]);
    // the first page is not asked for twice
    expect(openmrsFetch).toHaveBeenCalledTimes(2);
    expect(jest.mocked(openmrsFetch).mock.calls[1][0]).toBe('/ws/fhir2/R4/Location?_tag=x&_getpagesoffset=2');
  });

  it('makes one request when the first page holds every location', async () => {
    jest.mocked(openmrsFetch).mockResolvedValueOnce({
      data: { total: 2, entry: [entry('b', 'Ward'), entry('a', 'Clinic')] },
    } as never);
    await expect(fetchNamedLocations('/ws/fhir2/R4/Location?_tag=x')).resolves.toEqual([
      { uuid: 'a', name: 'Clinic' },
      { uuid: 'b', name: 'Ward' },
    ]);
    expect(openmrsFetch).toHaveBeenCalledTimes(1);
    expect(jest.mocked(openmrsFetch).mock.calls[0][0]).toBe('/ws/fhir2/R4/Location?_tag=x&_getpagesoffset=0');
  });

  it("keeps the user's own order for assigned locations and drops unknown ones", async () => {
    jest
      .mocked(openmrsFetch)
      .mockResolvedValueOnce({ data: { entry: [entry('a', 'Clinic'), entry('b', 'Ward')] } } as never);
    await expect(fetchNamedLocations('/ws/fhir2/R4/Location?_id=b,zzz,a', ['b', 'zzz', 'a'])).resolves.toEqual([
      { uuid: 'b', name: 'Ward' },
      { uuid: 'a', name: 'Clinic' },
    ]);
  });
});

describe('usableLocations', () => {
  const found = [
    { uuid: 'a', name: 'Clinic' },
    { uuid: 'b', name: 'Ward' },
  ];

  it('keeps every location when the server accepts another than the session location', async () => {
    const accepts = jest.fn().mockResolvedValue(true);
    await expect(usableLocations(found, 'a', accepts)).resolves.toEqual({ locations: found, limitedToSession: false });
    expect(accepts).toHaveBeenCalledWith('b');
  });

  it('keeps only the session location, tagged or not, when the server refuses another (LBAC)', async () => {
    const refuses = jest.fn().mockResolvedValue(false);
    await expect(usableLocations(found, 'b', refuses)).resolves.toEqual({ locations: [found[1]], limitedToSession: true });
    await expect(usableLocations(found, 'lab', refuses)).resolves.toEqual({
      locations: [{ uuid: 'lab', name: 'lab' }],
      limitedToSession: true,
    });
    await expect(usableLocations(found, null, refuses)).resolves.toEqual({ locations: [], limitedToSession: true });
  });
});

describe('fetchVisibleTaggedLocations', () => {
  const rest = (uuid: string, name: string, tags: string[]) => ({ uuid, display: name, tags: tags.map((display) => ({ display })) });

  it('names the tagged locations of the list LBAC filters, by name, with one request', async () => {
    jest.mocked(openmrsFetch).mockResolvedValueOnce({
      data: { results: [rest('w', 'Ward', ['Login Location']), rest('x', 'Store', []), rest('c', 'Clinic', ['Login Location'])] },
    } as never);
    await expect(fetchVisibleTaggedLocations('Login Location', 'c')).resolves.toEqual({
      locations: [
        { uuid: 'c', name: 'Clinic' },
        { uuid: 'w', name: 'Ward' },
      ],
      limitedToSession: false,
    });
    expect(openmrsFetch).toHaveBeenCalledTimes(1);
  });

  it('with only the session location in the list, LBAC limits the user to it, tagged or not', async () => {
    jest.mocked(openmrsFetch).mockResolvedValueOnce({ data: { results: [rest('x', 'Store', [])] } } as never);
    await expect(fetchVisibleTaggedLocations('Login Location', 'x')).resolves.toEqual({
      locations: [{ uuid: 'x', name: 'Store' }],
      limitedToSession: true,
    });
  });

  it('gives way when the server refuses the list', async () => {
    jest.mocked(openmrsFetch).mockRejectedValueOnce(Object.assign(new Error('HTTP 500'), { response: { status: 500 } }));
    await expect(fetchVisibleTaggedLocations('Login Location', null)).resolves.toBeNull();
  });

  it('gives way to the FHIR search and one lookup when the server has more locations than a page', async () => {
    jest
      .mocked(openmrsFetch)
      .mockResolvedValueOnce({ data: { results: [rest('w', 'Ward', ['Login Location'])], links: [{ rel: 'next' }] } } as never)
      .mockResolvedValueOnce({ data: { total: 2, entry: [entry('w', 'Ward'), entry('c', 'Clinic')] } } as never)
      .mockResolvedValueOnce({ data: { uuid: 'w' } } as never);
    await expect(
      fetchUsableLocations('/ws/fhir2/R4/Location?_tag=Login%20Location', undefined, { sessionLocationUuid: 'c' }, 'Login Location'),
    ).resolves.toEqual({
      locations: [
        { uuid: 'c', name: 'Clinic' },
        { uuid: 'w', name: 'Ward' },
      ],
      limitedToSession: false,
    });
    expect(jest.mocked(openmrsFetch).mock.calls.map(([url]) => String(url).replace(/\?.*/, ''))).toEqual([
      expect.stringMatching(/\/ws\/rest\/v1\/location$/),
      '/ws/fhir2/R4/Location',
      expect.stringMatching(/\/ws\/rest\/v1\/location\/w$/),
    ]);
  });
});
