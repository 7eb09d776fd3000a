/**
 * The minutes interchange document (protokoll as data): what the importer produces from a text, PDF or
 * DOCX protocol, what `render` draws, and what the export of a stored meeting gives back. It follows
 * `shared/schema/minutes.schema.json`; values keep the document's Swedish wording, and a value the
 * document does not state is null.
 */
import { z } from 'zod';

/** The longest § title, name or case number a field holds; api/request-guards.ts caps requests the same way. */
export const MAX_TITLE_LENGTH = 2_000;
/** The longest free text (a § text, a decision); long enough for any real §. */
export const MAX_TEXT_LENGTH = 100_000;
const shortText = () => z.string().max(MAX_TITLE_LENGTH);
const longText = () => z.string().max(MAX_TEXT_LENGTH);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const clockTime = z.string().regex(/^\d{2}:\d{2}$/, 'expected a time HH:MM');

/** Roles a person can have in an attendance list. */
export const attendeeRoles = ['chair', 'vice-chair', 'member', 'substitute', 'secretary', 'official', 'guest'] as const;
export type AttendeeRole = (typeof attendeeRoles)[number];

/** Roles that sign minutes: sekreterare, ordförande, justerare. */
export const signerRoles = ['secretary', 'chair', 'adjuster'] as const;
export type SignerRole = (typeof signerRoles)[number];

export const voteChoices = ['yes', 'no', 'abstain', 'absent'] as const;
export type VoteChoice = (typeof voteChoices)[number];

/** One person listed as present (närvarande). */
export const attendeeSchema = z.object({
  name: shortText().min(1),
  party: shortText().nullable(),
  represents: shortText().nullable(),
  role: z.enum(attendeeRoles),
  /** Beslutande/tjänstgörande: true, explicitly not deciding: false, not stated: null. */
  voting: z.boolean().nullable(),
  /** Deltagande på distans, noted for this person. */
  remote: z.boolean(),
  /** The §§ attended when limited, as written ('10-12'); null when present throughout. */
  paragraphs: z.string().nullable(),
  /** Tjänstgörande ersättare: the member served for, as written. */
  servingFor: z.string().nullable().optional(),
});
export type Attendee = z.infer<typeof attendeeSchema>;

/** Omröstning: one vote taken in a paragraph. */
export const voteSchema = z.object({
  question: longText(),
  yes: z.number().int().nonnegative().nullable().optional(),
  no: z.number().int().nonnegative().nullable().optional(),
  abstain: z.number().int().nonnegative().nullable().optional(),
  roll: z
    .array(z.object({ name: z.string(), party: z.string().nullable().optional(), vote: z.enum(voteChoices) }))
    .optional(),
  result: z.string().nullable().optional(),
});
export type Vote = z.infer<typeof voteSchema>;

/** Reservation: a member's dissent against the decision. */
export const reservationSchema = z.object({
  name: z.string(),
  party: z.string().nullable().optional(),
  reason: z.string().nullable().optional(),
});
export type Reservation = z.infer<typeof reservationSchema>;

/** Förslag till beslut: the base proposal the § is decided on, and who put it (förvaltningen, arbetsutskottet). */
export const proposalSchema = z.object({
  text: longText(),
  proposedBy: shortText().nullable().optional(),
});
export type Proposal = z.infer<typeof proposalSchema>;

/** Yrkande: a motion made at the meeting, by whom, and who said yes to it (bifall). */
export const motionSchema = z.object({
  mover: shortText().min(1),
  party: shortText().nullable().optional(),
  /** What is moved, as typed ("att ärendet återremitteras", "bifall till förslaget"). */
  text: longText(),
  supportedBy: z.array(shortText()).optional(),
});
export type Motion = z.infer<typeof motionSchema>;

/** Protokollsanteckning: a statement a member has entered in the minutes. */
export const protocolNoteSchema = z.object({
  name: shortText().min(1),
  party: shortText().nullable().optional(),
  text: longText(),
});
export type ProtocolNote = z.infer<typeof protocolNoteSchema>;

/** How the § was decided: by acclamation (the chair finds the answer) or by a vote (votering). */
export const decisionMethods = ['acclamation', 'vote'] as const;
export type DecisionMethod = (typeof decisionMethods)[number];

/** Paragraf (§): one item of the minutes. */
export const minutesItemSchema = z.object({
  number: z.number().int().positive().nullable(),
  title: shortText(),
  /** Diarienummer as written, without 'Dnr'. */
  caseNumber: shortText().nullable(),
  /** Föredragande. */
  presenters: z.array(shortText()).optional(),
  /** Att-satser: one entry per decided point. */
  decisions: z.array(longText()),
  /** Bilagor and underlag named in the paragraph. */
  attachments: z.array(z.string()).optional(),
  text: longText().optional(),
  votes: z.array(voteSchema).optional(),
  reservations: z.array(reservationSchema).optional(),
  /** Jäv: persons who declared disqualification. */
  disqualified: z.array(z.string()).optional(),
  /** Those of `disqualified` who left the room while the § was handled (a nämnd's rule, KL 6:30 (check)). */
  leftRoom: z.array(z.string()).optional(),
  /** Förslag till beslut. */
  proposal: proposalSchema.optional(),
  /** Yrkanden, in the order they were made. */
  motions: z.array(motionSchema).optional(),
  /** Propositionsordning: how the chair put the proposals and what the body was found to decide, as typed. */
  propositionOrder: longText().optional(),
  decisionMethod: z.enum(decisionMethods).optional(),
  /** Protokollsanteckningar. */
  protocolNotes: z.array(protocolNoteSchema).optional(),
  /** Omedelbar justering: the § was adjusted at the meeting. */
  adjustedImmediately: z.boolean().optional(),
});
export type MinutesItem = z.infer<typeof minutesItemSchema>;

export const signatureSchema = z.object({
  role: z.enum(signerRoles),
  name: z.string().nullable(),
  /** ISO 8601 date-time with offset, only when the document carries one. */
  signedAt: z.string().nullable(),
});
export type SignatureLine = z.infer<typeof signatureSchema>;

export const minutesSchema = z.object({
  /** 'protocol' for protokoll of a decision-making body, 'notes' for minnesanteckningar. */
  kind: z.enum(['protocol', 'notes']),
  organization: z.string().nullable(),
  body: z.string().nullable(),
  meeting: z.object({
    date: isoDate.nullable(),
    start: clockTime.nullable(),
    end: clockTime.nullable(),
    location: z.string().nullable(),
    /** The whole meeting held digitally. */
    remote: z.boolean().nullable(),
  }),
  paragraphRange: z.object({ first: z.number().int(), last: z.number().int() }).nullable(),
  /** Justering. */
  adjustment: z.object({
    adjusters: z.array(z.string()),
    date: isoDate.nullable(),
    place: z.string().nullable(),
  }),
  signatures: z.array(signatureSchema),
  /** Anslag. */
  notice: z
    .object({
      postedFrom: isoDate.nullable(),
      postedUntil: isoDate.nullable(),
      /** Förvaringsplats. */
      storage: z.string().nullable(),
    })
    .nullable(),
  attendees: z.array(attendeeSchema),
  items: z.array(minutesItemSchema),
  /**
   * Present only when pages were read by OCR: which pages, Tesseract's mean word confidence (0–100) and whether
   * it is low enough that a person should check the result against the scan before it is relied on.
   */
  extraction: z
    .object({
      ocrPages: z.array(z.number().int().positive()),
      ocrConfidence: z.number().min(0).max(100),
      needsReview: z.boolean(),
    })
    .optional(),
});

/** One meeting's minutes as structured data (interchange format). */
export type Minutes = z.infer<typeof minutesSchema>;
