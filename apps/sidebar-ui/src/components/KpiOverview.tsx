// The agent's own KPIs for today / 7 / 30 days; a KPI opens the tickets behind it.
import type { PeriodName } from '@frontline/connector/api';
import { AGENT_KPI_KEYS, type AgentKpiKey } from '@frontline/kpi';
import { useState } from 'react';
import styled from 'styled-components';
import { useApp } from '../app-context.js';
import type { DashboardData } from '../dashboard.js';
import type { Resource } from '../use-resource.js';
import { DrillDown } from './DrillDown.js';
import { KpiRow } from './KpiRow.js';
import { PeriodTabs } from './PeriodTabs.js';
import { Section } from './Section.js';
import { EmptyState, ErrorNotice, Loading } from './StateViews.js';

const List = styled.ul`
  margin: 0;
  padding: 0;
  list-style: none;
`;

export interface KpiOverviewProps {
  readonly dashboard: Resource<DashboardData>;
  readonly onRetry: () => void;
}

export function KpiOverview({ dashboard, onRetry }: KpiOverviewProps) {
  const { tr } = useApp();
  const [period, setPeriod] = useState<PeriodName>('today');
  const [drill, setDrill] = useState<AgentKpiKey | null>(null);

  return (
    <Section title={tr.t('kpi.heading')}>
      {drill !== null ? (
        <DrillDown kpi={drill} period={period} agent="me" onBack={() => setDrill(null)} />
      ) : (
        <PeriodTabs period={period} onChange={setPeriod}>
          {dashboard.status === 'loading' && <Loading />}
          {dashboard.status === 'error' && <ErrorNotice error={dashboard.error} onRetry={onRetry} />}
          {dashboard.status === 'ready' && <KpiList dashboard={dashboard.data} period={period} onOpen={setDrill} />}
        </PeriodTabs>
      )}
    </Section>
  );
}

function KpiList({
  dashboard,
  period,
  onOpen,
}: {
  dashboard: DashboardData;
  period: PeriodName;
  onOpen: (kpi: AgentKpiKey) => void;
}) {
  const { tr } = useApp();
  const kpis = dashboard.periods[period].kpis;
  // Backlog is a snapshot that exists without any ticket in the window, so it does not count here.
  const empty = AGENT_KPI_KEYS.every((k) => k === 'backlog' || kpis[k].sample === 0);
  if (empty) return <EmptyState>{tr.t('kpi.empty')}</EmptyState>;
  return (
    <List>
      {AGENT_KPI_KEYS.map((kpi) => (
        <KpiRow key={kpi} kpi={kpi} score={kpis[kpi]} trend={dashboard.trend?.[kpi]} onOpen={onOpen} />
      ))}
    </List>
  );
}
