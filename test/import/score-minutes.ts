/**
 * The scoring of shared/tools/score-minutes.mjs (the scorer the importer is judged by), as a function, so
 * tests can score a parse of transformed text without writing files and spawning the CLI. Keep in step with
 * the tool: same normalisation, thresholds and parts.
 */

export interface ScoreParts {
  header: number;
  adjusters: number;
  signatures: number;
  attendees: number;
  attendeeDetails: number;
  items: number;
  caseNumbers: number;
  decisions: number;
}

export interface DocScore {
  parts: ScoreParts;
  total: number;
  notes: string[];
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the scorer reads untyped JSON like the tool does */
type Json = any;

const norm = (s: unknown): string =>
  s == null
    ? ''
    : String(s)
        .normalize('NFC')
        .toLowerCase()
        .replace(/§/g, ' ')
        .replace(/[\u2013\u2014]/g, '-')
        .replace(/[”“"'’]/g, '')
        .replace(/\s+/g, ' ')
        .replace(/^[\s.,:;*-]+|[\s.,:;*]+$/g, '')
        .trim();

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const c = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + c);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

const sim = (x: unknown, y: unknown): number => {
  const a = norm(x);
  const b = norm(y);
  if (!a && !b) return 1;
  if (!a || !b) return 0;
  return 1 - levenshtein(a, b) / Math.max(a.length, b.length);
};
const same = (x: unknown, y: unknown) => (x ?? null) === (y ?? null);

function match<T>(expected: T[], produced: T[], score: (a: T, b: T) => number, threshold: number): Array<[T, T]> {
  const cands: Array<[number, number, number]> = [];
  expected.forEach((e, i) =>
    produced.forEach((p, j) => {
      const s = score(e, p);
      if (s >= threshold) cands.push([s, i, j]);
    }),
  );
  cands.sort((a, b) => b[0] - a[0]);
  const usedE = new Set<number>();
  const usedP = new Set<number>();
  const pairs: Array<[T, T]> = [];
  for (const [, i, j] of cands) {
    if (usedE.has(i) || usedP.has(j)) continue;
    usedE.add(i);
    usedP.add(j);
    pairs.push([expected[i]!, produced[j]!]);
  }
  return pairs;
}

const f1 = (nMatched: number, nExpected: number, nProduced: number) => {
  if (nExpected === 0 && nProduced === 0) return 1;
  if (nExpected === 0 || nProduced === 0) return 0;
  const p = nMatched / nProduced;
  const r = nMatched / nExpected;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
};
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 1);

/** Scores produced minutes against the expected annotation, as the shared scorer does. */
export function scoreMinutes(exp: Json, got: Json): DocScore {
  const notes: string[] = [];
  const check = (label: string, ok: boolean) => {
    if (!ok) notes.push(label);
    return ok ? 1 : 0;
  };
  const g = got ?? {};
  const gm = g.meeting ?? {};
  const em = exp.meeting ?? {};
  const header = [
    check('kind', same(exp.kind, g.kind)),
    check('organization', sim(exp.organization, g.organization) >= 0.85),
    check('body', sim(exp.body, g.body) >= 0.85),
    check('meeting.date', same(em.date, gm.date)),
    check('meeting.start', same(em.start, gm.start)),
    check('meeting.end', same(em.end, gm.end)),
    check('meeting.location', sim(em.location, gm.location) >= 0.8),
    check('meeting.remote', same(em.remote, gm.remote)),
    check('paragraphRange', JSON.stringify(exp.paragraphRange ?? null) === JSON.stringify(g.paragraphRange ?? null)),
    check('adjustment.date', same(exp.adjustment?.date, g.adjustment?.date)),
    check('notice.postedFrom', same(exp.notice?.postedFrom, g.notice?.postedFrom)),
    check('notice.postedUntil', same(exp.notice?.postedUntil, g.notice?.postedUntil)),
  ];
  const eAdj: Json[] = exp.adjustment?.adjusters ?? [];
  const gAdj: Json[] = g.adjustment?.adjusters ?? [];
  const adjusters = f1(match(eAdj, gAdj, sim, 0.9).length, eAdj.length, gAdj.length);
  if (adjusters < 1) notes.push('adjusters');
  const eSig: Json[] = exp.signatures ?? [];
  const gSig: Json[] = g.signatures ?? [];
  const signatures = f1(match(eSig, gSig, (a, b) => (a.role === b.role ? sim(a.name, b.name) : 0), 0.9).length, eSig.length, gSig.length);
  if (signatures < 1) notes.push('signatures');
  const eAtt: Json[] = exp.attendees ?? [];
  const gAtt: Json[] = g.attendees ?? [];
  const attPairs = match(eAtt, gAtt, (a, b) => sim(a.name, b.name), 0.9);
  const attendees = f1(attPairs.length, eAtt.length, gAtt.length);
  if (attendees < 1) notes.push(`attendees ${attPairs.length}/${eAtt.length} matched, ${gAtt.length} produced`);
  const attrs: number[] = [];
  for (const [e, p] of attPairs) {
    attrs.push(same(e.role, p.role) ? 1 : 0);
    attrs.push(norm(e.party) === norm(p.party) ? 1 : 0);
    attrs.push(same(e.voting, p.voting) ? 1 : 0);
    attrs.push(same(e.remote ?? false, p.remote ?? false) ? 1 : 0);
    attrs.push(sim(e.represents, p.represents) >= 0.85 ? 1 : 0);
    attrs.push(norm(e.paragraphs).replace(/\s/g, '') === norm(p.paragraphs).replace(/\s/g, '') ? 1 : 0);
  }
  const attendeeDetails = mean(attrs);
  if (attendeeDetails < 1) notes.push(`attendee details ${(attendeeDetails * 100).toFixed(0)}%`);
  const eItems: Json[] = exp.items ?? [];
  const gItems: Json[] = g.items ?? [];
  const itemPairs = match(eItems, gItems, (a, b) => (a.number != null && a.number !== b.number ? 0 : sim(a.title, b.title)), 0.85);
  const items = f1(itemPairs.length, eItems.length, gItems.length);
  if (items < 1) notes.push(`items ${itemPairs.length}/${eItems.length} matched, ${gItems.length} produced`);
  const caseNumbers = mean(itemPairs.map(([e, p]) => (norm(e.caseNumber) === norm(p.caseNumber) ? 1 : 0)));
  if (caseNumbers < 1) notes.push('case numbers');
  let decMatched = 0;
  let decExpected = 0;
  let decProduced = 0;
  for (const [e, p] of itemPairs) {
    const ed: Json[] = e.decisions ?? [];
    const pd: Json[] = p.decisions ?? [];
    decMatched += match(ed, pd, sim, 0.85).length;
    decExpected += ed.length;
    decProduced += pd.length;
  }
  for (const e of eItems) if (!itemPairs.some(([x]) => x === e)) decExpected += (e.decisions ?? []).length;
  const decisions = f1(decMatched, decExpected, decProduced);
  if (decisions < 1) notes.push(`decisions ${decMatched}/${decExpected} matched, ${decProduced} produced`);
  const parts: ScoreParts = { header: mean(header), adjusters, signatures, attendees, attendeeDetails, items, caseNumbers, decisions };
  return { parts, total: mean(Object.values(parts)), notes };
}
