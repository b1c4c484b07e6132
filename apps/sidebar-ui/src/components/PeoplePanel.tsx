// The admin's People section in the team view: every agent with their Frontline role, and a
// role to choose per person. On Freshdesk a new lead or admin gets a personal key, shown once here.
import type { PersonItem, RoleChangedResponse } from '@frontline/connector/api';
import { Button } from '@zendeskgarden/react-buttons';
import { Field, Select } from '@zendeskgarden/react-forms';
import { Alert } from '@zendeskgarden/react-notifications';
import { Table } from '@zendeskgarden/react-tables';
import { Code, Paragraph } from '@zendeskgarden/react-typography';
import { useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { useResource } from '../use-resource.js';
import { Section } from './Section.js';
import { ErrorNotice, Loading } from './StateViews.js';
import { VisuallyHidden } from './VisuallyHidden.js';

type Role = PersonItem['role'];
const ROLES: readonly Role[] = ['agent', 'lead', 'admin'];

/** What the last save said, for the one person it was about. */
type Outcome =
  | { readonly kind: 'saved'; readonly name: string; readonly result: RoleChangedResponse }
  | { readonly kind: 'failed'; readonly name: string; readonly message: string };

export function PeoplePanel() {
  const { client, tr } = useApp();
  const [isAdmin, setIsAdmin] = useState(false);

  useEffect(() => {
    let live = true;
    client.session().then(
      (session) => live && setIsAdmin(session.user.role === 'admin'),
      // Signed out: the view around says so; this section shows nothing.
      () => live && setIsAdmin(false),
    );
    return () => {
      live = false;
    };
  }, [client]);

  // Only admins choose roles; anyone else sees nothing here (the API would answer 403).
  if (!isAdmin) return null;
  return (
    <Section title={tr.t('people.heading')}>
      <PeopleTable />
    </Section>
  );
}

function PeopleTable() {
  const { client, host, tr } = useApp();
  const [people, controls] = useResource(() => client.people(), [client]);
  // The role chosen in each row's select, until it is saved.
  const [chosen, setChosen] = useState<Readonly<Record<string, Role>>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const vendor = host.vendor === 'zendesk' ? 'Zendesk' : 'Freshdesk';

  if (people.status === 'loading') return <Loading />;
  if (people.status === 'error') return <ErrorNotice error={people.error} onRetry={controls.reload} />;

  const nameOf = (p: PersonItem) => p.name ?? tr.t('people.unnamed', { id: p.id });

  const save = async (person: PersonItem) => {
    const role = chosen[person.id] ?? person.role;
    setSaving(person.id);
    setOutcome(null);
    setCopy('idle');
    try {
      const result = await client.setRole(person.id, role);
      controls.update((data) => ({
        people: data.people.map((p) => (p.id === person.id ? result.person : p)),
      }));
      setChosen(({ [person.id]: _saved, ...rest }) => rest);
      setOutcome({ kind: 'saved', name: nameOf(person), result });
    } catch (error) {
      setOutcome({
        kind: 'failed',
        name: nameOf(person),
        message: error instanceof Error ? error.message : String(error),
      });
    } finally {
      setSaving(null);
    }
  };

  const copyKey = async (key: string) => {
    try {
      await navigator.clipboard.writeText(key);
      setCopy('copied');
    } catch {
      // No clipboard (a frame without the permission): the key stays on screen to copy by hand.
      setCopy('failed');
    }
  };

  return (
    <>
      <Paragraph>
        {tr.t('people.hint')} {tr.t(host.vendor === 'zendesk' ? 'people.hintZendesk' : 'people.hintFreshdesk')}
      </Paragraph>
      <Table size="small">
        <Table.Head>
          <Table.HeaderRow>
            <Table.HeaderCell>{tr.t('people.name')}</Table.HeaderCell>
            <Table.HeaderCell>{tr.t('people.role')}</Table.HeaderCell>
            <Table.HeaderCell>
              <VisuallyHidden>{tr.t('people.actions')}</VisuallyHidden>
            </Table.HeaderCell>
          </Table.HeaderRow>
        </Table.Head>
        <Table.Body>
          {people.data.people.map((person) => {
            const name = nameOf(person);
            const value = chosen[person.id] ?? person.role;
            return (
              <Table.Row key={person.id}>
                <Table.Cell>
                  {name}
                  <br />
                  <small>{tr.t(`people.source.${person.roleSource}`, { vendor })}</small>
                </Table.Cell>
                <Table.Cell>
                  <Field>
                    <Field.Label hidden>{tr.t('people.roleOf', { name })}</Field.Label>
                    <Select
                      value={value}
                      onChange={(e) => setChosen((c) => ({ ...c, [person.id]: e.target.value as Role }))}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {tr.t(`people.roles.${role}`)}
                        </option>
                      ))}
                    </Select>
                  </Field>
                </Table.Cell>
                <Table.Cell>
                  <Button
                    size="small"
                    disabled={saving !== null || value === person.role}
                    aria-label={tr.t('people.saveFor', { name })}
                    onClick={() => void save(person)}
                  >
                    {saving === person.id ? tr.t('people.saving') : tr.t('people.save')}
                  </Button>
                </Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
      {outcome?.kind === 'saved' && (
        <Alert type="success" role="status">
          <Alert.Paragraph>
            {tr.t('people.saved', { name: outcome.name, role: tr.t(`people.roles.${outcome.result.person.role}`) })}
          </Alert.Paragraph>
          {outcome.result.personalKey !== null && (
            <>
              <Alert.Paragraph>
                {tr.t('people.keyIntro', { name: outcome.name })} <Code>{outcome.result.personalKey}</Code>
              </Alert.Paragraph>
              <Alert.Paragraph>{tr.t('people.keyUse', { name: outcome.name, vendor })}</Alert.Paragraph>
              <Button size="small" onClick={() => void copyKey(outcome.result.personalKey!)}>
                {copy === 'copied' ? tr.t('people.copied') : tr.t('people.copy')}
              </Button>
              {copy === 'failed' && <Alert.Paragraph>{tr.t('people.copyFailed')}</Alert.Paragraph>}
            </>
          )}
        </Alert>
      )}
      {outcome?.kind === 'failed' && (
        <Alert type="error" role="alert">
          <Alert.Title>{tr.t('people.failed', { name: outcome.name })}</Alert.Title>
          <Alert.Paragraph>{outcome.message}</Alert.Paragraph>
        </Alert>
      )}
    </>
  );
}
