import { CLINIC, testLocations, user, WARD } from '../test-support/locations';
import { itemResultsCsv, locationReportCsv, userLocationsCsv } from './location-exports';

const t = (_key: string, text: string, values?: Record<string, unknown>) =>
  text.replace(/{{(\w+)}}/g, (_m, name: string) => String(values?.[name] ?? ''));
const byUuid = new Map(testLocations.map((l) => [l.uuid, l]));

describe('location exports', () => {
  it('lists each user with their locations by name, and neutralises a name that would start a formula', () => {
    const csv = userLocationsCsv(
      [
        user({ name: '=HYPERLINK("http://evil")', username: 'mallory', locations: [CLINIC, WARD], defaultLocation: WARD }),
        user({ name: 'Retired Rita', username: '@rita', retired: true }),
      ],
      byUuid,
      t,
    );
    expect(csv.split('\r\n')).toEqual([
      'Username,Name,Locations,Default location,Status',
      `mallory,"'=HYPERLINK(""http://evil"")",Outpatient Clinic; Inpatient Ward,Inpatient Ward,Active`,
      "'@rita,Retired Rita,,,Retired",
      '',
    ]);
  });

  it('writes the report with empty cells for counts not read yet', () => {
    expect(locationReportCsv([{ label: '+Annex', users: 3, patients: null }], t)).toBe('Location,Users,Patients\r\n\'+Annex,3,\r\n');
  });

  it('writes each item\'s result with the server\'s message', () => {
    const csv = itemResultsCsv(
      [
        { label: 'Ann', kind: 'Patient', result: { status: 'success' } },
        { label: 'Bob', kind: 'Patient', result: { status: 'failed', message: '-500: boom' } },
        { label: 'Cid', kind: 'User', result: undefined },
      ],
      t,
    );
    expect(csv.split('\r\n')).toEqual(['Item,Kind,Result,Message', 'Ann,Patient,done,', "Bob,Patient,failed,'-500: boom", 'Cid,User,not started,', '']);
    expect(itemResultsCsv([{ label: 'Ann', result: { status: 'success' } }], t).split('\r\n')[0]).toBe('Item,Result,Message');
  });
});
