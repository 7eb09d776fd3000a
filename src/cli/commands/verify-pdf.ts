import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError } from '../../errors.ts';
import type { PdfVerification } from '../../documents/pades/index.ts';
import type { ProtocolPdfVerification } from '../../services/pdf-verification.service.ts';
import { configFor } from '../context.ts';

// Loaded when the command runs, not when it is registered: `protokoll --help` registers every command.
const pades = () => import('../../documents/pades/index.ts');

/**
 * Registers `protokoll verify-pdf`: every signature of a PDF checked, without a database. Exits 0 when
 * there is at least one signature, all are valid and nothing was changed after the last one; 1 otherwise.
 * With --installation it also asks this installation's database whether the file is one of its adjusted
 * protocols (and then exits 0 only for an unchanged one).
 */
export function registerVerifyPdf(program: Command): void {
  program
    .command('verify-pdf')
    .description('check every signature of a PDF and whether it was changed after the last one')
    .argument('<file>', 'the PDF file')
    .option('--json', 'print the result as JSON')
    .option('--installation', "also say whether it is an adjusted protocol of this installation's database (--data or DATABASE_URL)")
    .action(async (file: string, options: { json?: boolean; installation?: boolean }, command: Command) => {
      let pdf: Buffer;
      try {
        pdf = await readFile(file);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new InputError({ path: file, code: 'cannot_read', message: `cannot read it (${reason})` }, { cause: error });
      }
      if (options.installation) {
        const checked = await verifyAgainstInstallation(command, pdf);
        process.stdout.write(options.json ? `${JSON.stringify(checked, null, 2)}\n` : `${describe(file, checked.pdf)}${describeInstallation(checked)}`);
        if (checked.verdict !== 'unchanged_adjusted_protocol') process.exitCode = 1;
        return;
      }
      const result = await (await pades()).verifyPdf(pdf);
      process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : describe(file, result));
      if (!result.unchangedSinceLastSignature) process.exitCode = 1;
    });
}

async function verifyAgainstInstallation(command: Command, pdf: Buffer): Promise<ProtocolPdfVerification> {
  // Loaded on demand, so that the database-free check starts without the storage.
  const { openConfiguredDatabase, applyMigrations } = await import('../../services/system.service.ts');
  const { verifyProtocolPdf } = await import('../../services/pdf-verification.service.ts');
  const handle = await openConfiguredDatabase(configFor(command));
  try {
    await applyMigrations(handle, { sealExisting: false });
    return await verifyProtocolPdf(handle, pdf);
  } finally {
    await handle.close();
  }
}

function describeInstallation(checked: ProtocolPdfVerification): string {
  const lines: string[] = [];
  const protocol = checked.protocol;
  if (protocol) {
    lines.push(`Protocol of this installation: ${protocol.organizationName ?? ''} – ${protocol.bodyName} ${protocol.heldOn ?? ''} (meeting ${protocol.meetingId}), adjusted ${protocol.adjustedOn ?? '(not yet)'}`);
    for (const signer of protocol.signers) lines.push(`  ${signer.role}: ${signer.name ?? '-'}, ${signer.signedAt ?? 'not signed'}`);
  }
  const match = { sealed: 'the file is exactly the sealed protocol', appended_after_seal: 'something was appended after the seal', earlier_version: 'the file is an earlier version (before the seal), or one changed since' } as const;
  if (checked.match) lines.push(`Match: ${match[checked.match]}.`);
  lines.push(
    {
      unchanged_adjusted_protocol: 'Installation: an adjusted protocol of this installation, unchanged since it was sealed.',
      changed: 'Installation: based on a protocol of this installation, but NOT the sealed protocol as it is.',
      not_from_this_installation: 'Installation: NOT an adjusted protocol of this installation (or changed beyond recognition).',
    }[checked.verdict],
    '',
  );
  return lines.join('\n');
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
