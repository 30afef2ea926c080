import { requirePrivilege, type Ctx, type Reply, NO_CONTENT } from '../context';
import { methodNotAllowed, serverError } from '../errors';
import { convert, parseRep } from '../representations';
import { callerOf, locationByUuid } from '../lbac';
import { locationConverter } from './location';
import { providerConverter } from './provider';
import { userConverter } from './user';

/** SessionController1_9.USER_CUSTOM_REP */
const USER_CUSTOM_REP = parseRep(
  'custom:(uuid,display,username,systemId,userProperties,person:(uuid,display),privileges:(uuid,display,name),roles:(uuid,display,name),links)',
)!;

export function allowedLocales(ctx: Ctx): string[] {
  const list = ctx.store.gp('locale.allowed.list') ?? 'en';
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function sessionBody(ctx: Ctx): Record<string, unknown> {
  const base = { authenticated: !!ctx.user, locale: ctx.session.locale, allowedLocales: allowedLocales(ctx) };
  const user = ctx.user;
  if (!user) {
    return base;
  }
  const location = ctx.session.locationUuid ? ctx.store.locationByUuid(ctx.session.locationUuid) : undefined;
  const providers = ctx.store.db.providers.filter((p) => p.person === user.person && !p.retired);
  return {
    ...base,
    user: convert(userConverter, user, USER_CUSTOM_REP, ctx),
    sessionLocation: location ? convert(locationConverter, location, { kind: 'ref' }, ctx) : null,
    currentProvider: providers.length === 1 ? convert(providerConverter, providers[0], { kind: 'ref' }, ctx) : null,
  };
}

const LOCALE_RE = /^[a-z]{2,3}(_[A-Z]{2}(_[A-Za-z0-9]+)?)?$/;
const CONTROLLER = 'org.openmrs.module.webservices.rest.web.v1_0.controller.openmrs1_9.SessionController1_9:';

export async function sessionHandler(ctx: Ctx, segments: string[]): Promise<Reply> {
  if (segments.length) {
    throw methodNotAllowed(ctx.method);
  }
  if (ctx.method === 'GET') {
    return { status: 200, body: sessionBody(ctx) };
  }
  if (ctx.method === 'POST') {
    const body = await ctx.readBody();
    const locale = body.locale;
    if (locale !== undefined && locale !== null) {
      const str = String(locale);
      if (!LOCALE_RE.test(str)) {
        throw serverError(` '${str}' does not represent a valid locale.`, `${CONTROLLER}95`);
      }
      if (!allowedLocales(ctx).includes(str)) {
        throw serverError(` '${str}' is not in the list of allowed locales.`, `${CONTROLLER}99`);
      }
      ctx.session.locale = str;
    }
    const sessionLocation = body.sessionLocation;
    if (sessionLocation !== undefined && sessionLocation !== null) {
      requirePrivilege(ctx, 'Get Locations');
      const str = String(sessionLocation);
      // getLocationByUuid: LBAC filters it, so a location outside the user's is "not the UUID of any location"
      const location = locationByUuid(callerOf(ctx), str);
      if (!location) {
        throw serverError(` '${str}' is not the UUID of any location.`, `${CONTROLLER}108`);
      }
      ctx.session.locationUuid = location.uuid;
    }
    return { status: 200, body: sessionBody(ctx) };
  }
  if (ctx.method === 'DELETE') {
    ctx.logout();
    return NO_CONTENT;
  }
  throw methodNotAllowed(ctx.method);
}
