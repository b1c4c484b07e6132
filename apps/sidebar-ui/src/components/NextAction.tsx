// The one thing to act on now (a negative rating to follow up, a customer who came back, a target
// slipping), with its tickets opening in the helpdesk.
import type { NextActionItem } from '@frontline/connector/api';
import type { AgentKpiKey } from '@frontline/kpi';
import { Button } from '@zendeskgarden/react-buttons';
import { Alert } from '@zendeskgarden/react-notifications';
import styled from 'styled-components';
import { useApp } from '../app-context.js';

const Links = styled.span`
  display: flex;
  flex-wrap: wrap;
  gap: 0 ${(p) => p.theme.space.sm};
  align-items: baseline;
`;

/** Tickets linked directly; the drill-down holds the rest. */
const SHOWN = 3;

export interface NextActionProps {
  readonly next: NextActionItem;
  readonly onShowKpi: (kpi: AgentKpiKey) => void;
}

export function NextAction({ next, onShowKpi }: NextActionProps) {
  const { host, tr } = useApp();
  const kpiLabel = next.kpi === null ? '' : tr.t(`kpi.${next.kpi}`);
  const more = next.ticketIds.length - SHOWN;
  return (
    // role="none": the line is not urgent enough to interrupt; it is the first thing read anyway.
    <Alert type={next.kind === 'follow_up_rating' ? 'error' : 'warning'} role="none">
      <Alert.Title>{tr.t('next.heading')}</Alert.Title>
      <Alert.Paragraph>{tr.t(`next.${next.kind}`, { kpi: kpiLabel })}</Alert.Paragraph>
      <Alert.Paragraph>
        <Links>
          {next.ticketIds.slice(0, SHOWN).map((id) => (
            <Button key={id} isLink size="small" onClick={() => host.openTicket(id)}>
              {tr.t('next.openTicket', { id })}
            </Button>
          ))}
          {more > 0 && next.kpi === null && <span>{tr.t('next.more', { count: more })}</span>}
          {next.kpi !== null && (
            <Button isLink size="small" onClick={() => onShowKpi(next.kpi!)}>
              {tr.t('next.showAll', { kpi: kpiLabel })}
            </Button>
          )}
        </Links>
      </Alert.Paragraph>
    </Alert>
  );
}
