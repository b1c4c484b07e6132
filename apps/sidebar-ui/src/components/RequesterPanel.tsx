// Who is asking on the open ticket: contacts in 30 days, open tickets, last rating, and a clear
// warning for a repeat contact or an unhappy customer. Reloads when the helpdesk says the ticket changed.
import type { RequesterContextResponse } from '@frontline/connector/api';
import { Alert } from '@zendeskgarden/react-notifications';
import { useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { Facts } from './Facts.js';
import { formatDate } from '../format.js';
import { useResource } from '../use-resource.js';
import { Section } from './Section.js';
import { EmptyState, ErrorNotice, Loading } from './StateViews.js';

export function RequesterPanel() {
  const { client, host, tr } = useApp();
  const [changes, setChanges] = useState(0);
  useEffect(() => host.onTicketChanged(() => setChanges((n) => n + 1)), [host]);
  const [context, controls] = useResource(async (): Promise<RequesterContextResponse | null> => {
    const ticket = await host.currentTicket();
    return ticket === null ? null : client.requesterContext(ticket.requesterId, ticket.id);
  }, [client, host, changes]);

  return (
    <Section title={tr.t('requester.heading')}>
      {context.status === 'loading' && <Loading />}
      {context.status === 'error' && <ErrorNotice error={context.error} onRetry={controls.reload} />}
      {context.status === 'ready' &&
        (context.data === null ? <EmptyState>{tr.t('requester.none')}</EmptyState> : <Requester data={context.data} />)}
    </Section>
  );
}

function Requester({ data }: { data: RequesterContextResponse }) {
  const { tr } = useApp();
  const rating = data.lastRating;
  return (
    <>
      {data.repeatContact !== null && (
        <Alert type="warning" role="alert">
          <Alert.Title>{tr.t('requester.repeat.title')}</Alert.Title>
          <Alert.Paragraph>
            {tr.t('requester.repeat.body', {
              ticket: data.repeatContact.solvedTicketId,
              date: formatDate(data.repeatContact.solvedAt, tr),
            })}
          </Alert.Paragraph>
        </Alert>
      )}
      {rating !== null && !rating.positive && (
        <Alert type="error" role="alert">
          <Alert.Title>{tr.t('requester.badRating.title')}</Alert.Title>
          <Alert.Paragraph>{tr.t('requester.badRating.body', { ticket: rating.ticketId })}</Alert.Paragraph>
          {rating.comment !== null && (
            <Alert.Paragraph>{tr.t('alerts.comment', { comment: rating.comment })}</Alert.Paragraph>
          )}
        </Alert>
      )}
      <Facts>
        {data.requesterName != null && <li>{tr.t('requester.name', { name: data.requesterName })}</li>}
        <li>{tr.t('requester.contacts', { count: data.contactsLast30Days })}</li>
        <li>{tr.t('requester.openTickets', { count: data.openTickets.length })}</li>
        <li>
          {tr.t('requester.lastRating', {
            rating: tr.t(
              rating === null
                ? 'requester.rating.none'
                : rating.positive
                  ? 'requester.rating.positive'
                  : 'requester.rating.negative',
            ),
          })}
        </li>
      </Facts>
    </>
  );
}
