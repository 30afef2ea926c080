import { Type } from '@openmrs/esm-framework';

export const configSchema = {
  deactivationPageSize: {
    _type: Type.Number,
    _default: 25,
    _description: 'Rows per page in the upcoming deactivations table.',
  },
};

export interface Config {
  deactivationPageSize: number;
}
