// Signs in before the view shows: an account Frontline does not know yet gets "not connected"
// (with Connect for its admin) instead of an error, and an admin sees the first sync's progress.
import type { SessionResponse } from '@frontline/connector/api';
import { useEffect, useState, type ReactNode } from 'react';
import { useApp } from '../app-context.js';
import { ConnectorError } from '../connector-client.js';
import { IdentityProof } from './IdentityProof.js';
import { NotConnected } from './NotConnected.js';
import { SetupProgress } from './SetupProgress.js';
import { ErrorNotice, Loading } from './StateViews.js';

type Gate =
  | { status: 'signing-in' }
  | { status: 'not-connected' }
  | { status: 'proof-required' }
  | { status: 'failed'; error: Error }
  | { status: 'ready'; session: SessionResponse };

export function ConnectGate({ children }: { children: ReactNode }) {
  const { client } = useApp();
  const [gate, setGate] = useState<Gate>({ status: 'signing-in' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    client.session().then(
      (session) => live && setGate({ status: 'ready', session }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ConnectorError && error.code === 'not_connected') setGate({ status: 'not-connected' });
        else if (error instanceof ConnectorError && error.code === 'proof_required')
          setGate({ status: 'proof-required' });
        else setGate({ status: 'failed', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => {
      live = false;
    };
  }, [client, attempt]);

  switch (gate.status) {
    case 'signing-in':
      return <Loading />;
    case 'not-connected':
      return <NotConnected onConnected={() => setAttempt((n) => n + 1)} />;
    case 'proof-required':
      // The personal key the proof gives is read at sign-in: load the app again with it.
      return <IdentityProof required onProven={() => globalThis.location.reload()} />;
    case 'failed':
      return <ErrorNotice error={gate.error} onRetry={() => setAttempt((n) => n + 1)} />;
    case 'ready':
      return (
        <>
          {gate.session.user.role === 'admin' && <SetupProgress />}
          {children}
        </>
      );
  }
}
