// The agent's sidebar: the requester of the open ticket, own KPIs, alerts, coaching notes, kept
// live by the stream.
import type { AlertItem, CoachingNote } from '@frontline/connector/api';
import { useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import type { DashboardData } from '../dashboard.js';
import { useResource } from '../use-resource.js';
import { AlertList } from './AlertList.js';
import { CoachingNotes } from './CoachingNotes.js';
import { KpiOverview } from './KpiOverview.js';
import { RequesterPanel } from './RequesterPanel.js';
import { StaleNotice } from './StateViews.js';
import { TicketPanel } from './TicketPanel.js';

const upsertNote = (notes: readonly CoachingNote[], note: CoachingNote): readonly CoachingNote[] =>
  notes.some((n) => n.id === note.id) ? notes.map((n) => (n.id === note.id ? note : n)) : [note, ...notes];

const addAlert = (alerts: readonly AlertItem[], alert: AlertItem): readonly AlertItem[] => [
  alert,
  ...alerts.filter((a) => a.id !== alert.id),
];

export function SidebarApp() {
  const { client } = useApp();
  const [dashboard, dashboardControls] = useResource<DashboardData>(() => client.dashboard(), [client]);
  const [alerts, alertControls] = useResource<readonly AlertItem[]>(
    async () => (await client.alerts()).alerts,
    [client],
  );
  const [notes, noteControls] = useResource<readonly CoachingNote[]>(
    async () => (await client.notes()).notes,
    [client],
  );
  const [stale, setStale] = useState(false);

  useEffect(() => {
    const stream = client.stream({
      dashboard: (d) => dashboardControls.set(d),
      alert: (a) => alertControls.update((list) => addAlert(list, a)),
      note: (n) => noteControls.update((list) => upsertNote(list, n)),
      open: (reconnected) => {
        setStale(false);
        // Alerts and notes sent while the stream was down are not replayed: fetch them again.
        if (reconnected) {
          alertControls.refresh();
          noteControls.refresh();
        }
      },
      drop: () => setStale(true),
    });
    return () => stream.close();
  }, [client, dashboardControls, alertControls, noteControls]);

  return (
    <>
      {stale && <StaleNotice />}
      {/* The agent's headline numbers first, then the ticket at hand; alerts and notes below them. */}
      <KpiOverview dashboard={dashboard} onRetry={dashboardControls.reload} />
      <TicketPanel />
      <RequesterPanel />
      <AlertList alerts={alerts} onRetry={alertControls.reload} />
      <CoachingNotes
        notes={notes}
        onRetry={noteControls.reload}
        onChanged={(n) => noteControls.update((list) => upsertNote(list, n))}
      />
    </>
  );
}
