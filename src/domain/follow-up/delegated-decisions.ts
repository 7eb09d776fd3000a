/**
 * Delegationsbeslut listed in an "Anmälan av delegationsbeslut" §: each line names a decision taken
 * under delegation (date, Dnr, delegate, what was decided) that is reported to the body.
 */
import type { MinutesItem } from '../minutes.ts';
import { findDate } from './swedish-dates.ts';

/** A proposed delegationsbeslut, values as the list writes them; unknown is null. */
export interface DelegatedDecisionProposal {
  /** Position of the line in the § (0-based). */
  line: number;
  /** Delegat: who decided, as written ("Förbundschefen"), or null. */
  delegate: string | null;
  /** Point of the delegationsordning ("3.2"), or null. */
  rulePoint: string | null;
  decidedOn: string | null;
  /** Diarienummer as written, without "Dnr". */
  caseNumber: string | null;
  /** What was decided, as written. */
  description: string;
}

/** Whether a § reports delegated decisions (anmälan av delegationsbeslut), judged by its title. */
export function isDelegationReportItem(item: Pick<MinutesItem, 'title'>): boolean {
  return /delegations?beslut|delegeringsbeslut|beslut\s+(?:fattade|tagna)\s+(?:på|med\s+stöd\s+av)\s+delegation|delegationsärenden|anmälan\s+av\s+delegation/i.test(
    item.title,
  );
}

const delegateRoles =
  '(?:förbundschef(?:en)?|förbundsdirektör(?:en)?|biträdande\\s+förbundschef(?:en)?|kanslichef(?:en)?|ordförande(?:n)?|vice\\s+ordförande(?:n)?|presidiet|arbetsutskottet|ekonom(?:en)?|verksamhetschef(?:en)?|förvaltningschef(?:en)?|kommundirektör(?:en)?|controller(?:n)?|samordnare(?:n)?)';

/** The delegated decisions listed in a § that reports them; any other § gives none. */
export function proposeDelegatedDecisions(item: Pick<MinutesItem, 'title' | 'text'>, meetingOn: string | null): DelegatedDecisionProposal[] {
  if (!isDelegationReportItem(item) || !item.text) return [];
  const text = item.text.replace(/\s+/g, ' ').trim();
  let segments = text.split(/\s+[-–•*]\s+|\s+\d{1,2}[.)]\s+(?=\S)/);
  let intro = segments.length > 1 ? segments.shift()! : '';
  if (segments.length <= 1) {
    // No bullets: the list is a run of "Dnr …" entries.
    const byCase = text.split(/(?=\bDnr\b)/i);
    if (byCase.length > 1) {
      intro = byCase.shift()!;
      segments = byCase;
    }
  }
  const introDelegate = new RegExp(`\\b(${delegateRoles})\\s+har\\s+(?:fattat|tagit)\\b`, 'i').exec(intro)?.[1] ?? null;
  const proposals: DelegatedDecisionProposal[] = [];
  for (const raw of segments) {
    const segment = raw.trim().replace(/[.;]\s*$/, '');
    const caseMatch = /\bDnr:?\s*((?:[A-ZÅÄÖ]{1,5}\s)?[A-ZÅÄÖ]{0,4}\d[\w.:/-]*\d|[A-ZÅÄÖ]{0,4}\d+)/i.exec(segment);
    const decidedOn = findDate(segment, meetingOn);
    if (!caseMatch && !decidedOn) continue;
    let description = segment;
    let delegate: string | null = null;
    const explicit = /(?:^|,\s*|\s)(?:beslut(?:at|ad)?\s+av|beslutsfattare:?|delegat:?|fattat\s+av)\s+([^,;]+)/i.exec(segment);
    if (explicit) {
      delegate = explicit[1]!.trim();
      description = description.replace(explicit[0], '');
    } else {
      const role = new RegExp(`(?:^|,\\s*)(${delegateRoles})(?=\\s*(?:,|:|$))`, 'i').exec(segment);
      if (role) {
        delegate = role[1]!;
        description = description.replace(role[0], '');
      } else if (/\bordförandebeslut\b/i.test(segment)) {
        delegate = 'Ordföranden';
        description = description.replace(/\s*,?\s*ordförandebeslut\s*,?/i, ' ');
      }
    }
    const rule = /(?:,\s*)?\b(?:enligt\s+)?(?:delegationsordningen\s+)?(?:punkt|p\.|pkt\.?)\s*(\d+(?:\.\d+)*[a-z]?)(?:\s+i\s+delegationsordningen)?/i.exec(description);
    if (rule) description = description.replace(rule[0], '');
    if (caseMatch) description = description.replace(caseMatch[0], '');
    if (decidedOn) description = description.replace(/\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\s+\p{L}+\s+\d{4}\b/u, '');
    description = description
      .replace(/^\s*(?:beslut|delegationsbeslut)?\s*[,:;-]*\s*/i, '')
      .replace(/\s*,\s*,/g, ',')
      .replace(/^[\s,:;–-]+|[\s,:;–-]+$/g, '')
      .replace(/\s{2,}/g, ' ');
    proposals.push({
      line: proposals.length,
      delegate: delegate ?? introDelegate,
      rulePoint: rule ? rule[1]! : null,
      decidedOn,
      caseNumber: caseMatch ? caseMatch[1]!.replace(/[.,;:]+$/, '') : null,
      description: description || segment,
    });
  }
  return proposals;
}

/** A registered delegated decision as the agenda lists it. */
export interface ListedDelegatedDecision {
  delegate: string | null;
  rulePoint: string | null;
  decidedOn: string | null;
  caseNumber: string | null;
  description: string;
}

/** The first line of an "Anmälan av delegationsbeslut" § that Protokoll wrote itself. */
export const DELEGATION_LISTING_INTRO = 'Följande beslut fattade med stöd av delegation anmäls:';

/** The att-clause a body usually gives an anmälan: it takes note, it does not decide again. */
export const DELEGATION_LISTING_DECISION = 'Anmälan av delegationsbesluten läggs till handlingarna.';

/**
 * The text of an anmälan §: the intro and one "- " line per decision, worded so that the importer's
 * `proposeDelegatedDecisions` reads the same decisions back from an exported protocol. Null when there is
 * nothing to report.
 */
export function delegatedDecisionsListing(decisions: readonly ListedDelegatedDecision[]): string | null {
  if (decisions.length === 0) return null;
  const lines = decisions.map((d) => {
    const parts = [d.description.trim().replace(/[.;]\s*$/, '')];
    if (d.delegate) parts.push(`beslutat av ${d.delegate}`);
    if (d.decidedOn) parts.push(d.decidedOn);
    if (d.caseNumber) parts.push(`Dnr ${d.caseNumber}`);
    if (d.rulePoint) parts.push(`punkt ${d.rulePoint}`);
    return `- ${parts.join(', ')}`;
  });
  return [DELEGATION_LISTING_INTRO, ...lines].join('\n');
}

/** Whether a § text is empty or the listing Protokoll wrote, so it may be written again; a secretary's own text is kept. */
export function isGeneratedDelegationListing(text: string | null): boolean {
  return text === null || text.trim() === '' || text.startsWith(DELEGATION_LISTING_INTRO);
}
