import { APP_TYPE, CLINIC, PHARMACY, WARD } from '../test-support/locations';
import { LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID } from './constants';
import { readLocationValue } from './patient-rows';

const known = new Set([CLINIC, WARD, PHARMACY]);

describe('readLocationValue', () => {
  it('reads the value as a uuid string, and counts values it cannot map (e.g. an id) as unknown', () => {
    const attr = (value: unknown) => ({ uuid: 'a', value, attributeType: { uuid: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID } });
    expect(readLocationValue(attr(CLINIC), known)).toEqual({ kind: 'location', uuid: CLINIC });
    expect(readLocationValue(attr('7'), known)).toEqual({ kind: 'unknown', raw: '7' });
    expect(readLocationValue(null, known)).toEqual({ kind: 'none' });
  });

  it('reads the value as a Location reference; one it cannot hydrate is unknown', () => {
    const attr = (value: unknown) => ({ uuid: 'a', value, attributeType: { uuid: APP_TYPE } });
    expect(readLocationValue(attr({ uuid: WARD, display: 'Ward' }), known)).toEqual({ kind: 'location', uuid: WARD });
    expect(readLocationValue(attr(null), known)).toEqual({ kind: 'unknown', raw: '' });
    expect(readLocationValue(attr({ uuid: 'deleted', display: 'Old place' }), known)).toEqual({ kind: 'unknown', raw: 'Old place' });
  });
});
