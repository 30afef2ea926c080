/**
 * The sweep's email (docs/email-warnings.md): the administrators' digest, the users' warnings and
 * the run report. Nothing here stops or changes a deactivation: a send that fails is reported in
 * the output and the report, and a warning not sent is tried again by the next run.
 */
import { errorMessage } from '../src/common/error-message';
import type { RestClient } from '../src/common/rest-client';
import { fetchMailProperties, resolveSmtpSettings } from '../src/deactivation/mail-settings';
import type { Decision, DeactivationPolicy, PolicyUser } from '../src/deactivation/types';
import type { SweepArgs } from './args';
import { digestEmail, runReportEmail, type RunReport } from './email-digest';
import { accountsToWarn, fetchUserEmails, sendUserWarnings, type WarningOutcome } from './email-warnings';
import { createMailer, type Email, type Mailer } from './mailer';

export interface EmailSummary {
  /** why nothing is emailed, when nothing is */
  off: string | null;
  recipients: string[];
  sent: Array<{ to: string[]; subject: string }>;
  failed: Array<{ to: string[]; subject: string; error: string }>;
  warnings: WarningOutcome[];
}

export interface SweepEmail {
  summary: EmailSummary;
  /** text lines for the sweep's output */
  sendDigest(decisions: Decision[]): Promise<string[]>;
  /** with --apply and a policy that allows it: the users' warnings; returns their outcomes */
  warnUsers(decisions: Decision[], isRefused: (uuid: string) => boolean): Promise<string[]>;
  sendRunReport(report: Omit<RunReport, 'warnings'>): Promise<string[]>;
  close(): void;
}

interface Context {
  policy: DeactivationPolicy;
  users: Map<string, PolicyUser>;
  actingUserUuid: string;
  now: Date;
}

async function adminRecipients(client: RestClient, args: SweepArgs, actingUserUuid: string): Promise<string[]> {
  if (args.adminEmail.length) {
    return args.adminEmail;
  }
  try {
    const me = await client.get<{ email?: string | null }>(`/user/${actingUserUuid}?v=custom:(uuid,email)`);
    return me?.email?.trim() ? [me.email.trim()] : [];
  } catch {
    return [];
  }
}

const off = (reason: string | null): SweepEmail => ({
  summary: { off: reason, recipients: [], sent: [], failed: [], warnings: [] },
  sendDigest: async () => [],
  warnUsers: async () => [],
  sendRunReport: async () => [],
  close: () => {},
});

/**
 * Reads core's mail global properties (overridden by the --smtp-* flags) and the administrators'
 * addresses. Email is off with --no-email, or when there is nobody to write to.
 */
export async function startSweepEmail(client: RestClient, args: SweepArgs, context: Context): Promise<SweepEmail> {
  if (args.noEmail) {
    return off(null);
  }
  const recipients = await adminRecipients(client, args, context.actingUserUuid);
  if (!recipients.length && !(context.policy.enabled && context.policy.emailWarnings.enabled)) {
    return off(null);
  }
  let properties;
  try {
    properties = await fetchMailProperties(client);
  } catch (error) {
    return off(`the mail settings could not be read (${errorMessage(error)}); no email is sent`);
  }
  const { settings, missing } = resolveSmtpSettings(properties, args.smtp);
  if (missing.length) {
    return off(`mail is not configured (${missing.join(', ')} missing); no email is sent`);
  }
  const mailer: Mailer = createMailer(settings);
  const summary: EmailSummary = { off: null, recipients, sent: [], failed: [], warnings: [] };

  const send = async (email: Email | null): Promise<string[]> => {
    if (!email || !email.to.length) {
      return [];
    }
    const result = await mailer.send(email);
    if (result.ok) {
      summary.sent.push({ to: email.to, subject: email.subject });
      return [`Emailed ${email.to.join(', ')}: ${email.subject}`];
    }
    summary.failed.push({ to: email.to, subject: email.subject, error: result.error });
    return [`EMAIL FAILED to ${email.to.join(', ')} (${email.subject}): ${result.error}`];
  };

  return {
    summary,
    sendDigest: (decisions) => send(digestEmail(recipients, args.url, context.policy, decisions, context.users)),
    async warnUsers(decisions, isRefused) {
      const toWarn = accountsToWarn(decisions, context.users, context.policy, context.now, isRefused);
      if (!toWarn.length) {
        return [];
      }
      let emails: Map<string, string>;
      try {
        emails = await fetchUserEmails(client);
      } catch (error) {
        return [`EMAIL FAILED: the users' email addresses could not be read (${errorMessage(error)}); no warning was sent.`];
      }
      summary.warnings = await sendUserWarnings(client, mailer, toWarn, context.users, emails, args.url, context.now);
      const sent = summary.warnings.filter((w) => w.status === 'sent').length;
      return [
        `Warning emails to users: ${sent} of ${toWarn.length} sent.`,
        ...summary.warnings
          .filter((w) => w.status !== 'sent')
          .map((w) =>
            w.status === 'noEmail'
              ? `  NOT SENT ${w.username}: no email on the account`
              : w.status === 'failed'
                ? `  EMAIL FAILED ${w.username} <${w.email}>: ${w.message}`
                : `  SENT ${w.username}, but not recorded (it may be sent again): ${w.message}`,
          ),
      ];
    },
    sendRunReport: (report) => send(runReportEmail(recipients, args.url, { ...report, warnings: summary.warnings })),
    close: () => mailer.close(),
  };
}
