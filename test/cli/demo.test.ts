/**
 * `protokoll demo` keeps what the README promises: a fictional förbund of four municipalities with a
 * board and a network, a year of meetings with kallelser, adjusted minutes, votes, reservations,
 * signatures and notices, and demo accounts that can sign in. The real command is started on port 0
 * and stopped; the same seeding is checked on each engine, where `protokoll export` gives adjusted
 * minutes exactly as signed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { addDays, todayInSweden } from '../../src/domain/legal-dates.ts';
import { authenticate } from '../../src/services/accounts.service.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/seed-demo.ts';
import { FORBUND, MUNICIPALITIES, NETWORK } from '../../src/demo/fictional-forbund.ts';
import { openMigratedDatabase, queryRows, type Database } from '../../src/storage/index.ts';
import { describeCliOnEachEngine, runCli } from './support/cli.ts';

const bin = fileURLToPath(new URL('../../bin/protokoll.js', import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'protokoll-cli-demo-'));
let demoProcess: ChildProcess | undefined;
afterAll(() => {
  // Should the test time out while the demo serves, the demo is still stopped.
  if (demoProcess && demoProcess.exitCode === null) demoProcess.kill('SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
});

const ACCOUNT_ROLES = ['administratör', 'sekreterare i förbundsdirektionen', 'ordförande (signerar)', 'justerare av senaste protokollet', 'ledamot'];
/** The command also fills a second organisation with its own secretary, so that isolation can be seen (issue 23). */
const PRINTED_ACCOUNT_ROLES = [...ACCOUNT_ROLES, 'sekreterare i ett annat förbund (samordningsförbundet)'];

const count = async (db: Database, query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number | string }>(db, query))[0]?.n);

/** Checks the demo's data as the README describes it, for a demo filled on `today`. */
async function expectDemoPromises(db: Database, today: string): Promise<void> {
  const organizations = await queryRows<{ name: string; organization_type: string }>(db, sql`select name, organization_type from organizations order by name`);
  expect(organizations.filter((o) => o.organization_type === 'municipal').map((o) => o.name)).toEqual([...MUNICIPALITIES].sort());
  expect(organizations.filter((o) => o.organization_type === 'kommunalforbund').map((o) => o.name)).toEqual([FORBUND.name]);

  const bodies = await queryRows<{ name: string; body_kind: string }>(db, sql`select b.name, b.body_kind from bodies b join organizations o on o.id = b.organization_id where o.organization_type <> 'samordningsforbund' order by b.name`);
  expect(bodies).toEqual([
    { name: 'Förbundsdirektionen', body_kind: 'board' },
    { name: NETWORK.name, body_kind: 'network' },
  ]);
  // Members with parties and mandates, appointed by the member municipalities.
  expect(await count(db, sql`select count(*)::int as n from mandates m join bodies b on b.id = m.body_id where b.name = 'Förbundsdirektionen' and m.party is not null and m.appointed_by_id is not null`)).toBeGreaterThanOrEqual(7);

  const board = await queryRows<{ id: string; held_on: string; status: string; convened: boolean; signed_file_id: string | null }>(
    db,
    sql`select m.id, m.held_on::text as held_on, m.status, m.convened_at is not null as convened, m.signed_file_id
        from meetings m join bodies b on b.id = m.body_id where b.name = 'Förbundsdirektionen' order by m.held_on`,
  );
  // A year of meetings: six held within the past year, five adjusted and one awaiting signatures, and one planned.
  expect(board.map((m) => m.status)).toEqual(['adjusted', 'adjusted', 'adjusted', 'adjusted', 'adjusted', 'finalised', 'convened']);
  expect(board[0]!.held_on >= addDays(today, -366)).toBe(true);
  expect(board[5]!.held_on <= today && board[6]!.held_on > today).toBe(true);
  expect(board.every((m) => m.convened)).toBe(true);
  const adjusted = board.filter((m) => m.status === 'adjusted');
  expect(adjusted.every((m) => m.signed_file_id !== null)).toBe(true);

  // Each adjusted meeting: the chair and an adjuster signed, and its notice is posted with its dates.
  for (const meeting of adjusted) {
    const signatures = await queryRows<{ role: string; status: string }>(db, sql`select role, status from signatures where meeting_id = ${meeting.id} order by role`);
    expect(signatures.filter((s) => s.status === 'signed').map((s) => s.role)).toEqual(expect.arrayContaining(['chair', 'adjuster']));
    expect(signatures.every((s) => s.status === 'signed'), JSON.stringify(signatures)).toBe(true);
    const notices = await queryRows<{ posted_on: string | null; last_appeal_on: string | null }>(
      db,
      sql`select posted_on::text as posted_on, last_appeal_on::text as last_appeal_on from notices where meeting_id = ${meeting.id}`,
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]!.posted_on! > meeting.held_on && notices[0]!.last_appeal_on! > notices[0]!.posted_on!).toBe(true);
  }
  const awaiting = board[5]!;
  const awaitingSignatures = await queryRows<{ role: string; status: string }>(db, sql`select role, status from signatures where meeting_id = ${awaiting.id}`);
  expect(awaitingSignatures.filter((s) => s.status === 'pending').map((s) => s.role), JSON.stringify(awaitingSignatures)).toEqual(expect.arrayContaining(['chair', 'adjuster']));

  expect(await count(db, sql`select count(*)::int as n from votes`)).toBeGreaterThan(0);
  expect(await count(db, sql`select count(*)::int as n from reservations`)).toBeGreaterThan(0);
  // The decisions give assignments ('får i uppdrag'), in the minutes' own words.
  expect(await count(db, sql`select count(*)::int as n from decision_points where text like '%får i uppdrag%'`)).toBeGreaterThan(0);
  // … which stand in the assignments register, confirmed, each with the § it came from.
  const assignments = await queryRows<{ status: string; from_paragraph: boolean }>(db, sql`select status, decision_point_id is not null as from_paragraph from assignments`);
  expect(assignments.length).toBeGreaterThan(0);
  expect(assignments.every((a) => a.status === 'open' && a.from_paragraph)).toBe(true);
  // Delegated decisions were reported at the anmälan of the meeting after them.
  const reported = await count(db, sql`select count(*)::int as n from delegated_decisions d join paragraphs p on p.id = d.reported_paragraph_id where d.status = 'reported' and p.agenda_kind = 'delegated_decisions'`);
  expect(reported).toBeGreaterThan(0);
  // The network keeps notes.
  expect(await count(db, sql`select count(*)::int as n from meetings m join bodies b on b.id = m.body_id where b.name = ${NETWORK.name} and m.minutes_kind = 'notes'`)).toBe(3);
}

/** What the demo prints once it serves: its address, the shared password and the accounts. */
interface DemoOutput {
  address: string;
  password: string;
  accounts: { email: string; name: string; what: string }[];
}

function readDemoOutput(out: string): DemoOutput {
  const address = /Protokoll-demo körs på (http:\/\/\S+)/u.exec(out)?.[1];
  const password = /lösenord för alla: (\S+)\):/u.exec(out)?.[1];
  if (!address || !password) throw new Error(`the demo did not print its address and password:\n${out}`);
  const accounts = [...out.matchAll(/^ {2}(\S+@\S+)\s+(.+?) – (.+)$/gmu)].map((m) => ({ email: m[1]!, name: m[2]!, what: m[3]! }));
  return { address, password, accounts };
}

/** Resolves with standard output once the demo says it serves; rejects if it exits first. */
function waitUntilServing(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('Stoppa med Ctrl-C')) resolve(out);
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`protokoll demo exited with ${code} before serving:\n${out}\n${err}`)));
  });
}

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');

/** Signs in through the web form, as a person would: the form's CSRF token, then email and password. */
async function signIn(address: string, email: string, password: string): Promise<{ status: number; cookie: string; location: string | null }> {
  const form = await fetch(`${address}/logga-in`);
  const csrf = /name="_csrf" value="([^"]+)"/u.exec(await form.text())?.[1];
  if (!csrf) throw new Error('the sign-in form has no CSRF field');
  const response = await fetch(`${address}/logga-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(form) },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  });
  await response.arrayBuffer();
  return { status: response.status, cookie: cookiesOf(response), location: response.headers.get('location') };
}

it(
  'protokoll demo --port 0 fills a fresh data folder, serves the notice board, lets every printed account sign in, and stops on SIGTERM',
  async () => {
    const dataDir = join(workDir, 'demo');
    const today = todayInSweden(new Date());
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [bin, '--data', dataDir, 'demo', '--port', '0', '--host', '127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    demoProcess = child;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const demo = readDemoOutput(await waitUntilServing(child));
      expect(demo.password).toBe(DEMO_PASSWORD);
      expect(demo.accounts.map((a) => a.what)).toEqual(PRINTED_ACCOUNT_ROLES);

      const board = await fetch(`${demo.address}/anslagstavla`);
      expect(board.status).toBe(200);
      expect(await board.text()).toContain('Förbundsdirektionen');
      expect((await fetch(`${demo.address}/arkiv`)).status).toBe(200);

      for (const account of demo.accounts) {
        const signedIn = await signIn(demo.address, account.email, demo.password);
        expect(signedIn, account.email).toMatchObject({ status: 303, location: '/mina-sammantraden' });
        const page = await fetch(`${demo.address}${signedIn.location}`, { headers: { cookie: signedIn.cookie }, redirect: 'manual' });
        expect(page.status, account.email).toBe(200);
        expect(await page.text(), account.email).toContain(account.name);
      }
      expect((await signIn(demo.address, demo.accounts[1]!.email, 'fel-lösenord')).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);

    // What it served is in the data folder, marked as the demo's so that the next demo may replace it.
    const handle = await openMigratedDatabase({ dataDir });
    try {
      await expectDemoPromises(handle.db, today);
      const second = await queryRows<{ meetings: number; secretaries: number }>(
        handle.db,
        sql`select (select count(*)::int from meetings m join bodies b on b.id = m.body_id join organizations o on o.id = b.organization_id where o.organization_type = 'samordningsforbund') as meetings,
                   (select count(*)::int from user_roles r join organizations o on o.id = r.organization_id where o.organization_type = 'samordningsforbund' and r.role = 'secretary') as secretaries`,
      );
      expect(second).toEqual([{ meetings: 2, secretaries: 1 }]);
    } finally {
      await handle.close();
    }
    expect(readFileSync(join(dataDir, '.protokoll-demo'), 'utf8')).toContain('protokoll demo');
  },
  180_000,
);

it('protokoll demo refuses a data folder that holds something else, and leaves it alone', async () => {
  const dataDir = join(workDir, 'not-a-demo');
  mkdirSync(dataDir);
  writeFileSync(join(dataDir, 'viktigt.txt'), 'riktiga protokoll');
  const run = await runCli(['--data', dataDir, 'demo', '--port', '0']);
  expect(run).toEqual({ code: 1, out: '', err: `error: --data: ${dataDir} holds data that is not a demo; give an empty folder with --data\n` });
  expect(readFileSync(join(dataDir, 'viktigt.txt'), 'utf8')).toBe('riktiga protokoll');
});

describeCliOnEachEngine('the demo förbund', (cli) => {
  it('keeps the README promises on this engine, and protokoll export gives adjusted minutes exactly as signed', async () => {
    const today = '2026-03-16';
    const demo = await cli().withDatabase(async (handle) => {
      const seeded = await seedDemo(handle, { today });
      await expectDemoPromises(handle.db, today);
      for (const account of seeded.accounts) expect(await authenticate(handle.db, { email: account.email, password: DEMO_PASSWORD }), account.email).not.toBeNull();
      expect(await authenticate(handle.db, { email: seeded.accounts[0]!.email, password: 'fel-lösenord' })).toBeNull();
      const [signed] = await queryRows<{ id: string; sha256: string }>(
        handle.db,
        sql`select m.id, f.sha256 from meetings m join files f on f.id = m.signed_file_id where m.status = 'adjusted' order by m.held_on desc limit 1`,
      );
      return { ...seeded, signed: signed! };
    });
    expect(demo.accounts.map((a) => a.what)).toEqual(ACCOUNT_ROLES);

    const file = join(workDir, `signed-${cli().engine}.pdf`);
    expect(await cli().run('export', demo.signed.id, '--format', 'pdf', '-o', file)).toMatchObject({ code: 0, err: '' });
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(demo.signed.sha256);
    // Seeding signs every adjusted protocol with PAdES signatures and a seal (issue 16): some forty RSA signatures.
  }, 180_000);
});
