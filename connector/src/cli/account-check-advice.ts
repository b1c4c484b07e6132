import type { AccountCheckProblem } from '../vendors/index.js';

/**
 * What the operator does about each failed check, in one line: read beside the check's own
 * message (which says what was found), after `tenant add`, `tenant update` or `sync`.
 */
const WHAT_TO_DO: Readonly<Record<AccountCheckProblem, string>> = {
  unreachable:
    "check the URL and this machine's network: --url (of `tenant add`, or `tenant update NAME` for a saved tenant) is the helpdesk's base URL, and this machine must reach it",
  'not-the-api':
    "--url should be the helpdesk's base URL, like https://acme.zendesk.com or https://acme.freshdesk.com, not a page of it or another site (`tenant update NAME --url URL` fixes a saved tenant)",
  credentials:
    "check the credentials: Zendesk --email with an API token of that user (--token), or --oauth-token; Freshdesk --api-key (`tenant update NAME ...` replaces a saved tenant's)",
  'not-an-agent':
    "give the credentials of an agent or admin of the helpdesk, not an end user's (`tenant update NAME ...` replaces a saved tenant's)",
  unavailable:
    'the helpdesk answers but is not serving now: try again in a few minutes (--no-check saves a tenant without checking)',
};

/** The line saying what to do about a failed check of this kind. */
export function whatToDo(problem: AccountCheckProblem): string {
  return WHAT_TO_DO[problem];
}
