import type { IncomingMessage } from 'node:http';
import { forbidden, notLoggedIn, RestError, unreadable } from './errors';
import type { User } from './model';
import { parseRep, type ConvCtx, type Rep } from './representations';
import type { Store } from './store';
import type { ServerVersions } from './versions';

export interface Session {
  id: string;
  userUuid: string | null;
  locationUuid: string | null;
  locale: string;
  /** REST requests since login, for the unauthorizedAfter fault */
  requests: number;
}

export interface ServerFlags extends ServerVersions {
  lbac: boolean;
  /** fhir2.paging.maximum: HAPI caps every FHIR page to this many entries */
  fhir2PagingMaximum: number;
}

export interface Ctx extends ConvCtx {
  req: IncomingMessage;
  method: string;
  params: URLSearchParams;
  /** absolute request URL without the query, e.g. http://localhost:8090/openmrs/ws/rest/v1/user */
  requestUrl: string;
  /** http://localhost:8090/openmrs */
  contextUrl: string;
  session: Session;
  user: User | null;
  flags: ServerFlags;
  disableWwwAuthenticate: boolean;
  logout(): void;
  readBody(): Promise<Record<string, unknown>>;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type ResourceHandler = (ctx: Ctx, segments: string[]) => Promise<Reply> | Reply;

/** Throws 401/403 unless the caller has every privilege; returns the caller. */
export function requirePrivilege(ctx: Ctx, ...privileges: string[]): User {
  if (!ctx.user) {
    throw notLoggedIn(privileges, ctx.disableWwwAuthenticate, ctx.contextUrl);
  }
  const user = ctx.user;
  const missing = privileges.filter((p) => !ctx.store.hasPrivilege(user, p));
  if (missing.length) {
    throw forbidden(missing);
  }
  return user;
}

/** `v=` or the given default (REF for lists, DEFAULT for single GETs). */
export function repOf(ctx: Ctx, fallback: Rep): Rep {
  return parseRep(ctx.params.get('v')) ?? fallback;
}

export function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) {
        reject(new RestError(400, unreadable('No content to map due to end-of-input').body));
        return;
      }
      try {
        const parsed: unknown = JSON.parse(text);
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
          reject(
            new RestError(
              400,
              unreadable('Can not deserialize instance of org.openmrs.module.webservices.rest.SimpleObject out of START_ARRAY token').body,
            ),
          );
          return;
        }
        resolve(parsed as Record<string, unknown>);
      } catch (e) {
        reject(new RestError(400, unreadable(e instanceof Error ? e.message : String(e)).body));
      }
    });
  });
}

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

export function created(body: unknown): Reply {
  return { status: 201, body };
}

export const NO_CONTENT: Reply = { status: 204 };
