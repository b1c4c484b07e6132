// Every agent's KPIs and the team's, sortable by any column header; each value opens its tickets.
import type { TeamViewResponse } from '@frontline/connector/api';
import { AGENT_KPI_KEYS, type AgentKpiKey } from '@frontline/kpi';
import { Button } from '@zendeskgarden/react-buttons';
import { Table } from '@zendeskgarden/react-tables';
import styled from 'styled-components';
import { useApp } from '../app-context.js';
import type { SortOrder, TeamSort } from '../connector-client.js';
import { formatKpiValue } from '../format.js';

// Garden's table has fixed, equal columns: seventeen of them in a frame cut every header to a few
// letters under its sort arrow. Columns as wide as their content instead, scrolling sideways.
const Scroll = styled.div`
  overflow-x: auto;
  table {
    table-layout: auto;
  }
  th {
    min-width: 6.5em;
    vertical-align: bottom;
  }
  th button {
    text-align: start;
  }
  td {
    white-space: nowrap;
  }
`;

export interface AgentChoice {
  /** An agent id, or `team` for the whole team. */
  readonly id: string;
  readonly name: string;
}

export interface TeamTableProps {
  readonly team: TeamViewResponse;
  readonly sort: TeamSort;
  readonly order: SortOrder;
  readonly onSort: (column: TeamSort) => void;
  readonly onDrill: (agent: AgentChoice, kpi: AgentKpiKey) => void;
  readonly onWriteNote: (agent: AgentChoice) => void;
}

export function TeamTable({ team, sort, order, onSort, onDrill, onWriteNote }: TeamTableProps) {
  const { tr } = useApp();
  const sortOf = (column: TeamSort) => (column === sort ? order : undefined);
  const whole: AgentChoice = { id: 'team', name: tr.t('team.wholeTeam') };

  const valueCell = (agent: AgentChoice, kpi: AgentKpiKey, value: number | null) => {
    const shown = formatKpiValue(kpi, value, tr);
    return (
      <Table.Cell key={kpi}>
        <Button
          isLink
          onClick={() => onDrill(agent, kpi)}
          aria-label={tr.t('team.cell', { agent: agent.name, kpi: tr.t(`kpi.${kpi}`), value: shown })}
        >
          {shown}
        </Button>
      </Table.Cell>
    );
  };

  return (
    <Scroll>
      <Table size="small">
        <Table.Caption>{tr.t('team.caption')}</Table.Caption>
        <Table.Head>
          <Table.HeaderRow>
            <Table.SortableCell sort={sortOf('name')} onClick={() => onSort('name')}>
              {tr.t('team.agent')}
            </Table.SortableCell>
            {AGENT_KPI_KEYS.map((kpi) => (
              <Table.SortableCell key={kpi} sort={sortOf(kpi)} onClick={() => onSort(kpi)}>
                {tr.t(`kpi.${kpi}`)}
              </Table.SortableCell>
            ))}
          </Table.HeaderRow>
        </Table.Head>
        <Table.Body>
          <Table.Row>
            <Table.Cell>
              <strong>{whole.name}</strong>
            </Table.Cell>
            {AGENT_KPI_KEYS.map((kpi) => valueCell(whole, kpi, team.team[kpi].value))}
          </Table.Row>
          {team.agents.map(({ agent, kpis }) => {
            const choice: AgentChoice = { id: agent.id, name: agent.name ?? tr.t('team.unnamed', { id: agent.id }) };
            return (
              <Table.Row key={agent.id}>
                <Table.Cell>
                  {choice.name}{' '}
                  <Button
                    size="small"
                    isBasic
                    onClick={() => onWriteNote(choice)}
                    aria-label={tr.t('team.writeNoteFor', { agent: choice.name })}
                  >
                    {tr.t('team.writeNote')}
                  </Button>
                </Table.Cell>
                {AGENT_KPI_KEYS.map((kpi) => valueCell(choice, kpi, kpis[kpi].value))}
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </Scroll>
  );
}
