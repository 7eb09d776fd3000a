/**
 * The verification page an e-signing service appends to signed minutes (Scrive's "Verifikat" with its
 * "Transaktion 0922…" number, Adobe Sign's audit report): not part of the minutes, but it names who signed
 * when. Pure: lines in, lines out.
 */
import type { SignatureLine } from '../domain/minutes.ts';
import { parseSigningTime } from './dates.ts';
import { signatureRole } from './lexicon/roles.ts';
import { isPersonName, sameName } from './person-names.ts';

export interface SigningReport {
  /** The document's lines without the report. */
  lines: string[];
  /** Signers named in the report with their signing time, in report order; a log that names the role gives it. */
  signed: Array<{ name: string; signedAt: string; role?: SignatureLine['role'] }>;
}

const REPORT_TITLE = /^(?:verifikat|slutgiltig granskningsrapport|slutlig granskningsrapport|final audit report|audit trail)$/iu;
const TRANSACTION = /^(?:transaktion|transaction|transaktions-id|transaction id)\b/iu;
/** "Gunilla Berg (GB)": a signer with the initials the service gives. */
const SIGNER = /^(.{3,60}?)\s*\((\p{Lu}{1,4})\)$/u;
const SIGNER_ON_ONE_LINE = /^(.{3,60}?)\s*\(\p{Lu}{1,4}\)\s.{0,200}?\b(?:signerade|signerad|signerat|signed)\b(.*)$/iu;
const SIGNED = /^(?:signerade|signerad|signerat|signed)\b/iu;

/** Where the report starts: its title with a transaction line close below. */
function reportStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const whole = lines[i]!.trim();
    // "Verifikat Transaktion 0922…": flattened text puts the title and the transaction on one line.
    const t = whole.split(/\s+(?=(?:transaktion|transaction)\b)/iu)[0]!;
    if (t !== whole && REPORT_TITLE.test(t)) return i;
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

/** "Elektronisk justering – händelselogg", "Signeringslogg": the title of a signing log printed in the minutes. */
const LOG_TITLE = /^(?:elektronisk justering\b|signeringslogg\b|händelselogg\b|justeringslogg\b)/iu;
/** "2025-03-20 09:12 Frida Lund, sekreterare, signerade": one event of the log, with its time, signer and role. */
const LOG_EVENT = /^(\d{4}-\d{2}-\d{2}[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)\s+([^,]{3,60}),\s*([^,]{3,40}),\s*(?:signerade|signerat|justerade|justerat|godkände|signed)\b/iu;

/**
 * The log an electronic justering prints after the last § ("2025-03-20 09:12 Frida Lund, sekreterare,
 * signerade"): the signers in order with their roles and times. The log stays in the text (it closes the
 * minutes like a signature block); only its events are read.
 */
function signingLog(lines: string[]): SigningReport['signed'] {
  const start = lines.findIndex((l) => l.length < 80 && LOG_TITLE.test(l.trim()));
  if (start < 0) return [];
  const signed: SigningReport['signed'] = [];
  for (const line of lines.slice(start + 1)) {
    const t = line.trim();
    if (t === '') continue;
    const m = LOG_EVENT.exec(t);
    if (!m) break;
    const at = parseSigningTime(m[1]!.replace(/(\d)\.(\d{2})/u, '$1:$2'));
    const role = ROLE_WORD.exec(m[3]!);
    if (at && isPersonName(m[2]!.trim())) signed.push({ name: m[2]!.trim(), signedAt: at, ...(role ? { role: signatureRole(role[0]) } : {}) });
  }
  return signed;
}
const ROLE_WORD = /sekreterare|protokollförare|ordförande|justerare|justerande/iu;

export function splitSigningReport(lines: string[]): SigningReport {
  const log = signingLog(lines);
  if (log.length > 0) return { lines, signed: log };
  // Cheap check first: most documents have no report.
  if (!lines.some((l) => l.length < 40 && /verifikat|granskningsrapport|audit/iu.test(l))) return { lines, signed: [] };
  const start = reportStart(lines);
  if (start < 0) return { lines, signed: [] };
  const signed: SigningReport['signed'] = [];
  let pending: string | undefined;
  for (const line of lines.slice(start + 1)) {
    const t = line.trim();
    // "Gunilla Berg (GB) Förbundet gunilla.berg@… Signerade 2025-03-17 09:13:10 CET": one line in flattened text.
    const oneLine = SIGNER_ON_ONE_LINE.exec(t);
    if (oneLine && isPersonName(oneLine[1]!)) {
      const at = parseSigningTime(oneLine[2]!);
      if (at) signed.push({ name: oneLine[1]!, signedAt: at });
      pending = undefined;
      continue;
    }
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

/**
 * Fills in the signing times the report gives for signatures printed without one; when the minutes print no
 * signature block at all, a log that names each signer's role is the list of signatures.
 */
export function applySigningTimes(signatures: SignatureLine[], signed: SigningReport['signed']): void {
  if (signatures.length === 0 && signed.length > 0 && signed.every((s) => s.role)) {
    for (const s of signed) signatures.push({ role: s.role!, name: s.name, signedAt: s.signedAt });
    return;
  }
  for (const sig of signatures) {
    if (!sig.name || sig.signedAt) continue;
    const found = signed.find((s) => sameName(s.name, sig.name!));
    if (found) sig.signedAt = found.signedAt;
  }
}
