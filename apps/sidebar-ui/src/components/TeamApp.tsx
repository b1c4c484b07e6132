// The lead's team view: the team table for a period, drill-down, coaching notes and targets;
// for admins also the people and their roles, and the account.
import type { PeriodName, TeamViewResponse } from '@frontline/connector/api';
import type { AgentKpiKey } from '@frontline/kpi';
import { Paragraph } from '@zendeskgarden/react-typography';
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../app-context.js';
import { ConnectorError, type SortOrder, type TeamSort } from '../connector-client.js';
import { useResource } from '../use-resource.js';
import { AccountPanel } from './AccountPanel.js';
import { DrillDown } from './DrillDown.js';
import { IdentityProof } from './IdentityProof.js';
import { NoteForm } from './NoteForm.js';
import { PeoplePanel } from './PeoplePanel.js';
import { PeriodTabs } from './PeriodTabs.js';
import { PersonalKeyForm } from './PersonalKeyForm.js';
import { Section } from './Section.js';
import { EmptyState, ErrorNotice, Loading, StaleNotice } from './StateViews.js';
import { TargetForm } from './TargetForm.js';
import { TeamTable, type AgentChoice } from './TeamTable.js';

interface Sorting {
  readonly by: TeamSort;
  readonly order: SortOrder;
}

export function TeamApp() {
  const { client, host, tr } = useApp();
  const [period, setPeriod] = useState<PeriodName>('last7Days');
  const [sorting, setSorting] = useState<Sorting>({ by: 'name', order: 'asc' });
  const [team, controls] = useResource(() => client.team(period, sorting.by, sorting.order), [client, period, sorting]);
  const [drill, setDrill] = useState<{ agent: AgentChoice; kpi: AgentKpiKey } | null>(null);
  const [noteFor, setNoteFor] = useState<AgentChoice | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const dashboards = useRef(0);
  // While a new sort order loads, the table stays (in its old order) instead of flashing a spinner.
  const shown = useRef<{ period: PeriodName; data: TeamViewResponse } | null>(null);
  if (team.status === 'ready') shown.current = { period, data: team.data };
  const table = team.status === 'ready' ? team.data : shown.current?.period === period ? shown.current.data : null;

  // A `dashboard` event means the numbers changed; the first one per connection is the greeting.
  useEffect(() => {
    const stream = client.stream({
      dashboard: () => {
        if (dashboards.current++ > 0) controls.refresh();
      },
      open: () => setStale(false),
      drop: () => {
        dashboards.current = 0;
        setStale(true);
      },
    });
    return () => stream.close();
  }, [client, controls]);

  // Same column flips the order; a new KPI column starts with the highest values, names with A.
  const sortBy = (by: TeamSort) =>
    setSorting((s) =>
      s.by === by ? { by, order: s.order === 'asc' ? 'desc' : 'asc' } : { by, order: by === 'name' ? 'asc' : 'desc' },
    );

  return (
    <>
      {stale && <StaleNotice />}
      <Section title={tr.t('team.heading')}>
        {drill !== null ? (
          <DrillDown
            kpi={drill.kpi}
            period={period}
            agent={drill.agent.id}
            agentName={drill.agent.name}
            onBack={() => setDrill(null)}
          />
        ) : (
          <PeriodTabs period={period} onChange={setPeriod}>
            {team.status === 'loading' && table === null && <Loading />}
            {team.status === 'error' &&
              (host.proveIdentity !== undefined &&
              team.error instanceof ConnectorError &&
              team.error.code === 'forbidden' ? (
                // Freshdesk signs everyone in as an agent until they prove who they are, with
                // their own API key or with the personal key their admin gave them.
                <>
                  <IdentityProof onProven={() => globalThis.location.reload()} />
                  <PersonalKeyForm />
                </>
              ) : (
                <ErrorNotice error={team.error} onRetry={controls.reload} />
              ))}
            {team.status !== 'error' &&
              table !== null &&
              (table.agents.length === 0 ? (
                <EmptyState>{tr.t('team.empty')}</EmptyState>
              ) : (
                <TeamTable
                  team={table}
                  sort={sorting.by}
                  order={sorting.order}
                  onSort={sortBy}
                  onDrill={(agent, kpi) => setDrill({ agent, kpi })}
                  onWriteNote={(agent) => {
                    setSaved(null);
                    setNoteFor(agent);
                  }}
                />
              ))}
          </PeriodTabs>
        )}
      </Section>
      {noteFor !== null && (
        <NoteForm
          key={noteFor.id}
          agent={noteFor}
          onCancel={() => setNoteFor(null)}
          onSaved={() => {
            setSaved(tr.t('noteForm.saved', { agent: noteFor.name }));
            setNoteFor(null);
          }}
        />
      )}
      {saved !== null && <Paragraph role="status">{saved}</Paragraph>}
      <TargetForm onSaved={controls.refresh} />
      <PeoplePanel />
      <AccountPanel />
    </>
  );
}
