import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditEntryHash, canonicalJson, contentDifferences, sealedContentOf, sha256Hex, type AuditEntryContent } from './integrity.ts';
import type { Minutes } from './minutes.ts';

function minutes(): Minutes {
  return {
    kind: 'protocol',
    organization: 'Testförbundet',
    body: 'Styrelsen',
    meeting: { date: '2026-03-02', start: '09:00', end: '11:00', location: 'Förbundshuset', remote: false },
    paragraphRange: { first: 1, last: 3 },
    adjustment: { adjusters: ['Bo Gran'], date: '2026-03-05', place: null },
    signatures: [{ role: 'secretary', name: 'Dan Sekr', signedAt: '2026-03-05T10:00:00+01:00' }],
    notice: { postedFrom: '2026-03-06', postedUntil: '2026-03-27', storage: 'Kansliet' },
    attendees: [{ name: 'Anna Ek', party: 'S', represents: 'Älvby', role: 'chair', voting: true, remote: false, paragraphs: null }],
    items: [1, 2, 3].map((number) => ({ number, title: `Ärende ${number}`, caseNumber: null, decisions: [`Beslut ${number}.`], text: `Text ${number}.` })),
  };
}

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys at every depth and leaves out undefined, whatever order the object was built in', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 'å', e: null }], c: undefined } })).toBe('{"a":{"d":[2,{"e":null,"f":"å"}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('writes numbers in one form', () => {
    expect(canonicalJson([1.0, 1e21, 0.1, -0])).toBe('[1,1e+21,0.1,0]');
  });
});

describe('the seal of minutes', () => {
  it('is the SHA-256 of the canonical minutes without the notice, which may lawfully be re-dated', () => {
    const original = minutes();
    const { notice: _notice, ...content } = original;
    const expected = createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
    expect(sealedContentOf(original).contentSha256).toBe(expected);
    const redated = { ...original, notice: { postedFrom: '2026-03-07', postedUntil: '2026-03-28', storage: 'Kansliet' } };
    expect(sealedContentOf(redated)).toEqual(sealedContentOf(original));
  });

  it('names the § whose text or decision changed, and nothing else', () => {
    const sealed = sealedContentOf(minutes());
    const text = minutes();
    text.items[1]!.text = 'Text 2, ändrad.';
    expect(contentDifferences(sealed, sealedContentOf(text))).toEqual([{ kind: 'paragraph', change: 'changed', number: 2, position: 1 }]);
    const decision = minutes();
    decision.items[2]!.decisions = ['Ett annat beslut.'];
    expect(contentDifferences(sealed, sealedContentOf(decision))).toEqual([{ kind: 'paragraph', change: 'changed', number: 3, position: 2 }]);
  });

  it('names a removed § as removed, not every § after it as changed', () => {
    const sealed = sealedContentOf(minutes());
    const removed = minutes();
    removed.items.splice(1, 1);
    expect(contentDifferences(sealed, sealedContentOf(removed))).toEqual([{ kind: 'paragraph', change: 'removed', number: 2, position: 1 }]);
    const added = minutes();
    added.items.push({ number: 4, title: 'Tillagt', caseNumber: null, decisions: [] });
    expect(contentDifferences(sealed, sealedContentOf(added))).toEqual([{ kind: 'paragraph', change: 'added', number: 4, position: 3 }]);
  });

  it('names the attendance list and the signatures as parts', () => {
    const sealed = sealedContentOf(minutes());
    const changed = minutes();
    changed.attendees[0]!.voting = false;
    changed.signatures[0]!.name = 'Någon annan';
    expect(contentDifferences(sealed, sealedContentOf(changed))).toEqual([
      { kind: 'part', part: 'attendees' },
      { kind: 'part', part: 'adjustment' },
    ]);
  });

  it('finds no difference in unchanged minutes', () => {
    expect(contentDifferences(sealedContentOf(minutes()), sealedContentOf(minutes()))).toEqual([]);
  });
});

describe('the hash of an audit entry', () => {
  const entry: AuditEntryContent = {
    id: '00000000-0000-4000-8000-000000000001',
    at: '2026-03-05T09:00:00.000Z',
    actor: 'cli:sekreterare',
    kind: 'minutes.signed',
    entityType: 'meeting',
    entityId: '00000000-0000-4000-8000-000000000002',
    data: { sha256: 'ab', provider: 'built-in' },
  };

  it('is SHA-256 over the previous hash followed by the canonical entry', () => {
    const content = '{"actor":"cli:sekreterare","at":"2026-03-05T09:00:00.000Z","data":{"provider":"built-in","sha256":"ab"},"entity":{"id":"00000000-0000-4000-8000-000000000002","type":"meeting"},"id":"00000000-0000-4000-8000-000000000001","kind":"minutes.signed"}';
    expect(auditEntryHash(null, entry)).toBe(sha256Hex(content));
    expect(auditEntryHash('f'.repeat(64), entry)).toBe(sha256Hex(`${'f'.repeat(64)}${content}`));
  });

  it('changes with any field and with the previous hash', () => {
    const base = auditEntryHash(null, entry);
    expect(auditEntryHash(null, { ...entry, data: { ...entry.data, sha256: 'ac' } })).not.toBe(base);
    expect(auditEntryHash(null, { ...entry, at: '2026-03-05T09:00:00.001Z' })).not.toBe(base);
    expect(auditEntryHash(null, { ...entry, actor: null })).not.toBe(base);
    expect(auditEntryHash('0'.repeat(64), entry)).not.toBe(base);
  });
});
