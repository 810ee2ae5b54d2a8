/** @module The case lists' table: the columns every case list shows alike, and the table drawing them. */
import type { Component } from 'solid-js';
import { Show, splitProps } from 'solid-js';
import type { CaseSummary } from '../../api/cases.ts';
import type { DataColumn, DataTableProps } from '../../components/data-table.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { href } from '../../router.ts';
import { ct, formatWhen } from './messages.ts';
import { CaseStatusBadge, SlaLightBadge, unitName } from './shared.tsx';

type CaseColumn = DataColumn<CaseSummary>;
type SharedColumn = 'light' | 'number' | 'title' | 'status' | 'lead' | 'dueAt';

/**
 * A case list's columns: each name picks a column every case list shows alike (SLA light, number
 * linked to `${basePath}/<id>` and tagged when supervised, summary, state, lead unit, deadline); a
 * column object stands for itself. Call it inside the JSX so the labels follow the language.
 */
const caseColumns = (basePath: string, picks: readonly (SharedColumn | CaseColumn)[]): CaseColumn[] => {
  const shared: Record<SharedColumn, CaseColumn> = {
    light: {
      key: 'light',
      label: ct('cases.light'),
      cell: (item) => <SlaLightBadge light={item.slaLight} />,
    },
    number: {
      key: 'number',
      label: ct('cases.number'),
      class: 'nowrap',
      cell: (item) => (
        <>
          <a class="mono" href={href(`${basePath}/${item.id}`)}>
            {item.number}
          </a>
          <Show when={item.supervisionLevel > 0}>
            <span class="tag tag--supervised">{ct('cases.supervised')}</span>
          </Show>
        </>
      ),
    },
    title: { key: 'title', label: ct('cases.summary'), class: 'case-table__title' },
    status: {
      key: 'status',
      label: ct('cases.state'),
      cell: (item) => <CaseStatusBadge status={item.status} label={item.statusLabel} />,
    },
    lead: { key: 'lead', label: ct('cases.lead'), cell: (item) => unitName(item.leadUnitId) },
    dueAt: {
      key: 'dueAt',
      label: ct('cases.deadline'),
      class: 'nowrap',
      cell: (item) => formatWhen(item.dueAt),
    },
  };
  return picks.map((pick) => (typeof pick === 'string' ? shared[pick] : pick));
};

/**
 * A list of cases: the `case-table` DataTable whose rows carry their case number (`data-case`) and
 * SLA light (`case-row--<light>`), its `columns` picked as `caseColumns` picks them.
 */
export const CaseTable: Component<
  Pick<DataTableProps<CaseSummary>, 'testId' | 'rows' | 'loading' | 'empty'> & {
    basePath: string;
    columns: readonly (SharedColumn | CaseColumn)[];
  }
> = (props) => {
  const [own, table] = splitProps(props, ['basePath', 'columns']);
  return (
    <DataTable
      {...table}
      class="table case-table"
      rowProps={(item) => ({ 'data-case': item.number, class: `case-row case-row--${item.slaLight}` })}
      columns={caseColumns(own.basePath, own.columns)}
    />
  );
};
