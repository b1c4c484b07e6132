// The admin's account panel in the team view: which account Frontline reads, and Disconnect,
// which deletes everything Frontline stored for it once the admin typed the account's name.
import type { DisconnectResponse } from '@frontline/connector/api';
import { Button } from '@zendeskgarden/react-buttons';
import { Checkbox, Field, Hint, Input, Label } from '@zendeskgarden/react-forms';
import { Alert } from '@zendeskgarden/react-notifications';
import { Paragraph } from '@zendeskgarden/react-typography';
import { useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { Section } from './Section.js';

type Step =
  | { status: 'idle' }
  | { status: 'confirming'; typed: string }
  | { status: 'sending' }
  | { status: 'done'; result: DisconnectResponse }
  | { status: 'failed'; message: string };

export function AccountPanel() {
  const { client, host, tr } = useApp();
  const [tenant, setTenant] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ status: 'idle' });
  const vendor = host.vendor === 'zendesk' ? 'Zendesk' : 'Freshdesk';

  useEffect(() => {
    let live = true;
    client.session().then(
      (session) => live && session.user.role === 'admin' && setTenant(session.tenant),
      // Signed out: the view around says so; this panel shows nothing.
      () => live && setTenant(null),
    );
    return () => {
      live = false;
    };
  }, [client]);

  // Only admins disconnect; the view of anyone else shows nothing here.
  if (tenant === null) return null;

  const disconnect = async () => {
    if (step.status !== 'confirming') return;
    const typed = step.typed;
    setStep({ status: 'sending' });
    try {
      setStep({ status: 'done', result: await client.disconnect(typed) });
    } catch (error) {
      setStep({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <Section title={tr.t('account.heading')}>
      {step.status === 'done' ? (
        <Alert type="success" role="status">
          <Alert.Title>{tr.t('account.disconnected')}</Alert.Title>
          <Alert.Paragraph>{tr.t('account.deleted', { vendor })}</Alert.Paragraph>
          {step.result.problems.map((problem) => (
            <Alert.Paragraph key={problem}>{problem}</Alert.Paragraph>
          ))}
        </Alert>
      ) : (
        <>
          <Paragraph>{tr.t('account.connected', { vendor, tenant })}</Paragraph>
          {host.vendor === 'freshdesk' && <ProofSetting />}
          {step.status === 'idle' || step.status === 'failed' ? (
            <Button isDanger onClick={() => setStep({ status: 'confirming', typed: '' })}>
              {tr.t('account.disconnect')}
            </Button>
          ) : (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void disconnect();
              }}
            >
              <Field>
                <Label>{tr.t('account.confirmLabel', { tenant })}</Label>
                <Hint>{tr.t('account.confirmHint', { vendor })}</Hint>
                <Input
                  value={step.status === 'confirming' ? step.typed : ''}
                  onChange={(event) => setStep({ status: 'confirming', typed: event.target.value })}
                  autoComplete="off"
                />
              </Field>
              <Button type="submit" isDanger disabled={step.status !== 'confirming' || step.typed !== tenant}>
                {tr.t('account.disconnectNow')}
              </Button>{' '}
              <Button isBasic onClick={() => setStep({ status: 'idle' })}>
                {tr.t('account.cancel')}
              </Button>
            </form>
          )}
          {step.status === 'failed' && (
            <Alert type="error" role="alert">
              <Alert.Paragraph>{step.message}</Alert.Paragraph>
            </Alert>
          )}
        </>
      )}
    </Section>
  );
}

/** Freshdesk: whether everyone proves once who they are, before signing in. */
function ProofSetting() {
  const { client, tr } = useApp();
  const [required, setRequired] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client.identityProofRequired().then(
      (answer) => live && setRequired(answer.required),
      (error: unknown) => live && setProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [client]);

  const change = (next: boolean) => {
    setProblem(null);
    client.setIdentityProofRequired(next).then(
      (answer) => setRequired(answer.required),
      (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
    );
  };

  return (
    <>
      {required !== null && (
        <Field>
          <Checkbox checked={required} onChange={(event) => change(event.target.checked)}>
            <Label>{tr.t('account.requireProof')}</Label>
            <Hint>{tr.t('account.requireProofHint')}</Hint>
          </Checkbox>
        </Field>
      )}
      {problem !== null && (
        <Alert type="error" role="alert">
          <Alert.Paragraph>{problem}</Alert.Paragraph>
        </Alert>
      )}
    </>
  );
}
