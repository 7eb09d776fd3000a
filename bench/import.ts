/**
 * `npm run bench -- import [--docs N] [--pdfs N] [--ocr N]`: first the importer checked against known answers
 * (the seeds and our fixtures, scored, as text, flattened text, text-layer PDF and, for the first N, a scan read
 * by OCR; each with documents/s and its slowest and fastest document), then throughput on a generated corpus of
 * fictional minutes in the layouts of the seeds (Närvaro list with Teams, Beslutande list with "§ N" on its
 * own line, tabbed header and attendance table with X columns, samverkanstid notes) and of a kommun
 * protocol with a tabbed header, serving substitutes and an ANSLAG box. Names, dates, numbers and the
 * number of §§ vary. Text is parsed in memory with `parseMinutesText`; PDFs (fewer, they are slow to
 * build) go through `parseMinutesFile`, including text extraction.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Minutes } from '../src/domain/minutes.ts';
import { parseMinutesFile, parseMinutesText } from '../src/import/index.ts';
import { buildPdf } from '../test/import/document-builders.ts';
import { allAnnotatedMinutes, type AnnotatedMinutes } from '../test/import/fixture-files.ts';
import { scoreMinutes } from '../test/import/score-minutes.ts';

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Anna', 'Bo', 'Cecilia', 'David', 'Eva', 'Fredrik', 'Gunilla', 'Hans', 'Ingrid', 'Johan', 'Karin', 'Lars', 'Maria', 'Nils', 'Olle', 'Petra', 'Sten-Ove', 'Åsa', 'Örjan', 'Lena'];
const LAST = ['Andersson', 'Berg', 'Carlsson', 'Dahl', 'Ek', 'Forsberg', 'Holm', 'Isaksson', 'Jonsson', 'Kvist', 'Lund', 'Mård', 'Nyström', 'Öberg', 'Åkerlind', 'Sjölander', 'Claeson-Nordin', 'Rönnbäck'];
const PARTIES = ['S', 'M', 'C', 'V', 'L', 'KD', 'MP', 'SD'];
const TOWNS = ['Holmby', 'Sjövik', 'Norrå', 'Älvdal', 'Storberg', 'Bäckå', 'Lillby'];
const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const TITLES = ['Ekonomisk uppföljning', 'Verksamhetsplan och budget', 'Remiss om regional strategi', 'Val av representant', 'Information från kansliet', 'Delårsrapport', 'Avtal om samverkan', 'Projekt för digitalisering', 'Riktlinjer för distansarbete'];
const PROSE = [
  'Kansliet har tagit fram ett underlag som beskriver läget och de åtgärder som planeras under året.',
  'Arbetet har pågått sedan hösten och redovisas nu för styrelsen, som diskuterar det fortsatta arbetet.',
  'Frågan har beretts i arbetsutskottet och underlaget har skickats ut i förväg till ledamöterna.',
  'Under överläggningarna framförs synpunkter på tidplanen och behovet av fortsatt uppföljning.',
];

export function generateCorpus(count: number, seed = 7): string[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const person = () => `${pick(FIRST)} ${pick(LAST)}`;
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const docs: string[] = [];
  for (let n = 0; n < count; n++) {
    const year = int(2010, 2025);
    const month = int(1, 12);
    const day = int(1, 28);
    const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const first = int(1, 60);
    const itemCount = int(3, 14);
    const org = `Kommunförbundet ${pick(TOWNS)}`;
    const layout = n % 5;
    const lines: string[] = [];
    const people = Array.from({ length: int(6, 14) }, () => ({ name: person(), party: pick(PARTIES), town: pick(TOWNS) }));
    const items = (style: 'inline' | 'own-line' | 'dnr') => {
      for (let k = 0; k < itemCount; k++) {
        const number = first + k;
        const title = `${pick(TITLES)} ${year}`;
        if (style === 'own-line') lines.push(`§ ${number}`, '', title, '', `Dnr ${year}.${String(int(1, 99)).padStart(3, '0')}-${int(0, 9)}`, '');
        else if (style === 'dnr') lines.push(`§ ${number} ${title}, Dnr ${String(year).slice(2)}:${String(int(1, 40)).padStart(2, '0')}`, '');
        else lines.push(`§${number} ${title}`, '');
        for (let p = 0; p < int(1, 4); p++) lines.push(pick(PROSE), '');
        if (rnd() < 0.6) lines.push('Beslut', '', 'Styrelsen beslutar att', '', '- Lägga informationen till handlingarna.', '');
        else lines.push('Styrelsen beslutar', '', `att uppdra till kansliet att återkomma ${int(1, 28)} ${pick(MONTHS)} ${year}.`, '');
        if (k % 4 === 3) lines.push('Justerandes signatur:\tUtdragsbestyrkande:', '');
      }
    };
    if (layout === 0) {
      lines.push(`Protokoll styrelsen för ${org}`, '', 'Plats: Microsoft Teams, digitalt möte', '', `Tid: ${iso} 09.00-12.00`, '');
      lines.push(`Närvaro: ${people[0]!.name} (${people[0]!.party}), ${people[0]!.town} ordf.`);
      for (const p of people.slice(1)) lines.push(`${p.name} (${p.party}), ${p.town}`);
      lines.push('', `${person()}, Kommunförbundet (sekreterare)`, '', `Paragrafer ${first}-${first + itemCount - 1}`, '', `Utses att justera ${people[1]!.name}`, '');
      items('inline');
    } else if (layout === 1) {
      lines.push('Protokoll', '', `Styrelsemöte, ${org}`, '', `Plats Kommunförbundets kansli, Storgatan ${int(1, 40)}, ${pick(TOWNS)}`, '');
      lines.push(`Tid ${day} ${MONTHS[month - 1]} ${year}, kl 09.00 -12.00`, '', `Beslutande ${people[0]!.name} ordförande`);
      for (const p of people.slice(1)) lines.push(p.name);
      lines.push('', 'Övriga deltagare', '', `${person()}\tKommunförbundet\tsekreterare`, `${person()}\tKommunförbundet\t§§ ${first + 1}, ${first + 2}`, '');
      lines.push(`Utses att justera ${people[1]!.name}`, '', `Paragrafer ${first} - ${first + itemCount - 1}`, '', 'Underskrifter', '', 'Sekreterare: ', '', 'Ordförande: ', '');
      items('own-line');
    } else if (layout === 2) {
      lines.push(`Protokoll – styrelsen för Samordningsförbundet i ${pick(TOWNS)}s län`, '', `Plats\tKyrkgatan ${int(1, 30)}, Mötesrum ${pick(TOWNS)}`);
      lines.push(`Tid\t${day} ${MONTHS[month - 1]} ${year}, kl. 09.00-14.00`, `Paragrafer\t§§ ${first} - ${first + itemCount - 1}`, `Utses att justera\t${people[2]!.name}`, `Justering\t${iso}`);
      lines.push(`Underskrifter\t${person()} Sekreterare`, `\t${people[0]!.name} Ordförande`, `\t${people[2]!.name} Justerande`, '');
      lines.push('Ledamöter:\tUtsedd av:\tBeslutande\tNärvaro');
      for (const p of people) lines.push(`${p.name} (${p.party})\t${p.town}s kommun\t${rnd() < 0.7 ? 'X' : ''}\t${rnd() < 0.2 ? '(Närvaro på distans)' : ''}`);
      lines.push('');
      items('dnr');
    } else if (layout === 3) {
      lines.push('Samverkanstid kommuner, Region och Länsstyrelse', '', `Tid och plats:\tMåndag ${day} ${MONTHS[month - 1]} ${year} kl. 13.00 - 14.40 Digitalt via teams.`);
      lines.push(`Deltagare:\t${people.map((p) => `${p.name}, ${p.town}s kommun`).join(' ')}`, `Paragrafer:\t${first}-${first + itemCount - 1}`);
      lines.push(`Justeras av:\t${people[0]!.name} Sekreterare ${people[1]!.name} Ordförande ${people[2]!.name} Justerare`, '');
      items('inline');
    } else {
      lines.push(`${pick(TOWNS)}s kommun`, `Kommunstyrelsen\tSAMMANTRÄDESPROTOKOLL\tSida 1 av 3`, `Sammanträdesdatum\t${iso}`, '');
      lines.push(`Plats och tid\tKommunhuset, sammanträdesrum ${pick(TOWNS)}, kl. 08.30–12.15`, '');
      lines.push(`Beslutande ledamöter\t${people[0]!.name} (${people[0]!.party}), ordförande`);
      for (const p of people.slice(1, -2)) lines.push(`\t${p.name} (${p.party})`);
      lines.push('', `Tjänstgörande ersättare\t${people.at(-1)!.name} (S) tjänstgör för ${person()} (S)`, '', `Övriga närvarande\t${person()}, kommundirektör`, `\t${person()}, nämndsekreterare`, '');
      lines.push(`Utses att justera\t${people[1]!.name}`, `Justeringens plats och tid\tKommunkansliet ${iso}`, '');
      lines.push('ANSLAG/BEVIS', `Datum då anslaget sätts upp\t${iso}\tDatum då anslaget tas ned\t${iso}`, 'Förvaringsplats för protokollet\tKommunkansliet', '');
      items('dnr');
    }
    docs.push(lines.join('\n'));
  }
  return docs;
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

interface Timed {
  name: string;
  seconds: number;
  score: number;
}

/** Documents/s, the mean and lowest score against the annotation, and the slowest and fastest document. */
function report(label: string, timed: Timed[]): void {
  const total = timed.reduce((sum, t) => sum + t.seconds, 0);
  const mean = timed.reduce((sum, t) => sum + t.score, 0) / timed.length;
  const byTime = [...timed].sort((a, b) => a.seconds - b.seconds);
  const lowest = [...timed].sort((a, b) => a.score - b.score)[0]!;
  const ms = (t: Timed) => `${t.name} ${(t.seconds * 1000).toFixed(0)} ms`;
  const rate = timed.length / total;
  process.stdout.write(
    `${label}: ${timed.length} annotated documents in ${total.toFixed(2)} s: ${rate.toFixed(rate >= 10 ? 0 : rate >= 1 ? 2 : 4)} documents/s ` +
      `(${(total / timed.length).toFixed(2)} s each); ` +
      `score mean ${mean.toFixed(3)}, lowest ${lowest.score.toFixed(3)} (${lowest.name}); ` +
      `slowest ${ms(byTime.at(-1)!)}, fastest ${ms(byTime[0]!)}\n`,
  );
}

async function timeEach(docs: AnnotatedMinutes[], read: (doc: AnnotatedMinutes) => Promise<Minutes> | Minutes): Promise<Timed[]> {
  const out: Timed[] = [];
  for (const doc of docs) {
    const started = performance.now();
    const minutes = await read(doc);
    const seconds = (performance.now() - started) / 1000;
    out.push({ name: doc.name, seconds, score: scoreMinutes(doc.expected, JSON.parse(JSON.stringify(minutes))).total });
  }
  return out;
}

/**
 * The importer checked against known answers: the shared seeds and our fixtures, each scored with the shared
 * scorer's rules, as text, as text flattened to one line, as a PDF with a text layer and as a scan (an
 * image-only PDF made by Ghostscript at 200 dpi, read by OCR). Throughput of the generated corpus follows.
 */
async function scoredRuns(args: string[], dir: string): Promise<void> {
  const annotated = allAnnotatedMinutes();
  const ocrCount = option(args, '--ocr', 4);
  for (const doc of annotated.slice(0, 5)) parseMinutesText(doc.text); // warm up the JIT
  report('text', await timeEach(annotated, (doc) => parseMinutesText(doc.text)));
  report('text flattened to one line', await timeEach(annotated, (doc) => parseMinutesText(doc.text.replace(/\n/gu, ' '))));
  const pdfs = new Map<string, string>();
  for (const doc of annotated) {
    const path = join(dir, `${doc.name}.pdf`);
    await writeFile(path, await buildPdf(doc.text));
    pdfs.set(doc.name, path);
  }
  await parseMinutesFile(pdfs.get(annotated[0]!.name)!); // start the extraction worker
  report('pdf with a text layer', await timeEach(annotated, (doc) => parseMinutesFile(pdfs.get(doc.name)!)));
  if (ocrCount <= 0) return;
  const scans = annotated.slice(0, ocrCount);
  for (const doc of scans) {
    const scan = join(dir, `${doc.name}-scan.pdf`);
    execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfimage24', '-r200', `-sOutputFile=${scan}`, pdfs.get(doc.name)!]);
    pdfs.set(`${doc.name}-scan`, scan);
  }
  const ocr = await timeEach(scans, (doc) => parseMinutesFile(pdfs.get(`${doc.name}-scan`)!));
  report('pdf scan (OCR, 200 dpi image, read at 300 dpi)', ocr);
}

export async function run(args: string[]): Promise<void> {
  const docCount = option(args, '--docs', 10_000);
  const pdfCount = option(args, '--pdfs', 200);
  const dir = await mkdtemp(join(tmpdir(), 'protokoll-bench-'));
  try {
    await scoredRuns(args, dir);
    const docs = generateCorpus(docCount);
    const bytes = docs.reduce((sum, d) => sum + Buffer.byteLength(d), 0);
    for (const d of docs.slice(0, 200)) parseMinutesText(d); // warm up the JIT
    let items = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (const d of docs) items += parseMinutesText(d).items.length;
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    process.stdout.write(
      `text, generated: ${docs.length} documents (${(bytes / 1e6).toFixed(1)} MB, ${items} §§) in ${seconds.toFixed(2)} s: ` +
        `${Math.round(docs.length / seconds)} documents/s, ${(bytes / 1e6 / seconds).toFixed(1)} MB/s\n` +
        // On a shared machine wall time includes waiting for a core; CPU time is what one core spends.
        `text, generated (CPU time ${cpuSeconds.toFixed(2)} s): ${Math.round(docs.length / cpuSeconds)} documents/s, ` +
        `${(bytes / 1e6 / cpuSeconds).toFixed(1)} MB/s\n`,
    );

    const paths: string[] = [];
    let pdfBytes = 0;
    for (let i = 0; i < pdfCount; i++) {
      const pdf = await buildPdf(docs[i]!);
      pdfBytes += pdf.length;
      const path = join(dir, `${i}.pdf`);
      await writeFile(path, pdf);
      paths.push(path);
    }
    if (paths.length === 0) return;
    await parseMinutesFile(paths[0]!);
    const pdfStarted = performance.now();
    for (const path of paths) await parseMinutesFile(path);
    const pdfSeconds = (performance.now() - pdfStarted) / 1000;
    process.stdout.write(
      `pdf, generated: ${paths.length} PDFs (${(pdfBytes / 1e6).toFixed(1)} MB) in ${pdfSeconds.toFixed(2)} s: ` +
        `${Math.round(paths.length / pdfSeconds)} documents/s, ${(pdfBytes / 1e6 / pdfSeconds).toFixed(2)} MB/s (extraction and parsing)\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
