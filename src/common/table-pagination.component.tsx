import React, { useState } from 'react';
import { Pagination } from '@carbon/react';
import { usePagination } from '@openmrs/esm-framework';
import { useTranslation } from './use-translation';

interface TablePaginationProps {
  page: number;
  pageSize: number;
  totalItems: number;
  onChange(page: number, pageSize: number): void;
}

const PAGE_SIZES = [10, 25, 50, 100];

/**
 * Carbon's pagination with this app's page sizes and translated labels, under every table. A page size
 * configured outside those choices (deactivationPageSize allows 5 to 100) is offered too, since Carbon
 * shows the first choice, and counts by it, when the current size is not among them.
 */
const TablePagination: React.FC<TablePaginationProps> = ({ page, pageSize, totalItems, onChange }) => {
  const { t } = useTranslation();
  return (
    <Pagination
      page={page}
      pageSize={pageSize}
      pageSizes={PAGE_SIZES.includes(pageSize) ? PAGE_SIZES : [...PAGE_SIZES, pageSize].sort((a, b) => a - b)}
      totalItems={totalItems}
      backwardText={t('previousPage', 'Previous page')}
      forwardText={t('nextPage', 'Next page')}
      itemsPerPageText={t('itemsPerPage', 'Items per page:')}
      onChange={({ page: newPage, pageSize: newPageSize }) => onChange(newPage, newPageSize)}
    />
  );
};

export default TablePagination;

/**
 * The page of `rows` to show, through the framework's usePagination, with the page size the person
 * chose (starting at `initialPageSize`); `paginationProps` goes to TablePagination.
 */
export function useTablePages<T>(rows: T[], initialPageSize: number) {
  const [pageSize, setPageSize] = useState(initialPageSize);
  const { results: pageRows, currentPage, goTo } = usePagination(rows, pageSize);
  const paginationProps: TablePaginationProps = {
    page: currentPage,
    pageSize,
    totalItems: rows.length,
    onChange: (newPage, newPageSize) => {
      setPageSize(newPageSize);
      goTo(newPage);
    },
  };
  return { pageRows, goTo, paginationProps };
}
