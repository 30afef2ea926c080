import React from 'react';
import { Pagination } from '@carbon/react';
import { useTranslation } from './use-translation';

interface TablePaginationProps {
  page: number;
  pageSize: number;
  totalItems: number;
  onChange(page: number, pageSize: number): void;
}

/** Carbon's pagination with this app's page sizes and translated labels, under every table. */
const TablePagination: React.FC<TablePaginationProps> = ({ page, pageSize, totalItems, onChange }) => {
  const { t } = useTranslation();
  return (
    <Pagination
      page={page}
      pageSize={pageSize}
      pageSizes={[10, 25, 50, 100]}
      totalItems={totalItems}
      backwardText={t('previousPage', 'Previous page')}
      forwardText={t('nextPage', 'Next page')}
      itemsPerPageText={t('itemsPerPage', 'Items per page:')}
      onChange={({ page: newPage, pageSize: newPageSize }) => onChange(newPage, newPageSize)}
    />
  );
};

export default TablePagination;
