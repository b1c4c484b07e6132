// On Freshdesk, where sign-in proves the account and not the user: beside proving who they are
// with their own API key, a lead can enter, once, the personal key their admin handed over
// (People section); the app signs in with it from the next load on.
import { Button } from '@zendeskgarden/react-buttons';
import { Field, Input } from '@zendeskgarden/react-forms';
import { Paragraph } from '@zendeskgarden/react-typography';
import { useState, type FormEvent } from 'react';
import { useApp } from '../app-context.js';
import { saveUserKey } from '../personal-key.js';
import { Section } from './Section.js';

export function PersonalKeyForm() {
  const { host, tr } = useApp();
  const [key, setKey] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (trimmed === '') return;
    setMessage(saveUserKey(host, trimmed) ? tr.t('personalKey.saved') : tr.t('personalKey.notSaved'));
    setKey('');
  };

  return (
    <Section title={tr.t('personalKey.heading')}>
      <Paragraph>{tr.t('personalKey.hint')}</Paragraph>
      <form onSubmit={submit}>
        <Field>
          <Field.Label>{tr.t('personalKey.label')}</Field.Label>
          <Input value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" spellCheck={false} />
        </Field>
        <Button type="submit" size="small" disabled={key.trim() === ''}>
          {tr.t('personalKey.save')}
        </Button>
      </form>
      {message !== null && <Paragraph role="status">{message}</Paragraph>}
    </Section>
  );
}
