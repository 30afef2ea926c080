import React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDefaultsFromConfigSchema, useConfig, useSession } from '@openmrs/esm-framework';
import { configSchema } from '../../config-schema';
import { REST, serveRoutes, swrWrapper } from '../../test-support/openmrs-fetch';
import { CLINIC, WARD } from '../../test-support/locations';
import { decodeRequest, encodeRequest } from './location-request';
import RequestLocationModal from './request-location.modal';

const location = (uuid: string, name: string) => ({ uuid, display: name, name, retired: false, tags: [{ display: 'Login Location' }] });

function setup() {
  jest.mocked(useSession).mockReturnValue({ authenticated: true, user: { uuid: 'nurse', userProperties: { locationUuid: CLINIC } } } as never);
  jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
  const calls = serveRoutes([
    ['GET', `${REST}/location`, () => ({ results: [location(CLINIC, 'Outpatient Clinic'), location(WARD, 'Inpatient Ward')] })],
    ['GET', `${REST}/alert`, () => ({
      results: [
        {
          uuid: 'old',
          text: encodeRequest({ kind: 'user', locations: [WARD], endDate: null, reason: 'x', patientUuid: null, status: 'pending', rejectionReason: null }),
          creator: { uuid: 'nurse', display: 'nurse' },
          dateCreated: '2026-12-01T08:00:00.000+0000',
        },
        { uuid: 'other', text: 'Server restarted', creator: { uuid: 'admin', display: 'admin' } },
      ],
    })],
    ['GET', `${REST}/systeminformation`, () => ({})],
    ['POST', `${REST}/alert`, () => ({ uuid: 'new' })],
  ]);
  const closeModal = jest.fn();
  render(
    <div role="dialog">
      <RequestLocationModal closeModal={closeModal} />
    </div>,
    { wrapper: swrWrapper },
  );
  return { calls, dialog: screen.getByRole('dialog') };
}

describe('RequestLocationModal', () => {
  it('offers only login locations the user does not hold, shows pending requests, and sends one with a reason and a last day', async () => {
    const u = userEvent.setup();
    const { calls, dialog } = setup();
    const choices = await within(dialog).findByRole('group', { name: 'Locations you ask for' });
    expect(within(choices).getAllByRole('checkbox')).toHaveLength(1);
    expect(within(choices).queryByRole('checkbox', { name: 'Outpatient Clinic' })).not.toBeInTheDocument();
    expect(await within(dialog).findByText(/Your requests waiting for a decision/)).toBeInTheDocument();
    const send = within(dialog).getByRole('button', { name: 'Send request' });
    await u.click(within(choices).getByRole('checkbox', { name: 'Inpatient Ward' }));
    expect(send).toBeDisabled();
    await u.type(within(dialog).getByLabelText('Reason'), 'Covering nights');
    await u.type(within(dialog).getByLabelText('Last day of access (optional)'), '2999-01-31');
    await u.click(send);
    expect(await within(dialog).findByText('Request sent')).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toMatchObject({ recipients: [{ recipient: 'nurse' }] });
    expect(decodeRequest((post?.body as { text: string }).text)).toMatchObject({
      locations: [WARD],
      reason: 'Covering nights',
      endDate: '2999-01-31',
      status: 'pending',
    });
  });
});
