// Change against the previous period: an arrow and a signed percentage, coloured by whether it is
// good news for this KPI, with the direction and verdict spelled out for screen readers.
import type { KpiKey } from '@frontline/kpi';
import { getColor } from '@zendeskgarden/react-theming';
import styled from 'styled-components';
import { useApp } from '../app-context.js';
import { formatChange, formatPercent, isImprovement } from '../format.js';
import { VisuallyHidden } from './VisuallyHidden.js';

const Change = styled.span<{ $good: boolean | null }>`
  font-size: ${(p) => p.theme.fontSizes.sm};
  color: ${(p) =>
    getColor({
      theme: p.theme,
      variable: p.$good === null ? 'foreground.subtle' : p.$good ? 'foreground.success' : 'foreground.danger',
    })};
`;

export function TrendChange({ kpi, change }: { kpi: KpiKey; change: number | null }) {
  const { tr } = useApp();
  if (change === null) return null;
  const shown = formatPercent(Math.abs(change), tr);
  if (Math.round(change * 100) === 0) {
    return (
      <Change $good={null}>
        <span aria-hidden="true">→ {formatChange(0, tr)}</span>
        <VisuallyHidden>{tr.t('kpi.trend.flat')}</VisuallyHidden>
      </Change>
    );
  }
  const good = isImprovement(kpi, change);
  const words = tr.t(change > 0 ? 'kpi.trend.up' : 'kpi.trend.down', { change: shown });
  return (
    <Change $good={good}>
      <span aria-hidden="true">
        {change > 0 ? '▲' : '▼'} {formatChange(change, tr)}
      </span>
      <VisuallyHidden>
        {words}, {tr.t(good ? 'kpi.trend.better' : 'kpi.trend.worse')}
      </VisuallyHidden>
    </Change>
  );
}
