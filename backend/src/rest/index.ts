import type { ResourceHandler } from '../context';
import { locationHandler, locationTagHandler } from './location';
import { patientHandler } from './patient';
import { personHandler } from './person';
import { personAttributeTypeHandler } from './personattributetype';
import { privilegeHandler } from './privilege';
import { providerHandler } from './provider';
import { roleHandler } from './role';
import { sessionHandler } from './session';
import { userHandler } from './user';

/** Resources under /ws/rest/v1, by lower-case name. Anything else is an UnknownResourceException. */
export const restHandlers: Record<string, ResourceHandler> = {
  session: sessionHandler,
  user: userHandler,
  role: roleHandler,
  privilege: privilegeHandler,
  location: locationHandler,
  locationtag: locationTagHandler,
  patient: patientHandler,
  person: personHandler,
  personattributetype: personAttributeTypeHandler,
  provider: providerHandler,
};
