/** Reads the annotated seed minutes from ../shared (never copied into the project). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const seedsDir = fileURLToPath(new URL('../../../shared/fixtures/seeds/', import.meta.url));

export interface Seed {
  name: string;
  textPath: string;
  expected: unknown;
}

/** The seeds that have an expected interchange document. */
export function annotatedSeeds(): Seed[] {
  // Missing seeds fail the test that reads them, naming the folder: a test with nothing to read must not pass.
  if (!existsSync(seedsDir)) throw new Error(`the shared seeds are missing: ${seedsDir} (they live in ../shared/fixtures/seeds, beside the repository)`);
  const names = readdirSync(seedsDir).filter((f) => f.endsWith('.expected.json'));
  if (names.length === 0) throw new Error(`no annotated seeds (*.expected.json) in ${seedsDir}`);
  return names
    .sort()
    .map((f) => {
      const name = f.replace('.expected.json', '');
      return {
        name,
        textPath: join(seedsDir, `${name}.txt`),
        expected: JSON.parse(readFileSync(join(seedsDir, f), 'utf8')) as unknown,
      };
    });
}
