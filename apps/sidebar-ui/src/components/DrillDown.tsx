// The tickets behind one value; each opens in the helpdesk through the host.
import type { PeriodName } from '@frontline/connector/api';
import { KPI_DEFINITIONS, type KpiKey } from '@frontline/kpi';
import { Button } from '@zendeskgarden/react-buttons';
import { MD, Paragraph } from '@zendeskgarden/react-typography';
import { useEffect, useRef } from 'react';
import styled from 'styled-components';
import { useApp } from '../app-context.js';
import { formatKpiValue } from '../format.js';
import { useResource } from '../use-resource.js';
import { EmptyState, ErrorNotice, Loading } from './StateViews.js';

const List = styled.ul`
  margin: 4px 0;
  padding: 0;
  list-style: none;
  li {
    display: flex;
    gap: 8px;
    align-items: baseline;
    padding: 2px 0;
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
  const back = useRef<HTMLButtonElement>(null);
  // Focus moves into the list's panel, so keyboard users land where the content changed.
  useEffect(() => back.current?.focus(), []);
  const label = tr.t(`kpi.${kpi}`);
  const isRate = KPI_DEFINITIONS[kpi].unit === 'rate';

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
            <List>
              {tickets.data.sample.map((id) => (
                <li key={id}>
                  <Button isLink onClick={() => host.openTicket(id)} aria-label={tr.t('drill.openTicket', { id })}>
                    {tr.t('drill.ticket', { id })}
                  </Button>
                  {isRate && tickets.data.matching.includes(id) && <span>{tr.t('drill.matching')}</span>}
                </li>
              ))}
            </List>
          </>
        ))}
    </div>
  );
}
