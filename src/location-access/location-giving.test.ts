import { assertMayGive, givable, giverOf, LocationNotGivableError } from './location-giving';

const A = 'loc-a';
const B = 'loc-b';

describe('who may give which location', () => {
  it('a user without Assign Any Location gives only the locations they hold', () => {
    const giver = giverOf({ privileges: [{ display: 'Manage Location Access' }], roles: [{ name: 'Manager' }], userProperties: { locationUuid: `${A}, ${A}` } });
    expect(giver).toEqual({ anyLocation: false, held: [A] });
    expect(givable(giver, [{ uuid: A }, { uuid: B }])).toEqual([{ uuid: A }]);
    expect(() => assertMayGive(giver, [A, B])).toThrow(LocationNotGivableError);
    expect(() => assertMayGive(giver, [A])).not.toThrow();
  });

  it('Assign Any Location (any case) or the System Developer role gives every location', () => {
    expect(giverOf({ privileges: [{ name: 'assign any location' }], userProperties: {} }).anyLocation).toBe(true);
    expect(giverOf({ roles: [{ name: 'System Developer' }] }).anyLocation).toBe(true);
    expect(() => assertMayGive(giverOf({ roles: [{ display: 'System Developer' }] }), [B])).not.toThrow();
  });
});
