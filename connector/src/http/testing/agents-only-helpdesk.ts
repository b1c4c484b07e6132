import type { Agent, Rating } from '@frontline/kpi';
import type { Page, TicketPage, TicketRefresh, TicketReplies, VendorClient } from '../../vendors/vendor-client.js';

/**
 * A Zendesk account with agents and nothing else, for tests of what a sync does to roles: its
 * `agents` are what the users API answers now (`administersHelpdesk` for Zendesk's admins, as
 * normalize.ts reads `role: admin`); change them between syncs to promote or demote someone.
 */
export class AgentsOnlyHelpdesk implements VendorClient {
  readonly vendor = 'zendesk' as const;
  readonly needsReplyCounts = false;
  /** How many times a sync read the agents. */
  agentReads = 0;

  constructor(public agentList: Agent[]) {}

  async checkAccess(): Promise<Agent> {
    return this.agentList[0]!;
  }

  async ratingsIncludeUnanswered(): Promise<boolean> {
    return false;
  }

  async ticketsChangedSince(): Promise<TicketPage> {
    return { items: [], agents: [], requesters: [], cursor: 'end', done: true, reachedTime: null };
  }

  async ratingsSince(): Promise<Page<Rating>> {
    return { items: [], cursor: 'end', done: true, reachedTime: null };
  }

  async agents(): Promise<Agent[]> {
    this.agentReads++;
    return this.agentList.map((a) => ({ ...a }));
  }

  async businessSchedule(): Promise<null> {
    return null;
  }

  async replies(): Promise<TicketReplies> {
    return { count: 0, firstAt: null };
  }

  async ticket(): Promise<TicketRefresh | null> {
    return null;
  }
}
