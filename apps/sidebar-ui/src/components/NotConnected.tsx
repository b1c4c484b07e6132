// An account that installed the app but is not connected: its admin connects it here (the
// helpdesk's consent page opens in a window of its own); anyone else is told whom to ask.
import { Button } from '@zendeskgarden/react-buttons';
import { Alert } from '@zendeskgarden/react-notifications';
import { Paragraph } from '@zendeskgarden/react-typography';
import { useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { ConnectorError } from '../connector-client.js';
import { Section } from './Section.js';

/** How often the app asks whether the admin finished at the helpdesk, and for how long. */
const POLL_MS = 2_000;
const GIVE_UP_MS = 10 * 60_000;

type Step = { status: 'idle' } | { status: 'opening' } | { status: 'waiting' } | { status: 'failed'; message: string };

export function NotConnected({ onConnected }: { onConnected: () => void }) {
  const { host, client, tr } = useApp();
  const [admin, setAdmin] = useState(false);
  const [step, setStep] = useState<Step>({ status: 'idle' });
  const vendor = host.vendor === 'zendesk' ? 'Zendesk' : 'Freshdesk';

  useEffect(() => {
    let live = true;
    void host.isHelpdeskAdmin?.().then(
      (yes) => live && setAdmin(yes),
      () => live && setAdmin(false),
    );
    return () => {
      live = false;
    };
  }, [host]);

  // Once the consent page is open, the account is connected when a sign-in succeeds.
  useEffect(() => {
    if (step.status !== 'waiting') return;
    const started = Date.now();
    let live = true;
    const timer = setInterval(() => {
      if (Date.now() - started > GIVE_UP_MS) {
        clearInterval(timer);
        setStep({ status: 'failed', message: tr.t('connect.gaveUp') });
        return;
      }
      client.session().then(
        () => {
          if (!live) return;
          clearInterval(timer);
          onConnected();
        },
        (error: unknown) => {
          // Not yet, or connected but the first sync has not read the account's agents yet.
          if (error instanceof ConnectorError && (error.code === 'not_connected' || error.code === 'forbidden')) return;
          clearInterval(timer);
          if (live) setStep({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
        },
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [step.status, client, onConnected, tr]);

  const connect = async () => {
    if (host.startConnect === undefined) return;
    setStep({ status: 'opening' });
    try {
      const url = await host.startConnect();
      if (host.openWindow) host.openWindow(url);
      else globalThis.open(url, 'frontline-connect', 'popup,width=640,height=760');
      setStep({ status: 'waiting' });
    } catch (error) {
      setStep({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const canConnect = admin && host.startConnect !== undefined;
  return (
    <Section title={tr.t('connect.heading')}>
      <Paragraph>{tr.t('connect.notYet', { vendor })}</Paragraph>
      {!canConnect && <Paragraph>{tr.t('connect.askAdmin', { vendor })}</Paragraph>}
      {canConnect && step.status !== 'waiting' && (
        <>
          <Paragraph>{tr.t('connect.whatHappens', { vendor })}</Paragraph>
          <Button isPrimary onClick={() => void connect()} disabled={step.status === 'opening'}>
            {tr.t('connect.button')}
          </Button>
        </>
      )}
      {step.status === 'waiting' && <Paragraph role="status">{tr.t('connect.waiting', { vendor })}</Paragraph>}
      {step.status === 'failed' && (
        <Alert type="error" role="alert">
          <Alert.Title>{tr.t('connect.failed')}</Alert.Title>
          <Alert.Paragraph>{step.message}</Alert.Paragraph>
        </Alert>
      )}
    </Section>
  );
}
