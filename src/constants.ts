export const moduleName = '@openmrs/esm-user-access-app';
export const appBasePath = 'user-access';

export const paths = {
  deactivation: 'deactivation',
  deactivationSettings: 'deactivation/settings',
  locations: 'locations',
} as const;

export function appUrl(subPath = ''): string {
  return `${window.getOpenmrsSpaBase()}${appBasePath}${subPath ? `/${subPath}` : ''}`;
}
