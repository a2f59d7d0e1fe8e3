import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState';

export interface Column<Row> {
  /** Stable name of the column (React key, `data-col` for styling). */
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Numbers line up on the right. */
  numeric?: boolean;
  /** Header tooltip: what the column measures, when the header alone cannot say. */
  title?: string;
}

export interface DataTableProps<Row> {
  columns: ReadonlyArray<Column<Row>>;
  rows: ReadonlyArray<Row>;
  rowKey: (row: Row) => string | number;
  /** Shown instead of the table when there are no rows; without it an empty table shows its headers. */
  empty?: ReactNode;
  /** Keeps the headers in view while a long table scrolls inside its container. */
  stickyHeader?: boolean;
  caption?: ReactNode;
  className?: string;
  testId?: string;
  rowTestId?: (row: Row) => string | undefined;
  rowClassName?: (row: Row) => string | undefined;
  /** `data-*` and `aria-*` attributes of a row (its id, its state, whether it is selected). */
  rowData?: (row: Row) => Record<`data-${string}` | `aria-${string}`, string | number>;
  /** The first column names the row (`<th scope="row">`), so a screen reader reads it with each cell. */
  rowHeader?: boolean;
}

/** A table of typed rows: every desk table looks, aligns and announces itself the same way. */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  empty,
  stickyHeader,
  caption,
  className,
  testId,
  rowTestId,
  rowClassName,
  rowData,
  rowHeader,
}: DataTableProps<Row>) {
  if (rows.length === 0 && empty !== undefined) return <EmptyState testId={testId ? `${testId}-empty` : undefined}>{empty}</EmptyState>;
  const classes = ['data-table', stickyHeader && 'data-table--sticky', className].filter(Boolean).join(' ');
  return (
    <div className={stickyHeader ? 'data-table__wrap data-table__wrap--scroll' : 'data-table__wrap'}>
      <table className={classes} data-testid={testId}>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} title={c.title} data-col={c.key}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)} data-testid={rowTestId?.(row)} {...rowData?.(row)}>
              {columns.map((c, i) =>
                rowHeader && i === 0 ? (
                  <th key={c.key} scope="row" data-col={c.key}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.key} className={c.numeric ? 'num' : undefined} data-col={c.key}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
