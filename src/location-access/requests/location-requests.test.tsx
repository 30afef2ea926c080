import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { useSession, userHasAccess } from '@openmrs/esm-framework';
import { CLINIC, locationsHook, WARD } from '../../test-support/locations';
import { useAllLocations, useStorageMode } from '../location-access.resource';
import type { RequestBody } from './location-request';
import type { LocationRequest } from './location-requests-io';
import { useLocationRequests } from './location-requests.resource';
import LocationRequests from './location-requests.component';

jest.mock('../location-access.resource', () => ({ useAllLocations: jest.fn(), useStorageMode: jest.fn() }));
jest.mock('./location-requests.resource', () => ({ useLocationRequests: jest.fn() }));

const body: RequestBody = { kind: 'user', locations: [WARD], endDate: '2999-01-31', reason: 'Nights', patientUuid: null, status: 'pending', rejectionReason: null };
const request = (uuid: string, over: Partial<RequestBody> = {}): LocationRequest => ({
  uuid,
  body: { ...body, ...over },
  requester: { uuid: 'nurse', username: 'nurse', name: 'Nora Nurse' },
  createdAt: '2026-12-01T08:00:00.000+0000',
  changedBy: null,
  changedAt: null,
});

function setup(privileges: string[], held: string) {
  jest.mocked(useSession).mockReturnValue({
    authenticated: true,
    user: { uuid: 'manager', roles: [], privileges: privileges.map((name) => ({ name })), userProperties: { locationUuid: held } },
  } as never);
  jest.mocked(userHasAccess).mockImplementation((p, u) => (u as { privileges: Array<{ name: string }> }).privileges.some((x) => x.name === p));
  jest.mocked(useAllLocations).mockReturnValue(locationsHook() as never);
  jest.mocked(useStorageMode).mockReturnValue({ mode: null } as never);
  jest.mocked(useLocationRequests).mockReturnValue({
    requests: [request('a'), request('b', { locations: [CLINIC] }), request('c', { status: 'rejected', rejectionReason: 'Full' })],
    error: undefined,
    isLoading: false,
    mutate: jest.fn(),
  } as never);
  render(<LocationRequests />);
}

describe('LocationRequests', () => {
  it('lists pending requests with their count, and offers Approve only for locations the administrator may give', () => {
    setup(['Manage Location Access', 'Manage Alerts'], CLINIC);
    expect(screen.getByRole('heading', { name: 'Pending (2)' })).toBeInTheDocument();
    const rows = within(screen.getByRole('table', { name: 'Pending requests' })).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Inpatient Ward');
    expect(within(rows[0]).getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(rows[0]).toHaveTextContent('You do not hold Inpatient Ward and lack "Assign Any Location"');
    expect(within(rows[0]).getByRole('button', { name: 'Reject' })).toBeEnabled();
    expect(within(rows[1]).getByRole('button', { name: 'Approve' })).toBeEnabled();
    expect(screen.getByText(/Nora Nurse: Inpatient Ward. Rejected by someone on .*: Full/)).toBeInTheDocument();
  });

  it('says that deciding needs Manage Alerts, and offers no decision without it', () => {
    setup(['Manage Location Access', 'Assign Any Location'], '');
    expect(screen.getByText('You cannot decide requests')).toBeInTheDocument();
    for (const button of screen.getAllByRole('button', { name: /Approve|Reject/ })) {
      expect(button).toBeDisabled();
    }
  });
});
