import { writeFile } from 'node:fs/promises';
import { InputError } from '../errors.ts';

/**
 * Writes a command's output file. A file that cannot be written (no such folder, no permission) is the
 * operator's input, so it is refused naming the file (exit 1), not reported as a bug (exit 70).
 */
export async function writeOutputFile(file: string, content: string | Uint8Array): Promise<void> {
  try {
    await writeFile(file, content);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError({ path: file, code: 'cannot_write', message: `cannot write it (${reason})` }, { cause: error });
  }
}
