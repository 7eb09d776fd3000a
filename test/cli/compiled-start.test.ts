/**
 * bin/protokoll.js starts from the build in dist/ only while it is at least as new as every source file,
 * so an edited working copy never runs stale code. Tried on a copy of bin/ beside a stand-in dist/ and
 * src/ whose main() says which one ran.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('protokoll starts from the build when it is current', () => {
  let dir: string;
  const run = (env: NodeJS.ProcessEnv = {}) =>
    execFileSync(process.execPath, [join(dir, 'bin/protokoll.js')], { encoding: 'utf8', env: { ...process.env, PROTOKOLL_FROM_SOURCES: '', ...env } }).trim();
  const touch = (file: string, seconds: number) => utimesSync(join(dir, file), seconds, seconds);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'protokoll-bin-'));
    for (const folder of ['bin', 'dist/cli', 'src/cli']) mkdirSync(join(dir, folder), { recursive: true });
    copyFileSync(join(root, 'bin/protokoll.js'), join(dir, 'bin/protokoll.js'));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'dist/cli/main.js'), "export async function main() { console.log('dist'); return 0; }\n");
    writeFileSync(join(dir, 'src/cli/main.ts'), "export async function main(): Promise<number> { console.log('sources'); return 0; }\n");
    writeFileSync(join(dir, 'dist/.built'), 'built\n');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs dist/ when the build is newer than every source', () => {
    touch('src/cli/main.ts', 1_000_000);
    touch('dist/.built', 2_000_000);
    expect(run()).toBe('dist');
  });

  it('runs the sources through tsx when a source changed after the build', () => {
    touch('dist/.built', 1_000_000);
    touch('src/cli/main.ts', 2_000_000);
    expect(run()).toBe('sources');
  });

  it('runs the sources when asked to (PROTOKOLL_FROM_SOURCES=1), and when there is no build', () => {
    touch('src/cli/main.ts', 1_000_000);
    touch('dist/.built', 2_000_000);
    expect(run({ PROTOKOLL_FROM_SOURCES: '1' })).toBe('sources');
    rmSync(join(dir, 'dist/.built'));
    expect(run()).toBe('sources');
  });
});
