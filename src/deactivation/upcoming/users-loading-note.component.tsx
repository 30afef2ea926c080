import React, { useMemo } from 'react';
import { InlineLoading } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import { USERS_LIST, useListProgress } from '../../common/list-progress';

/** While the users load: how many have arrived, and why nothing can be done yet. */
const UsersLoadingNote: React.FC = () => {
  const { t, i18n } = useTranslation();
  const progress = useListProgress(USERS_LIST);
  // this renders at every page of users: one number formatter (toLocaleString sets one up at every
  // call), and the sentence that does not change worked out once
  const numbers = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);
  const count = (n: number) => numbers.format(n);
  const actionsAfterLoading = useMemo(() => t('actionsAfterLoading', 'Actions are offered once every user is loaded and evaluated.'), [t]);
  const loaded =
    progress?.total === null || !progress
      ? t('usersLoadedSoFar', 'Loading users: {{loaded}} so far.', { loaded: count(progress?.loaded ?? 0) })
      : t('usersLoadedOfTotal', 'Loading users: {{loaded}} of {{total}}.', { loaded: count(progress.loaded), total: count(progress.total) });
  return (
    <InlineLoading
      aria-live="polite"
      description={`${loaded} ${actionsAfterLoading}`}
    />
  );
};

export default UsersLoadingNote;
