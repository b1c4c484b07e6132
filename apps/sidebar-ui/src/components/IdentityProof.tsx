// Freshdesk proves the account, not the person: a lead or admin proves once, with their own API
// key, who they are; the app then signs in with the personal key the connector gave in return.
import { Button } from '@zendeskgarden/react-buttons';
import { Field, Hint, Input, Label } from '@zendeskgarden/react-forms';
import { Alert } from '@zendeskgarden/react-notifications';
import { useState } from 'react';
import { useApp } from '../app-context.js';
import { Section } from './Section.js';

export function IdentityProof({ onProven, required = false }: { onProven: () => void; required?: boolean }) {
  const { host, tr } = useApp();
  const [key, setKey] = useState('');
  const [state, setState] = useState<{ status: 'idle' | 'sending' } | { status: 'failed'; message: string }>({
    status: 'idle',
  });
  if (host.proveIdentity === undefined) return null;
  const prove = host.proveIdentity.bind(host);

  return (
    <Section title={tr.t(required ? 'proof.requiredHeading' : 'proof.heading')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setState({ status: 'sending' });
          prove(key.trim()).then(onProven, (error: unknown) =>
            setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
          );
        }}
      >
        <Field>
          <Label>{tr.t('proof.label')}</Label>
          <Hint>{tr.t('proof.hint')}</Hint>
          <Input type="password" value={key} onChange={(event) => setKey(event.target.value)} autoComplete="off" />
        </Field>
        <Button type="submit" disabled={key.trim().length < 8 || state.status === 'sending'}>
          {tr.t('proof.button')}
        </Button>
      </form>
      {state.status === 'failed' && (
        <Alert type="error" role="alert">
          <Alert.Paragraph>{state.message}</Alert.Paragraph>
        </Alert>
      )}
    </Section>
  );
}
