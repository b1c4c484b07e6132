// A lead sets the green and amber thresholds of a KPI. Rates are typed in percent, stored as fractions.
import { KPI_DEFINITIONS, KPI_KEYS, type KpiKey } from '@frontline/kpi';
import { Button } from '@zendeskgarden/react-buttons';
import { Field, Input, Select } from '@zendeskgarden/react-forms';
import { Paragraph } from '@zendeskgarden/react-typography';
import { useState, type FormEvent } from 'react';
import styled from 'styled-components';
import { useApp } from '../app-context.js';
import { Section } from './Section.js';
import { ErrorNotice } from './StateViews.js';

const Form = styled.form`
  display: flex;
  flex-wrap: wrap;
  gap: 8px 16px;
  align-items: flex-end;
`;

/** Reads `90`, `0,5` or `1.5`; null when it is not a number. */
function parseNumber(text: string): number | null {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(n) ? null : n;
}

export function TargetForm({ onSaved }: { onSaved: () => void }) {
  const { client, tr } = useApp();
  const [kpi, setKpi] = useState<KpiKey>('csat');
  const [green, setGreen] = useState('');
  const [amber, setAmber] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setError(null);
    const g = parseNumber(green);
    const a = parseNumber(amber);
    if (g === null || a === null) {
      setMessage(tr.t('target.invalid'));
      return;
    }
    const scale = KPI_DEFINITIONS[kpi].unit === 'rate' ? 100 : 1;
    try {
      await client.setTarget(kpi, { green: g / scale, amber: a / scale });
      setMessage(tr.t('target.saved', { kpi: tr.t(`kpi.${kpi}`) }));
      onSaved();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  };

  return (
    <Section title={tr.t('target.heading')}>
      <Paragraph>{tr.t('target.hint')}</Paragraph>
      <Form onSubmit={(e) => void submit(e)}>
        <Field>
          <Field.Label>{tr.t('target.kpi')}</Field.Label>
          <Select value={kpi} onChange={(e) => setKpi(e.target.value as KpiKey)}>
            {KPI_KEYS.map((k) => (
              <option key={k} value={k}>
                {tr.t(`kpi.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field>
          <Field.Label>{tr.t('target.green')}</Field.Label>
          <Input inputMode="decimal" value={green} onChange={(e) => setGreen(e.target.value)} />
        </Field>
        <Field>
          <Field.Label>{tr.t('target.amber')}</Field.Label>
          <Input inputMode="decimal" value={amber} onChange={(e) => setAmber(e.target.value)} />
        </Field>
        <Button type="submit" size="small">
          {tr.t('target.save')}
        </Button>
      </Form>
      {message !== null && <Paragraph role="status">{message}</Paragraph>}
      {error !== null && <ErrorNotice error={error} />}
    </Section>
  );
}
