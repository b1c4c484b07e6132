import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { assertKpiTarget, type KpiTarget } from '@frontline/kpi';
import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import type { CoachingNote } from '../../store/coaching-store.js';
import { NoteNotFoundError } from '../../store/note-not-found-error.js';
import { ApiError } from '../api-error.js';
import type { Caller } from '../authenticate.js';
import { iso } from '../present-kpis.js';
import {
  EditNoteBody,
  NewNoteBody,
  Note,
  NoteList,
  NoteParams,
  TargetBody,
  TargetList,
} from '../schemas/coaching-schemas.js';
import { AUTH_ERRORS, BEARER, Id } from '../schemas/common-schemas.js';
import { KpiName } from '../schemas/kpi-schemas.js';
import type { ServerDeps } from '../server-deps.js';

const NotesQuery = Type.Object({ agentId: Type.Optional(Id) }, { additionalProperties: false });
const TargetParams = Type.Object({ kpi: KpiName });

/** A note as the API sends it; `names` (the account's agents) gives the author's name. */
export function noteJson(note: CoachingNote, names: ReadonlyMap<string, string>): Static<typeof Note> {
  return {
    id: note.id,
    agentId: note.agentId,
    authorId: note.authorId,
    // An empty name (a helpdesk user without one) is no name.
    authorName: names.get(note.authorId) || null,
    ticketId: note.ticketId,
    kpi: note.kpi,
    body: note.body,
    createdAt: iso(note.createdAt),
    updatedAt: iso(note.updatedAt),
    acknowledgedAt: note.acknowledgedAt === null ? null : iso(note.acknowledgedAt),
    history: note.history.map((v) => ({
      body: v.body,
      authorId: v.authorId,
      writtenAt: iso(v.writtenAt),
      acknowledgedAt: v.acknowledgedAt === null ? null : iso(v.acknowledgedAt),
    })),
  };
}

/** Coaching notes (leads write, agents read and acknowledge, edits kept) and targets per KPI. */
export function registerCoachingRoutes(fastify: FastifyInstance, deps: ServerDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const coaching = deps.store.coaching;

  /** The note, if the caller may see it: agents their own only (others' look absent). */
  const visibleNote = async (caller: Caller, noteId: string): Promise<CoachingNote> => {
    const note = await coaching.getNote(caller.tenant.id, noteId);
    if (note === null || (caller.session.role === 'agent' && note.agentId !== caller.session.userId)) {
      throw new ApiError('not_found', `no coaching note ${noteId} for you: see GET /v1/notes`);
    }
    return note;
  };

  /** The names of the caller's account's agents, as of the current view (note authors are its leads). */
  const namesOf = async (caller: Caller): Promise<ReadonlyMap<string, string>> =>
    (await deps.live.view(caller.tenant)).agentNames;

  /** Tells the agent's open sidebars (and leads') of the note; answers it as JSON. */
  const pushNote = async (caller: Caller, note: CoachingNote): Promise<Static<typeof Note>> => {
    const json = noteJson(note, await namesOf(caller));
    deps.hub.notify(caller.tenant.id, note.agentId, { event: 'note', data: json }, true);
    return json;
  };

  app.get(
    '/v1/notes',
    {
      config: { caller: 'any' },
      schema: {
        summary: 'Coaching notes, newest first: an agent gets their own, a lead any agent’s',
        tags: ['coaching'],
        security: BEARER,
        querystring: NotesQuery,
        response: { 200: NoteList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { caller } = request;
      const agentId = caller.session.role === 'agent' ? caller.session.userId : request.query.agentId;
      if (request.query.agentId !== undefined) deps.auth.requireAgentAccess(caller, request.query.agentId);
      const notes = await coaching.listNotes(caller.tenant.id, agentId === undefined ? {} : { agentId });
      const names = await namesOf(caller);
      return { notes: notes.map((note) => noteJson(note, names)) };
    },
  );

  app.post(
    '/v1/notes',
    {
      config: { caller: { roles: ['lead', 'admin'], what: 'writing a coaching note' } },
      schema: {
        summary: 'Write a coaching note for an agent, optionally about a ticket and a KPI (leads and admins)',
        tags: ['coaching'],
        security: BEARER,
        body: NewNoteBody,
        response: { 201: Note, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const { caller } = request;
      const { agentId, ticketId = null, kpi = null, body } = request.body;
      const view = await deps.live.view(caller.tenant);
      if (!view.agentNames.has(agentId)) {
        throw new ApiError('not_found', `no agent ${agentId} in this account: see GET /v1/team for the agents`);
      }
      const note = await coaching.addNote(
        caller.tenant.id,
        { agentId, authorId: caller.session.userId, ticketId, kpi, body },
        deps.clock.now(),
      );
      return reply.status(201).send(await pushNote(caller, note));
    },
  );

  app.patch(
    '/v1/notes/:noteId',
    {
      config: { caller: { roles: ['lead', 'admin'], what: 'editing a coaching note' } },
      schema: {
        summary: 'Edit a coaching note: the earlier version is kept in its history (leads and admins)',
        tags: ['coaching'],
        security: BEARER,
        params: NoteParams,
        body: EditNoteBody,
        response: { 200: Note, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { caller } = request;
      try {
        const note = await coaching.editNote(
          caller.tenant.id,
          request.params.noteId,
          { authorId: caller.session.userId, body: request.body.body },
          deps.clock.now(),
        );
        return await pushNote(caller, note);
      } catch (error) {
        if (error instanceof NoteNotFoundError) {
          throw new ApiError('not_found', `no coaching note ${request.params.noteId}: see GET /v1/notes`);
        }
        throw error;
      }
    },
  );

  app.post(
    '/v1/notes/:noteId/acknowledge',
    {
      config: { caller: 'any' },
      schema: {
        summary: 'Acknowledge a coaching note (the agent it is for)',
        tags: ['coaching'],
        security: BEARER,
        params: NoteParams,
        response: { 200: Note, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { caller } = request;
      const note = await visibleNote(caller, request.params.noteId);
      if (note.agentId !== caller.session.userId) {
        throw new ApiError('forbidden', 'only the agent a note is for can acknowledge it');
      }
      const acknowledged = await coaching.acknowledgeNote(caller.tenant.id, note.id, deps.clock.now());
      return pushNote(caller, acknowledged);
    },
  );

  app.get(
    '/v1/targets',
    {
      config: { caller: 'any' },
      schema: {
        summary: "The account's target per KPI",
        tags: ['coaching'],
        security: BEARER,
        response: { 200: TargetList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      return { targets: await coaching.listTargets(request.caller.tenant.id) };
    },
  );

  app.put(
    '/v1/targets/:kpi',
    {
      config: { caller: { roles: ['lead', 'admin'], what: 'setting a target' } },
      schema: {
        summary: 'Set the target of a KPI: green and amber thresholds (leads and admins)',
        tags: ['coaching'],
        security: BEARER,
        params: TargetParams,
        body: TargetBody,
        response: { 200: TargetList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { caller } = request;
      const target: KpiTarget = { kpi: request.params.kpi, ...request.body };
      try {
        assertKpiTarget(target);
      } catch (error) {
        // Thresholds in the wrong order for the KPI's direction: the caller's to fix.
        if (error instanceof RangeError) throw new ApiError('bad_request', error.message);
        throw error;
      }
      await coaching.setTarget(caller.tenant.id, target);
      deps.live.settingsChanged(caller.tenant.id);
      return { targets: await coaching.listTargets(caller.tenant.id) };
    },
  );

  app.delete(
    '/v1/targets/:kpi',
    {
      config: { caller: { roles: ['lead', 'admin'], what: 'removing a target' } },
      schema: {
        summary: 'Remove the target of a KPI (leads and admins)',
        tags: ['coaching'],
        security: BEARER,
        params: TargetParams,
        response: { 200: TargetList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { caller } = request;
      await coaching.deleteTarget(caller.tenant.id, request.params.kpi);
      deps.live.settingsChanged(caller.tenant.id);
      return { targets: await coaching.listTargets(caller.tenant.id) };
    },
  );
}
