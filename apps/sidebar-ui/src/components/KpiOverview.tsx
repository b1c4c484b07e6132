// The agent's own KPIs: the headline first, grouped as customers and work, the rest one click away;
// the one thing to do next above them. A KPI opens the tickets behind it.
import type { PeriodName } from '@frontline/connector/api';
import type { AgentKpiKey } from '@frontline/kpi';
import { Button } from '@zendeskgarden/react-buttons';
import { MD } from '@zendeskgarden/react-typography';
import { useEffect, useId, useRef, useState } from 'react';
import styled from 'styled-components';
import { useApp } from '../app-context.js';
import type { DashboardData } from '../dashboard.js';
import { groupKpis, headlineOf, restOf } from '../kpi-groups.js';
import { hasData, openingPeriod, rememberedPeriod, rememberPeriod } from '../period-choice.js';
import type { Resource } from '../use-resource.js';
import { DrillDown } from './DrillDown.js';
import { KpiRow } from './KpiRow.js';
import { NextAction } from './NextAction.js';
import { PeriodTabs } from './PeriodTabs.js';
import { Section } from './Section.js';
import { EmptyState, ErrorNotice, Loading } from './StateViews.js';

const List = styled.ul`
  margin: 0 0 ${(p) => p.theme.space.sm};
  padding: 0;
  list-style: none;
`;

const GroupHeading = styled(MD)`
  margin-top: ${(p) => p.theme.space.sm};
`;

export interface KpiOverviewProps {
  readonly dashboard: Resource<DashboardData>;
  readonly onRetry: () => void;
}

export function KpiOverview({ dashboard, onRetry }: KpiOverviewProps) {
  const { host, tr } = useApp();
  // Null until the agent picks one: then the opening period follows the data as it arrives.
  const [chosen, setChosen] = useState<PeriodName | null>(null);
  const [drill, setDrill] = useState<AgentKpiKey | null>(null);
  // Back from a drill-down, focus returns to the KPI it came from, so keyboard users keep their place.
  const cameFrom = useRef<AgentKpiKey | null>(null);
  const section = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (drill !== null || cameFrom.current === null) return;
    section.current?.querySelector<HTMLElement>(`[data-kpi-open="${cameFrom.current}"]`)?.focus();
    cameFrom.current = null;
  }, [drill]);
  const data = dashboard.status === 'ready' ? dashboard.data : null;
  const agentId = data?.agent.id ?? null;
  // Decided once, on the first dashboard: a live update must not move the agent to another tab.
  const [opening, setOpening] = useState<PeriodName | null>(null);
  if (opening === null && data !== null) setOpening(openingPeriod(data, rememberedPeriod(host, data.agent.id)));
  const period: PeriodName = chosen ?? opening ?? 'today';

  const choose = (p: PeriodName) => {
    setChosen(p);
    if (agentId !== null) rememberPeriod(host, agentId, p);
  };

  return (
    <Section title={tr.t('kpi.heading')}>
      <div ref={section}>
        {drill !== null ? (
          <DrillDown
            kpi={drill}
            period={period}
            agent="me"
            onBack={() => {
              cameFrom.current = drill;
              setDrill(null);
            }}
          />
        ) : (
          <>
            {data?.next != null && <NextAction next={data.next} onShowKpi={setDrill} />}
            <PeriodTabs period={period} onChange={choose}>
              {dashboard.status === 'loading' && <Loading />}
              {dashboard.status === 'error' && <ErrorNotice error={dashboard.error} onRetry={onRetry} />}
              {data !== null && <KpiList dashboard={data} period={period} onOpen={setDrill} />}
            </PeriodTabs>
          </>
        )}
      </div>
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
  const [all, setAll] = useState(false);
  const restId = useId();
  if (!hasData(dashboard, period)) return <EmptyState>{tr.t('kpi.empty')}</EmptyState>;
  const headline = headlineOf(dashboard.headline);
  const kpis = dashboard.periods[period].kpis;
  const rows = (keys: readonly AgentKpiKey[]) =>
    groupKpis(keys).map((group) => (
      <div key={group.name}>
        <GroupHeading tag="h3" isBold>
          {tr.t(`kpi.group.${group.name}`)}
        </GroupHeading>
        <List>
          {group.kpis.map((kpi) => (
            <KpiRow
              key={kpi}
              kpi={kpi}
              score={kpis[kpi]}
              period={period}
              trend={dashboard.trend?.[kpi]}
              onOpen={onOpen}
            />
          ))}
        </List>
      </div>
    ));
  return (
    <>
      {rows(headline)}
      <Button size="small" isBasic aria-expanded={all} aria-controls={restId} onClick={() => setAll((a) => !a)}>
        {tr.t(all ? 'kpi.fewerNumbers' : 'kpi.allNumbers')}
      </Button>
      <div id={restId}>{all && rows(restOf(headline))}</div>
    </>
  );
}
