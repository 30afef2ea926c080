import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { REST, serveRoutes } from '../../test-support/openmrs-fetch';
import { CLINIC, PHARMACY, WARD } from '../../test-support/locations';
import { LocationNotGivableError } from '../location-giving';
import { decodeRequest, encodeRequest, type RequestBody } from './location-request';
import { createRequest, decideRequest } from './location-requests-io';
import { outcomesOf, OUTCOMES_PROPERTY } from './request-outcomes';

const NURSE = 'nurse-uuid';
const pending: RequestBody = {
  kind: 'user',
  locations: [WARD],
  endDate: '2027-01-31',
  reason: 'Night shifts',
  patientUuid: null,
  status: 'pending',
  rejectionReason: null,
};

function serveRequest(body: RequestBody, properties: Record<string, string>) {
  let alertText = encodeRequest(body);
  let userProperties = properties;
  const calls = serveRoutes([
    ['GET', `${REST}/alert/req1`, () => ({
      uuid: 'req1',
      text: alertText,
      creator: { uuid: NURSE, display: 'nurse', person: { display: 'Nora Nurse' } },
      changedBy: body.status === 'pending' ? null : { uuid: 'other-admin', display: 'sysadmin', person: { display: 'Sam Admin' } },
    })],
    ['POST', `${REST}/alert/req1`, (_u, init) => {
      alertText = (init.body as { text: string }).text;
      return {};
    }],
    ['GET', `${REST}/user/${NURSE}`, () => ({ uuid: NURSE, userProperties })],
    ['POST', `${REST}/user/${NURSE}`, (_u, init) => {
      userProperties = (init.body as { userProperties: Record<string, string> }).userProperties;
      return {};
    }],
    ['POST', `${REST}/alert`, () => ({ uuid: 'new' })],
  ]);
  return { calls, text: () => alertText, properties: () => userProperties };
}

describe('location requests', () => {
  it('a request is an alert to the requester, created with Manage Alerts only', async () => {
    const { calls } = serveRequest(pending, {});
    await createRequest(openmrsRestClient, NURSE, { kind: 'user', locations: [WARD], endDate: null, reason: 'Cover', patientUuid: null });
    const post = calls.find((c) => c.method === 'POST' && c.url === `${REST}/alert`);
    expect(post?.body).toMatchObject({ recipients: [{ recipient: NURSE }] });
    expect(decodeRequest((post?.body as { text: string }).text)).toMatchObject({ status: 'pending', locations: [WARD], reason: 'Cover' });
  });

  it('approval adds the locations with their end date, tells the requester, then marks the request approved', async () => {
    const server = serveRequest(pending, { locationUuid: CLINIC, defaultLocation: CLINIC, keep: 'me' });
    const result = await decideRequest(openmrsRestClient, 'req1', { status: 'approved' }, {
      names: { [WARD]: 'Inpatient Ward' },
      now: new Date('2026-12-06T10:00:00Z'),
    });
    expect(result).toEqual({ kind: 'decided' });
    expect(server.properties()).toMatchObject({
      locationUuid: `${CLINIC},${WARD}`,
      defaultLocation: CLINIC,
      keep: 'me',
      'useraccess.locationEndDates': `${WARD}:2027-01-31`,
    });
    expect(outcomesOf(server.properties())).toEqual([{ id: 'req1', s: 'a', names: ['Inpatient Ward'], e: '2027-01-31', at: '2026-12-06' }]);
    expect(decodeRequest(server.text())?.status).toBe('approved');
    const writes = server.calls.filter((c) => c.method === 'POST').map((c) => c.url.split('?')[0]);
    expect(writes).toEqual([`${REST}/user/${NURSE}`, `${REST}/alert/req1`]);
  });

  it('a request another administrator decided meanwhile is a conflict, and nothing is written', async () => {
    const server = serveRequest({ ...pending, status: 'rejected', rejectionReason: 'No beds' }, { locationUuid: CLINIC });
    const result = await decideRequest(openmrsRestClient, 'req1', { status: 'approved' }, { names: {} });
    expect(result).toMatchObject({ kind: 'conflict', current: { body: { status: 'rejected', rejectionReason: 'No beds' }, changedBy: { name: 'Sam Admin' } } });
    expect(server.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('rejection leaves the locations as they are and gives the reason to the requester', async () => {
    const server = serveRequest(pending, { locationUuid: CLINIC });
    await decideRequest(openmrsRestClient, 'req1', { status: 'rejected', reason: 'Ward is full' }, { names: { [WARD]: 'Inpatient Ward' } });
    expect(server.properties().locationUuid).toBe(CLINIC);
    expect(outcomesOf(server.properties())[0]).toMatchObject({ s: 'r', n: 'Ward is full' });
    expect(decodeRequest(server.text())).toMatchObject({ status: 'rejected', rejectionReason: 'Ward is full' });
    expect(server.properties()[OUTCOMES_PROPERTY]).toBeDefined();
  });

  it('an administrator without Assign Any Location cannot approve a location they do not hold', async () => {
    const server = serveRequest({ ...pending, locations: [PHARMACY] }, { locationUuid: CLINIC });
    await expect(
      decideRequest(openmrsRestClient, 'req1', { status: 'approved' }, { names: {}, giver: { anyLocation: false, held: [CLINIC, WARD] } }),
    ).rejects.toBeInstanceOf(LocationNotGivableError);
    expect(server.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });
});
