import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDefaultsFromConfigSchema, useConfig, useSession } from '@openmrs/esm-framework';
import { configSchema } from '../../config-schema';
import { REST, serveRoutes, swrWrapper } from '../../test-support/openmrs-fetch';
import { WARD } from '../../test-support/locations';
import { decodeRequest, encodeRequest } from './location-request';
import PatientLocationRequest from './patient-location-request.component';

describe('PatientLocationRequest', () => {
  it('lets a user without Assign Patient Locations ask to move a patient, and shows their requests with the decision', async () => {
    jest.mocked(useSession).mockReturnValue({ authenticated: true, user: { uuid: 'clerk', userProperties: {} } } as never);
    jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
    const calls = serveRoutes([
      ['GET', `${REST}/location`, () => ({ results: [{ uuid: WARD, display: 'Inpatient Ward', name: 'Inpatient Ward', retired: false, tags: [] }] })],
      ['GET', `${REST}/alert`, () => ({
        results: [
          {
            uuid: 'done',
            text: encodeRequest({ kind: 'patient', locations: [WARD], endDate: null, reason: 'x', patientUuid: 'p0', patientName: 'Old Patient', status: 'rejected', rejectionReason: 'Wrong ward' }),
            creator: { uuid: 'clerk', display: 'clerk' },
            changedBy: { uuid: 'admin', display: 'admin', person: { display: 'Super User' } },
            dateCreated: '2026-12-01T08:00:00.000+0000',
            dateChanged: '2026-12-02T08:00:00.000+0000',
          },
        ],
      })],
      ['GET', `${REST}/patient`, () => ({ results: [{ uuid: 'p1', display: '100-1 - Jane Doe' }] })],
      ['GET', `${REST}/systeminformation`, () => ({})],
      ['POST', `${REST}/alert`, () => ({ uuid: 'new' })],
    ]);
    const u = userEvent.setup();
    render(<PatientLocationRequest />, { wrapper: swrWrapper });
    expect(await screen.findByText(/Move Old Patient to Inpatient Ward. Rejected by Super User on .*: Wrong ward/)).toBeInTheDocument();
    await u.type(screen.getByRole('searchbox'), 'Jane');
    await u.click(screen.getByRole('button', { name: 'Search' }));
    await u.click(await screen.findByRole('button', { name: '100-1 - Jane Doe' }));
    await u.selectOptions(screen.getByLabelText('New patient location'), WARD);
    await u.type(screen.getByLabelText('Reason'), 'Admitted');
    await u.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByText('Request sent')).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST');
    expect(decodeRequest((post?.body as { text: string }).text)).toMatchObject({
      kind: 'patient',
      locations: [WARD],
      patientUuid: 'p1',
      patientName: '100-1 - Jane Doe',
      reason: 'Admitted',
    });
  });
});
