/**
 * The bulk download (`protokoll oparl dump`): every public OParl object once in `oparl.jsonl` (as
 * `/oparl/v1/dump.jsonl`), every public file the Files point to under `files/`, and `SHA256SUMS` over
 * all of it in the format `sha256sum -c` reads, so a mirror can check what it received.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DatabaseHandle } from '../../storage/index.ts';
import { allOparlObjects } from '../open-data.service.ts';
import { SCHEMA, type OParlObject } from './common.ts';
import { publicAttachmentFile, publicInvitationFile, publicProtocolFile, type PublicFile } from './public-files.ts';

export interface DumpResult {
  objects: number;
  files: number;
  /** Files an object names that could not be read as published (changed on disk): left out, listed. */
  missing: string[];
}

/** The bytes behind an OParl File, by the form of its id: `{meeting}`, `{meeting}-kallelse`, `{attachment}-bilaga`. */
function readPublicFile(handle: DatabaseHandle, fileId: string): Promise<PublicFile | null> {
  const tail = fileId.slice(fileId.lastIndexOf('/files/') + '/files/'.length);
  const uuid = tail.slice(0, 36);
  if (tail.endsWith('-kallelse')) return publicInvitationFile(handle, uuid);
  if (tail.endsWith('-bilaga')) return publicAttachmentFile(handle, uuid);
  return publicProtocolFile(handle, uuid);
}

export async function writeOparlDump(handle: DatabaseHandle, options: { base: string; outDir: string }): Promise<DumpResult> {
  await mkdir(options.outDir, { recursive: true });
  const sums: string[] = [];
  const write = async (relative: string, bytes: Uint8Array | string) => {
    const path = join(options.outDir, relative);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
    sums.push(`${createHash('sha256').update(bytes).digest('hex')}  ${relative}`);
  };
  const lines: string[] = [];
  const files: OParlObject[] = [];
  for await (const object of allOparlObjects(handle, options.base)) {
    lines.push(JSON.stringify(object));
    if (object.type === `${SCHEMA}File` && object.deleted !== true) files.push(object);
  }
  await write('oparl.jsonl', lines.length > 0 ? `${lines.join('\n')}\n` : '');
  const missing: string[] = [];
  for (const file of files) {
    const found = await readPublicFile(handle, file.id);
    if (!found) {
      missing.push(file.id);
      continue;
    }
    // One folder per File, named by the end of its id, so two files of the same name cannot collide.
    await write(`files/${file.id.slice(file.id.lastIndexOf('/') + 1)}/${found.fileName}`, found.bytes);
  }
  await writeFile(join(options.outDir, 'SHA256SUMS'), `${sums.join('\n')}\n`);
  return { objects: lines.length, files: files.length - missing.length, missing };
}
