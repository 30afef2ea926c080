import React from 'react';
import { Button, Search } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import layout from '../page-layout.scss';

interface PatientSearchFormProps {
  id: string;
  query: string;
  onQueryChange(query: string): void;
  /** called on submit, only with a query that is not blank */
  onSearch(): void;
  busy: boolean;
}

/** "Find a patient by name or identifier" and its Search button, as the one-patient pages ask it. */
const PatientSearchForm: React.FC<PatientSearchFormProps> = ({ id, query, onQueryChange, onSearch, busy }) => {
  const { t } = useTranslation();
  return (
    <form
      className={layout.actions}
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (query.trim()) {
          onSearch();
        }
      }}
    >
      <Search
        id={id}
        labelText={t('findPatientByNameOrId', 'Find a patient by name or identifier')}
        placeholder={t('findPatientByNameOrId', 'Find a patient by name or identifier')}
        value={query}
        onChange={(e) => onQueryChange(typeof e === 'string' ? e : e.target.value)}
        size="lg"
      />
      <Button type="submit" kind="secondary" disabled={!query.trim() || busy}>
        {t('search', 'Search')}
      </Button>
    </form>
  );
};

export default PatientSearchForm;
