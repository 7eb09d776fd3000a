/**
 * The TrueType fonts embedded in every PDF: DejaVu (free licence, full Latin coverage, so å, ä, ö, §
 * and – are carried). Resolved from the installed npm package rather than copied into the repository.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const fontDirectory = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/**
 * Paths double as PDFKit's font cache keys, so each face is parsed and embedded once per document,
 * and the document's default font is one of ours (PDFKit would otherwise register Helvetica, which
 * PDF/A forbids because it is not embedded).
 */
export const fonts = {
  sans: join(fontDirectory, 'DejaVuSans.ttf'),
  sansBold: join(fontDirectory, 'DejaVuSans-Bold.ttf'),
  serif: join(fontDirectory, 'DejaVuSerif.ttf'),
  serifBold: join(fontDirectory, 'DejaVuSerif-Bold.ttf'),
} as const;
