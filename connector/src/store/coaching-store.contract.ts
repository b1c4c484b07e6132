/**
 * The conformance suite every {@link CoachingStore} passes, reached through a {@link SyncStore}'s
 * `coaching` on a fresh database per test. Run by each implementation's test file; not a test file itself.
 */
import type { KpiTarget } from '@frontline/kpi';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretKey } from '../secrets/index.js';
import type { CoachingStore, NewNote, Role } from './coaching-store.js';
import { NoteNotFoundError } from './note-not-found-error.js';
import type { StoreHarness } from './sync-store.contract.js';
import type { NewTenant, SyncStore } from './sync-store.js';
import { TenantNotFoundError } from './tenant-not-found-error.js';

const acme: NewTenant = {
  name: 'acme',
  vendor: 'zendesk',
  baseUrl: 'https://acme.zendesk.com',
  credentials: { kind: 'zendesk-oauth', accessToken: 'zd-oauth-token' },
  zigpoll: null,
};

const globex: NewTenant = {
  name: 'globex',
  vendor: 'freshdesk',
  baseUrl: 'https://globex.freshdesk.com',
  credentials: { kind: 'freshdesk-key', apiKey: 'fd-key' },
  zigpoll: null,
};

const T0 = Date.parse('2026-03-02T09:00:00Z');
const MINUTE = 60_000;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function aNote(fields: Partial<NewNote> = {}): NewNote {
  return {
    agentId: 'agent-1',
    authorId: 'lead-1',
    ticketId: '4711',
    kpi: 'first_reply_time_median',
    body: 'Reply to new tickets before picking up pending ones.',
    ...fields,
  };
}

/** Registers the conformance suite for one implementation. */
export function describeCoachingStore(name: string, makeHarness: () => Promise<StoreHarness>): void {
  describe(`CoachingStore conformance: ${name}`, () => {
    let harness: StoreHarness;
    let store: SyncStore;
    let coaching: CoachingStore;
    let tenantA: string;
    let tenantB: string;

    beforeEach(async () => {
      harness = await makeHarness();
      store = await harness.open(SecretKey.generate());
      await store.migrate();
      coaching = store.coaching;
      tenantA = (await store.addTenant(acme)).id;
      tenantB = (await store.addTenant(globex)).id;
    });

    afterEach(async () => {
      await harness.dispose();
    });

    describe('notes', () => {
      it('adds a note and reads it back', async () => {
        const note = await coaching.addNote(tenantA, aNote(), T0);
        expect(note).toEqual({
          id: expect.stringMatching(UUID),
          agentId: 'agent-1',
          authorId: 'lead-1',
          ticketId: '4711',
          kpi: 'first_reply_time_median',
          body: 'Reply to new tickets before picking up pending ones.',
          createdAt: T0,
          updatedAt: T0,
          acknowledgedAt: null,
          history: [],
        });
        expect(await coaching.getNote(tenantA, note.id)).toEqual(note);
      });

      it('keeps a note about no ticket and no KPI', async () => {
        const note = await coaching.addNote(tenantA, aNote({ ticketId: null, kpi: null }), T0);
        expect(await coaching.getNote(tenantA, note.id)).toMatchObject({ ticketId: null, kpi: null });
      });

      it('lists notes newest first, of one agent when asked', async () => {
        const first = await coaching.addNote(tenantA, aNote({ agentId: 'agent-1', body: 'first' }), T0);
        const second = await coaching.addNote(tenantA, aNote({ agentId: 'agent-2', body: 'second' }), T0 + MINUTE);
        const third = await coaching.addNote(tenantA, aNote({ agentId: 'agent-1', body: 'third' }), T0 + 2 * MINUTE);
        expect(await coaching.listNotes(tenantA)).toEqual([third, second, first]);
        expect(await coaching.listNotes(tenantA, {})).toEqual([third, second, first]);
        expect(await coaching.listNotes(tenantA, { agentId: 'agent-1' })).toEqual([third, first]);
        expect(await coaching.listNotes(tenantA, { agentId: 'agent-2' })).toEqual([second]);
        expect(await coaching.listNotes(tenantA, { agentId: 'agent-9' })).toEqual([]);
      });

      it('keeps every earlier version, oldest first, with its author, time and acknowledgement', async () => {
        const note = await coaching.addNote(tenantA, aNote({ body: 'v1' }), T0);
        await coaching.acknowledgeNote(tenantA, note.id, T0 + MINUTE);
        const second = await coaching.editNote(tenantA, note.id, { authorId: 'lead-2', body: 'v2' }, T0 + 2 * MINUTE);
        expect(second).toMatchObject({
          id: note.id,
          authorId: 'lead-1',
          body: 'v2',
          createdAt: T0,
          updatedAt: T0 + 2 * MINUTE,
          acknowledgedAt: null,
          history: [{ body: 'v1', authorId: 'lead-1', writtenAt: T0, acknowledgedAt: T0 + MINUTE }],
        });
        const third = await coaching.editNote(tenantA, note.id, { authorId: 'lead-1', body: 'v3' }, T0 + 3 * MINUTE);
        expect(third.body).toBe('v3');
        expect(third.history).toEqual([
          { body: 'v1', authorId: 'lead-1', writtenAt: T0, acknowledgedAt: T0 + MINUTE },
          { body: 'v2', authorId: 'lead-2', writtenAt: T0 + 2 * MINUTE, acknowledgedAt: null },
        ]);
        expect(await coaching.getNote(tenantA, note.id)).toEqual(third);
        expect(await coaching.listNotes(tenantA)).toEqual([third]);
        // Edits append rows; none is rewritten.
        const rows = await harness.raw<{ version: number; body: string; author_id: string }>(
          'SELECT version, body, author_id FROM note_versions WHERE note_id = $1 ORDER BY version',
          [note.id],
        );
        expect(rows).toEqual([
          { version: 1, body: 'v1', author_id: 'lead-1' },
          { version: 2, body: 'v2', author_id: 'lead-2' },
          { version: 3, body: 'v3', author_id: 'lead-1' },
        ]);
      });

      it('ignores an edit to the same body: no version, the acknowledgement stays', async () => {
        const note = await coaching.addNote(tenantA, aNote(), T0);
        const acknowledged = await coaching.acknowledgeNote(tenantA, note.id, T0 + MINUTE);
        const edited = await coaching.editNote(
          tenantA,
          note.id,
          { authorId: 'lead-2', body: note.body },
          T0 + 2 * MINUTE,
        );
        expect(edited).toEqual(acknowledged);
        expect(edited).toMatchObject({ updatedAt: T0, acknowledgedAt: T0 + MINUTE, history: [] });
      });

      it('keeps the first acknowledgement of a version', async () => {
        const note = await coaching.addNote(tenantA, aNote(), T0);
        const first = await coaching.acknowledgeNote(tenantA, note.id, T0 + MINUTE);
        const again = await coaching.acknowledgeNote(tenantA, note.id, T0 + 5 * MINUTE);
        expect(first.acknowledgedAt).toBe(T0 + MINUTE);
        expect(again).toEqual(first);
        expect(await coaching.getNote(tenantA, note.id)).toEqual(first);
      });

      it('acknowledges only the current version after an edit', async () => {
        const note = await coaching.addNote(tenantA, aNote({ body: 'v1' }), T0);
        await coaching.editNote(tenantA, note.id, { authorId: 'lead-1', body: 'v2' }, T0 + MINUTE);
        const acknowledged = await coaching.acknowledgeNote(tenantA, note.id, T0 + 2 * MINUTE);
        expect(acknowledged).toMatchObject({
          body: 'v2',
          acknowledgedAt: T0 + 2 * MINUTE,
          history: [{ body: 'v1', acknowledgedAt: null }],
        });
      });

      it('gives concurrent edits of one note one version each', async () => {
        const note = await coaching.addNote(tenantA, aNote({ body: 'v0' }), T0);
        const bodies = ['a', 'b', 'c', 'd', 'e', 'f'];
        await Promise.all(
          bodies.map((body, i) => coaching.editNote(tenantA, note.id, { authorId: 'lead-1', body }, T0 + i + 1)),
        );
        const stored = (await coaching.getNote(tenantA, note.id))!;
        const texts = [...stored.history.map((version) => version.body), stored.body];
        expect(texts[0]).toBe('v0');
        expect(texts.slice(1).sort()).toEqual(bodies);
      });

      it('finds no note for an unknown id or one that is not a note id', async () => {
        await coaching.addNote(tenantA, aNote(), T0);
        for (const id of [UNKNOWN_ID, 'not-a-uuid', '', "1'; DROP TABLE coaching_notes; --"]) {
          expect(await coaching.getNote(tenantA, id)).toBeNull();
          await expect(coaching.editNote(tenantA, id, { authorId: 'lead-1', body: 'x' }, T0)).rejects.toThrow(
            NoteNotFoundError,
          );
          await expect(coaching.acknowledgeNote(tenantA, id, T0)).rejects.toThrow(NoteNotFoundError);
        }
        expect(await coaching.listNotes(tenantA)).toHaveLength(1);
      });

      it('refuses a body without text or over 10,000 characters, on add and on edit', async () => {
        const note = await coaching.addNote(tenantA, aNote(), T0);
        for (const body of ['', '   ', '\n\t ', 'x'.repeat(10_001)]) {
          await expect(coaching.addNote(tenantA, aNote({ body }), T0)).rejects.toThrow(RangeError);
          await expect(coaching.editNote(tenantA, note.id, { authorId: 'lead-1', body }, T0)).rejects.toThrow(
            RangeError,
          );
        }
        await expect(coaching.addNote(tenantA, aNote({ body: ' ' }), T0)).rejects.toThrow(/body/);
        await expect(coaching.addNote(tenantA, aNote({ body: 'x'.repeat(10_001) }), T0)).rejects.toThrow(/10000/);
        expect(await coaching.listNotes(tenantA)).toEqual([note]);
      });

      it('accepts 10,000 characters, counting characters rather than UTF-16 units', async () => {
        const longest = await coaching.addNote(tenantA, aNote({ body: 'x'.repeat(10_000) }), T0);
        expect((await coaching.getNote(tenantA, longest.id))!.body).toHaveLength(10_000);
        const emoji = '👍'.repeat(10_000);
        const note = await coaching.addNote(tenantA, aNote({ body: emoji }), T0);
        expect((await coaching.getNote(tenantA, note.id))!.body).toBe(emoji);
      });

      it('refuses a KPI that does not exist and a missing agent', async () => {
        await expect(coaching.addNote(tenantA, aNote({ kpi: 'happiness' as never }), T0)).rejects.toThrow(RangeError);
        await expect(coaching.addNote(tenantA, aNote({ agentId: '' }), T0)).rejects.toThrow(RangeError);
        expect(await coaching.listNotes(tenantA)).toEqual([]);
      });

      it('reports an unknown tenant when adding', async () => {
        await expect(coaching.addNote(UNKNOWN_ID, aNote(), T0)).rejects.toThrow(TenantNotFoundError);
        await expect(coaching.addNote('not-a-tenant', aNote(), T0)).rejects.toThrow(TenantNotFoundError);
        expect(await coaching.listNotes('not-a-tenant')).toEqual([]);
      });
    });

    describe('targets', () => {
      const csat: KpiTarget = { kpi: 'csat', green: 0.9, amber: 0.8 };
      const firstReply: KpiTarget = { kpi: 'first_reply_time_median', green: 60, amber: 240 };

      it('sets, replaces, lists in KPI order and deletes targets', async () => {
        expect(await coaching.listTargets(tenantA)).toEqual([]);
        await coaching.setTarget(tenantA, csat);
        await coaching.setTarget(tenantA, firstReply);
        expect(await coaching.listTargets(tenantA)).toEqual([firstReply, csat]);
        const replaced: KpiTarget = { kpi: 'csat', green: 0.5, amber: 0.7, direction: 'lower_is_better' };
        await coaching.setTarget(tenantA, replaced);
        expect(await coaching.listTargets(tenantA)).toEqual([firstReply, replaced]);
        expect(await coaching.deleteTarget(tenantA, 'csat')).toBe(true);
        expect(await coaching.deleteTarget(tenantA, 'csat')).toBe(false);
        expect(await coaching.listTargets(tenantA)).toEqual([firstReply]);
      });

      it('refuses thresholds in the wrong order, not finite, or for an unknown KPI', async () => {
        await coaching.setTarget(tenantA, csat);
        const bad: KpiTarget[] = [
          { kpi: 'csat', green: 0.7, amber: 0.8 },
          { kpi: 'first_reply_time_median', green: 240, amber: 60 },
          { kpi: 'csat', green: 0.9, amber: 0.8, direction: 'lower_is_better' },
          { kpi: 'csat', green: Number.NaN, amber: 0.8 },
          { kpi: 'csat', green: Number.POSITIVE_INFINITY, amber: 0.8 },
          { kpi: 'happiness' as never, green: 1, amber: 0 },
          { kpi: 'csat', green: 0.9, amber: 0.8, direction: 'sideways' as never },
        ];
        for (const target of bad) await expect(coaching.setTarget(tenantA, target)).rejects.toThrow(RangeError);
        expect(await coaching.listTargets(tenantA)).toEqual([csat]);
      });

      it('reports an unknown tenant when setting', async () => {
        await expect(coaching.setTarget(UNKNOWN_ID, csat)).rejects.toThrow(TenantNotFoundError);
        await expect(coaching.setTarget('not-a-tenant', csat)).rejects.toThrow(TenantNotFoundError);
        expect(await coaching.listTargets('not-a-tenant')).toEqual([]);
        expect(await coaching.deleteTarget('not-a-tenant', 'csat')).toBe(false);
      });
    });

    describe('roles', () => {
      it('sets, replaces and lists roles by user id', async () => {
        expect(await coaching.roleOf(tenantA, 'u-2')).toBeNull();
        await coaching.setRole(tenantA, 'u-2', 'agent');
        await coaching.setRole(tenantA, 'u-1', 'lead');
        await coaching.setRole(tenantA, 'U-3', 'agent');
        await coaching.setRole(tenantA, 'u-2', 'admin');
        expect(await coaching.roleOf(tenantA, 'u-2')).toBe('admin');
        expect(await coaching.roleOf(tenantA, 'u-1')).toBe('lead');
        expect(await coaching.listRoles(tenantA)).toEqual([
          { userId: 'U-3', role: 'agent' },
          { userId: 'u-1', role: 'lead' },
          { userId: 'u-2', role: 'admin' },
        ]);
      });

      it('refuses a role that does not exist and an empty user id', async () => {
        await expect(coaching.setRole(tenantA, 'u-1', 'owner' as Role)).rejects.toThrow(RangeError);
        await expect(coaching.setRole(tenantA, '', 'agent')).rejects.toThrow(RangeError);
        expect(await coaching.listRoles(tenantA)).toEqual([]);
      });

      it('reports an unknown tenant when setting', async () => {
        await expect(coaching.setRole(UNKNOWN_ID, 'u-1', 'lead')).rejects.toThrow(TenantNotFoundError);
        await expect(coaching.setRole('not-a-tenant', 'u-1', 'lead')).rejects.toThrow(TenantNotFoundError);
        expect(await coaching.roleOf('not-a-tenant', 'u-1')).toBeNull();
        expect(await coaching.listRoles('not-a-tenant')).toEqual([]);
      });
    });

    describe('settings', () => {
      const defaults = [
        'csat',
        'repeat_contact_rate',
        'first_reply_time_median',
        'full_resolution_time_median',
        'one_touch_rate',
        'backlog',
      ];

      it('gives the default headline until an admin chooses, then the choice in its order', async () => {
        expect(await coaching.settings(tenantA)).toEqual({ headline: defaults });
        expect(await coaching.setHeadline(tenantA, ['backlog', 'csat'])).toEqual({ headline: ['backlog', 'csat'] });
        await coaching.setHeadline(tenantA, ['solved', 'reopen_rate', 'csat']);
        expect(await coaching.settings(tenantA)).toEqual({ headline: ['solved', 'reopen_rate', 'csat'] });
        expect(await coaching.settings(tenantB)).toEqual({ headline: defaults });
      });

      it('refuses an empty headline, more than 8, a repeat, a team-only or unknown KPI', async () => {
        await coaching.setHeadline(tenantA, ['csat']);
        const bad = [
          [],
          ['solved', 'csat', 'nps', 'ces', 'backlog', 'reopen_rate', 'one_touch_rate', 'escalation_rate', 'ces'],
          ['csat', 'csat'],
          ['contact_ratio'],
          ['happiness'],
        ];
        for (const headline of bad) {
          await expect(coaching.setHeadline(tenantA, headline as never)).rejects.toThrow(RangeError);
        }
        expect(await coaching.settings(tenantA)).toEqual({ headline: ['csat'] });
      });

      it('keeps whether users must prove who they are, beside the headline, per tenant', async () => {
        expect(await coaching.identityProofRequired(tenantA)).toBe(false);
        await coaching.setIdentityProofRequired(tenantA, true);
        expect([await coaching.identityProofRequired(tenantA), await coaching.identityProofRequired(tenantB)]).toEqual([
          true,
          false,
        ]);
        // A settings row made for the proof alone still gives the default headline.
        expect(await coaching.settings(tenantA)).toEqual({ headline: defaults });
        await coaching.setHeadline(tenantA, ['csat']);
        expect(await coaching.identityProofRequired(tenantA)).toBe(true);
        await coaching.setIdentityProofRequired(tenantA, false);
        expect(await coaching.identityProofRequired(tenantA)).toBe(false);
        await expect(coaching.setIdentityProofRequired(UNKNOWN_ID, true)).rejects.toThrow(TenantNotFoundError);
      });

      it('reports an unknown tenant when setting', async () => {
        await expect(coaching.setHeadline(UNKNOWN_ID, ['csat'])).rejects.toThrow(TenantNotFoundError);
        expect(await coaching.settings('not-a-tenant')).toEqual({ headline: defaults });
      });
    });

    describe('tenant isolation', () => {
      it("keeps one tenant's notes, targets and roles from another", async () => {
        const note = await coaching.addNote(tenantA, aNote(), T0);
        await coaching.setTarget(tenantA, { kpi: 'csat', green: 0.9, amber: 0.8 });
        await coaching.setRole(tenantA, 'lead-1', 'lead');

        expect(await coaching.getNote(tenantB, note.id)).toBeNull();
        expect(await coaching.listNotes(tenantB)).toEqual([]);
        expect(await coaching.listNotes(tenantB, { agentId: 'agent-1' })).toEqual([]);
        await expect(
          coaching.editNote(tenantB, note.id, { authorId: 'lead-9', body: 'taken over' }, T0 + MINUTE),
        ).rejects.toThrow(NoteNotFoundError);
        await expect(coaching.acknowledgeNote(tenantB, note.id, T0 + MINUTE)).rejects.toThrow(NoteNotFoundError);
        expect(await coaching.listTargets(tenantB)).toEqual([]);
        expect(await coaching.deleteTarget(tenantB, 'csat')).toBe(false);
        expect(await coaching.roleOf(tenantB, 'lead-1')).toBeNull();
        expect(await coaching.listRoles(tenantB)).toEqual([]);

        // Tenant B's own rows of the same keys are its own.
        await coaching.setTarget(tenantB, { kpi: 'csat', green: 0.6, amber: 0.5 });
        await coaching.setRole(tenantB, 'lead-1', 'agent');
        expect(await coaching.getNote(tenantA, note.id)).toEqual(note);
        expect(await coaching.listTargets(tenantA)).toEqual([{ kpi: 'csat', green: 0.9, amber: 0.8 }]);
        expect(await coaching.roleOf(tenantA, 'lead-1')).toBe('lead');
        expect(await coaching.listTargets(tenantB)).toEqual([{ kpi: 'csat', green: 0.6, amber: 0.5 }]);
        expect(await coaching.roleOf(tenantB, 'lead-1')).toBe('agent');
      });

      it("removes a tenant's coaching rows with the tenant", async () => {
        const note = await coaching.addNote(tenantA, aNote(), T0);
        await coaching.editNote(tenantA, note.id, { authorId: 'lead-1', body: 'v2' }, T0 + MINUTE);
        await coaching.setTarget(tenantA, { kpi: 'csat', green: 0.9, amber: 0.8 });
        await coaching.setRole(tenantA, 'lead-1', 'lead');
        await coaching.setHeadline(tenantA, ['csat']);
        await harness.raw('DELETE FROM tenants WHERE id = $1', [tenantA]);
        for (const table of ['coaching_notes', 'note_versions', 'kpi_targets', 'user_roles', 'tenant_settings']) {
          expect(await harness.raw(`SELECT 1 FROM ${table}`)).toEqual([]);
        }
      });
    });
  });
}
