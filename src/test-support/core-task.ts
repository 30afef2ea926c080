/** core's AutoRetireUsersTask as GET /taskdefinition returns it once created and started. */
export const startedAutoRetireTask = {
  uuid: 't1',
  name: 'Auto Retire Users',
  taskClass: 'org.openmrs.scheduler.tasks.AutoRetireUsersTask',
  repeatInterval: 86400,
  started: true,
};
