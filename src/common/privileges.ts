/** Privileges this app creates from its setup check. System Developer has every privilege. */
export const privileges = {
  manageAccountDeactivation: 'Manage Account Deactivation',
  manageLocationAccess: 'Manage Location Access',
  assignPatientLocations: 'Assign Patient Locations',
  bulkChangePatientLocations: 'Bulk Change Patient Locations',
  assignAnyLocation: 'Assign Any Location',
} as const;
