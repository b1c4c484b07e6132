// Target status as a coloured dot and always as words: colour is never the only signal.
import type { KpiScore } from '../dashboard.js';
import { getColor } from '@zendeskgarden/react-theming';
import styled from 'styled-components';
import { useApp } from '../app-context.js';

type Status = KpiScore['status'];

const VARIABLE: Record<Status, string> = {
  green: 'foreground.success',
  amber: 'foreground.warning',
  red: 'foreground.danger',
  none: 'foreground.subtle',
};

const Dot = styled.span<{ $status: Status }>`
  display: inline-block;
  width: 8px;
  height: 8px;
  margin-inline-end: 4px;
  border-radius: 50%;
  background: ${(p) => getColor({ theme: p.theme, variable: VARIABLE[p.$status] })};
`;

const Wrapper = styled.span`
  display: inline-flex;
  align-items: center;
  font-size: ${(p) => p.theme.fontSizes.sm};
`;

export function TargetStatus({ status }: { status: Status }) {
  const { tr } = useApp();
  if (status === 'none') return null;
  return (
    <Wrapper>
      <Dot $status={status} aria-hidden="true" />
      {tr.t(`kpi.status.${status}`)}
    </Wrapper>
  );
}
