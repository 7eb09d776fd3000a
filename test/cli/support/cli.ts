/**
 * Runs the `protokoll` command in this process, through `main(argv)` exactly as bin/protokoll.js does,
 * against a database of its own: a temporary data folder (PGlite), or a fresh database on the PostgreSQL
 * server named by TEST_DATABASE_URL, which the command reaches through DATABASE_URL as an operator's would.
 * `describeCliOnEachEngine` runs a block once per engine, like `describeOnEachEngine` does for services.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, vi } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { openMigratedDatabase, type DatabaseHandle, type Engine } from '../../../src/storage/database.ts';
import { createServerDatabase, testEngines } from '../../support/databases.ts';

export interface CliRun {
  code: number;
  /** Standard output as text. */
  out: string;
  /** Standard error as text. */
  err: string;
}

export interface CliWorld {
  engine: Engine;
  /** The data folder the command is given with --data (with PostgreSQL it holds nothing). */
  dataDir: string;
  /** Runs `protokoll --data <dataDir> …args` and returns its exit code and output. */
  run(...args: string[]): Promise<CliRun>;
  /** Opens the database the command uses, for counting rows; close it before the next run (PGlite has one owner). */
  withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T>;
}

/** Runs `main` with `argv` after `protokoll`, capturing standard output and error; `env` is set for the run only. */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    const code = await main(['node', 'protokoll', ...args]);
    return { code, out, err };
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    stdout.mockRestore();
    stderr.mockRestore();
  }
}


/** Runs `body` once per engine, each with an empty database of its own that the command creates. */
export function describeCliOnEachEngine(title: string, body: (cli: () => CliWorld) => void): void {
  for (const engine of testEngines) {
    const available = engine === 'pglite' || Boolean(process.env.TEST_DATABASE_URL);
    const block = available ? describe : describe.skip;
    block(`${title} [${engine}]`, () => {
      let world: CliWorld | undefined;
      let cleanup = async () => {};
      beforeAll(async () => {
        const dataDir = mkdtempSync(join(tmpdir(), 'protokoll-cli-'));
        const server = engine === 'postgres' ? await createServerDatabase('protokoll_cli') : null;
        // Whatever the developer's shell says, the command reaches exactly the database under test.
        const env = { DATABASE_URL: server?.url, PROTOKOLL_DATA: undefined };
        cleanup = async () => {
          await server?.drop();
          rmSync(dataDir, { recursive: true, force: true });
        };
        world = {
          engine,
          dataDir,
          run: (...args) => runCli(['--data', dataDir, ...args], env),
          withDatabase: async (work) => {
            const handle = await openMigratedDatabase(server ? { databaseUrl: server.url } : { dataDir });
            try {
              return await work(handle);
            } finally {
              await handle.close();
            }
          },
        };
      });
      afterAll(async () => {
        await cleanup();
      });
      body(() => {
        if (!world) throw new Error('the command line world is not set up');
        return world;
      });
    });
  }
}
