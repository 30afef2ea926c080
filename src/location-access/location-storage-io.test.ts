import { toLocationInfo } from './location-storage-io';

describe('toLocationInfo', () => {
  const location = (...tags: string[]) => ({ uuid: 'u', display: 'Ward', name: 'Ward', tags: tags.map((display) => ({ display })) });

  it('marks a location carrying the configured tag as a login location, and no other', () => {
    expect(toLocationInfo(location('Login Location'), 'Login Location').isLoginLocation).toBe(true);
    expect(toLocationInfo(location('Clinic Login'), 'Clinic Login').isLoginLocation).toBe(true);
    expect(toLocationInfo(location('Login Location'), 'Clinic Login').isLoginLocation).toBe(false);
    expect(toLocationInfo(location('Login Location'), ' Login Location ').isLoginLocation).toBe(true);
  });

  it('marks no location when the tag is configured blank (the switcher then offers every location)', () => {
    expect(toLocationInfo(location('Login Location'), '').isLoginLocation).toBe(false);
    expect(toLocationInfo(location('Login Location'), '  ').isLoginLocation).toBe(false);
  });
});
