/**
 * Bevakningar (issue 15): a signed-in user watches a body or a search and hears by e-mail when adjusted
 * minutes with something for them are published. Only what the public may read is ever looked at: the
 * minutes of a meeting once adjusted, never a draft and never a confidential § (not even its title), and
 * a search watch runs the public search, the same scope as /sok. Each mail carries a link that ends the
 * watch without signing in (the token is the secret), also as List-Unsubscribe for one-click (RFC 8058).
 */
import { randomBytes } from 'node:crypto';
import { InputError, NotFoundError, UnauthenticatedError } from '../errors.ts';
import {
  appendAuditEvent,
  deleteWatch,
  enqueueMessage,
  findWatchById,
  findWatchByToken,
  inTransaction,
  insertWatch,
  isPublicBody,
  listActiveWatches,
  listMinutesAdjustedSince,
  listPublicBodies,
  listPublicParagraphTitles,
  listWatchesOfUser,
  type AdjustedMeetingRow,
  type Database,
  type WatchView,
} from '../storage/index.ts';
import type { Viewer } from './accounts.service.ts';
import { watchMatch, type MailLanguage } from './mail/templates.ts';
import { searchDecisions } from './search.service.ts';

export type { WatchView } from '../storage/index.ts';

export const MIN_WATCH_QUERY = 2;
export const MAX_WATCH_QUERY = 200;
/**
 * Minutes adjusted longer ago than this are not looked at again: each (watch, meeting) is mailed once by
 * its dedupe key, so looking further back would only repeat searches whose mail is already written. A
 * server that was down for longer than this does not mail what was adjusted meanwhile.
 */
const LOOKBACK_DAYS = 30;

function requireSignedIn(viewer: Viewer | null | undefined): Viewer {
  if (!viewer) throw new UnauthenticatedError('not_signed_in', 'sign in to watch');
  return viewer;
}

const notFound = (id: string) => new NotFoundError('watch_not_found', `no watch ${id}`);

/** Starts watching a body whose meetings are public, or a search (2–200 characters). */
export async function createWatch(db: Database, viewer: Viewer | null, input: { bodyId: string } | { query: string }): Promise<WatchView> {
  const user = requireSignedIn(viewer);
  return inTransaction(db, async (tx) => {
    let bodyId: string | null = null;
    let query: string | null = null;
    if ('bodyId' in input) {
      const id = input.bodyId.trim();
      if (!id) throw new InputError({ path: 'bodyId', code: 'required', message: 'choose a body' });
      if (!/^[0-9a-f-]{36}$/iu.test(id) || !(await isPublicBody(tx, id))) throw new InputError({ path: 'bodyId', code: 'body_not_public', message: 'no public body with that id' });
      bodyId = id;
    } else {
      query = input.query.trim().replace(/\s+/gu, ' ');
      if (!query) throw new InputError({ path: 'query', code: 'required', message: 'give words to watch' });
      if (query.length < MIN_WATCH_QUERY || query.length > MAX_WATCH_QUERY) {
        throw new InputError({ path: 'query', code: 'watch_query_length', message: `a search to watch has ${MIN_WATCH_QUERY}–${MAX_WATCH_QUERY} characters` });
      }
    }
    const row = await insertWatch(tx, { userId: user.id, bodyId, query, unsubscribeToken: randomBytes(32).toString('base64url') });
    if (!row) throw new InputError({ path: bodyId ? 'bodyId' : 'query', code: 'watch_exists', message: 'you already watch this' });
    await appendAuditEvent(tx, { kind: 'watch.created', entityType: 'watch', entityId: row.id, actor: user.id, data: { bodyId, query } });
    return (await findWatchById(tx, row.id))!;
  });
}

/** The bodies that can be watched: those with a meeting the public may know of. */
export async function listWatchableBodies(db: Database): Promise<{ id: string; name: string; organizationName: string | null }[]> {
  return listPublicBodies(db);
}

/** The signed-in user's own watches. */
export async function listWatches(db: Database, viewer: Viewer | null): Promise<WatchView[]> {
  return listWatchesOfUser(db, requireSignedIn(viewer).id);
}

/** Ends one of the user's own watches; someone else's does not exist for them. */
export async function removeWatch(db: Database, viewer: Viewer | null, id: string): Promise<void> {
  const user = requireSignedIn(viewer);
  await inTransaction(db, async (tx) => {
    const watch = /^[0-9a-f-]{36}$/iu.test(id) ? await findWatchById(tx, id) : null;
    if (!watch || watch.userId !== user.id) throw notFound(id);
    await deleteWatch(tx, watch.id);
    await appendAuditEvent(tx, { kind: 'watch.removed', entityType: 'watch', entityId: watch.id, actor: user.id, data: { bodyId: watch.bodyId, query: watch.query } });
  });
}

/** The watch an unsubscribe link names (for the page that asks to confirm); not found for an unknown token. */
export async function findWatchForUnsubscribe(db: Database, token: string): Promise<WatchView> {
  const watch = token ? await findWatchByToken(db, token) : null;
  if (!watch) throw notFound('(token)');
  return watch;
}

/** Ends the watch an unsubscribe link names, without sign-in: the token is the secret. */
export async function unsubscribe(db: Database, token: string): Promise<WatchView> {
  return inTransaction(db, async (tx) => {
    const watch = token ? await findWatchByToken(tx, token) : null;
    if (!watch) throw notFound('(token)');
    await deleteWatch(tx, watch.id);
    await appendAuditEvent(tx, { kind: 'watch.unsubscribed', entityType: 'watch', entityId: watch.id, actor: null, data: { userId: watch.userId, bodyId: watch.bodyId, query: watch.query, by: 'link' } });
    return watch;
  });
}

/** The §§ of newly adjusted minutes a watch is about: every public § for a body, the public search's hits for a search. */
async function matchesOf(db: Database, watch: WatchView, meeting: AdjustedMeetingRow): Promise<{ number: number | null; title: string }[]> {
  if (watch.bodyId) return watch.bodyId === meeting.bodyId ? listPublicParagraphTitles(db, meeting.id) : [];
  if (!watch.query || !meeting.heldOn) return [];
  try {
    const result = await searchDecisions(db, {
      query: watch.query,
      filters: { body: meeting.bodyId, from: meeting.heldOn, to: meeting.heldOn },
      pageSize: 100,
      audience: 'public',
    });
    // Titles merely like the words (the fallback for misspellings) are no reason to mail anyone.
    if (result.interpretation.matchedBy !== 'text' && result.interpretation.matchedBy !== 'case_number') return [];
    const hits = result.hits.filter((h) => h.meetingId === meeting.id);
    return [...hits].sort((a, b) => (a.number ?? 0) - (b.number ?? 0)).map((h) => ({ number: h.number, title: h.title }));
  } catch (error) {
    // A watched query the search cannot read any more (only excluded words, say) finds nothing.
    if (error instanceof InputError) return [];
    throw error;
  }
}

export interface WatchMailRun {
  written: number;
}

/**
 * Writes one mail per watch and newly adjusted meeting with something for it: minutes adjusted after the
 * watch was made. Run as often as wanted (each hour with the reminders): the dedupe key
 * `watch:<watch>:<meeting>` is taken once by the outbox.
 */
export async function queueWatchMail(db: Database, options: { today: string; publicUrl: string; mailDomain: string; now?: Date }): Promise<WatchMailRun> {
  const publicUrl = options.publicUrl.replace(/\/+$/u, '');
  const now = options.now ?? new Date();
  const watches = await listActiveWatches(db);
  if (watches.length === 0) return { written: 0 };
  const since = new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000);
  const meetings = await listMinutesAdjustedSince(db, { since });
  const mails: Parameters<typeof enqueueMessage>[1][] = [];
  for (const watch of watches) {
    for (const meeting of meetings) {
      if (meeting.adjustedAt <= watch.createdAt) continue;
      if (watch.bodyId && watch.bodyId !== meeting.bodyId) continue;
      const paragraphs = await matchesOf(db, watch, meeting);
      if (paragraphs.length === 0) continue;
      const language: MailLanguage = watch.language === 'en' ? 'en' : 'sv';
      const unsubscribeUrl = `${publicUrl}/bevakning/avsluta/${watch.unsubscribeToken}`;
      const content = watchMatch(language, {
        meeting: { bodyName: meeting.bodyName, organizationName: meeting.organizationName, heldOn: meeting.heldOn ?? '' },
        watched: watch.bodyId ? { kind: 'body', name: watch.bodyName ?? meeting.bodyName } : { kind: 'search', query: watch.query ?? '' },
        paragraphs,
        url: `${publicUrl}/arkiv/sammantraden/${meeting.id}`,
        unsubscribeUrl,
      });
      mails.push({
        kind: 'watch',
        recipientAddress: watch.email,
        recipientName: watch.userName,
        language,
        subject: content.subject,
        textBody: content.text,
        htmlBody: content.html,
        meetingId: meeting.id,
        dedupeKey: `watch:${watch.id}:${meeting.id}`,
        // RFC 2369 and RFC 8058: the mail program offers "unsubscribe", and may POST to it without a visit.
        headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        messageIdDomain: options.mailDomain,
      });
    }
  }
  if (mails.length === 0) return { written: 0 };
  return inTransaction(db, async (tx) => {
    let written = 0;
    for (const mail of mails) if (await enqueueMessage(tx, mail)) written += 1;
    return { written };
  });
}
