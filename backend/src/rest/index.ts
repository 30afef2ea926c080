import type { ResourceHandler } from '../context';
import { alertHandler } from './alert';
import { lbacHandler } from './lbac';
import { moduleHandler } from './module';
import { locationHandler, locationTagHandler } from './location';
import { patientHandler } from './patient';
import { personHandler } from './person';
import { personAttributeTypeHandler } from './personattributetype';
import { privilegeHandler } from './privilege';
import { providerHandler } from './provider';
import { roleHandler } from './role';
import { sessionHandler } from './session';
import { systemInformationHandler } from './systeminformation';
import { systemSettingHandler } from './systemsetting';
import { taskActionHandler, taskDefinitionHandler } from './taskdefinition';
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
  systemsetting: systemSettingHandler,
  taskdefinition: taskDefinitionHandler,
  taskaction: taskActionHandler,
  module: moduleHandler,
  systeminformation: systemInformationHandler,
  alert: alertHandler,
  // openmrs-module-locationbasedaccess controllers; an unknown resource unless started with --lbac
  lbac: lbacHandler,
};
