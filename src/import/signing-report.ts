/**
 * The verification page an e-signing service appends to signed minutes (Scrive's "Verifikat" with its
 * "Transaktion 0922…" number, Adobe Sign's audit report): not part of the minutes, but it names who signed
 * when. Pure: lines in, lines out.
 */
import type { SignatureLine } from '../domain/minutes.ts';
import { parseSigningTime } from './dates.ts';
import { isPersonName, sameName } from './person-names.ts';

export interface SigningReport {
  /** The document's lines without the report. */
  lines: string[];
  /** Signers named in the report with their signing time, in report order. */
  signed: Array<{ name: string; signedAt: string }>;
}

const REPORT_TITLE = /^(?:verifikat|slutgiltig granskningsrapport|slutlig granskningsrapport|final audit report|audit trail)$/iu;
const TRANSACTION = /^(?:transaktion|transaction|transaktions-id|transaction id)\b/iu;
/** "Gunilla Berg (GB)": a signer with the initials the service gives. */
const SIGNER = /^(.{3,60}?)\s*\((\p{Lu}{1,4})\)$/u;
const SIGNED = /^(?:signerade|signerad|signerat|signed)\b/iu;

/** Where the report starts: its title with a transaction line close below. */
function reportStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t.length > 40 || !REPORT_TITLE.test(t)) continue;
    for (let k = i + 1, seen = 0; k < lines.length && seen < 3; k++) {
      const next = lines[k]!.trim();
      if (next === '') continue;
      seen++;
      if (TRANSACTION.test(next)) return i;
    }
  }
  return -1;
}

export function splitSigningReport(lines: string[]): SigningReport {
  // Cheap check first: most documents have no report.
  if (!lines.some((l) => l.length < 40 && /verifikat|granskningsrapport|audit/iu.test(l))) return { lines, signed: [] };
  const start = reportStart(lines);
  if (start < 0) return { lines, signed: [] };
  const signed: SigningReport['signed'] = [];
  let pending: string | undefined;
  for (const line of lines.slice(start + 1)) {
    const t = line.trim();
    const signer = SIGNER.exec(t);
    if (signer && isPersonName(signer[1]!)) {
      pending = signer[1]!;
      continue;
    }
    if (pending && SIGNED.test(t)) {
      const at = parseSigningTime(t);
      if (at) signed.push({ name: pending, signedAt: at });
      pending = undefined;
    }
  }
  return { lines: lines.slice(0, start), signed };
}

/** Fills in the signing times the report gives for signatures printed without one. */
export function applySigningTimes(signatures: SignatureLine[], signed: SigningReport['signed']): void {
  for (const sig of signatures) {
    if (!sig.name || sig.signedAt) continue;
    const found = signed.find((s) => sameName(s.name, sig.name!));
    if (found) sig.signedAt = found.signedAt;
  }
}
