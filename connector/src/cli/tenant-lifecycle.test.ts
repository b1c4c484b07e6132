/**
 * `tenant add`, `update`, `remove` and `sync` as an operator runs them, on a real embedded store,
 * against helpdesks that answer who the credentials sign in as (msw) and a port nobody listens on.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../env.js';
import { silentLogger } from '../logger.js';
import { openRuntime } from '../main.js';
import type { Runtime } from '../runtime.js';
import type { CliIo } from './cli-io.js';
import { main } from './main.js';
import { freshdeskSignIn, zendeskSignIn } from './testing/sign-in-handlers.js';

const ZENDESK = 'https://acme.zendesk.test';
const FRESHDESK = 'https://beta.freshdesk.test';
const EMAIL = 'ana@acme.example';
const TOKEN = 'zd-right-token';
const NEW_TOKEN = 'zd-new-token';
const API_KEY = 'fd-right-key';

const tokens = new Set([TOKEN, NEW_TOKEN]);
const helpdesks = setupServer(zendeskSignIn(ZENDESK, tokens), freshdeskSignIn(FRESHDESK, API_KEY));

/** A loopback port nobody listens on: a request there is refused at once. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const ADVICE = {
  unreachable:
    "check the URL and this machine's network: --url (of `tenant add`, or `tenant update NAME` for a saved tenant) is the helpdesk's base URL, and this machine must reach it",
  credentials:
    "check the credentials: Zendesk --email with an API token of that user (--token), or --oauth-token; Freshdesk --api-key (`tenant update NAME ...` replaces a saved tenant's)",
};

let dataDir = '';
let runtime: Runtime;
let dead = '';
let stdout = '';
let stderr = '';
/** What the operator types at the prompt; null: stdin is not a terminal. */
let typed: string | null = null;
let asked: string[] = [];

const io: CliIo = {
  stdout: (text) => void (stdout += text),
  stderr: (text) => void (stderr += text),
  now: () => Date.now(),
  get ask() {
    const answer = typed;
    return answer === null
      ? undefined
      : async (question: string) => {
          asked.push(question);
          return answer;
        };
  },
};

/** Runs one command line; its output is in `stdout` and `stderr` afterwards. */
async function frontline(...argv: string[]): Promise<number> {
  stdout = '';
  stderr = '';
  // One embedded store for every command, each of which would open (and close) its own.
  return main(argv, io, async () => ({ ...runtime, close: async () => {} }));
}

const addZendesk = (url: string, token: string, ...more: string[]) =>
  frontline('tenant', 'add', 'acme', '--vendor', 'zendesk', '--url', url, '--email', EMAIL, '--token', token, ...more);

async function listed(): Promise<string> {
  expect(await frontline('tenant', 'list')).toBe(0);
  return stdout;
}

beforeAll(async () => {
  helpdesks.listen({ onUnhandledRequest: 'bypass' });
  dataDir = await mkdtemp(join(tmpdir(), 'frontline-tenant-lifecycle-'));
  runtime = await openRuntime(readEnv({ FRONTLINE_DATA_DIR: dataDir }), { log: silentLogger });
  dead = `http://127.0.0.1:${await closedPort()}`;
}, 60_000);

beforeEach(async () => {
  typed = null;
  asked = [];
  for (const tenant of await runtime.store.listTenants()) await runtime.store.removeTenant(tenant.name);
});

afterAll(async () => {
  helpdesks.close();
  await runtime?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('frontline tenant add', () => {
  it('signs in first, says as whom, then saves', async () => {
    expect(await addZendesk(ZENDESK, TOKEN)).toBe(0);
    expect(stdout).toBe(
      'checked: the credentials sign in to https://acme.zendesk.test as Ana Agent <ana@acme.example>\n' +
        'added tenant acme (zendesk, https://acme.zendesk.test)\n' +
        'next: npx frontline sync --tenant acme\n',
    );
    expect(stdout).not.toContain(TOKEN);
    expect(await listed()).toBe('acme\tzendesk\thttps://acme.zendesk.test\tactive\n');
  });

  it('checks a Freshdesk API key too', async () => {
    const add = ['tenant', 'add', 'beta', '--vendor', 'freshdesk', '--url', FRESHDESK];
    expect(await frontline(...add, '--api-key', 'fd-wrong-key')).toBe(1);
    expect(stderr).toBe(
      'error: https://beta.freshdesk.test refused the credentials (HTTP 401: You have to be logged in to perform this action.); nothing was saved\n' +
        `${ADVICE.credentials}\n`,
    );
    expect(await frontline(...add, '--api-key', API_KEY)).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      'checked: the credentials sign in to https://beta.freshdesk.test as Ana Agent <ana@acme.example>',
    );
  });

  it('refuses a wrong token: exit 1, the helpdesk refused it, nothing saved', async () => {
    expect(await addZendesk(ZENDESK, 'zd-wrong-token')).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      "error: https://acme.zendesk.test refused the credentials (HTTP 401: Couldn't authenticate you); nothing was saved\n" +
        `${ADVICE.credentials}\n`,
    );
    expect(stderr).not.toContain('zd-wrong-token');
    expect(await listed()).toBe('no tenants yet: add one with `npx frontline tenant add NAME --vendor ...`\n');
  });

  it('refuses a URL nobody answers on within seconds, nothing saved', async () => {
    const started = Date.now();
    expect(await addZendesk(dead, TOKEN)).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(stderr).toBe(
      `error: ${dead} does not answer: connection refused; nothing was saved\n${ADVICE.unreachable}\n`,
    );
    expect(await runtime.store.getTenant('acme')).toBeNull();
  });

  it('saves unchecked with --no-check, and says so', async () => {
    expect(await addZendesk(dead, TOKEN, '--no-check')).toBe(0);
    expect(stdout).toBe(
      'not checked (--no-check): the next sync tries the URL and the credentials\n' +
        `added tenant acme (zendesk, ${dead})\n` +
        'next: npx frontline sync --tenant acme\n',
    );
  });

  it('refuses a name already added, pointing at tenant update, and keeps the tenant as it was', async () => {
    expect(await addZendesk(ZENDESK, TOKEN)).toBe(0);
    expect(await addZendesk(dead, NEW_TOKEN, '--no-check')).toBe(1);
    expect(stderr).toBe(
      'error: a tenant named acme already exists (zendesk, https://acme.zendesk.test); nothing was changed: ' +
        'change its URL, credentials or plan with `npx frontline tenant update acme --url URL ...`, ' +
        'or remove it with `npx frontline tenant remove acme`\n',
    );
    expect((await runtime.store.getTenant('acme'))?.credentials).toEqual({
      kind: 'zendesk-token',
      email: EMAIL,
      token: TOKEN,
    });
  });
});

describe('frontline tenant update', () => {
  it('fixes a wrong URL after checking the new one', async () => {
    expect(await addZendesk(dead, TOKEN, '--no-check')).toBe(0);
    expect(await frontline('tenant', 'update', 'acme', '--url', 'https://acme.zendesk.test/agent/dashboard')).toBe(0);
    expect(stdout).toBe(
      'checked: the credentials sign in to https://acme.zendesk.test as Ana Agent <ana@acme.example>\n' +
        'updated tenant acme: URL https://acme.zendesk.test\n' +
        'next: npx frontline sync --tenant acme\n',
    );
    expect(await listed()).toBe('acme\tzendesk\thttps://acme.zendesk.test\tactive\n');
  });

  it('keeps the tenant as it was when the new URL fails the check', async () => {
    expect(await addZendesk(ZENDESK, TOKEN)).toBe(0);
    expect(await frontline('tenant', 'update', 'acme', '--url', dead)).toBe(1);
    expect(stderr).toBe(
      `error: ${dead} does not answer: connection refused; nothing was saved\n${ADVICE.unreachable}\n`,
    );
    expect((await runtime.store.getTenant('acme'))?.baseUrl).toBe(ZENDESK);
  });

  it('makes a stopped tenant active again with new credentials, keeping the e-mail address', async () => {
    expect(await addZendesk(ZENDESK, TOKEN)).toBe(0);
    const tenant = (await runtime.store.getTenant('acme'))!;
    await runtime.store.setTenantStatus(tenant.id, 'stopped', 'token revoked or wrong for acme (HTTP 401)');
    expect(await frontline('tenant', 'update', 'acme', '--token', NEW_TOKEN, '--plan', 'team')).toBe(0);
    expect(stdout).toBe(
      'checked: the credentials sign in to https://acme.zendesk.test as Ana Agent <ana@acme.example>\n' +
        'updated tenant acme: credentials, plan team\n' +
        'acme was stopped (token revoked or wrong for acme (HTTP 401)); it is active again\n' +
        'next: npx frontline sync --tenant acme\n',
    );
    expect(stdout).not.toContain(NEW_TOKEN);
    expect(await runtime.store.getTenant('acme')).toMatchObject({
      status: 'active',
      statusReason: null,
      plan: 'team',
      credentials: { kind: 'zendesk-token', email: EMAIL, token: NEW_TOKEN },
    });
  });

  it('makes a stopped tenant active again with a new URL alone', async () => {
    expect(await addZendesk(dead, TOKEN, '--no-check')).toBe(0);
    const tenant = (await runtime.store.getTenant('acme'))!;
    await runtime.store.setTenantStatus(tenant.id, 'stopped', 'moved');
    expect(await frontline('tenant', 'update', 'acme', '--url', ZENDESK)).toBe(0);
    expect(stdout).toContain('acme was stopped (moved); it is active again\n');
    expect(await listed()).toBe('acme\tzendesk\thttps://acme.zendesk.test\tactive\n');
  });

  it('changes the plan alone without signing in', async () => {
    expect(await addZendesk(dead, TOKEN, '--no-check')).toBe(0);
    expect(await frontline('tenant', 'update', 'acme', '--plan', 'enterprise')).toBe(0);
    expect(stdout).toBe('updated tenant acme: plan enterprise\n');
  });

  it('refuses a wrong new token and saves nothing', async () => {
    expect(await addZendesk(ZENDESK, TOKEN)).toBe(0);
    expect(await frontline('tenant', 'update', 'acme', '--token', 'zd-wrong-token')).toBe(1);
    expect(stderr.split('\n')[0]).toBe(
      "error: https://acme.zendesk.test refused the credentials (HTTP 401: Couldn't authenticate you); nothing was saved",
    );
    expect((await runtime.store.getTenant('acme'))?.credentials).toMatchObject({ token: TOKEN });
  });

  it('says what is wrong with the command line, and names an unknown tenant', async () => {
    expect(await addZendesk(ZENDESK, TOKEN)).toBe(0);
    expect(await frontline('tenant', 'update', 'acme')).toBe(2);
    expect(stderr).toBe(
      'error: nothing to change: give --url, new credentials (Zendesk --email/--token or --oauth-token, Freshdesk --api-key), --plan, or --zigpoll-key with --zigpoll-account\n',
    );
    expect(await frontline('tenant', 'update', 'acme', '--api-key', 'k')).toBe(2);
    expect(stderr).toBe(
      'error: --api-key is for Freshdesk; acme is a Zendesk tenant: give --email and --token, or --oauth-token\n',
    );
    expect(await frontline('tenant', 'update', 'nobody', '--url', ZENDESK)).toBe(1);
    expect(stderr).toBe(
      'error: no tenant named nobody: add it with `npx frontline tenant add nobody --vendor ...`, or see the tenants with `npx frontline tenant list`\n',
    );
  });
});

describe('frontline tenant remove', () => {
  /** The tenant with a synced page and a coaching note, as a tenant in use has. */
  async function tenantInUse(): Promise<string> {
    expect(await addZendesk(ZENDESK, TOKEN)).toBe(0);
    const tenant = (await runtime.store.getTenant('acme'))!;
    await runtime.store.savePage(
      tenant.id,
      'tickets',
      { agents: [{ id: 'a1', name: 'Ana Agent', email: EMAIL }] },
      { cursor: 'c1', done: false, reachedTime: null },
    );
    await runtime.store.coaching.addNote(
      tenant.id,
      { agentId: 'a1', authorId: 'lead', ticketId: null, kpi: null, body: 'well done' },
      Date.now(),
    );
    return tenant.id;
  }

  it('refuses without --yes where there is no terminal to ask on', async () => {
    await tenantInUse();
    expect(await frontline('tenant', 'remove', 'acme')).toBe(2);
    expect(stderr).toBe(
      'error: removing acme deletes everything stored for it, and there is no terminal to confirm on: ' +
        'pass --yes (npx frontline tenant remove acme --yes)\n',
    );
    expect(await listed()).toBe('acme\tzendesk\thttps://acme.zendesk.test\tactive\n');
  });

  it('deletes the tenant and its rows with --yes', async () => {
    const id = await tenantInUse();
    expect(await frontline('tenant', 'remove', 'acme', '--yes')).toBe(0);
    expect(stdout).toBe(
      'removed tenant acme and everything stored for it\n' +
        'its helpdesk keeps its own data; remove the Frontline app and webhooks there if they point at this connector\n',
    );
    expect(await listed()).toBe('no tenants yet: add one with `npx frontline tenant add NAME --vendor ...`\n');
    expect(await runtime.store.readCheckpoint(id, 'tickets')).toBeNull();
    expect(await runtime.store.coaching.listNotes(id)).toEqual([]);
  });

  it("asks at a terminal for the tenant's name, and deletes only when it is typed", async () => {
    await tenantInUse();
    typed = 'acm';
    expect(await frontline('tenant', 'remove', 'acme')).toBe(1);
    expect(stderr).toBe(
      'this deletes tenant acme (zendesk, https://acme.zendesk.test) and everything stored for it: its synced history, coaching notes, targets, roles and personal keys\n' +
        'error: not removed: "acm" is not "acme"; nothing was deleted\n',
    );
    expect(await runtime.store.getTenant('acme')).not.toBeNull();
    typed = 'acme\n';
    expect(await frontline('tenant', 'remove', 'acme')).toBe(0);
    expect(asked).toEqual(["type the tenant's name to delete it: ", "type the tenant's name to delete it: "]);
    expect(await runtime.store.getTenant('acme')).toBeNull();
  });

  it('names an unknown tenant', async () => {
    expect(await frontline('tenant', 'remove', 'nobody', '--yes')).toBe(1);
    expect(stderr).toBe('error: no tenant named nobody: see the tenants with `npx frontline tenant list`\n');
  });
});

describe('frontline sync checks first', () => {
  it('fails within seconds on a URL nobody answers on, and the tenant stays active', async () => {
    expect(await addZendesk(dead, TOKEN, '--no-check')).toBe(0);
    const started = Date.now();
    expect(await frontline('sync', '--tenant', 'acme')).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(stderr).toBe(`error: ${dead} does not answer: connection refused\n${ADVICE.unreachable}\n`);
    expect((await runtime.store.getTenant('acme'))?.status).toBe('active');
  });

  it('stops the tenant whose credentials are refused, saying how to replace them', async () => {
    expect(await addZendesk(ZENDESK, 'zd-wrong-token', '--no-check')).toBe(0);
    expect(await frontline('sync', '--tenant', 'acme')).toBe(1);
    const reason =
      "https://acme.zendesk.test refused the credentials (HTTP 401: Couldn't authenticate you): " +
      'give it new credentials with `npx frontline tenant update acme ...` and sync again';
    expect(stderr).toBe(`error: tenant acme is stopped: ${reason}\n`);
    expect(await listed()).toBe(`acme\tzendesk\thttps://acme.zendesk.test\tstopped: ${reason}\n`);
  });
});
