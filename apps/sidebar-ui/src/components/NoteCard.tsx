// One coaching note: body, author, ticket and KPI it is about, earlier versions (collapsed), and
// Acknowledge while the current version is unacknowledged.
import type { CoachingNote } from '@frontline/connector/api';
import { Button } from '@zendeskgarden/react-buttons';
import { Well } from '@zendeskgarden/react-notifications';
import { Paragraph, SM } from '@zendeskgarden/react-typography';
import { useState } from 'react';
import styled from 'styled-components';
import { useApp } from '../app-context.js';
import { formatDateTime } from '../format.js';
import { ErrorNotice } from './StateViews.js';

const Links = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: 4px 12px;
  align-items: baseline;
  margin: 4px 0;
`;

const Body = styled(Paragraph)`
  white-space: pre-wrap;
`;

export function NoteCard({ note, onChanged }: { note: CoachingNote; onChanged: (note: CoachingNote) => void }) {
  const { client, host, tr } = useApp();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  // A person, never an id: an author the store cannot name yet is "your team lead".
  const author = note.authorName ?? tr.t('notes.unknownAuthor');

  const acknowledge = async () => {
    setSending(true);
    setError(null);
    try {
      onChanged(await client.acknowledgeNote(note.id));
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setSending(false);
    }
  };

  return (
    <Well>
      <Body>{note.body}</Body>
      <SM>{tr.t('notes.author', { author, date: formatDateTime(note.updatedAt, tr) })}</SM>
      <Links>
        {note.ticketId !== null && (
          <Button isLink size="small" onClick={() => host.openTicket(note.ticketId!)}>
            {tr.t('notes.ticket', { ticket: note.ticketId })}
          </Button>
        )}
        {note.kpi !== null && <SM>{tr.t('notes.kpi', { kpi: tr.t(`kpi.${note.kpi}`) })}</SM>}
      </Links>
      {note.history.length > 0 && (
        <details>
          <summary>{tr.t('notes.history', { count: note.history.length })}</summary>
          <ol>
            {note.history.map((version) => (
              <li key={version.writtenAt}>
                <SM>{formatDateTime(version.writtenAt, tr)}</SM>
                <Body>{version.body}</Body>
              </li>
            ))}
          </ol>
        </details>
      )}
      {note.acknowledgedAt === null ? (
        <Button
          size="small"
          onClick={() => void acknowledge()}
          disabled={sending}
          aria-label={tr.t('notes.acknowledgeLabel', { author })}
        >
          {tr.t('notes.acknowledge')}
        </Button>
      ) : (
        <SM role="status">{tr.t('notes.acknowledged', { date: formatDateTime(note.acknowledgedAt, tr) })}</SM>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </Well>
  );
}
