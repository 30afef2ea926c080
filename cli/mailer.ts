/** Sends the sweep's emails over SMTP with nodemailer; a failed send is returned, never thrown. */
import nodemailer from 'nodemailer';
import { errorMessage } from '../src/common/error-message';
import type { SmtpSettings } from '../src/deactivation/mail-settings';

export interface Email {
  to: string[];
  subject: string;
  text: string;
}

export type SendResult = { ok: true } | { ok: false; error: string };

export interface Mailer {
  send(email: Email): Promise<SendResult>;
  close(): void;
}

export function createMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.starttls,
    auth: settings.auth ? { user: settings.user, pass: settings.password } : undefined,
    // a mail server that does not answer must not hold the nightly run for minutes
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    async send({ to, subject, text }) {
      try {
        await transport.sendMail({ from: settings.from, to, subject, text });
        return { ok: true };
      } catch (error) {
        return { ok: false, error: errorMessage(error) };
      }
    },
    close: () => transport.close(),
  };
}
