/**
 * `npm run bench -- render [--runs 20] [--items 40]`: the PDF render time of a fictional 40-§
 * protocol, median and p95 after warm-up, and the size of the document. The target is under 300 ms.
 */
import { renderMinutesPdf, renderMinutesHtml } from '../src/documents/index.ts';
import { buildFictionalMinutes } from '../test/documents/fictional-minutes.ts';

export async function run(args: string[]): Promise<void> {
  const option = (name: string, fallback: number) => {
    const index = args.indexOf(name);
    const value = index >= 0 ? Number(args[index + 1]) : fallback;
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  const runs = option('--runs', 20);
  const items = option('--items', 40);
  const minutes = buildFictionalMinutes({ count: items });
  const createdAt = '2024-10-03T12:00:00Z';

  // Warm-up: module loading, font parsing and the JIT are not what we measure.
  for (let i = 0; i < 3; i++) await renderMinutesPdf(minutes, { createdAt });

  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const pdf = await renderMinutesPdf(minutes, { createdAt });
    times.push(performance.now() - start);
    size = pdf.length;
  }
  const htmlStart = performance.now();
  const html = renderMinutesHtml(minutes);
  const htmlTime = performance.now() - htmlStart;

  times.sort((a, b) => a - b);
  const percentile = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
  const pages = (await renderMinutesPdf(minutes, { createdAt })).toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
  process.stdout.write(
    [
      `render: ${items} §§, ${pages} pages, ${runs} runs after 3 warm-up runs`,
      `  pdf  median ${percentile(50).toFixed(1)} ms, p95 ${percentile(95).toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms, size ${(size / 1024).toFixed(1)} KiB`,
      `  html ${htmlTime.toFixed(1)} ms, size ${(Buffer.byteLength(html) / 1024).toFixed(1)} KiB`,
      '',
    ].join('\n'),
  );
}
