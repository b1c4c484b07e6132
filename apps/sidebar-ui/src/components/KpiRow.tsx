// One KPI as an agent reads it: its name (opens its tickets), the value, what it means in plain
// words, why there is no value when there is none, the target state, the team's value and the trend.
import type { PeriodName } from '@frontline/connector/api';
import type { AgentKpiKey } from '@frontline/kpi';
import { Button } from '@zendeskgarden/react-buttons';
import { getColor } from '@zendeskgarden/react-theming';
import styled from 'styled-components';
import { useApp } from '../app-context.js';
import type { KpiScore } from '../dashboard.js';
import { formatKpiValue, NO_VALUE } from '../format.js';
import { Sparkline } from './Sparkline.js';
import { TargetStatus } from './TargetStatus.js';
import { TrendChange } from './TrendChange.js';

const Row = styled.li`
  padding: ${(p) => p.theme.space.xs} 0;
  border-bottom: 1px solid ${(p) => getColor({ theme: p.theme, variable: 'border.subtle' })};
`;

const Top = styled.div`
  display: flex;
  gap: ${(p) => p.theme.space.xs};
  align-items: baseline;
  justify-content: space-between;
`;

// Garden centres a button's text; a KPI's name reads as a label, from the start.
const Label = styled(Button)`
  justify-content: flex-start;
  text-align: start;
  white-space: normal;
  font-weight: ${(p) => p.theme.fontWeights.semibold};
`;

const Value = styled.span`
  flex: none;
  font-size: ${(p) => p.theme.fontSizes.lg};
  font-weight: ${(p) => p.theme.fontWeights.semibold};
  font-variant-numeric: tabular-nums;
`;

const Small = styled.p`
  margin: 0;
  font-size: ${(p) => p.theme.fontSizes.sm};
  line-height: ${(p) => p.theme.lineHeights.sm};
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
`;

const Meta = styled(Small)`
  display: flex;
  flex-wrap: wrap;
  gap: 0 ${(p) => p.theme.space.sm};
  align-items: center;
  margin-top: 2px;
`;

export interface KpiRowProps {
  readonly kpi: AgentKpiKey;
  readonly score: KpiScore;
  readonly period: PeriodName;
  readonly trend: readonly (number | null)[] | undefined;
  readonly onOpen: (kpi: AgentKpiKey) => void;
}

export function KpiRow({ kpi, score, period, trend, onOpen }: KpiRowProps) {
  const { tr } = useApp();
  const label = tr.t(`kpi.${kpi}`);
  const value = formatKpiValue(kpi, score.value, tr);
  const missing = value === NO_VALUE;
  const team = score.team?.value ?? null;
  return (
    <Row>
      <Top>
        <Label isLink onClick={() => onOpen(kpi)} aria-label={tr.t('kpi.open', { kpi: label })} data-kpi-open={kpi}>
          {label}
        </Label>
        <Value data-kpi-value={kpi} aria-hidden={missing ? true : undefined}>
          {value}
        </Value>
      </Top>
      <Small>{tr.t(`kpi.meaning.${kpi}`)}</Small>
      {missing && <Small>{tr.t(`kpi.reason.${score.reason ?? 'unknown'}`)}</Small>}
      <Meta>
        <TargetStatus status={score.status} />
        {team !== null && <span>{tr.t('kpi.team', { value: formatKpiValue(kpi, team, tr) })}</span>}
        {!missing && <TrendChange kpi={kpi} change={score.change} period={period} />}
      </Meta>
      {trend !== undefined && <Sparkline values={trend} label={tr.t('kpi.sparkline', { kpi: label })} />}
    </Row>
  );
}
