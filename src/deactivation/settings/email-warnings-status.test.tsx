import React from 'react';
import { render, screen } from '@testing-library/react';
import { createDefaultPolicy } from '../policy-json';
import { useMailProperties } from '../mail-settings.resource';
import type { MailPropertyValues } from '../mail-settings';
import EmailWarningsStatus from './email-warnings-status.component';

jest.mock('../mail-settings.resource', () => ({ useMailProperties: jest.fn() }));

const configured: MailPropertyValues = { host: 'smtp.example.org', port: '587', from: 'openmrs@example.org', auth: 'true', user: 'mailer', password: 'x' };
const withWarnings = (daysBefore: number | null = null) => ({ ...createDefaultPolicy(), warningDays: 14, emailWarnings: { enabled: true, daysBefore } });

function setup(policy = withWarnings(), properties: MailPropertyValues | null = configured, error: unknown = undefined) {
  jest.mocked(useMailProperties).mockReturnValue({ properties, error, isLoading: false });
  render(<EmailWarningsStatus policy={policy} />);
  return screen.getByRole('region', { name: 'Email warnings' });
}

describe('the email warnings status', () => {
  it('is configured when the policy option is on and core has a complete SMTP setup', () => {
    const panel = setup(withWarnings(5));
    expect(panel).toHaveTextContent('Email warnings are configured');
    expect(panel).toHaveTextContent('The sweep emails each user 5 days before deactivation, from openmrs@example.org through smtp.example.org:587.');
    expect(panel).not.toHaveTextContent('values core installs with');
  });

  it('uses the warning period when the policy sets no number of days, and flags core\'s shipped localhost:25', () => {
    const panel = setup(withWarnings(null), { host: 'localhost', port: '25', from: 'info@openmrs.org', auth: 'false' });
    expect(panel).toHaveTextContent('14 days before deactivation, from info@openmrs.org through localhost:25.');
    expect(panel).toHaveTextContent('These are the values core installs with; check that they reach your mail server.');
  });

  it('names every missing global property', () => {
    const panel = setup(withWarnings(), { host: ' ', port: 'abc', from: '', auth: 'true', user: '', password: '' });
    expect(panel).toHaveTextContent('Email warnings are on, but mail is not configured');
    expect(panel).toHaveTextContent(
      "Set these global properties (or the sweep's --smtp flags): mail.smtp_host, mail.smtp_port, mail.from, mail.user, mail.password.",
    );
  });

  it('says users are not emailed while the policy option is off, however mail is set up', () => {
    const panel = setup(createDefaultPolicy());
    expect(panel).toHaveTextContent('Users are not emailed before their account is deactivated.');
    expect(panel).not.toHaveTextContent('configured');
  });

  it('shows why the mail settings could not be read', () => {
    const error = Object.assign(new Error('Forbidden'), { response: { status: 403 }, responseBody: { error: { message: 'Privileges required: Get Global Properties' } } });
    const panel = setup(withWarnings(), null, error);
    expect(panel).toHaveTextContent('Could not read the mail settings');
    expect(panel).toHaveTextContent('403: Privileges required: Get Global Properties');
  });
});
