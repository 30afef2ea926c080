/**
 * Core's mail settings: the global properties `Context.getMailProperties` turns into the JavaMail
 * session of `MailMessageSender` (core 2.7 and 2.8), read through REST for the settings page and
 * the sweep, which sends the deactivation emails with them (sweep flags override each one).
 */
import { fetchAllPages, type RestClient } from '../common/rest-client';

export const MAIL_PROPERTIES = {
  protocol: 'mail.transport_protocol',
  host: 'mail.smtp_host',
  port: 'mail.smtp_port',
  from: 'mail.from',
  auth: 'mail.smtp_auth',
  user: 'mail.user',
  password: 'mail.password',
  starttls: 'mail.smtp.starttls.enable',
} as const;

/** What core's OpenmrsConstants.CORE_GLOBAL_PROPERTIES seeds: set, but rarely a real mail server. */
export const CORE_MAIL_DEFAULTS = { host: 'localhost', port: '25', from: 'info@openmrs.org' } as const;

export type MailPropertyValues = Partial<Record<keyof typeof MAIL_PROPERTIES, string>>;

export interface SmtpSettings {
  host: string;
  port: number;
  from: string;
  /** mail.smtp_auth: log in to the server with user and password */
  auth: boolean;
  user: string;
  password: string;
  /** mail.smtp.starttls.enable: upgrade the connection with STARTTLS, and refuse to send without it */
  starttls: boolean;
  /** mail.transport_protocol "smtps": TLS from the first byte (usually port 465) */
  secure: boolean;
}

/** GET /systemsetting?q=mail. (SystemSettingResource1_9.doSearch: getGlobalPropertiesByPrefix). */
export async function fetchMailProperties(client: RestClient): Promise<MailPropertyValues> {
  const settings = await fetchAllPages<{ uuid?: string; property: string; value: string | null }>(
    client,
    '/systemsetting?q=mail.&v=custom:(uuid,property,value)',
  );
  const byName = new Map(settings.map((s) => [s.property.toLowerCase(), s.value ?? '']));
  const values: MailPropertyValues = {};
  for (const [key, property] of Object.entries(MAIL_PROPERTIES) as Array<[keyof typeof MAIL_PROPERTIES, string]>) {
    const value = byName.get(property);
    if (value !== undefined) {
      values[key] = value;
    }
  }
  return values;
}

const isTrue = (value: string | undefined) => (value ?? '').trim().toLowerCase() === 'true';

/**
 * The SMTP settings the properties (then the overrides, e.g. sweep flags) give, and the names of
 * what is missing for sending.
 */
export function resolveSmtpSettings(
  properties: MailPropertyValues,
  overrides: MailPropertyValues = {},
): { settings: SmtpSettings; missing: string[]; coreDefaults: boolean } {
  const merged: MailPropertyValues = { ...properties };
  for (const [key, value] of Object.entries(overrides) as Array<[keyof MailPropertyValues, string | undefined]>) {
    if (value !== undefined) {
      merged[key] = value;
    }
  }
  const text = (key: keyof MailPropertyValues) => (merged[key] ?? '').trim();
  const port = Number(text('port'));
  const settings: SmtpSettings = {
    host: text('host'),
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : NaN,
    from: text('from'),
    auth: isTrue(merged.auth),
    user: text('user'),
    password: merged.password ?? '',
    starttls: isTrue(merged.starttls),
    secure: text('protocol').toLowerCase() === 'smtps',
  };
  const missing: string[] = [];
  if (!settings.host) {
    missing.push(MAIL_PROPERTIES.host);
  }
  if (Number.isNaN(settings.port)) {
    missing.push(MAIL_PROPERTIES.port);
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(settings.from.replace(/^.*<(.*)>\s*$/, '$1'))) {
    missing.push(MAIL_PROPERTIES.from);
  }
  if (settings.auth && !settings.user) {
    missing.push(MAIL_PROPERTIES.user);
  }
  if (settings.auth && !settings.password) {
    missing.push(MAIL_PROPERTIES.password);
  }
  const coreDefaults = settings.host === CORE_MAIL_DEFAULTS.host && String(settings.port) === CORE_MAIL_DEFAULTS.port;
  return { settings, missing, coreDefaults };
}
