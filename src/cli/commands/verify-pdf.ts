import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError } from '../../errors.ts';
import type { PdfVerification } from '../../documents/pades/index.ts';

// Loaded when the command runs, not when it is registered: `protokoll --help` registers every command.
const pades = () => import('../../documents/pades/index.ts');

/**
 * Registers `protokoll verify-pdf`: every signature of a PDF checked, without a database. Exits 0 when
 * there is at least one signature, all are valid and nothing was changed after the last one; 1 otherwise.
 */
export function registerVerifyPdf(program: Command): void {
  program
    .command('verify-pdf')
    .description('check every signature of a PDF and whether it was changed after the last one')
    .argument('<file>', 'the PDF file')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      let pdf: Buffer;
      try {
        pdf = await readFile(file);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new InputError({ path: file, code: 'cannot_read', message: `cannot read it (${reason})` }, { cause: error });
      }
      const result = await (await pades()).verifyPdf(pdf);
      process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : describe(file, result));
      if (!result.unchangedSinceLastSignature) process.exitCode = 1;
    });
}

function describe(file: string, result: PdfVerification): string {
  const lines = [`${file}`, `SHA-256: ${result.sha256}`];
  if (result.signatures.length === 0) lines.push('No signatures.');
  result.signatures.forEach((signature, index) => {
    lines.push(
      '',
      `Signature ${index + 1}${signature.fieldName ? ` (${signature.fieldName})` : ''}: ${signature.valid ? 'valid' : 'INVALID'}`,
      `  Name: ${signature.name ?? '-'}`,
      `  Reason: ${signature.reason ?? '-'}`,
      `  Location: ${signature.location ?? '-'}`,
      `  Contact: ${signature.contactInfo ?? '-'}`,
      `  Signing time (claimed by the signer): ${signature.claimedSigningTime ?? '-'}`,
      `  Timestamp: ${signature.timestamp ? `${signature.timestamp.at ?? '?'}${signature.timestamp.imprintMatches ? '' : ' (DOES NOT MATCH the signature)'}` : 'none'}`,
      `  Certificate: ${signature.certificateSubject ?? '-'}`,
      `  Issuer: ${signature.certificateIssuer ?? '-'}${signature.certificateIssuer && signature.certificateIssuer === signature.certificateSubject ? ' (self-signed)' : ''}`,
      `  SubFilter: ${signature.subFilter ?? '-'}`,
      `  ByteRange: [${signature.byteRange.join(' ')}]${signature.coversWholeFile ? ', covers the whole file' : ''}`,
      ...signature.problems.map((problem) => `  Problem: ${problem}`),
    );
  });
  lines.push('');
  if (result.signatures.length > 0) {
    if (result.objectsAfterLastSignature.length > 0) {
      lines.push(`Changed after the last signature: ${result.bytesAfterLastSignature} bytes redefine objects ${result.objectsAfterLastSignature.join(', ')}.`);
    } else if (result.bytesAfterLastSignature > 0) {
      lines.push(`${result.bytesAfterLastSignature} bytes after the last signature change no object.`);
    } else {
      lines.push('The last signature covers the whole file.');
    }
  }
  lines.push(result.unchangedSinceLastSignature ? 'Result: all signatures valid, unchanged since the last signature.' : 'Result: NOT VERIFIED.', '');
  return lines.join('\n');
}
