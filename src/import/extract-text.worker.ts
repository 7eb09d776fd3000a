/**
 * The body of the extraction worker (extract-in-worker.ts): reads one PDF or DOCX per message with the
 * importer's readers and answers with its text or the InputError's problems. Runs in a worker thread
 * with a heap limit, so a hostile file can exhaust only this thread, which the caller then ends.
 */
import { parentPort } from 'node:worker_threads';
import { InputError } from '../errors.ts';
import type { ExtractionReply, ExtractionRequest } from './extract-in-worker.ts';
import { verifyPdfStreamSizes } from './pdf-limits.ts';
import { verifyZipSizes } from './zip-limits.ts';

if (!parentPort) throw new Error('extract-text.worker.ts runs only as a worker thread');
const port = parentPort;

port.on('message', (request: ExtractionRequest) => {
  void answer(request).then((reply) => port.postMessage(reply));
});

async function answer({ id, format, bytes, name }: ExtractionRequest): Promise<ExtractionReply> {
  try {
    // What the readers would inflate is measured first, with caps: their own buffers escape the heap limit.
    if (format === 'docx') verifyZipSizes(bytes, name, 'DOCX');
    else verifyPdfStreamSizes(bytes, name);
    const text =
      format === 'docx'
        ? await (await import('./extract-docx.ts')).extractDocxText(bytes, name)
        : format === 'pdf'
          ? await (await import('./extract-pdf.ts')).extractPdfText(bytes, name)
          : JSON.stringify(await (await import('./extract-pdf.ts')).extractPdfPages(bytes, name));
    return { id, ok: true, text };
  } catch (error) {
    if (error instanceof InputError) return { id, ok: false, problems: error.problems };
    return { id, ok: false, bug: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
