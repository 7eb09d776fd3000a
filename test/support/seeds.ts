/** Reads the annotated seed minutes from ../shared (never copied into the project). */
import { readdirSync, readFileSync } from 'node:fs';
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
  return readdirSync(seedsDir)
    .filter((f) => f.endsWith('.expected.json'))
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
