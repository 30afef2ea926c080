/**
 * `/alert` as webservices.rest's AlertResource2_0 and AlertRecipientResource2_0 (REST 2.44.0 omod-2.0 and
 * 3.4.1 omod, identical) serve org.openmrs.notification.Alert through core's AlertService (2.7.x, 2.8.x):
 * - reading needs only a login: getAllAlerts() and getAllAlerts(boolean) are `@Authorized` without a
 *   privilege, and getByUniqueId walks getAllAlerts(true), so GET /alert/{uuid} finds expired alerts too
 *   while GET /alert leaves out alerts whose dateToExpire has passed (HibernateAlertDAO.getAllAlerts);
 * - saveAlert (create and update) and purgeAlert need Manage Alerts; DELETE without purge is not
 *   supported; saveAlert sets creator/dateCreated on create and changedBy/dateChanged on update;
 * - AlertValidator: text required, at most 512 characters (Alert.TEXT_MAX_LENGTH, validateFieldLengths);
 * - setRecipientsProperty: at least one recipient, recipients are replaced by user uuid.
 */
import type { Ctx } from '../context';
import { badRequest, notSupported, validationError } from '../errors';
import type { Alert, AlertRecipient, User } from '../model';
import { newUuid } from '../store';
import { convert, DEFAULT, formatDate, linksFor, OMIT, parseDate, type ConvCtx, type Converter, type Json, type Rep } from '../representations';
import { asBoolean, asString, refUuid } from './common';
import { crudHandler } from './resource';
import { userConverter } from './user';

export const ALERT_TEXT_MAX_LENGTH = 512;

/** AlertRecipientResource2_0, a sub-resource at alert/{uuid}/recipient/{uuid}. */
function recipientConverter(alert: Alert): Converter<AlertRecipient> {
  const conv: Converter<AlertRecipient> = {
    typeName: 'AlertRecipientResource2_0(class org.openmrs.notification.AlertRecipient)',
    version: '2.0',
    alias: 'recipient',
    path: (r) => `alert/${alert.uuid}/recipient/${r.uuid}`,
    ref: (r, ctx) => ({ uuid: r.uuid, display: displayOf(ctx, r.recipient), links: linksFor(conv, r, ctx, 'ref') }),
    defaultFields: ['uuid', 'display', 'recipient', 'alertRead', 'dateChanged', 'links'],
    fullFields: ['uuid', 'display', ['recipient', DEFAULT], 'alertRead', 'dateChanged', 'links'],
    get(r, name, rep, ctx, kind) {
      switch (name) {
        case 'uuid':
          return r.uuid;
        case 'display':
          return displayOf(ctx, r.recipient);
        case 'recipient':
          return userAs(ctx, r.recipient, rep);
        case 'alertRead':
          return r.alertRead;
        case 'dateChanged':
          return formatDate(r.dateChanged);
        case 'links':
          return linksFor(conv, r, ctx, kind);
        default:
          return OMIT;
      }
    },
  };
  return conv;
}

function displayOf(ctx: ConvCtx, uuid: string): string | null {
  const user = ctx.store.userByUuid(uuid);
  return user ? user.username || user.systemId : null;
}

function userAs(ctx: ConvCtx, uuid: string | null, rep: Rep): Json | null {
  const user = uuid ? ctx.store.userByUuid(uuid) : undefined;
  return user ? convert(userConverter, user, rep, ctx) : null;
}

export const alertConverter: Converter<Alert> = {
  typeName: 'AlertResource2_0(class org.openmrs.notification.Alert)',
  version: '2.0',
  alias: 'alert',
  path: (a) => `alert/${a.uuid}`,
  ref: (a, ctx) => ({ uuid: a.uuid, display: a.text, alertId: a.id, links: linksFor(alertConverter, a, ctx, 'ref') }),
  defaultFields: ['uuid', 'display', 'alertId', 'text', 'satisfiedByAny', 'dateToExpire', 'alertRead', 'recipients', 'links'],
  fullFields: [
    'uuid', 'display', 'alertId', 'text', 'satisfiedByAny', 'alertRead', 'dateToExpire',
    ['creator', DEFAULT], 'dateCreated', ['changedBy', DEFAULT], 'dateChanged', ['recipients', DEFAULT], 'links',
  ],
  get(a, name, rep, ctx, kind) {
    switch (name) {
      case 'uuid':
        return a.uuid;
      case 'display':
      case 'text':
        return a.text;
      case 'alertId':
        return a.id;
      case 'satisfiedByAny':
        return a.satisfiedByAny;
      case 'alertRead':
        return a.alertRead;
      case 'dateToExpire':
        return formatDate(a.dateToExpire);
      case 'dateCreated':
        return formatDate(a.dateCreated);
      case 'dateChanged':
        return formatDate(a.dateChanged);
      case 'creator':
        return userAs(ctx, a.creator, rep);
      case 'changedBy':
        return userAs(ctx, a.changedBy, rep);
      case 'recipients': {
        const conv = recipientConverter(a);
        return a.recipients.map((r) => convert(conv, r, rep, ctx));
      }
      case 'links':
        return linksFor(alertConverter, a, ctx, kind);
      default:
        return OMIT;
    }
  },
};

/** HibernateAlertDAO.getAllAlerts(includeExpired): expired = dateToExpire set and not after now. */
function allAlerts(ctx: Ctx, includeExpired: boolean): Alert[] {
  const now = Date.now();
  return ctx.store.db.alerts.filter((a) => includeExpired || a.dateToExpire === null || a.dateToExpire > now);
}

function toRecipients(ctx: Ctx, value: unknown, current: AlertRecipient[]): AlertRecipient[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw notSupported('At least one recipient is required');
  }
  const wanted: User[] = value.map((item) => {
    const key = refUuid((item as { recipient?: unknown })?.recipient ?? item);
    const user = key ? ctx.store.userByUuid(key) : undefined;
    if (!user) {
      throw badRequest(`Cannot convert ${String(key)} to org.openmrs.User`, 'org.openmrs.module.webservices.rest.web.ConversionUtil:160');
    }
    return user;
  });
  const uuids = new Set(wanted.map((u) => u.uuid));
  const kept = current.filter((r) => uuids.has(r.recipient));
  const added = [...uuids]
    .filter((uuid) => !kept.some((r) => r.recipient === uuid))
    .map((recipient) => ({ uuid: newUuid(), recipient, alertRead: false, dateChanged: null }));
  return [...kept, ...added];
}

/** setConvertedProperties, then AlertValidator (a 400 ValidationException). */
function applyBody(ctx: Ctx, alert: Alert, body: Record<string, unknown>): void {
  if (body.text !== undefined) {
    alert.text = asString(body.text) ?? '';
  }
  if (body.recipients !== undefined) {
    alert.recipients = toRecipients(ctx, body.recipients, alert.recipients);
  }
  if (body.satisfiedByAny !== undefined) {
    alert.satisfiedByAny = asBoolean(body.satisfiedByAny);
  }
  if (body.dateToExpire !== undefined) {
    const when = body.dateToExpire === null ? null : parseDate(body.dateToExpire);
    if (when !== null && Number.isNaN(when)) {
      throw badRequest(`Unable to convert ${String(body.dateToExpire)} to java.util.Date`);
    }
    alert.dateToExpire = when;
  }
  if (!alert.text.trim()) {
    throw validationError({ text: [{ code: 'Alert.text.required', message: 'Alert.text.required' }] });
  }
  if (alert.text.length > ALERT_TEXT_MAX_LENGTH) {
    throw validationError({
      text: [{ code: 'error.exceededMaxLengthOfField', message: `This value exceeds the maximum length of ${ALERT_TEXT_MAX_LENGTH} permitted for this field.` }],
    });
  }
}

const PROPERTIES = ['text', 'recipients', 'satisfiedByAny', 'dateToExpire'];

export const alertHandler = crudHandler<Alert>({
  converter: alertConverter,
  privileges: { retrieve: '', getAll: '', search: '', create: 'Manage Alerts', update: 'Manage Alerts', purge: 'Manage Alerts' },
  getByUniqueId: (ctx, key) => allAlerts(ctx, true).find((a) => a.uuid === key),
  doGetAll: (ctx) => allAlerts(ctx, false),
  // doSearch: only includeExpired is read; any other parameter lists as getAllAlerts() does
  doSearch: (ctx) => {
    const includeExpired = ctx.params.get('includeExpired');
    return allAlerts(ctx, includeExpired !== null && includeExpired.toLowerCase() === 'true');
  },
  create: {
    properties: PROPERTIES,
    required: ['text', 'recipients'],
    save(ctx, body, actor) {
      const alert: Alert = {
        id: ctx.store.nextId(),
        uuid: newUuid(),
        text: '',
        satisfiedByAny: false,
        alertRead: false,
        dateToExpire: null,
        recipients: [],
        creator: actor.uuid,
        dateCreated: Date.now(),
        changedBy: null,
        dateChanged: null,
      };
      applyBody(ctx, alert, body);
      ctx.store.db.alerts.push(alert);
      return alert;
    },
  },
  update: {
    properties: PROPERTIES,
    save(ctx, alert, body, actor) {
      const draft: Alert = { ...alert, recipients: [...alert.recipients] };
      applyBody(ctx, draft, body);
      Object.assign(alert, draft, { changedBy: actor.uuid, dateChanged: Date.now() });
    },
  },
  // AlertResource2_0.delete: ResourceDoesNotSupportOperationException
  delete: () => {
    throw notSupported();
  },
  purge: (ctx, alert) => {
    ctx.store.db.alerts = ctx.store.db.alerts.filter((a) => a !== alert);
  },
});
