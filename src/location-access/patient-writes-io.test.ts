import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { REST, serveRoutes } from '../test-support/openmrs-fetch';
import { APP_TYPE, attributeMode, CLINIC, lbacMode, WARD } from '../test-support/locations';
import { LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID } from './constants';
import { assignPatientsLocation, setPatientLocation } from './patient-writes-io';

describe('patient location writes with LBAC', () => {
  it('writes through /lbac/patient-migration one patient per request, run concurrently', async () => {
    let inFlight = 0;
    let peak = 0;
    const calls = serveRoutes([
      ['POST', `${REST}/lbac/patient-migration`, async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        return { status: { message: 'OK' } };
      }],
    ]);
    const items = ['p1', 'p2', 'p3', 'p4'].map((uuid) => ({ uuid, label: uuid }));
    const outcome = await assignPatientsLocation(openmrsRestClient, lbacMode, items, CLINIC, { concurrency: 3 });
    expect(outcome.succeeded).toBe(4);
    expect(calls.map((c) => c.body)).toEqual(items.map((i) => ({ patientList: [i.uuid], locationUuid: CLINIC })));
    expect(peak).toBeGreaterThan(1);
    expect(calls.some((c) => c.url.includes('/person/'))).toBe(false);
  });

  it('treats a 200 whose status.message is not OK as a failure, without retrying it', async () => {
    const calls = serveRoutes([
      ['POST', `${REST}/lbac/patient-migration`, (_u, init) =>
        (init.body as { patientList: string[] }).patientList[0] === 'bad'
          ? { status: { message: 'Location Uuid x is Not valid' } }
          : { status: { message: 'OK' } }],
    ]);
    const outcome = await assignPatientsLocation(openmrsRestClient, lbacMode, [{ uuid: 'good', label: 'Good' }, { uuid: 'bad', label: 'Bad' }], CLINIC, {
      sleep: async () => {},
    });
    expect(outcome.succeeded).toBe(1);
    expect(outcome.results[1]).toMatchObject({ status: 'failed', message: expect.stringContaining('Location Uuid x is Not valid') });
    expect(calls).toHaveLength(2);
    await expect(setPatientLocation(openmrsRestClient, lbacMode, 'bad', CLINIC)).rejects.toThrow(/Not valid/);
  });

  it('sends larger batches only when configured, failing every patient of a failed batch', async () => {
    const calls = serveRoutes([
      ['POST', `${REST}/lbac/patient-migration`, (_u, init) =>
        (init.body as { patientList: string[] }).patientList.includes('p3') ? {} : { status: { message: 'OK' } }],
    ]);
    const items = ['p1', 'p2', 'p3', 'p4', 'p5'].map((uuid) => ({ uuid, label: uuid }));
    const outcome = await assignPatientsLocation(openmrsRestClient, lbacMode, items, WARD, { lbacPatientsPerRequest: 2 });
    expect(calls.map((c) => (c.body as { patientList: string[] }).patientList)).toEqual([['p1', 'p2'], ['p3', 'p4'], ['p5']]);
    expect(outcome.results.map((r) => [r.item.uuid, r.status])).toEqual([
      ['p1', 'success'],
      ['p2', 'success'],
      ['p3', 'failed'],
      ['p4', 'failed'],
      ['p5', 'success'],
    ]);
  });

  it('never writes a uuid into the LBAC type through /person/{uuid}/attribute, even when the patient has the attribute', async () => {
    const calls = serveRoutes([
      ['GET', `${REST}/person/p1/attribute`, () => ({
        results: [{ uuid: 'a1', value: WARD, attributeType: { uuid: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID } }],
      })],
      ['POST', `${REST}/person/`, () => ({})],
      ['POST', `${REST}/lbac/patient-migration`, () => ({ status: { message: 'OK' } })],
    ]);
    expect(await setPatientLocation(openmrsRestClient, lbacMode, 'p1', CLINIC)).toBe('migrated');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([`POST ${REST}/lbac/patient-migration`]);
  });

  it('removes a location by voiding the attribute', async () => {
    const calls = serveRoutes([
      ['GET', `${REST}/person/p1/attribute`, () => ({
        results: [{ uuid: 'a1', value: CLINIC, attributeType: { uuid: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID } }],
      })],
      ['DELETE', `${REST}/person/p1/attribute/a1`, () => null],
    ]);
    expect(await setPatientLocation(openmrsRestClient, lbacMode, 'p1', null)).toBe('removed');
    expect(calls.map((c) => c.method)).toEqual(['GET', 'DELETE']);
  });
});

describe('patient location writes without LBAC', () => {
  it('creates the attribute through /person/{uuid}/attribute when the patient has none', async () => {
    const calls = serveRoutes([
      ['GET', `${REST}/person/p1/attribute`, () => ({ results: [{ uuid: 'phone', value: '0712', attributeType: { uuid: 'tel' } }] })],
      ['POST', `${REST}/person/p1/attribute`, () => ({ uuid: 'new' })],
    ]);
    expect(await setPatientLocation(openmrsRestClient, attributeMode, 'p1', CLINIC)).toBe('created');
    expect(calls[1]).toMatchObject({ method: 'POST', url: `${REST}/person/p1/attribute`, body: { attributeType: APP_TYPE, value: CLINIC } });
    expect(calls.some((c) => c.url.includes('/lbac/'))).toBe(false);
  });

  it('updates the existing attribute instead of adding a second one', async () => {
    const calls = serveRoutes([
      ['GET', `${REST}/person/p1/attribute`, () => ({
        results: [{ uuid: 'a1', value: { uuid: WARD, display: 'Ward' }, attributeType: { uuid: APP_TYPE } }],
      })],
      ['POST', `${REST}/person/p1/attribute/a1`, () => ({})],
    ]);
    expect(await setPatientLocation(openmrsRestClient, attributeMode, 'p1', CLINIC)).toBe('updated');
    expect(calls[1]).toMatchObject({ method: 'POST', url: `${REST}/person/p1/attribute/a1`, body: { value: CLINIC } });
  });

  it('writes nothing when the patient already has that location', async () => {
    const calls = serveRoutes([
      ['GET', `${REST}/person/p1/attribute`, () => ({
        results: [{ uuid: 'a1', value: { uuid: CLINIC, display: 'Clinic' }, attributeType: { uuid: APP_TYPE } }],
      })],
    ]);
    expect(await setPatientLocation(openmrsRestClient, attributeMode, 'p1', CLINIC)).toBe('unchanged');
    expect(calls).toHaveLength(1);
  });
});
