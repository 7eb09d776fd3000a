import { InputError } from '../errors.ts';
import type { Minutes } from '../domain/minutes.ts';

/** Reads one minutes file (.txt, .pdf with a text layer, .docx) into the interchange format. */
export async function parseMinutesFile(path: string): Promise<Minutes> {
  throw new InputError({ path, code: 'not_implemented', message: 'the importer is not written yet' });
}
