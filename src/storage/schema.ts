/**
 * The database schema: one table per concept of the glossary. Migrations in `storage/migrations/` are
 * generated from this file by `npm run db:generate` (drizzle-kit) and committed; the same SQL runs on
 * PGlite (PostgreSQL 18) and on a PostgreSQL 15+ server.
 *
 * Values that the minutes state "as written" (names, party letters, what a person represents) are
 * kept as text beside the links to the registers, because a protocol is a record of what was written
 * and decided, while persons and mandates are the registers that attendance is checked against.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** Position in document order within the parent. */
const position = () => integer('position').notNull();

/** Förbund, kommun, region or agency. `ruleProfile` switches the legal clocks (see domain/rule-profile). */
export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    /** The rule profile: kommunalforbund | samordningsforbund | association | municipal (domain/rule-profile). */
    organizationType: text('organization_type').notNull().default('municipal'),
    /** Diarienummer template, e.g. '{yy}:{seq:2}' (domain/case-number). */
    caseNumberFormat: text('case_number_format'),
    /** Where the original minutes are kept (förvaringsplats), printed on notices. */
    minutesStorage: text('minutes_storage'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('organizations_name_key').on(t.name)],
);

/** Medlem: a municipality, region or agency that is a member (owner) of a förbund. */
export const organizationMembers = pgTable(
  'organization_members',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    sinceOn: date('since_on'),
    untilOn: date('until_on'),
  },
  (t) => [uniqueIndex('organization_members_key').on(t.organizationId, t.memberId)],
);

/**
 * Organ: a group that meets. `organizationId` is null for a forum that no single organisation owns
 * (a samverkanstid of several kommuner, a region and a länsstyrelse).
 */
export const bodies = pgTable(
  'bodies',
  {
    id: id(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    /** assembly | board | committee | working_committee | presidium | network */
    bodyKind: text('body_kind').notNull().default('board'),
    /** Networks and working groups prepare and inform; their meetings produce notes. */
    decisionMaking: boolean('decision_making').notNull().default(true),
    /** Number of ordinary members (for quorum). */
    seats: integer('seats'),
    /** Overrides of the organisation's rule profile: notice days, adjusters, signers. */
    rules: jsonb('rules').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('bodies_organization_name_key').on(t.organizationId, t.name).where(sql`organization_id is not null`),
    uniqueIndex('bodies_unowned_name_key').on(t.name).where(sql`organization_id is null`),
  ],
);

export const persons = pgTable(
  'persons',
  {
    id: id(),
    name: text('name').notNull(),
    email: text('email'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('persons_name_idx').on(t.name)],
);

/** Uppdrag i ett organ: ordförande, vice ordförande (with rank), ledamot, ersättare, for a term. */
export const mandates = pgTable(
  'mandates',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'restrict' }),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'cascade' }),
    /** chair | vice-chair | member | substitute */
    role: text('role').notNull(),
    viceChairRank: integer('vice_chair_rank'),
    /** Ersättarordning: the substitute's place in the order of substitutes. */
    substituteRank: integer('substitute_rank'),
    party: text('party'),
    /** Utsedd av: the member organisation that appointed the person. */
    appointedById: uuid('appointed_by_id').references(() => organizations.id, { onDelete: 'set null' }),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    createdAt: createdAt(),
  },
  (t) => [
    index('mandates_body_idx').on(t.bodyId),
    check('mandates_term_order', sql`ends_on is null or starts_on is null or ends_on >= starts_on`),
    check('mandates_role', sql`role in ('chair', 'vice-chair', 'member', 'substitute')`),
  ],
);

/** Ärende with its diarienummer, as written. One case is handled in many §§ over time. */
export const cases = pgTable(
  'cases',
  {
    id: id(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
    caseNumber: text('case_number').notNull(),
    year: integer('year'),
    sequence: integer('sequence'),
    title: text('title'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('cases_organization_number_key')
      .on(t.organizationId, t.caseNumber)
      .where(sql`organization_id is not null`),
    // A case number typed into search, found by its normalised form (migration 0023).
    index('cases_case_number_normalized_idx').using('btree', sql`(regexp_replace(lower(${t.caseNumber}), '[^[:alnum:]]', '', 'g'))`),
  ],
);

/** A stored file: content-addressed by SHA-256, on disk beside the embedded database or in the database. */
export const files = pgTable(
  'files',
  {
    id: id(),
    sha256: text('sha256').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    originalName: text('original_name'),
    /** disk | database */
    storage: text('storage').notNull(),
    /** Path relative to the files folder, when on disk. */
    path: text('path'),
    content: bytea('content'),
    /**
     * The text inside the file (PDF text layer, DOCX, plain text), extracted when it is attached as
     * underlag; NULL when there is none. Searched by internal searches only (migration 0009).
     */
    textContent: text('text_content'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('files_sha256_key').on(t.sha256)],
);

/** Sammanträde. `year` is the calendar year of `heldOn`, kept for § numbering and lookups. */
export const meetings = pgTable(
  'meetings',
  {
    id: id(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'restrict' }),
    /** 'protocol' (protokoll) or 'notes' (minnesanteckningar). */
    minutesKind: text('minutes_kind').notNull().default('protocol'),
    heldOn: date('held_on'),
    year: integer('year'),
    /** Sammanträde nr N in the year, when the body numbers its meetings. */
    numberInYear: integer('number_in_year'),
    startTime: time('start_time'),
    endTime: time('end_time'),
    location: text('location'),
    /** The whole meeting held digitally. */
    remote: boolean('remote'),
    /** planned | convened | held | finalised | adjusted | archived | cancelled (domain/minutes-state). */
    status: text('status').notNull().default('planned'),
    /** The § range the minutes state (Paragrafer 12–20). */
    paragraphFirst: integer('paragraph_first'),
    paragraphLast: integer('paragraph_last'),
    /** Justering: date and place. */
    adjustedOn: date('adjusted_on'),
    adjustmentPlace: text('adjustment_place'),
    /** The organisation as the minutes name it, which may be null (a cross-organisation forum). */
    organizationAsWritten: text('organization_as_written'),
    /** The body as the minutes name it ('Styrelsen'). */
    bodyAsWritten: text('body_as_written'),
    sourceFileId: uuid('source_file_id').references(() => files.id, { onDelete: 'set null' }),
    /** Justeringsläge: the minutes' approval state (domain/minutes-state MinutesApproval). */
    approval: jsonb('approval').$type<Record<string, unknown>>(),
    /** The finalised minutes document that the signers approve, and its SHA-256. */
    minutesFileId: uuid('minutes_file_id').references(() => files.id, { onDelete: 'restrict' }),
    minutesSha256: text('minutes_sha256'),
    /** The adjusted minutes as signed: the finalised document with the signature page added. */
    signedFileId: uuid('signed_file_id').references(() => files.id, { onDelete: 'restrict' }),
    /** Kallelse: when the notice of meeting was sent. */
    convenedAt: timestamp('convened_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('meetings_body_date_idx').on(t.bodyId, t.heldOn),
    uniqueIndex('meetings_body_number_key')
      .on(t.bodyId, t.year, t.numberInYear)
      .where(sql`number_in_year is not null`),
    check('meetings_year_matches_date', sql`held_on is null or year = extract(year from held_on)`),
    check('meetings_paragraph_range', sql`paragraph_last is null or paragraph_first is null or paragraph_last >= paragraph_first`),
  ],
);

/** Justerare appointed for the meeting, in order. */
export const adjusters = pgTable(
  'adjusters',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: position(),
    name: text('name').notNull(),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('adjusters_meeting_position_key').on(t.meetingId, t.position)],
);

/** Närvaro: one person present at the meeting, as the minutes list them. */
export const attendance = pgTable(
  'attendance',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: position(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'restrict' }),
    mandateId: uuid('mandate_id').references(() => mandates.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    /** chair | vice-chair | member | substitute | secretary | official | guest */
    role: text('role').notNull(),
    party: text('party'),
    represents: text('represents'),
    /** Beslutande. */
    voting: boolean('voting'),
    /** Deltagande på distans. */
    remote: boolean('remote').notNull().default(false),
    /** The §§ attended when limited, as written ('10-12'). */
    paragraphs: text('paragraphs'),
    /** Tjänstgörande ersättare för: as written, and the person when known. */
    servingFor: text('serving_for'),
    servingForPersonId: uuid('serving_for_person_id').references(() => persons.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('attendance_meeting_position_key').on(t.meetingId, t.position)],
);

/**
 * Paragraf (§). `bodyId` and `year` repeat the meeting's so that the database itself refuses a
 * duplicate § number in a body's year.
 */
export const paragraphs = pgTable(
  'paragraphs',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'restrict' }),
    year: integer('year'),
    position: position(),
    number: integer('number'),
    title: text('title').notNull(),
    /** A standard agenda item (opening, adjusters, agenda, previous_minutes, delegated_decisions, information, other_questions, closing) or null for a case. */
    agendaKind: text('agenda_kind'),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'restrict' }),
    text: text('text'),
    /** Bakgrund, överväganden, förslag till beslut… as [{ heading, text }]. */
    sections: jsonb('sections').$type<{ heading: string; text: string }[]>().notNull().default([]),
    /** Förslag till beslut (the base proposal). */
    proposal: text('proposal'),
    /** Who put the base proposal (förvaltningen, arbetsutskottet, ordföranden), as typed. */
    proposedBy: text('proposed_by'),
    /** Propositionsordning as typed: how the chair put the proposals and what the body was found to decide. */
    propositionOrder: text('proposition_order'),
    /** acclamation | vote (votering); null when not recorded. */
    decisionMethod: text('decision_method'),
    /** Omedelbar justering of this §. */
    adjustedImmediately: boolean('adjusted_immediately').notNull().default(false),
    /** Sekretess: hidden from the public with a reason (OSL). */
    confidential: boolean('confidential').notNull().default(false),
    confidentialReason: text('confidential_reason'),
    /** Raised by one on every saved edit: a save based on an older version is a conflict, not an overwrite. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('paragraphs_meeting_position_key').on(t.meetingId, t.position),
    uniqueIndex('paragraphs_body_year_number_key')
      .on(t.bodyId, t.year, t.number)
      .where(sql`number is not null`),
    index('paragraphs_case_idx').on(t.caseId),
    check('paragraphs_decision_method', sql`decision_method is null or decision_method in ('acclamation', 'vote')`),
  ],
);

/** Föredragande of a §. */
export const presenters = pgTable(
  'presenters',
  {
    id: id(),
    paragraphId: uuid('paragraph_id')
      .notNull()
      .references(() => paragraphs.id, { onDelete: 'cascade' }),
    position: position(),
    name: text('name').notNull(),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('presenters_paragraph_position_key').on(t.paragraphId, t.position)],
);

/** Att-sats: one decided point of a §. */
export const decisionPoints = pgTable(
  'decision_points',
  {
    id: id(),
    paragraphId: uuid('paragraph_id')
      .notNull()
      .references(() => paragraphs.id, { onDelete: 'cascade' }),
    position: position(),
    text: text('text').notNull(),
  },
  (t) => [uniqueIndex('decision_points_paragraph_position_key').on(t.paragraphId, t.position)],
);

/** Bilaga or underlag named in a §, with its file when stored. */
export const paragraphAttachments = pgTable(
  'paragraph_attachments',
  {
    id: id(),
    paragraphId: uuid('paragraph_id')
      .notNull()
      .references(() => paragraphs.id, { onDelete: 'cascade' }),
    position: position(),
    title: text('title').notNull(),
    fileId: uuid('file_id').references(() => files.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('paragraph_attachments_paragraph_position_key').on(t.paragraphId, t.position)],
);

/** Omröstning. */
export const votes = pgTable(
  'votes',
  {
    id: id(),
    paragraphId: uuid('paragraph_id')
      .notNull()
      .references(() => paragraphs.id, { onDelete: 'cascade' }),
    position: position(),
    question: text('question').notNull(),
    yes: integer('yes'),
    no: integer('no'),
    abstain: integer('abstain'),
    result: text('result'),
  },
  (t) => [
    uniqueIndex('votes_paragraph_position_key').on(t.paragraphId, t.position),
    check('votes_counts_not_negative', sql`coalesce(yes, 0) >= 0 and coalesce(no, 0) >= 0 and coalesce(abstain, 0) >= 0`),
  ],
);

/** One named vote in a roll-call (öppen omröstning). */
export const ballots = pgTable(
  'ballots',
  {
    id: id(),
    voteId: uuid('vote_id')
      .notNull()
      .references(() => votes.id, { onDelete: 'cascade' }),
    position: position(),
    name: text('name').notNull(),
    party: text('party'),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
    /** yes | no | abstain | absent */
    choice: text('choice').notNull(),
  },
  (t) => [
    uniqueIndex('ballots_vote_position_key').on(t.voteId, t.position),
    check('ballots_choice', sql`choice in ('yes', 'no', 'abstain', 'absent')`),
  ],
);

/** Reservation against a decision. */
export const reservations = pgTable(
  'reservations',
  {
    id: id(),
    paragraphId: uuid('paragraph_id')
      .notNull()
      .references(() => paragraphs.id, { onDelete: 'cascade' }),
    position: position(),
    name: text('name').notNull(),
    party: text('party'),
    reason: text('reason'),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('reservations_paragraph_position_key').on(t.paragraphId, t.position)],
);

/** Jäv declared for a §. */
export const disqualifications = pgTable(
  'disqualifications',
  {
    id: id(),
    paragraphId: uuid('paragraph_id')
      .notNull()
      .references(() => paragraphs.id, { onDelete: 'cascade' }),
    position: position(),
    name: text('name').notNull(),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
    /** The person left the room while the § was handled. */
    leftRoom: boolean('left_room').notNull().default(false),
  },
  (t) => [uniqueIndex('disqualifications_paragraph_position_key').on(t.paragraphId, t.position)],
);

/** Yrkande made at the meeting, with who supported it (bifall). */
export const motions = pgTable(
  'motions',
  {
    id: id(),
    paragraphId: uuid('paragraph_id')
      .notNull()
      .references(() => paragraphs.id, { onDelete: 'cascade' }),
    position: position(),
    mover: text('mover').notNull(),
    party: text('party'),
    text: text('text').notNull(),
    supportedBy: jsonb('supported_by').$type<string[]>().notNull().default([]),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('motions_paragraph_position_key').on(t.paragraphId, t.position)],
);

/** Protokollsanteckning entered by a member. */
export const protocolNotes = pgTable(
  'protocol_notes',
  {
    id: id(),
    paragraphId: uuid('paragraph_id')
      .notNull()
      .references(() => paragraphs.id, { onDelete: 'cascade' }),
    position: position(),
    name: text('name').notNull(),
    party: text('party'),
    text: text('text').notNull(),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('protocol_notes_paragraph_position_key').on(t.paragraphId, t.position)],
);

/**
 * Underskrift: one signature line of the minutes. A line exists from finalising (pending) and is
 * signed or rejected; `documentSha256` is the hash of the exact document that was signed.
 */
export const signatures = pgTable(
  'signatures',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: position(),
    /** secretary | chair | adjuster */
    role: text('role').notNull(),
    name: text('name'),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
    /** pending | signed | rejected */
    status: text('status').notNull().default('pending'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    documentSha256: text('document_sha256'),
    /** Who vouched for the signer: 'built-in', 'bankid', 'freja', … */
    provider: text('provider'),
    rejectionReason: text('rejection_reason'),
    /** The protocol PDF as it was right after this signature (issue 16): each signature is a new file version. */
    fileId: uuid('file_id').references(() => files.id, { onDelete: 'restrict' }),
    fileSha256: text('file_sha256'),
    /** How the signer was authenticated for this signature: 'password', 'oidc' or 'system'. */
    authenticationMethod: text('authentication_method'),
    /** The sign-in (step-up) the signature rests on, and the identity provider's issuer, subject and acr. */
    authenticatedAt: timestamp('authenticated_at', { withTimezone: true }),
    identityIssuer: text('identity_issuer'),
    identitySubject: text('identity_subject'),
    assuranceLevel: text('assurance_level'),
  },
  (t) => [
    uniqueIndex('signatures_meeting_position_key').on(t.meetingId, t.position),
    check('signatures_role', sql`role in ('secretary', 'chair', 'adjuster')`),
  ],
);

/** Anslag: the public notice that the minutes are adjusted, with its legal dates. */
export const notices = pgTable(
  'notices',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    /** Latest day to post it: justering + 2 days (KL 8:12). */
    latestPostingOn: date('latest_posting_on'),
    postedOn: date('posted_on'),
    /** The last day on the board as stated; for KL bodies the last day of appeal (KL 13:5). */
    postedUntilOn: date('posted_until_on'),
    lastAppealOn: date('last_appeal_on'),
    takeDownOn: date('take_down_on'),
    /** Förvaringsplats. */
    storage: text('storage'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('notices_meeting_key').on(t.meetingId)],
);

/** Uppdrag given in a decision, and its report-back (återrapportering) in a later §. */
export const assignments = pgTable('assignments', {
  id: id(),
  paragraphId: uuid('paragraph_id')
    .notNull()
    .references(() => paragraphs.id, { onDelete: 'cascade' }),
  decisionPointId: uuid('decision_point_id').references(() => decisionPoints.id, { onDelete: 'set null' }),
  /** The uppdragstagare as written; null when the decision names no one. */
  assignee: text('assignee'),
  assigneePersonId: uuid('assignee_person_id').references(() => persons.id, { onDelete: 'set null' }),
  description: text('description').notNull(),
  dueOn: date('due_on'),
  dueMeetingId: uuid('due_meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
  /** proposed | open | reported | cancelled */
  status: text('status').notNull().default('proposed'),
  reportedParagraphId: uuid('reported_paragraph_id').references(() => paragraphs.id, { onDelete: 'set null' }),
  /** Återrapportering written in the web: its text, an optional document, the day and who gave it. */
  reportText: text('report_text'),
  reportFileId: uuid('report_file_id').references(() => files.id, { onDelete: 'set null' }),
  reportSubmittedOn: date('report_submitted_on'),
  reportSubmittedBy: text('report_submitted_by'),
  createdAt: createdAt(),
});

/** Delegationsordning: one point of what a body has delegated, to whom, within which limits, from when. */
export const delegationOrderItems = pgTable(
  'delegation_order_items',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    /** The body that delegated (its decisions are reported to it). */
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'restrict' }),
    /** The point's number in the delegationsordning, e.g. "3.2". */
    code: text('code').notNull(),
    /** Ärende or ärendegrupp delegated. */
    matter: text('matter').notNull(),
    /** Delegat: a role ("Förbundschefen") or a person. */
    delegate: text('delegate').notNull(),
    /** Begränsningar, e.g. an amount. */
    limits: text('limits'),
    /** Lagrum. */
    legalBasis: text('legal_basis'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    createdAt: createdAt(),
  },
  (t) => [index('delegation_order_items_body_idx').on(t.bodyId, t.code), check('delegation_order_items_validity', sql`valid_to is null or valid_to >= valid_from`)],
);

/** Delegationsbeslut: a decision taken under delegation, and the § where it was reported (anmälan). */
export const delegatedDecisions = pgTable('delegated_decisions', {
  id: id(),
  bodyId: uuid('body_id')
    .notNull()
    .references(() => bodies.id, { onDelete: 'restrict' }),
  /** Who decided under delegation, as written; null when the anmälan does not say. */
  delegate: text('delegate'),
  delegatePersonId: uuid('delegate_person_id').references(() => persons.id, { onDelete: 'set null' }),
  /** The point of the delegationsordning the decision was taken under. */
  rulePoint: text('rule_point'),
  decidedOn: date('decided_on'),
  caseId: uuid('case_id').references(() => cases.id, { onDelete: 'set null' }),
  description: text('description').notNull(),
  /** proposed | registered | reported */
  status: text('status').notNull().default('proposed'),
  reportedParagraphId: uuid('reported_paragraph_id').references(() => paragraphs.id, { onDelete: 'set null' }),
  sourceParagraphId: uuid('source_paragraph_id').references(() => paragraphs.id, { onDelete: 'set null' }),
  /** The point of the delegationsordning (as data) it was taken under, when entered against one. */
  delegationItemId: uuid('delegation_item_id').references(() => delegationOrderItems.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

/** Representation: a person appointed to an external body by a decision. */
export const appointments = pgTable(
  'appointments',
  {
    id: id(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'restrict' }),
    personName: text('person_name').notNull(),
    externalBody: text('external_body').notNull(),
    /** ordinary | substitute */
    role: text('role').notNull(),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    decidedParagraphId: uuid('decided_paragraph_id').references(() => paragraphs.id, { onDelete: 'set null' }),
    replacesId: uuid('replaces_id'),
    /** proposed | confirmed | ended */
    status: text('status').notNull().default('proposed'),
    createdAt: createdAt(),
  },
  () => [
    check('appointments_term_order', sql`ends_on is null or starts_on is null or ends_on >= starts_on`),
    check('appointments_role', sql`role in ('ordinary', 'substitute')`),
  ],
);

/** Remiss: a consultation request, its deadline and the § that decided the answer. */
export const consultations = pgTable('consultations', {
  id: id(),
  organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
  sender: text('sender').notNull(),
  title: text('title').notNull(),
  caseId: uuid('case_id').references(() => cases.id, { onDelete: 'set null' }),
  receivedOn: date('received_on'),
  dueOn: date('due_on'),
  answeredParagraphId: uuid('answered_paragraph_id').references(() => paragraphs.id, { onDelete: 'set null' }),
  answerFileId: uuid('answer_file_id').references(() => files.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

/** Append-only log of what happened, written in the same transaction as the change it records. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actor: text('actor'),
    /** A kind from domain/audit-event (e.g. 'minutes.imported'). */
    kind: text('kind').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** Order of the hash chain: each entry's `hash` covers its content and the previous entry's hash. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    previousHash: text('previous_hash'),
    /** SHA-256 (hex) over the previous hash and this entry's canonical content (storage/audit.store). */
    hash: text('hash'),
  },
  (t) => [index('audit_events_entity_idx').on(t.entityType, t.entityId), uniqueIndex('audit_events_seq_key').on(t.seq)],
);

/**
 * The seal of adjusted minutes (made here or imported): SHA-256 over the canonical content and over the
 * sealed PDF, so that `protokoll verify` can tell when either changed behind the application's back.
 * Append-only, like the audit log that records it.
 */
export const minutesSeals = pgTable('minutes_seals', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id, { onDelete: 'restrict' }),
  /** SHA-256 (hex) of the canonical JSON of the minutes (domain/seal). */
  contentSha256: text('content_sha256').notNull(),
  /** The sealed PDF: the public file, never re-rendered. Null when the minutes have no PDF (imported text). */
  fileId: uuid('file_id').references(() => files.id, { onDelete: 'restrict' }),
  fileSha256: text('file_sha256'),
  sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Utgående e-post: the transactional outbox. A message is written in the same transaction as the action
 * that causes it and sent afterwards by the worker (services/mail), so a rolled-back action sends nothing
 * and a committed one is never forgotten. `messageId` is fixed when the message is written.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: id(),
    createdAt: createdAt(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
    /** A kind from domain/mail (kallelse, kallelse_update, substitute_call, signing_requested…). */
    kind: text('kind').notNull(),
    recipientAddress: text('recipient_address').notNull(),
    recipientName: text('recipient_name'),
    /** sv | en */
    language: text('language').notNull().default('sv'),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    /** Stored files to attach: [{ fileId, filename, contentType }]. */
    attachments: jsonb('attachments').$type<{ fileId: string; filename: string; contentType: string }[]>().notNull().default([]),
    /** Extra header lines for the message (List-Unsubscribe and List-Unsubscribe-Post on a watch's mail). */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    /** RFC 5322 Message-ID, the same on every attempt. */
    messageId: text('message_id').notNull(),
    /** Makes a message that must go once (a reminder for a day) unique. */
    dedupeKey: text('dedupe_key'),
    /** pending | sending | sent | failed | uncertain (domain/mail OutboxStatus). */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('outbox_messages_message_id_key').on(t.messageId),
    uniqueIndex('outbox_messages_dedupe_key').on(t.dedupeKey).where(sql`dedupe_key is not null`),
    index('outbox_messages_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_messages_meeting_idx').on(t.meetingId),
  ],
);

/**
 * Anmält förhinder: a member or substitute who has said they cannot come, so that the secretary calls a
 * substitute. Withdrawn, never deleted: the record shows who knew what when.
 */
export const absenceReports = pgTable(
  'absence_reports',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    /** web | mail | secretary (entered by the secretary after a call) */
    channel: text('channel').notNull(),
    note: text('note'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('absence_reports_meeting_idx').on(t.meetingId),
    uniqueIndex('absence_reports_open_key').on(t.meetingId, t.personId).where(sql`withdrawn_at is null`),
  ],
);

/**
 * A member's own note on a meeting, one of its agenda items (§) or one of its documents (issue 19).
 * Private to the user who wrote it: no other user reads it, administrators included (docs/decisions.md,
 * 2026-12-04). A note on a document has no §; one on the meeting as a whole has neither.
 */
export const memberNotes = pgTable(
  'member_notes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    paragraphId: uuid('paragraph_id').references(() => paragraphs.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id').references(() => files.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('member_notes_place_key').on(
      t.userId,
      t.meetingId,
      sql`coalesce(${t.paragraphId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`coalesce(${t.fileId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

/** Kallelse sent: to whom and when, with the document that was sent. */
export const meetingInvitations = pgTable(
  'meeting_invitations',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    /** member | substitute | official | guest */
    role: text('role').notNull(),
    address: text('address'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    fileId: uuid('file_id').references(() => files.id, { onDelete: 'set null' }),
  },
  (t) => [index('meeting_invitations_meeting_idx').on(t.meetingId)],
);

/** Protokollsutdrag: a certified extract of chosen §§, with the document issued. */
export const extracts = pgTable('extracts', {
  id: id(),
  meetingId: uuid('meeting_id')
    .notNull()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  paragraphNumbers: jsonb('paragraph_numbers').$type<number[]>().notNull(),
  certifiedBy: text('certified_by').notNull(),
  certifiedOn: date('certified_on').notNull(),
  fileId: uuid('file_id').references(() => files.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

/** A person who signs in: local password (argon2id) or OpenID Connect identity. */
export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** argon2id hash; null for users who only sign in through OpenID Connect. */
    passwordHash: text('password_hash'),
    /** The person in the registers this user is (for chair/adjuster/member rights by mandate). */
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
    isAdministrator: boolean('is_administrator').notNull().default(false),
    /** sv | en */
    language: text('language').notNull().default('sv'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

/**
 * Bevakning: a signed-in user's e-mail watch on a body or on a search, for newly adjusted public minutes.
 * Exactly one of `bodyId` and `query`. `unsubscribeToken` is the secret in the mail's unsubscribe link,
 * which works without signing in (RFC 8058 one-click).
 */
export const watches = pgTable(
  'watches',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    bodyId: uuid('body_id').references(() => bodies.id, { onDelete: 'cascade' }),
    query: text('query'),
    unsubscribeToken: text('unsubscribe_token').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('watches_unsubscribe_token_key').on(t.unsubscribeToken),
    uniqueIndex('watches_user_body_key').on(t.userId, t.bodyId).where(sql`body_id is not null`),
    uniqueIndex('watches_user_query_key').on(t.userId, sql`lower(${t.query})`).where(sql`query is not null`),
    check('watches_body_or_query', sql`(body_id is null) <> (query is null)`),
  ],
);

/** A role of a user in an organisation or one body: administrator, secretary, member. */
export const userRoles = pgTable(
  'user_roles',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    bodyId: uuid('body_id').references(() => bodies.id, { onDelete: 'cascade' }),
    /** administrator | secretary | member */
    role: text('role').notNull(),
  },
  (t) => [index('user_roles_user_idx').on(t.userId)],
);

/** A signed-in session; the cookie holds a random token whose SHA-256 is the id. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** When the user last proved who they are in this session (sign-in or step-up); signing asks for a recent one. */
    authenticatedAt: timestamp('authenticated_at', { withTimezone: true }).notNull().defaultNow(),
    /** 'password' or 'oidc'; with OIDC the identity provider's issuer, subject and acr (assurance level). */
    authenticationMethod: text('authentication_method').notNull().default('password'),
    identityIssuer: text('identity_issuer'),
    identitySubject: text('identity_subject'),
    assuranceLevel: text('assurance_level'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** A long-lived API token for an integration; only its SHA-256 is kept. Revoked, never deleted. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** SHA-256 (hex) of the token. */
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

/**
 * Failed sign-ins, kept in the database so that throttling survives a restart and holds across app
 * instances. `key` names what is throttled: an account, an address, or an account at an address.
 */
export const signInFailures = pgTable('sign_in_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  firstFailureAt: timestamp('first_failure_at', { withTimezone: true }).notNull().defaultNow(),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull().defaultNow(),
  /** No attempt is tried before this instant (backoff). */
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});

/** An OpenID Connect identity (issuer + subject) linked to a user. */
export const userIdentities = pgTable(
  'user_identities',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
  },
  (t) => [uniqueIndex('user_identities_key').on(t.issuer, t.subject)],
);

/**
 * A one-time link by e-mail for a signer without an account (issue 16, docs/signatures.md): only the
 * SHA-256 of its token is kept. It proves the mailbox, not the person: redeeming it still asks for a
 * sign-in (the identity provider, or a password chosen there), which creates the person's account.
 */
export const signingLinks = pgTable(
  'signing_links',
  {
    id: id(),
    tokenSha256: text('token_sha256').notNull(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    /** The version of the finalised minutes the link was sent for (a new finalising sends new links). */
    approvalVersion: integer('approval_version').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** The account the link created. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('signing_links_token_key').on(t.tokenSha256), index('signing_links_meeting_person_idx').on(t.meetingId, t.personId)],
);

/** Mål in the operational plan (verksamhetsplan), per area and year. */
export const goals = pgTable('goals', {
  id: id(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  bodyId: uuid('body_id').references(() => bodies.id, { onDelete: 'set null' }),
  planYear: integer('plan_year').notNull(),
  /** Verksamhetsområde, e.g. 'Välfärd', 'Näringsliv'. */
  area: text('area').notNull(),
  position: integer('position').notNull().default(0),
  title: text('title').notNull(),
  description: text('description'),
  decidedParagraphId: uuid('decided_paragraph_id').references(() => paragraphs.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

/** Indikator of a goal, with its target value. */
export const indicators = pgTable('indicators', {
  id: id(),
  goalId: uuid('goal_id')
    .notNull()
    .references(() => goals.id, { onDelete: 'cascade' }),
  position: integer('position').notNull().default(0),
  title: text('title').notNull(),
  unit: text('unit'),
  baseline: text('baseline'),
  targetValue: text('target_value'),
});

/** Uppföljning of an indicator for a period (tertial 'T1'–'T3' or the year 'helår'). */
export const indicatorFollowUps = pgTable(
  'indicator_follow_ups',
  {
    id: id(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    period: text('period').notNull(),
    value: text('value'),
    comment: text('comment'),
    reportedParagraphId: uuid('reported_paragraph_id').references(() => paragraphs.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('indicator_follow_ups_period_key').on(t.indicatorId, t.year, t.period)],
);

/** Verksamhetsberättelse: the drafted annual report of a year, editable before it is decided. */
export const annualReports = pgTable(
  'annual_reports',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    /** The report as editable sections: [{ heading, text }]. */
    sections: jsonb('sections').$type<{ heading: string; text: string }[]>().notNull().default([]),
    /** draft | decided */
    status: text('status').notNull().default('draft'),
    decidedParagraphId: uuid('decided_paragraph_id').references(() => paragraphs.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('annual_reports_organization_year_key').on(t.organizationId, t.year)],
);

/** Projekt in the project portfolio, with its owner, manager, period, budget and outcome (whole kronor). */
export const projects = pgTable(
  'projects',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    caseNumber: text('case_number'),
    title: text('title').notNull(),
    description: text('description'),
    owner: text('owner'),
    projectManager: text('project_manager'),
    /** planned | ongoing | completed | cancelled */
    status: text('status').notNull().default('planned'),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    budget: bigint('budget', { mode: 'number' }),
    outcome: bigint('outcome', { mode: 'number' }),
    results: text('results'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('projects_organization_idx').on(t.organizationId),
    check('projects_status_check', sql`${t.status} in ('planned', 'ongoing', 'completed', 'cancelled')`),
    check('projects_period_check', sql`${t.endsOn} is null or ${t.startsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
    check('projects_amounts_check', sql`coalesce(${t.budget}, 0) >= 0 and coalesce(${t.outcome}, 0) >= 0`),
  ],
);

/** Finansiering: one funder's amount for one year of a project. */
export const projectFunding = pgTable(
  'project_funding',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    position: position(),
    /** eu | region | municipality | coordination_association | own | other */
    funderKind: text('funder_kind').notNull(),
    funderName: text('funder_name').notNull(),
    year: integer('year').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('project_funding_project_position_key').on(t.projectId, t.position), check('project_funding_amount_check', sql`${t.amount} >= 0`)],
);

/** A § that started a project, changed it or received its final report. */
export const projectDecisions = pgTable(
  'project_decisions',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    paragraphId: uuid('paragraph_id')
      .notNull()
      .references(() => paragraphs.id, { onDelete: 'cascade' }),
    /** start | change | final_report */
    kind: text('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('project_decisions_project_paragraph_kind_key').on(t.projectId, t.paragraphId, t.kind),
    index('project_decisions_paragraph_idx').on(t.paragraphId),
    check('project_decisions_kind_check', sql`${t.kind} in ('start', 'change', 'final_report')`),
  ],
);

/** An indicator of the operational plan that a project reports on. */
export const projectIndicators = pgTable(
  'project_indicators',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ name: 'project_indicators_pkey', columns: [t.projectId, t.indicatorId] })],
);
/**
 * Maskering (issue 17): a span of a text of the minutes withheld from the public rendition, with its reason
 * (OSL chapter and section, or GDPR). `target_id` is the §'s or attachment's id, or an attendee line's
 * position; `text_sha256` is the text the span was chosen in: a text changed since is withheld whole.
 */
export const personalDataMaskings = pgTable(
  'personal_data_maskings',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    targetKind: text('target_kind').notNull(),
    targetId: text('target_id').notNull(),
    field: text('field').notNull(),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
    reason: jsonb('reason').$type<Record<string, unknown>>().notNull(),
    textSha256: text('text_sha256').notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('personal_data_maskings_meeting_idx').on(t.meetingId),
    check('personal_data_maskings_target_kind_check', sql`${t.targetKind} IN ('paragraph', 'attendee', 'attachment')`),
    check('personal_data_maskings_span_check', sql`${t.startOffset} >= 0 AND ${t.endOffset} > ${t.startOffset}`),
  ],
);

/** A finding marked as reviewed (left in the public text on purpose), with the reason; the finding itself only as a hash. */
export const personalDataReviews = pgTable(
  'personal_data_reviews',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    targetKind: text('target_kind').notNull(),
    targetId: text('target_id').notNull(),
    field: text('field').notNull(),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
    findingSha256: text('finding_sha256').notNull(),
    reason: text('reason').notNull(),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('personal_data_reviews_meeting_idx').on(t.meetingId)],
);

/** A § or attachment withheld whole from the public rendition, with its reason and whether its title is shown. */
export const withheldParts = pgTable(
  'withheld_parts',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    targetKind: text('target_kind').notNull(),
    targetId: uuid('target_id').notNull(),
    reason: jsonb('reason').$type<Record<string, unknown>>().notNull(),
    showTitle: boolean('show_title').notNull().default(false),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('withheld_parts_target_key').on(t.targetKind, t.targetId),
    check('withheld_parts_target_kind_check', sql`${t.targetKind} IN ('paragraph', 'attachment')`),
  ],
);

/** Minutes kept off every public output while a personnummer in them is neither masked nor reviewed. */
export const publicationHolds = pgTable('publication_holds', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  blocking: integer('blocking').notNull(),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The masked texts of a § with maskings, which the search index (SQL) takes instead of the originals. */
export const paragraphPublicTexts = pgTable('paragraph_public_texts', {
  paragraphId: uuid('paragraph_id')
    .primaryKey()
    .references(() => paragraphs.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  decisions: jsonb('decisions').$type<string[]>().notNull(),
  bodyText: text('body_text').notNull(),
});

/** Adjusted minutes scanned for personal data (those adjusted before migration 0019 are scanned once after it). */
export const personalDataScans = pgTable('personal_data_scans', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  scannedAt: timestamp('scanned_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An import through the web (issue 18): one upload of one or more files or a zip, parsed in the background. */
export const importBatches = pgTable(
  'import_batches',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The body every file is stored in; null: the body each document names, in the organisation. */
    bodyId: uuid('body_id').references(() => bodies.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdByName: text('created_by_name'),
    /** running (files queued or parsing) | done. */
    status: text('status').notNull().default('running'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('import_batches_organization_idx').on(t.organizationId, t.createdAt),
    check('import_batches_status_check', sql`status in ('running', 'done')`),
  ],
);

/** One file of an import batch: its stored original, what parsing gave, the review's corrections, the meeting stored. */
export const importFiles = pgTable(
  'import_files',
  {
    id: id(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => importBatches.id, { onDelete: 'cascade' }),
    position: position(),
    /** The name in the upload (a zip entry's path). */
    name: text('name').notNull(),
    sha256: text('sha256'),
    /** The original as uploaded; null only when it was refused before it was kept (too large, a zip entry refused). */
    fileId: uuid('file_id').references(() => files.id, { onDelete: 'restrict' }),
    /** queued | parsing | parsed | needs_review | failed | stored. */
    status: text('status').notNull().default('queued'),
    /** Why it failed, or why storing it was refused. */
    reason: text('reason'),
    /** The parsed minutes (interchange JSON), with the review's corrections applied. */
    minutes: jsonb('minutes').$type<Record<string, unknown>>(),
    /** Review findings (and the legal checks' findings, recorded only). */
    findings: jsonb('findings').$type<unknown[]>().notNull().default([]),
    /** What the reviewer changed: field, from, to. */
    corrections: jsonb('corrections').$type<unknown[]>().notNull().default([]),
    /** adjusted | held: how the minutes are stored, from the document or the reviewer. */
    storeAs: text('store_as'),
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    attempts: integer('attempts').notNull().default(0),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('import_files_batch_position_key').on(t.batchId, t.position),
    index('import_files_status_idx').on(t.status, t.createdAt),
    check('import_files_status_check', sql`status in ('queued', 'parsing', 'parsed', 'needs_review', 'failed', 'stored')`),
  ],
);
