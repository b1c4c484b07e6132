// The tickets behind one value: subject, requester, the value that counted and when, sortable by
// value or time; each opens in the helpdesk through the host.
import type { PeriodName } from '@frontline/connector/api';
import type { KpiKey } from '@frontline/kpi';
import { Button } from '@zendeskgarden/react-buttons';
import { Table } from '@zendeskgarden/react-tables';
import { getColor } from '@zendeskgarden/react-theming';
import { MD, Paragraph } from '@zendeskgarden/react-typography';
import { useEffect, useRef, useState } from 'react';
import styled from 'styled-components';
import { useApp } from '../app-context.js';
import { rowIsBad, rowsOf, rowValue, sortRows, type DrillOrder, type DrillSort } from '../drill-rows.js';
import { formatDateTime, formatKpiValue } from '../format.js';
import { useResource } from '../use-resource.js';
import { EmptyState, ErrorNotice, Loading } from './StateViews.js';

const Subject = styled(Button)`
  justify-content: flex-start;
  text-align: start;
  white-space: normal;
`;

const Meta = styled.div`
  font-size: ${(p) => p.theme.fontSizes.sm};
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
`;

const Verdict = styled.span<{ $bad: boolean | null }>`
  color: ${(p) =>
    p.$bad === null
      ? 'inherit'
      : getColor({ theme: p.theme, variable: p.$bad ? 'foreground.danger' : 'foreground.success' })};
`;

// Columns as wide as their content (Garden's are fixed and equal): the subject takes the room.
const Narrow = styled.div`
  overflow-x: auto;
  table {
    table-layout: auto;
  }
  td,
  th {
    vertical-align: top;
  }
`;

export interface DrillDownProps {
  readonly kpi: KpiKey;
  readonly period: PeriodName;
  /** An agent id, `me` or `team`. */
  readonly agent: string;
  /** Shown above the list when a lead drills into someone else's numbers. */
  readonly agentName?: string;
  readonly onBack: () => void;
}

export function DrillDown({ kpi, period, agent, agentName, onBack }: DrillDownProps) {
  const { client, host, tr } = useApp();
  const [tickets, controls] = useResource(() => client.drillDown(kpi, period, agent), [client, kpi, period, agent]);
  const [sorting, setSorting] = useState<{ by: DrillSort; order: DrillOrder }>({ by: 'time', order: 'desc' });
  const back = useRef<HTMLButtonElement>(null);
  // Focus moves into the list's panel, so keyboard users land where the content changed.
  useEffect(() => back.current?.focus(), []);
  const label = tr.t(`kpi.${kpi}`);
  // The same column flips the order; a new one starts with the largest (newest, slowest, worst).
  const sortBy = (by: DrillSort) =>
    setSorting((s) => (s.by === by ? { by, order: s.order === 'asc' ? 'desc' : 'asc' } : { by, order: 'desc' }));
  const sortOf = (by: DrillSort) => (sorting.by === by ? sorting.order : undefined);

  return (
    <div>
      <Button ref={back} size="small" isBasic onClick={onBack}>
        ← {tr.t('drill.back')}
      </Button>
      <MD tag="h3" isBold>
        {tr.t('drill.heading', { kpi: label, period: tr.t(`period.${period}`) })}
      </MD>
      {agentName !== undefined && <Paragraph>{tr.t('drill.agent', { agent: agentName })}</Paragraph>}
      {tickets.status === 'loading' && <Loading />}
      {tickets.status === 'error' && <ErrorNotice error={tickets.error} onRetry={controls.reload} />}
      {tickets.status === 'ready' &&
        (tickets.data.sample.length === 0 ? (
          <EmptyState>{tr.t('drill.empty')}</EmptyState>
        ) : (
          <>
            <Paragraph>
              {tr.t('drill.value', {
                value: formatKpiValue(kpi, tickets.data.value, tr),
                count: tickets.data.sample.length,
              })}
            </Paragraph>
            <Narrow>
              <Table size="small">
                <Table.Head>
                  <Table.HeaderRow>
                    <Table.HeaderCell>{tr.t('drill.col.ticket')}</Table.HeaderCell>
                    <Table.SortableCell sort={sortOf('value')} onClick={() => sortBy('value')}>
                      {tr.t('drill.col.value')}
                    </Table.SortableCell>
                    <Table.SortableCell sort={sortOf('time')} onClick={() => sortBy('time')}>
                      {tr.t('drill.col.time')}
                    </Table.SortableCell>
                  </Table.HeaderRow>
                </Table.Head>
                <Table.Body>
                  {sortRows(rowsOf(tickets.data), sorting.by, sorting.order).map((row) => (
                    <Table.Row key={row.id}>
                      <Table.Cell>
                        <Subject
                          isLink
                          onClick={() => host.openTicket(row.id)}
                          aria-label={tr.t('drill.openTicket', { id: row.id })}
                        >
                          {row.subject ?? tr.t('drill.noSubject', { id: row.id })}
                        </Subject>
                        {/* The id is in the link already when there is no subject. */}
                        {(row.subject !== null || row.requester?.name != null) && (
                          <Meta>
                            {row.requester?.name != null
                              ? tr.t('drill.meta', { id: row.id, requester: row.requester.name })
                              : tr.t('drill.metaNoRequester', { id: row.id })}
                          </Meta>
                        )}
                      </Table.Cell>
                      <Table.Cell>
                        <Verdict $bad={rowIsBad(kpi, row)}>{rowValue(kpi, row, tr)}</Verdict>
                      </Table.Cell>
                      <Table.Cell>
                        {row.at !== null && <time dateTime={row.at}>{formatDateTime(row.at, tr)}</time>}
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </Narrow>
          </>
        ))}
    </div>
  );
}
