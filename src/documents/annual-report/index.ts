/**
 * Renders a verksamhetsberättelse (annual activity report) as HTML and as PDF on A4, in the layout
 * Swedish förbund print theirs: a cover with the year and the organisation, a table of contents
 * (Innehåll), then one section per heading. Section text is plain: paragraphs separated by a blank
 * line, "- " list items, and "Mål:" / "Indikator:" lines set as lead-ins.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { AnnualReportContent } from '../../domain/follow-up/annual-report.ts';

const require = createRequire(import.meta.url);
const fontDirectory = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const fonts = {
  sans: join(fontDirectory, 'DejaVuSans.ttf'),
  sansBold: join(fontDirectory, 'DejaVuSans-Bold.ttf'),
  serif: join(fontDirectory, 'DejaVuSerif.ttf'),
};

type Block = { kind: 'paragraph'; text: string } | { kind: 'lead'; text: string } | { kind: 'list'; items: string[] };

/** Splits section text into paragraphs, lead-in lines and lists. */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    let list: string[] | null = null;
    let paragraph: string[] = [];
    const flush = () => {
      if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
      paragraph = [];
    };
    for (const raw of chunk.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (line.startsWith('- ')) {
        flush();
        if (!list) {
          list = [];
          blocks.push({ kind: 'list', items: list });
        }
        list.push(line.slice(2));
        continue;
      }
      list = null;
      if (/^(?:Mål|Indikator|Beslut under året|Uppdrag):/.test(line)) {
        flush();
        blocks.push({ kind: 'lead', text: line });
      } else paragraph.push(line);
    }
    flush();
  }
  return blocks;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The report as one self-contained, accessible HTML page in Swedish. */
export function renderAnnualReportHtml(report: AnnualReportContent): string {
  const title = `Verksamhetsberättelse ${report.year}`;
  const anchors = report.sections.map((_, index) => `avsnitt-${index + 1}`);
  const toc = report.sections.map((s, i) => `<li><a href="#${anchors[i]}">${escapeHtml(s.heading)}</a></li>`).join('\n');
  const body = report.sections
    .map((section, index) => {
      const content = blocksOf(section.text)
        .map((block) => {
          if (block.kind === 'list') return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
          if (block.kind === 'lead') return `<p class="lead"><strong>${escapeHtml(block.text)}</strong></p>`;
          return `<p>${escapeHtml(block.text)}</p>`;
        })
        .join('\n');
      return `<section aria-labelledby="${anchors[index]}"><h2 id="${anchors[index]}">${escapeHtml(section.heading)}</h2>\n${content}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – ${escapeHtml(report.organizationName)}</title>
<style>
body { font-family: "DejaVu Serif", Georgia, serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; line-height: 1.5; }
h1, h2, .lead, nav { font-family: "DejaVu Sans", Arial, sans-serif; }
h1 { font-size: 2.2rem; margin-bottom: 0.2rem; }
.organization { font-size: 1.3rem; margin-top: 0; }
.status { color: #5a5a5a; }
h2 { font-size: 1.35rem; margin-top: 2.2rem; border-bottom: 1px solid #b4b4b4; padding-bottom: 0.2rem; }
.lead { margin-bottom: 0.2rem; }
</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="organization">${escapeHtml(report.organizationName)}</p>
${report.status === 'draft' ? '<p class="status">Utkast</p>' : ''}
</header>
<nav aria-labelledby="innehall"><h2 id="innehall">Innehåll</h2>
<ol>
${toc}
</ol>
</nav>
<main>
${body}
</main>
</body>
</html>
`;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 72, bottom: 80, left: 72, right: 72 };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

/** The report as a PDF on A4: cover, Innehåll with page numbers, then the sections. */
export async function renderAnnualReportPdf(report: AnnualReportContent, options: { createdAt?: Date } = {}): Promise<Buffer> {
  const title = `Verksamhetsberättelse ${report.year}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    lang: 'sv-SE',
    displayTitle: true,
    font: fonts.sans,
    info: { Title: `${title} – ${report.organizationName}`, Author: report.organizationName, CreationDate: options.createdAt ?? new Date(0) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // Cover.
  doc.addPage();
  doc.font(fonts.sansBold).fontSize(30).fillColor('#111111').text(title, MARGIN.left, 300, { width: WIDTH });
  doc.moveDown(0.4).font(fonts.sans).fontSize(16).fillColor('#333333').text(report.organizationName, { width: WIDTH });
  if (report.status === 'draft') doc.moveDown(1).fontSize(11).fillColor('#5a5a5a').text('Utkast', { width: WIDTH });

  // Innehåll, filled in with page numbers once the sections are laid out.
  doc.addPage();
  const tocPage = doc.bufferedPageRange().count - 1;
  doc.font(fonts.sansBold).fontSize(18).fillColor('#111111').text('Innehåll', MARGIN.left, MARGIN.top, { width: WIDTH });
  const tocTop = doc.y + 14;

  const sectionPages: number[] = [];
  report.sections.forEach((section, index) => {
    // The board's work and representation share a page, as in printed reports; each area starts a new one.
    if (index === 0 || index >= 2) doc.addPage();
    else doc.moveDown(1.5);
    sectionPages.push(doc.bufferedPageRange().count);
    doc.font(fonts.sansBold).fontSize(16).fillColor('#111111').text(section.heading, { width: WIDTH });
    doc.moveDown(0.6);
    for (const block of blocksOf(section.text)) {
      if (block.kind === 'lead') {
        doc.moveDown(0.3).font(fonts.sansBold).fontSize(10.5).fillColor('#111111').text(block.text, { width: WIDTH });
        doc.moveDown(0.3);
      } else if (block.kind === 'list') {
        doc.font(fonts.serif).fontSize(10.5).fillColor('#1b1b1b').list(block.items, { width: WIDTH - 14, bulletRadius: 2, textIndent: 14, lineGap: 2, paragraphGap: 3 });
        doc.moveDown(0.6);
      } else {
        doc.font(fonts.serif).fontSize(10.5).fillColor('#1b1b1b').text(block.text, { width: WIDTH, lineGap: 2.5 });
        doc.moveDown(0.7);
      }
    }
  });

  doc.switchToPage(tocPage);
  let y = tocTop;
  report.sections.forEach((section, index) => {
    doc.font(fonts.sans).fontSize(11).fillColor('#1b1b1b');
    const page = String(sectionPages[index]);
    const pageWidth = doc.widthOfString(page);
    const headingWidth = Math.min(doc.widthOfString(section.heading), WIDTH - pageWidth - 30);
    doc.text(section.heading, MARGIN.left, y, { width: WIDTH - pageWidth - 30, lineBreak: false, ellipsis: true });
    const dotsFrom = MARGIN.left + headingWidth + 6;
    const dotsTo = MARGIN.left + WIDTH - pageWidth - 6;
    if (dotsTo > dotsFrom) {
      doc.save().strokeColor('#9a9a9a').lineWidth(0.6).dash(1, { space: 3 }).moveTo(dotsFrom, y + 10).lineTo(dotsTo, y + 10).stroke().undash().restore();
    }
    doc.text(page, MARGIN.left + WIDTH - pageWidth, y, { lineBreak: false });
    y += 22;
  });

  // Footer with the organisation and page number on every page but the cover.
  const range = doc.bufferedPageRange();
  for (let index = 1; index < range.count; index++) {
    doc.switchToPage(index);
    // Below the bottom margin PDFKit would start a new page; the footer sits in the margin on purpose.
    doc.page.margins.bottom = 0;
    doc.font(fonts.sans).fontSize(8.5).fillColor('#5a5a5a');
    doc.text(`${report.organizationName} – ${title}`, MARGIN.left, PAGE.height - 50, { width: WIDTH - 40, lineBreak: false });
    doc.text(String(index + 1), MARGIN.left, PAGE.height - 50, { width: WIDTH, align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}
