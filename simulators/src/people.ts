/**
 * Agents, groups and requesters of a simulated account. Requesters are derived from their index
 * (id, name, e-mail), so a million-ticket account does not hold hundreds of thousands of strings.
 */

const FIRST = [
  'Ann',
  'Ben',
  'Cara',
  'Dana',
  'Emil',
  'Finn',
  'Gus',
  'Hana',
  'Ivo',
  'Jule',
  'Kai',
  'Lena',
  'Mats',
  'Nora',
  'Ole',
  'Pia',
];
const LAST = [
  'Berg',
  'Brandt',
  'Fischer',
  'Hahn',
  'Koch',
  'Lang',
  'Meyer',
  'Neumann',
  'Roth',
  'Schulz',
  'Vogel',
  'Wolf',
];
const AGENT_FIRST = [
  'Alice',
  'Bob',
  'Carol',
  'Dave',
  'Erin',
  'Frank',
  'Grace',
  'Heidi',
  'Ivan',
  'Judy',
  'Mallory',
  'Oscar',
];

/** First ids of each kind; Zendesk users (agents and requesters) share one id space, so these never meet. */
export const ID_BASE = { group: 300, agent: 10_000, requester: 1_000_000 } as const;

/** A support agent. `index` is its position in `SimHistory.agents`. */
export interface SimAgent {
  readonly index: number;
  readonly id: number;
  readonly name: string;
  readonly email: string;
  /** The first agent is an admin (an admin is an agent too). */
  readonly role: 'agent' | 'admin';
  /** Index of the agent's home group. */
  readonly group: number;
}

/** A group of agents. The last group of a history is where escalated tickets go. */
export interface SimGroup {
  readonly index: number;
  readonly id: number;
  readonly name: string;
}

/** The account's requesters (end-users), by index `0..count-1`. */
export interface RequesterDirectory {
  readonly count: number;
  id(index: number): number;
  name(index: number): string;
  email(index: number): string;
  /** The index of a requester id, or -1. */
  indexOf(id: number): number;
}

/** `count` requesters with ids from {@link ID_BASE}.requester + 1. */
export function requesterDirectory(count: number): RequesterDirectory {
  const first = (i: number): string => FIRST[i % FIRST.length] ?? 'Ann';
  const last = (i: number): string => LAST[Math.floor(i / FIRST.length) % LAST.length] ?? 'Berg';
  return {
    count,
    id: (index) => ID_BASE.requester + index + 1,
    name: (index) => `${first(index)} ${last(index)}`,
    email: (index) => `${first(index).toLowerCase()}.${last(index).toLowerCase()}.${index + 1}@example.com`,
    indexOf: (id) => {
      const index = id - ID_BASE.requester - 1;
      return Number.isInteger(index) && index >= 0 && index < count ? index : -1;
    },
  };
}

/** `count` groups; with two or more, the last is "Tier 2". */
export function makeGroups(count: number): SimGroup[] {
  const names = ['Support', 'Billing', 'Technical', 'Onboarding', 'Accounts'];
  return Array.from({ length: count }, (_, index) => ({
    index,
    id: ID_BASE.group + index + 1,
    name:
      count > 1 && index === count - 1
        ? 'Tier 2'
        : `${names[index % names.length] ?? 'Support'}${index >= names.length ? ` ${index + 1}` : ''}`,
  }));
}

/** `count` agents spread over the regular (non-escalation) groups. */
export function makeAgents(count: number, groups: number): SimAgent[] {
  const regular = Math.max(1, groups > 1 ? groups - 1 : groups);
  return Array.from({ length: count }, (_, index) => {
    const first = AGENT_FIRST[index % AGENT_FIRST.length] ?? 'Alice';
    const suffix = index >= AGENT_FIRST.length ? ` ${Math.floor(index / AGENT_FIRST.length) + 1}` : '';
    return {
      index,
      id: ID_BASE.agent + index + 1,
      name: `${first} Agent${suffix}`,
      email: `${first.toLowerCase()}${suffix.trim()}@acme.example`,
      role: index === 0 ? 'admin' : 'agent',
      group: index % regular,
    };
  });
}
