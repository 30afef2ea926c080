import React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { REST, serveRoutes } from '../../test-support/openmrs-fetch';
import { CLINIC, WARD } from '../../test-support/locations';
import { encodeRequest, type RequestBody } from './location-request';
import type { LocationRequest } from './location-requests-io';
import DecideRequestModal from './decide-request.modal';

const body: RequestBody = { kind: 'user', locations: [WARD], endDate: null, reason: 'Night shifts', patientUuid: null, status: 'pending', rejectionReason: null };
const request: LocationRequest = {
  uuid: 'req1',
  body,
  requester: { uuid: 'nurse', username: 'nurse', name: 'Nora Nurse' },
  createdAt: '2026-12-01T08:00:00.000+0000',
  changedBy: null,
  changedAt: null,
};

function renderModal(decision: 'approved' | 'rejected') {
  const onChange = jest.fn();
  render(
    <div role="dialog">
      <DecideRequestModal
        request={request}
        decision={decision}
        names={{ [WARD]: 'Inpatient Ward' }}
        giver={{ anyLocation: true, held: [] }}
        mode={null}
        closeModal={jest.fn()}
        onChange={onChange}
      />
    </div>,
  );
  return { onChange, dialog: screen.getByRole('dialog') };
}

describe('DecideRequestModal', () => {
  it('shows another administrator\'s decision as a conflict and writes nothing', async () => {
    const calls = serveRoutes([
      ['GET', `${REST}/alert/req1`, () => ({
        uuid: 'req1',
        text: encodeRequest({ ...body, status: 'rejected', rejectionReason: 'Ward is full' }),
        creator: { uuid: 'nurse', display: 'nurse', person: { display: 'Nora Nurse' } },
        changedBy: { uuid: 'sam', display: 'sysadmin', person: { display: 'Sam Admin' } },
        dateChanged: '2026-12-02T09:00:00.000+0000',
      })],
    ]);
    const u = userEvent.setup();
    const { dialog } = renderModal('approved');
    await u.click(within(dialog).getByRole('button', { name: 'Approve' }));
    expect(await within(dialog).findByText('Already decided: nothing was written')).toBeInTheDocument();
    expect(within(dialog).getByText(/Rejected by Sam Admin on .*: Ward is full/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    expect(within(dialog).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('a rejection needs a reason, then writes the outcome and the decision', async () => {
    const calls = serveRoutes([
      ['GET', `${REST}/alert/req1`, () => ({ uuid: 'req1', text: encodeRequest(body), creator: { uuid: 'nurse', display: 'nurse' } })],
      ['GET', `${REST}/user/nurse`, () => ({ uuid: 'nurse', userProperties: { locationUuid: CLINIC } })],
      ['POST', `${REST}/user/nurse`, () => ({})],
      ['POST', `${REST}/alert/req1`, () => ({})],
    ]);
    const u = userEvent.setup();
    const { dialog, onChange } = renderModal('rejected');
    const reject = within(dialog).getByRole('button', { name: 'Reject' });
    expect(reject).toBeDisabled();
    await u.type(within(dialog).getByLabelText('Reason for the rejection'), 'Ward is full');
    await u.click(reject);
    expect(await within(dialog).findByText('Request rejected')).toBeInTheDocument();
    expect(onChange).toHaveBeenCalled();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url.split('?')[0])).toEqual([`${REST}/user/nurse`, `${REST}/alert/req1`]);
  });
});
