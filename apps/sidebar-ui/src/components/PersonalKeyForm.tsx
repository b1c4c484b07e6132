// On Freshdesk, where sign-in proves the account and not the user: a lead enters, once, the
// personal key their admin handed over (People section), and signs in as a lead from then on.
import { Button } from '@zendeskgarden/react-buttons';
import { Field, Input } from '@zendeskgarden/react-forms';
import { Paragraph } from '@zendeskgarden/react-typography';
import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../app-context.js';
import { saveUserKey } from '../personal-key.js';
import { Section } from './Section.js';

export function PersonalKeyForm() {
  const { client, host, tr } = useApp();
  const [shown, setShown] = useState(false);
  const [key, setKey] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (host.vendor !== 'freshdesk') return;
    let live = true;
    client.session().then(
      (session) => live && setShown(session.user.role === 'agent'),
      // Signed out: the view around says so.
      () => live && setShown(false),
    );
    return () => {
      live = false;
    };
  }, [client, host]);

  // A lead or admin signed in with their key already; on Zendesk, Zendesk signs who the user is.
  if (!shown) return null;

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
