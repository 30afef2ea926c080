import { CLINIC, PHARMACY, WARD, patient } from '../../test-support/locations';
import { mergeCounts, mergedUserPatch, patientsAt, type MergeUserInput } from './merge-plan';

const TARGET = 'target-0000-4000-8000-000000000001';

describe('mergedUserPatch', () => {
  it('replaces each merged location by the target once, in place, and moves the default', () => {
    const patch = mergedUserPatch({ locationUuid: `${PHARMACY},${CLINIC},${WARD}`, defaultLocation: WARD, defaultLocale: 'fr' }, [CLINIC, WARD], TARGET);
    expect(patch).toEqual({ locationUuid: `${PHARMACY},${TARGET}`, defaultLocation: TARGET });
  });

  it('changes nothing for a user who holds none of the merged locations', () => {
    expect(mergedUserPatch({ locationUuid: PHARMACY, defaultLocation: PHARMACY }, [CLINIC], TARGET)).toBeNull();
    expect(mergedUserPatch(null, [CLINIC], TARGET)).toBeNull();
  });

  it('moves a default location set without any locationUuid (core sets it without LBAC), leaving locationUuid alone', () => {
    expect(mergedUserPatch({ defaultLocation: CLINIC }, [CLINIC], TARGET)).toEqual({ defaultLocation: TARGET });
  });

  it('keeps the longer access of an assignment that ends on a date', () => {
    const dated = mergedUserPatch(
      { locationUuid: `${CLINIC},${WARD}`, 'useraccess.locationEndDates': `${CLINIC}:2030-01-31,${WARD}:2030-06-30` },
      [CLINIC, WARD],
      TARGET,
    );
    expect(dated).toEqual({ locationUuid: TARGET, 'useraccess.locationEndDates': `${TARGET}:2030-06-30` });
    // the target already held without an end: the merged dated assignment does not shorten it
    const permanent = mergedUserPatch(
      { locationUuid: `${TARGET},${CLINIC}`, 'useraccess.locationEndDates': `${CLINIC}:2030-01-31` },
      [CLINIC],
      TARGET,
    );
    expect(permanent).toEqual({ locationUuid: TARGET, 'useraccess.locationEndDates': null });
    // a dated merged location that was the only one: the target gets its date
    expect(mergedUserPatch({ locationUuid: CLINIC, 'useraccess.locationEndDates': `${CLINIC}:2030-01-31` }, [CLINIC], TARGET)).toEqual({
      locationUuid: TARGET,
      'useraccess.locationEndDates': `${TARGET}:2030-01-31`,
    });
  });
});

describe('mergeCounts', () => {
  it('counts assignments, defaults, dated assignments and patients per merged location', () => {
    const users: MergeUserInput[] = [
      { uuid: 'a', locations: [CLINIC, WARD], defaultLocation: CLINIC, endDates: { [WARD]: '2030-01-01' } },
      { uuid: 'b', locations: [PHARMACY], defaultLocation: PHARMACY, endDates: {} },
      { uuid: 'c', locations: [], defaultLocation: WARD, endDates: {} },
    ];
    const patients = [
      patient({ name: 'Ann', location: { kind: 'location', uuid: CLINIC } }),
      patient({ name: 'Bob', location: { kind: 'location', uuid: WARD } }),
      patient({ name: 'Cid', location: { kind: 'location', uuid: PHARMACY } }),
      patient({ name: 'Dee', location: { kind: 'unknown', raw: '7' } }),
    ];
    expect(mergeCounts(users, patients, [CLINIC, WARD])).toEqual({
      assignments: 1,
      defaults: 2,
      datedAssignments: 1,
      patients: 2,
      perSource: { [CLINIC]: { users: 1, patients: 1 }, [WARD]: { users: 2, patients: 1 } },
    });
    expect(patientsAt(patients, [PHARMACY]).map((p) => p.name)).toEqual(['Cid']);
  });
});
