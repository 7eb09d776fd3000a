/**
 * The annotated minutes the importer is tested on: the shared seeds (read in place, never copied) and our
 * own fictional fixtures.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SEEDS_DIR = resolve(repoRoot, '../shared/fixtures/seeds');
export const OWN_FIXTURES_DIR = join(repoRoot, 'test/fixtures/minutes');

export interface AnnotatedMinutes {
  name: string;
  textPath: string;
  text: string;
  expected: unknown;
}

/** Throws when the folder is missing, so tests on the seeds fail loudly instead of passing with nothing to test. */
export function annotatedMinutes(dir: string): AnnotatedMinutes[] {
  if (!existsSync(dir)) throw new Error(`annotated minutes not found: ${dir} (the shared seeds live in ../shared/fixtures/seeds)`);
  const names = readdirSync(dir).filter((f) => f.endsWith('.expected.json'));
  if (names.length === 0) throw new Error(`no annotated minutes (*.expected.json) in ${dir}`);
  return names
    .sort()
    .map((f) => {
      const name = f.replace(/\.expected\.json$/u, '');
      const textPath = join(dir, `${name}.txt`);
      return {
        name,
        textPath,
        text: readFileSync(textPath, 'utf8'),
        expected: JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown,
      };
    });
}

export function allAnnotatedMinutes(): AnnotatedMinutes[] {
  return [...annotatedMinutes(SEEDS_DIR), ...annotatedMinutes(OWN_FIXTURES_DIR)];
}
