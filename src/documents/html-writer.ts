/**
 * Writes a DocumentContent as one self-contained, accessible HTML5 page (lang="sv", semantic
 * headings, tables with headers, print CSS for A4). Same words and order as the PDF.
 */
import type { Block, DocumentContent, FieldRow, Section, Signer } from './document-model.ts';
import { labels } from './labels.ts';

/** Renders the content as a complete HTML document. */
export function writeHtml(content: DocumentContent): string {
  const band = content.band;
  const main = content.sections.map(section).join('\n');
  const footer = content.footerBoxes
    ? `<div class="page-footer" aria-hidden="true"><span>${escape(labels.footerAdjusters)}</span><span>${escape(labels.footerCertification)}</span></div>`
    : '';
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(content.title)}</title>
${content.author ? `<meta name="author" content="${escape(content.author)}">\n` : ''}<meta name="description" content="${escape(content.subject)}">
<style>${CSS}</style>
</head>
<body>
${content.cover ? cover(content.cover) : `<header class="band">
${band.organization ? `<p class="organization">${escape(band.organization)}</p>\n` : ''}<h1>${escape(band.kindWord)}</h1>
${band.body ? `<p class="body-name">${escape(band.body)}</p>\n` : ''}<p class="meeting-date">${escape(band.dateLabel)}${band.date ? ` <time datetime="${escape(band.date)}">${escape(band.date)}</time>` : ''}</p>
</header>`}
<main>
${main}
</main>
${footer}
</body>
</html>
`;
}

function cover(content: { title: string; lines: string[] }): string {
  return `<header class="cover">\n<h1>${escape(content.title)}</h1>\n${content.lines.map((line) => `<p>${escape(line)}</p>`).join('\n')}\n</header>`;
}

function section(content: Section): string {
  const heading = content.blocks[0]?.type === 'heading' ? content.blocks[0] : null;
  const id = content.anchor ? ` id="${escape(content.anchor)}"` : '';
  const labelledBy = content.anchor && heading ? ` aria-labelledby="${escape(content.anchor)}-rubrik"` : '';
  const classes = ['section', content.startOnNewPage ? 'new-page' : ''].filter(Boolean).join(' ');
  const blocks = content.blocks
    .map((item, index) => (index === 0 && heading && content.anchor ? block(item, `${content.anchor}-rubrik`) : block(item)))
    .join('\n');
  return `<section class="${classes}"${id}${labelledBy}>\n${blocks}\n</section>`;
}

function block(item: Block, headingId?: string): string {
  switch (item.type) {
    case 'heading': {
      const id = headingId ? ` id="${escape(headingId)}"` : '';
      return `<h${item.level}${id}>${escape(item.text)}</h${item.level}>`;
    }
    case 'paragraph':
      return `<p${item.tone && item.tone !== 'normal' ? ` class="${item.tone}"` : ''}>${withBreaks(item.text)}</p>`;
    case 'list': {
      const tag = item.numbered ? 'ol' : 'ul';
      return `<${tag} class="decisions">\n${item.items.map((entry) => `<li>${withBreaks(entry)}</li>`).join('\n')}\n</${tag}>`;
    }
    case 'fields':
      return fields(item.rows, 'fields');
    case 'table':
      return `<table class="grid">
<caption>${escape(item.caption)}</caption>
<thead><tr>${item.head.map((cell) => `<th scope="col">${escape(cell)}</th>`).join('')}</tr></thead>
<tbody>
${item.rows.map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`).join('\n')}
</tbody>
</table>`;
    case 'signatures':
      return signatures(item.heading, item.signers);
    case 'toc':
      return `<nav aria-labelledby="innehall">
<h2 id="innehall">${escape(item.heading)}</h2>
<ol class="toc">
${item.entries.map((entry) => `<li><a href="#${escape(entry.anchor)}">${escape(entry.label)}</a></li>`).join('\n')}
</ol>
</nav>`;
    case 'box':
      return `<div class="box">
<h2>${escape(item.heading)}</h2>
<p>${escape(item.lead)}</p>
${fields(item.rows, 'fields in-box')}
<p class="signature-line"><span class="label">${escape(item.signatureLabel)}</span><span class="rule"></span></p>
</div>`;
  }
}

function fields(rows: FieldRow[], className: string): string {
  const body = rows
    .map((row) => {
      const lines = row.lines.map((line) => (line ? escape(line) : '&nbsp;')).join('<br>\n');
      return `<tr${row.stacked ? ' class="stacked"' : ''}><th scope="row">${escape(row.label)}</th><td>${lines}</td></tr>`;
    })
    .join('\n');
  return `<table class="${className}">\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function signatures(heading: string, signers: Signer[]): string {
  const items = signers
    .map(
      (signer) => `<div class="signature">
<span class="rule" aria-hidden="true"></span>
<p><span class="label">${escape(signer.role)}</span> <span class="name">${signer.name ? escape(signer.name) : ''}</span></p>
${signer.note ? `<p class="meta">${escape(signer.note)}</p>` : ''}
</div>`,
    )
    .join('\n');
  return `<h2>${escape(heading)}</h2>\n<div class="signatures">\n${items}\n</div>`;
}

/** A line break typed inside a decision or a proposal stays one, as in the PDF and the Word document. */
function withBreaks(text: string): string {
  return escape(text).replace(/\n/g, '<br>\n');
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

// Screen: a readable column. Print: A4 with the margins of the PDF, §§ kept with their headings, and
// the page number in the top right corner where the browser supports page-margin boxes.
const CSS = `
:root { color: #1b1b1b; background: #fff; font: 16px/1.5 "DejaVu Serif", Georgia, serif; }
body { max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1, h2, h3, th, .band, .meta, caption, .label { font-family: "DejaVu Sans", Arial, sans-serif; }
.band { border-bottom: 2px solid #333; padding-bottom: .6rem; margin-bottom: 1.5rem; }
.band p { margin: 0; }
.cover { border-bottom: 2px solid #333; padding-bottom: .6rem; margin-bottom: 1.5rem; font-family: "DejaVu Sans", Arial, sans-serif; }
.cover p { font-size: 1.3rem; margin: .3rem 0 0; }
p.label { font-family: "DejaVu Sans", Arial, sans-serif; font-weight: bold; margin: 1rem 0 .3rem; }
.organization { font-weight: bold; }
h1 { font-size: 2rem; margin: .8rem 0 0; letter-spacing: .02em; }
.body-name { font-size: 1.2rem; }
.meeting-date { color: #444; }
h2 { font-size: 1.25rem; margin: 2rem 0 .4rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
p { margin: 0 0 .6rem; }
.meta { font-size: .85rem; color: #555; margin: 0 0 .3rem; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1rem; }
.fields th, .fields td { text-align: left; vertical-align: top; padding: .4rem .5rem .4rem 0; border-top: 1px solid #bbb; }
.fields th { width: 13rem; font-size: .8rem; color: #333; }
.fields tr.stacked th { display: block; width: auto; }
.fields tr.stacked td { display: block; border-top: 0; padding: 0 0 .5rem 1rem; }
.grid th, .grid td { text-align: left; padding: .25rem .5rem .25rem 0; border-bottom: 1px solid #bbb; }
.grid thead th { border-bottom: 2px solid #555; font-size: .85rem; }
caption { text-align: left; font-size: .85rem; color: #555; padding-bottom: .25rem; }
ul.decisions { list-style: none; padding-left: 1.1rem; }
ol.decisions { padding-left: 1.6rem; }
ul.decisions li::before { content: "\\2013"; display: inline-block; width: 1.1rem; margin-left: -1.1rem; }
.signature { margin: 2.2rem 0 0; }
.signature .rule, .signature-line .rule { display: block; border-top: 1px solid #333; width: 16rem; margin-left: 13.5rem; }
.signature p { margin: .2rem 0 0; }
.signature .label { display: inline-block; width: 13.5rem; font-size: .8rem; font-weight: bold; }
.signature .meta { margin-left: 13.5rem; }
.signature-line { display: flex; align-items: flex-end; margin-top: 2.5rem; }
.signature-line .label { width: 13.5rem; font-size: .8rem; font-weight: bold; }
.signature-line .rule { margin-left: 0; }
.box { border: 1.5px solid #333; padding: .5rem 1rem 1rem; margin-top: 2rem; break-inside: avoid; }
.box h2 { font-size: 1rem; margin-top: .5rem; }
ol.toc { list-style: none; padding: 0; }
ol.toc a { color: inherit; }
.page-footer { display: none; }
@page { size: A4; margin: 36mm 22mm 34mm 25mm;
  @top-right { content: counter(page) " (" counter(pages) ")"; font: 9pt "DejaVu Sans", Arial, sans-serif; } }
@media print {
  :root { font-size: 10pt; }
  body { max-width: none; margin: 0; padding: 0; }
  .new-page { break-before: page; }
  .cover { min-height: 60vh; padding-top: 35vh; border: 0; break-after: page; }
  h2, h3 { break-after: avoid; }
  .signature, tr { break-inside: avoid; }
  a { text-decoration: none; }
  .page-footer { display: flex; gap: 4mm; justify-content: flex-end; position: fixed; bottom: -24mm; right: 0; }
  .page-footer span { width: 52mm; height: 12mm; border: .5pt solid #999; font: 6.5pt "DejaVu Sans", Arial, sans-serif; color: #555; padding: 1mm 1.5mm; box-sizing: border-box; }
}
`;
