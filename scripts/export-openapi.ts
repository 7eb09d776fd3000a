/**
 * Writes the OpenAPI document generated from the route schemas to docs/openapi.json.
 * `npm run openapi`; a test fails when the committed copy is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/api/app.ts';
import { openDatabase } from '../src/storage/database.ts';

export async function generateOpenApiDocument(): Promise<unknown> {
  // Routes only need a handle to exist; nothing is queried, so an unmigrated in-memory database will do.
  const database = await openDatabase({ dataDir: null });
  try {
    const app = await buildApp({ database, web: false });
    await app.ready();
    return app.swagger();
  } finally {
    await database.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const document = await generateOpenApiDocument();
  const target = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`wrote ${target}\n`);
}
