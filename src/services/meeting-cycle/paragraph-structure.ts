/**
 * The structured parts of a § as a secretary writes it (issue 19): who put the proposal, the yrkanden, the
 * propositionsordning and how the § was decided, the protokollsanteckningar and who left the room for jäv.
 * Kept apart from updateParagraph so that the planning step only passes them through.
 */
import { z } from 'zod';
import { decisionMethods, motionSchema, protocolNoteSchema, type DecisionMethod, type Motion, type ProtocolNote } from '../../domain/minutes.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import type { replaceParagraphChildren, updateParagraphRow } from '../../storage/meeting-cycle.store.ts';

/** The structured changes a § edit may carry; a field left out is not changed. */
export interface StructuredParagraphChanges {
  proposedBy?: string | null;
  motions?: Motion[];
  propositionOrder?: string | null;
  decisionMethod?: DecisionMethod | null;
  protocolNotes?: ProtocolNote[];
  /** Those of `disqualified` who left the room; saved together with `disqualified`. */
  leftRoom?: string[];
}

type RowValues = Parameters<typeof updateParagraphRow>[2];
type Children = Parameters<typeof replaceParagraphChildren>[2];

/** Checks the structured changes (problems at 'motions[0].mover' and so on) and splits them into row values and child rows. */
export function structuredParagraphParts(changes: StructuredParagraphChanges): { row: RowValues; children: Children } {
  const motions = changes.motions ? parseOrThrow(z.array(motionSchema), changes.motions, 'motions') : undefined;
  const notes = changes.protocolNotes ? parseOrThrow(z.array(protocolNoteSchema), changes.protocolNotes, 'protocolNotes') : undefined;
  const method = changes.decisionMethod != null ? parseOrThrow(z.enum(decisionMethods), changes.decisionMethod, 'decisionMethod') : changes.decisionMethod;
  const row: RowValues = {};
  if (changes.proposedBy !== undefined) row.proposedBy = changes.proposedBy;
  if (changes.propositionOrder !== undefined) row.propositionOrder = changes.propositionOrder;
  if (method !== undefined) row.decisionMethod = method;
  const children: Children = {};
  if (motions) {
    children.motions = motions.map((m) => ({ mover: m.mover.trim(), party: m.party ?? null, text: m.text, supportedBy: m.supportedBy ?? [] }));
  }
  if (notes) children.protocolNotes = notes.map((n) => ({ name: n.name.trim(), party: n.party ?? null, text: n.text }));
  if (changes.leftRoom) children.leftRoom = changes.leftRoom;
  return { row, children };
}
