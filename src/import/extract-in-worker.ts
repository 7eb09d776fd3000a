/**
 * Text extraction of PDF and DOCX in a worker thread with a heap limit and a time limit. pdfjs and
 * mammoth read whatever a file asks of them: a document.xml that unpacks to 300 MB, or a PDF whose
 * content stream inflates without end, used to take the whole process down (the server with it). In a
 * worker, such a file can only exhaust the worker, which is then ended, and the caller gets an
 * InputError that names the file and the limit. Workers are reused between files (starting one costs
 * a few hundred milliseconds) and never keep the process alive while idle.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, type Problem } from '../errors.ts';

export interface ExtractionLimits {
  /** Wall-clock time for one file, from the moment it is handed to a worker (a fresh worker's start counts). */
  timeoutMs: number;
  /** The worker's old-generation heap, in MB. */
  maxHeapMb: number;
}

/** Generous for real minutes (a 300-page PDF reads in a few seconds), far below what the process has. */
export const EXTRACTION_LIMITS: ExtractionLimits = { timeoutMs: 30_000, maxHeapMb: 512 };
/** Files read at the same time; more wait their turn, so a burst of uploads cannot multiply the memory. */
const MAX_WORKERS = 2;

/** 'pdf-pages' answers a JSON array of each page's text and whether it is a scan (extract-pdf.ts, PdfPage). */
export type ExtractionFormat = 'pdf' | 'pdf-pages' | 'docx';
export interface ExtractionRequest {
  id: number;
  format: ExtractionFormat;
  bytes: Uint8Array;
  name: string;
}
export type ExtractionReply =
  | { id: number; ok: true; text: string }
  | { id: number; ok: false; problems: Problem[] }
  | { id: number; ok: false; bug: string };

let nextId = 1;
let running = 0;
const waiting: Array<() => void> = [];
/** Idle workers by heap limit (a worker's limit is fixed when it starts). */
const idle = new Map<number, Worker[]>();

/**
 * The text of a PDF or DOCX, read in a worker within `limits`. Throws the reader's InputError for an
 * unreadable file, and an InputError `extraction_too_slow` or `extraction_out_of_memory` for a file
 * that breaks the limits.
 */
export async function extractTextInWorker(
  bytes: Uint8Array,
  format: ExtractionFormat,
  name: string,
  limits: Partial<ExtractionLimits> = {},
): Promise<string> {
  const { timeoutMs, maxHeapMb } = { ...EXTRACTION_LIMITS, ...limits };
  await takeTurn();
  try {
    const worker = idle.get(maxHeapMb)?.pop() ?? startWorker(maxHeapMb);
    return await runJob(worker, { id: nextId++, format, bytes, name }, { timeoutMs, maxHeapMb });
  } finally {
    endTurn();
  }
}

function takeTurn(): Promise<void> {
  if (running < MAX_WORKERS) {
    running++;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(resolve));
}

function endTurn(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

function runJob(worker: Worker, request: ExtractionRequest, limits: ExtractionLimits): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const refuse = (code: string, message: string, cause?: unknown) => {
      finish();
      void worker.terminate();
      reject(new InputError({ path: request.name, code, message }, cause === undefined ? undefined : { cause }));
    };
    const onMessage = (reply: ExtractionReply) => {
      if (reply.id !== request.id) return;
      finish();
      worker.unref();
      (idle.get(limits.maxHeapMb) ?? idle.set(limits.maxHeapMb, []).get(limits.maxHeapMb)!).push(worker);
      if (reply.ok) resolve(reply.text);
      else if ('problems' in reply) reject(new InputError(reply.problems));
      else reject(new Error(`text extraction of ${request.name} failed: ${reply.bug}`));
    };
    const onError = (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        refuse('extraction_out_of_memory', `needs more than ${limits.maxHeapMb} MB of memory to read; the limit is ${limits.maxHeapMb} MB`, error);
      } else {
        finish();
        void worker.terminate();
        reject(new Error(`text extraction of ${request.name} failed in its worker`, { cause: error }));
      }
    };
    const onExit = (code: number) => refuse('extraction_failed', `could not be read: the reader stopped (exit code ${code})`);
    const timer = setTimeout(
      () => refuse('extraction_too_slow', `takes longer than ${limits.timeoutMs / 1000} s to read; the limit is ${limits.timeoutMs / 1000} s`),
      limits.timeoutMs,
    );
    function finish() {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    }
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.ref();
    // A copy, not a transfer: the caller keeps its bytes (they are stored after extraction).
    worker.postMessage(request);
  });
}

/**
 * From the build (`dist/`, plain JavaScript) the worker loads its compiled body. From the sources,
 * TypeScript run through tsx or, in tests, Vitest's own loader, a worker thread starts without either, so
 * it registers tsx itself before loading its body.
 */
function startWorker(maxHeapMb: number): Worker {
  const compiled = import.meta.url.endsWith('.js');
  const body = new URL(compiled ? './extract-text.worker.js' : './extract-text.worker.ts', import.meta.url).href;
  const bootstrap = compiled
    ? `await import(${JSON.stringify(body)});`
    : [`import { register } from ${JSON.stringify(tsxApiUrl())};`, 'register();', `await import(${JSON.stringify(body)});`].join('\n');
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), {
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
  });
  worker.unref();
  // Errors while reading a file are answered by runJob; a worker that fails while idle is not reused.
  worker.on('error', () => undefined);
  worker.once('exit', () => {
    const list = idle.get(maxHeapMb);
    const index = list?.indexOf(worker) ?? -1;
    if (list && index >= 0) list.splice(index, 1);
  });
  return worker;
}

let tsxApi: string | undefined;
function tsxApiUrl(): string {
  if (!tsxApi) {
    const packagePath = createRequire(import.meta.url).resolve('tsx/package.json');
    const manifest = JSON.parse(readFileSync(packagePath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
    tsxApi = pathToFileURL(join(dirname(packagePath), manifest.exports['./esm/api']!.import.default)).href;
  }
  return tsxApi;
}
