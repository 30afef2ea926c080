import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { httpError, REST, serveRoutes } from '../../test-support/openmrs-fetch';
import { ensureRequesterRole, requesterRoleState } from './requester-role-io';

const ROLE_URL = `${REST}/role/Location%20Requester`;

describe('the requester role', () => {
  it('is created with Manage Alerts only when missing', async () => {
    const calls = serveRoutes([
      ['GET', ROLE_URL, () => {
        throw httpError(404);
      }],
      ['POST', `${REST}/role`, () => ({})],
    ]);
    expect(await requesterRoleState(openmrsRestClient)).toBe('missing');
    await ensureRequesterRole(openmrsRestClient);
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ name: 'Location Requester', privileges: ['Manage Alerts'] });
  });

  it('gains Manage Alerts, keeping the privileges it has', async () => {
    const calls = serveRoutes([
      ['GET', ROLE_URL, () => ({ uuid: 'r1', privileges: [{ name: 'Get Patients' }] })],
      ['POST', `${REST}/role/r1`, () => ({})],
    ]);
    expect(await requesterRoleState(openmrsRestClient)).toBe('lacksPrivilege');
    await ensureRequesterRole(openmrsRestClient);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ privileges: ['Get Patients', 'Manage Alerts'] });
  });
});
