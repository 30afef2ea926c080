import useSWR from 'swr';
import { restBaseUrl } from '@openmrs/esm-framework';
import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { fetchMailProperties, type MailPropertyValues } from './mail-settings';

/** Core's mail.* global properties, as the sweep reads them to send its email. */
export function useMailProperties() {
  const { data, error, isLoading } = useSWR<MailPropertyValues>(`${restBaseUrl}/systemsetting?q=mail.`, () =>
    fetchMailProperties(openmrsRestClient),
  );
  return { properties: data ?? null, error, isLoading };
}
