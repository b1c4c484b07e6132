import Type from 'typebox';
import { FreeText, Id, IsoTime } from './common-schemas.js';
import { KpiName } from './kpi-schemas.js';

const NoteVersion = Type.Object({
  body: Type.String(),
  authorId: Type.String(),
  writtenAt: IsoTime,
  acknowledgedAt: Type.Union([IsoTime, Type.Null()]),
});

export const Note = Type.Object({
  id: Type.String(),
  agentId: Type.String(),
  authorId: Type.String(),
  authorName: Type.Union([Type.String(), Type.Null()], { description: "the author's name, as the helpdesk has it" }),
  ticketId: Type.Union([Type.String(), Type.Null()]),
  kpi: Type.Union([KpiName, Type.Null()]),
  body: Type.String(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  acknowledgedAt: Type.Union([IsoTime, Type.Null()], { description: 'of the current version' }),
  history: Type.Array(NoteVersion, { description: 'earlier versions, oldest first' }),
});

export const NoteList = Type.Object({ notes: Type.Array(Note) });

const Body = FreeText({ minLength: 1, maxLength: 10_000, description: 'plain text; tabs and line breaks allowed' });

export const NewNoteBody = Type.Object(
  {
    agentId: Id,
    ticketId: Type.Optional(Type.Union([Id, Type.Null()])),
    kpi: Type.Optional(Type.Union([KpiName, Type.Null()])),
    body: Body,
  },
  { additionalProperties: false },
);

export const EditNoteBody = Type.Object({ body: Body }, { additionalProperties: false });

export const NoteParams = Type.Object({ noteId: Type.String({ format: 'uuid' }) });

export const Target = Type.Object({
  kpi: KpiName,
  green: Type.Number(),
  amber: Type.Number(),
  direction: Type.Optional(Type.Union([Type.Literal('higher_is_better'), Type.Literal('lower_is_better')])),
});

export const TargetList = Type.Object({ targets: Type.Array(Target) });

export const TargetBody = Type.Object(
  {
    green: Type.Number(),
    amber: Type.Number(),
    direction: Type.Optional(Type.Union([Type.Literal('higher_is_better'), Type.Literal('lower_is_better')])),
  },
  { additionalProperties: false },
);
