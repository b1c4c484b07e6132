// Coaching notes from the lead, newest first; the agent acknowledges each one.
import type { CoachingNote } from '@frontline/connector/api';
import styled from 'styled-components';
import { useApp } from '../app-context.js';
import type { Resource } from '../use-resource.js';
import { NoteCard } from './NoteCard.js';
import { Section } from './Section.js';
import { EmptyState, ErrorNotice, Loading } from './StateViews.js';

const List = styled.ul`
  display: flex;
  flex-direction: column;
  gap: 12px;
  margin: 0;
  padding: 0;
  list-style: none;
`;

export interface CoachingNotesProps {
  readonly notes: Resource<readonly CoachingNote[]>;
  readonly onRetry: () => void;
  /** Called with the note as the API returns it after acknowledging. */
  readonly onChanged: (note: CoachingNote) => void;
}

export function CoachingNotes({ notes, onRetry, onChanged }: CoachingNotesProps) {
  const { tr } = useApp();
  return (
    <Section title={tr.t('notes.heading')}>
      {notes.status === 'loading' && <Loading />}
      {notes.status === 'error' && <ErrorNotice error={notes.error} onRetry={onRetry} />}
      {notes.status === 'ready' &&
        (notes.data.length === 0 ? (
          <EmptyState>{tr.t('notes.empty')}</EmptyState>
        ) : (
          <List>
            {notes.data.map((note) => (
              <li key={note.id}>
                <NoteCard note={note} onChanged={onChanged} />
              </li>
            ))}
          </List>
        ))}
    </Section>
  );
}
