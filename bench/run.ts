/**
 * `npm run bench -- <name> [options]` runs bench/<name>.ts, which exports `run(args)` and prints its
 * figures. Benchmarks measure; they never assert.
 */
const [name, ...args] = process.argv.slice(2);
const known = ['cli', 'import', 'load', 'render', 'search'];
if (!name || !known.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${known.join('|')}> [options]\n`);
  process.exit(1);
}
const bench = (await import(`./${name}.ts`)) as { run(args: string[]): Promise<void> };
await bench.run(args);
