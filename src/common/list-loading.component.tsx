import React from 'react';
import { DataTableSkeleton } from '@carbon/react';
import { useTranslation } from './use-translation';
import { useListProgress } from './list-progress';

/** A table skeleton while a long list loads, saying how much has arrived ("N loaded", or "N of M loaded"). */
export function ListLoading({ list }: { list: string }) {
  const { t } = useTranslation();
  const progress = useListProgress(list);
  return (
    <div>
      <DataTableSkeleton role="progressbar" zebra aria-label={t('loading', 'Loading')} />
      <p aria-live="polite">
        {progress &&
          (progress.total === null
            ? t('listLoaded', '{{loaded}} loaded', { loaded: progress.loaded })
            : t('listLoadedOfTotal', '{{loaded}} of {{total}} loaded', { loaded: progress.loaded, total: progress.total }))}
      </p>
    </div>
  );
}
