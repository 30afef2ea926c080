import React from 'react';
import { SelectItem } from '@carbon/react';
import type { Translate } from '../common/use-translation';
import type { LocationInfo } from './location-storage-io';
import type { PatientLocationValue } from './patient-rows';

type TFunction = Translate;

/** A location's name, marked when retired or a login location (words, not colour). */
export function locationName(location: LocationInfo | undefined, uuid: string, t: TFunction): string {
  if (!location) {
    return t('unknownLocationValue', 'Unknown value: {{value}}', { value: uuid });
  }
  return location.retired ? t('retiredLocationName', '{{name}} (retired)', { name: location.name }) : location.name;
}

export function patientLocationLabel(value: PatientLocationValue, byUuid: Map<string, LocationInfo>, t: TFunction): string {
  switch (value.kind) {
    case 'none':
      return t('noLocation', 'No location');
    case 'unknown':
      return t('unknownLocationValue', 'Unknown value: {{value}}', { value: value.raw || t('emptyValue', '(empty)') });
    default:
      return locationName(byUuid.get(value.uuid), value.uuid, t);
  }
}

/** Options of a Carbon Select: the active locations, login locations marked. */
export function locationOptions(locations: LocationInfo[], t: TFunction) {
  return locations
    .filter((l) => !l.retired)
    .map((l) => (
      <SelectItem
        key={l.uuid}
        value={l.uuid}
        text={l.isLoginLocation ? t('loginLocationName', '{{name}} (login location)', { name: l.name }) : l.name}
      />
    ));
}
