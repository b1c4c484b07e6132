// The ticket in view: its rating, replies so far against what the team usually needs, the first
// reply, reopens, and a clear flag when it is an outlier. Reloads when the helpdesk says it changed.
import type { TicketSummaryResponse } from '@frontline/connector/api';
import { Alert } from '@zendeskgarden/react-notifications';
import { useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { Facts } from './Facts.js';
import { ConnectorError } from '../connector-client.js';
import { formatMinutes } from '../format.js';
import { useResource } from '../use-resource.js';
import { Section } from './Section.js';
import { EmptyState, ErrorNotice, Loading } from './StateViews.js';

type Summary = { readonly kind: 'none' } | { readonly kind: 'unsynced' } | TicketSummaryResponse;

export function TicketPanel() {
  const { client, host, tr } = useApp();
  const [changes, setChanges] = useState(0);
  useEffect(() => host.onTicketChanged(() => setChanges((n) => n + 1)), [host]);
  const [summary, controls] = useResource(async (): Promise<Summary> => {
    const ticket = await host.currentTicket();
    if (ticket === null) return { kind: 'none' };
    try {
      return await client.ticketSummary(ticket.id);
    } catch (error) {
      // A ticket just created is not in the store yet: the connector fetches it, nothing is wrong.
      if (error instanceof ConnectorError && error.status === 404) return { kind: 'unsynced' };
      throw error;
    }
  }, [client, host, changes]);

  if (summary.status === 'ready' && 'kind' in summary.data && summary.data.kind === 'none') return null;
  return (
    <Section title={tr.t('ticket.heading')}>
      {summary.status === 'loading' && <Loading />}
      {summary.status === 'error' && <ErrorNotice error={summary.error} onRetry={controls.reload} />}
      {summary.status === 'ready' &&
        ('kind' in summary.data ? (
          <EmptyState>{tr.t('ticket.notSynced')}</EmptyState>
        ) : (
          <TicketFacts summary={summary.data} />
        ))}
    </Section>
  );
}

function TicketFacts({ summary }: { summary: TicketSummaryResponse }) {
  const { tr } = useApp();
  const typical =
    summary.typicalReplies === null
      ? null
      : new Intl.NumberFormat(tr.locale, { maximumFractionDigits: 1 }).format(summary.typicalReplies);
  const rating = summary.rating;
  return (
    <>
      {summary.outlier && (
        <Alert type="warning" role="status">
          <Alert.Title>{tr.t('ticket.outlier.title')}</Alert.Title>
          <Alert.Paragraph>
            {tr.t('ticket.outlier.body', { count: summary.replies, typical: typical ?? '–' })}
          </Alert.Paragraph>
        </Alert>
      )}
      <Facts>
        <li>
          {rating === null
            ? tr.t('ticket.rating.none')
            : `${tr.t(rating.positive ? 'ticket.rating.good' : 'ticket.rating.bad')}${
                rating.comment === null ? '' : `: ${tr.t('alerts.comment', { comment: rating.comment })}`
              }`}
        </li>
        <li>
          {typical === null
            ? tr.t('ticket.replies', { count: summary.replies })
            : tr.t('ticket.repliesTypical', { count: summary.replies, typical })}
        </li>
        <li>
          {summary.firstReplyMinutes === null
            ? tr.t('ticket.noReply')
            : tr.t('ticket.firstReply', { time: formatMinutes(summary.firstReplyMinutes, tr) })}
        </li>
        <li>
          {summary.reopens === 0
            ? tr.t('ticket.reopens.none')
            : summary.reopens === 1
              ? tr.t('ticket.reopens.one')
              : tr.t('ticket.reopens.some', { count: summary.reopens })}
        </li>
      </Facts>
    </>
  );
}
