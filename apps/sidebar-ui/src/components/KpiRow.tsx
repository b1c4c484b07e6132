// One KPI: label (opens its tickets), value by unit, trend, target status, team median, daily line.
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
import { VisuallyHidden } from './VisuallyHidden.js';

const Row = styled.li`
  display: grid;
  grid-template-columns: 1fr auto;
  gap: 2px 8px;
  padding: 6px 0;
  border-bottom: 1px solid ${(p) => getColor({ theme: p.theme, variable: 'border.subtle' })};
`;

const Value = styled.span`
  justify-self: end;
  font-weight: ${(p) => p.theme.fontWeights.semibold};
`;

const Meta = styled.span`
  display: flex;
  flex-wrap: wrap;
  gap: 4px 12px;
  align-items: center;
  font-size: ${(p) => p.theme.fontSizes.sm};
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
`;

const Side = styled.span`
  display: flex;
  flex-direction: column;
  align-items: flex-end;
  gap: 2px;
`;

export interface KpiRowProps {
  readonly kpi: AgentKpiKey;
  readonly score: KpiScore;
  readonly trend: readonly (number | null)[] | undefined;
  readonly onOpen: (kpi: AgentKpiKey) => void;
}

export function KpiRow({ kpi, score, trend, onOpen }: KpiRowProps) {
  const { tr } = useApp();
  const label = tr.t(`kpi.${kpi}`);
  const value = formatKpiValue(kpi, score.value, tr);
  return (
    <Row>
      <Button isLink onClick={() => onOpen(kpi)} aria-label={tr.t('kpi.open', { kpi: label })}>
        {label}
      </Button>
      <Side>
        <Value>
          {value}
          {value === NO_VALUE && <VisuallyHidden>{tr.t('kpi.noValue')}</VisuallyHidden>}
        </Value>
        <TrendChange kpi={kpi} change={score.change} />
      </Side>
      <Meta>
        <TargetStatus status={score.status} />
        {score.teamMedian !== null && (
          <span>{tr.t('kpi.teamMedian', { value: formatKpiValue(kpi, score.teamMedian, tr) })}</span>
        )}
      </Meta>
      {trend !== undefined && <Sparkline values={trend} label={tr.t('kpi.sparkline', { kpi: label })} />}
    </Row>
  );
}
