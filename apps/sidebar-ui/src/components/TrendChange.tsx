// Change against the previous period as people say it ("Better than last week"), coloured by
// whether it is good news for this KPI; never a percentage, which on small samples reads +1,300%.
import type { PeriodName } from '@frontline/connector/api';
import type { KpiKey } from '@frontline/kpi';
import { getColor } from '@zendeskgarden/react-theming';
import styled from 'styled-components';
import { useApp } from '../app-context.js';
import { trendVerdict } from '../format.js';

const VARIABLE = { better: 'foreground.success', worse: 'foreground.danger', same: 'foreground.subtle' } as const;
const ARROW = { better: '↑', worse: '↓', same: '→' } as const;

const Change = styled.span<{ $verdict: keyof typeof VARIABLE }>`
  color: ${(p) => getColor({ theme: p.theme, variable: VARIABLE[p.$verdict] })};
`;

export function TrendChange({ kpi, change, period }: { kpi: KpiKey; change: number | null; period: PeriodName }) {
  const { tr } = useApp();
  const verdict = trendVerdict(kpi, change);
  if (verdict === null) return null;
  return (
    <Change $verdict={verdict}>
      <span aria-hidden="true">{ARROW[verdict]} </span>
      {tr.t(`kpi.trend.${verdict}.${period}`)}
    </Change>
  );
}
