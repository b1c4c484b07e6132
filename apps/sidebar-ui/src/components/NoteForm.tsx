// A lead writes a coaching note for one agent, optionally about a ticket and a KPI.
import type { CoachingNote } from '@frontline/connector/api';
import { KPI_KEYS, isKpiKey } from '@frontline/kpi';
import { Button } from '@zendeskgarden/react-buttons';
import { Field, Input, Select, Textarea } from '@zendeskgarden/react-forms';
import { Well } from '@zendeskgarden/react-notifications';
import { MD } from '@zendeskgarden/react-typography';
import { useState, type FormEvent } from 'react';
import styled from 'styled-components';
import { useApp } from '../app-context.js';
import { ErrorNotice } from './StateViews.js';
import type { AgentChoice } from './TeamTable.js';

const Form = styled.form`
  display: flex;
  flex-direction: column;
  gap: 8px;
`;

const Actions = styled.div`
  display: flex;
  gap: 8px;
`;

export interface NoteFormProps {
  readonly agent: AgentChoice;
  readonly onSaved: (note: CoachingNote) => void;
  readonly onCancel: () => void;
}

export function NoteForm({ agent, onSaved, onCancel }: NoteFormProps) {
  const { client, tr } = useApp();
  const [body, setBody] = useState('');
  const [ticketId, setTicketId] = useState('');
  const [kpi, setKpi] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (body.trim() === '') return;
    setSending(true);
    setError(null);
    try {
      const note = await client.writeNote({
        agentId: agent.id,
        body: body.trim(),
        ticketId: ticketId.trim() === '' ? null : ticketId.trim(),
        kpi: isKpiKey(kpi) ? kpi : null,
      });
      onSaved(note);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setSending(false);
    }
  };

  return (
    <Well>
      <Form onSubmit={(e) => void submit(e)}>
        <MD tag="h3" isBold>
          {tr.t('noteForm.heading', { agent: agent.name })}
        </MD>
        <Field>
          <Field.Label>{tr.t('noteForm.body')}</Field.Label>
          <Textarea value={body} onChange={(e) => setBody(e.target.value)} minRows={3} required />
        </Field>
        <Field>
          <Field.Label>{tr.t('noteForm.ticket')}</Field.Label>
          <Input value={ticketId} onChange={(e) => setTicketId(e.target.value)} />
        </Field>
        <Field>
          <Field.Label>{tr.t('noteForm.kpi')}</Field.Label>
          <Select value={kpi} onChange={(e) => setKpi(e.target.value)}>
            <option value="">{tr.t('noteForm.noKpi')}</option>
            {KPI_KEYS.map((k) => (
              <option key={k} value={k}>
                {tr.t(`kpi.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Actions>
          <Button type="submit" isPrimary size="small" disabled={sending || body.trim() === ''}>
            {tr.t('noteForm.save')}
          </Button>
          <Button size="small" isBasic onClick={onCancel}>
            {tr.t('noteForm.cancel')}
          </Button>
        </Actions>
        {error !== null && <ErrorNotice error={error} />}
      </Form>
    </Well>
  );
}
