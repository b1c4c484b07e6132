// Escalations (a negative rating on my ticket: act on it) and successes, newest first. The list is
// a live region, so an alert that arrives over the stream is announced.
import type { AlertItem } from '@frontline/connector/api';
import { Button } from '@zendeskgarden/react-buttons';
import { Alert } from '@zendeskgarden/react-notifications';
import { useState } from 'react';
import styled from 'styled-components';
import { useApp } from '../app-context.js';
import { formatDateTime } from '../format.js';
import type { Resource } from '../use-resource.js';
import { Section } from './Section.js';
import { EmptyState, ErrorNotice, Loading } from './StateViews.js';

const List = styled.ul`
  display: flex;
  flex-direction: column;
  gap: 8px;
  margin: 0;
  padding: 0;
  list-style: none;
`;

export interface AlertListProps {
  readonly alerts: Resource<readonly AlertItem[]>;
  readonly onRetry: () => void;
}

/** Alerts shown before "show all": the newest matter most, and the sidebar is narrow. */
const FIRST = 3;

export function AlertList({ alerts, onRetry }: AlertListProps) {
  const { tr } = useApp();
  const [all, setAll] = useState(false);
  return (
    <Section title={tr.t('alerts.heading')}>
      {alerts.status === 'loading' && <Loading />}
      {alerts.status === 'error' && <ErrorNotice error={alerts.error} onRetry={onRetry} />}
      {alerts.status === 'ready' && (
        <div role="status">
          {alerts.data.length === 0 ? (
            <EmptyState>{tr.t('alerts.empty')}</EmptyState>
          ) : (
            <>
              <List>
                {(all ? alerts.data : alerts.data.slice(0, FIRST)).map((alert) => (
                  <li key={alert.id}>
                    <AlertCard alert={alert} />
                  </li>
                ))}
              </List>
              {!all && alerts.data.length > FIRST && (
                <Button size="small" isBasic onClick={() => setAll(true)}>
                  {tr.t('alerts.showAll', { count: alerts.data.length })}
                </Button>
              )}
            </>
          )}
        </div>
      )}
    </Section>
  );
}

function AlertCard({ alert }: { alert: AlertItem }) {
  const { host, tr } = useApp();
  const escalation = alert.kind === 'escalation';
  return (
    // role="none": the surrounding status region announces it; nested alerts would shout twice.
    <Alert type={escalation ? 'error' : 'success'} role="none">
      <Alert.Title>
        {tr.t(escalation ? 'alerts.escalation.title' : 'alerts.success.title', { ticket: alert.ticketId })}
      </Alert.Title>
      <Alert.Paragraph>{tr.t(escalation ? 'alerts.escalation.body' : 'alerts.success.body')}</Alert.Paragraph>
      {alert.comment !== null && (
        <Alert.Paragraph>{tr.t('alerts.comment', { comment: alert.comment })}</Alert.Paragraph>
      )}
      <Alert.Paragraph>
        <time dateTime={alert.at}>{formatDateTime(alert.at, tr)}</time>{' '}
        <Button size="small" isLink onClick={() => host.openTicket(alert.ticketId)}>
          {tr.t('drill.openTicket', { id: alert.ticketId })}
        </Button>
      </Alert.Paragraph>
    </Alert>
  );
}
