/**
 * `npm run client:generate`: writes client/src/schema.d.ts, the typed client's types, from the
 * OpenAPI document the API serves (openapi-typescript). With `--check` it writes nothing and
 * exits 1 when the checked-in file differs; test/unit/client.test.ts runs that, so the client
 * cannot drift from the API. A script because openapi-typescript needs ES modules jest lacks.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from '../src/api/openapi';

const CLIENT_SCHEMA_FILE = path.resolve(__dirname, '../client/src/schema.d.ts');

const HEADER = `/**
 * Generated from Herald's /openapi.json by openapi-typescript (npm run client:generate).
 * Do not edit: CI fails when this file and the API's document differ.
 */

`;

async function renderClientSchema(): Promise<string> {
  const ast = await openapiTS(JSON.parse(JSON.stringify(openApiDocument)));
  return HEADER + astToString(ast);
}

void renderClientSchema().then((schema) => {
  const file = path.relative(process.cwd(), CLIENT_SCHEMA_FILE);
  if (!process.argv.includes('--check')) {
    writeFileSync(CLIENT_SCHEMA_FILE, schema);
    console.log(`wrote ${file}`);
  } else if (readFileSync(CLIENT_SCHEMA_FILE, 'utf8') === schema) {
    console.log(`${file} matches the API's document`);
  } else {
    console.error(`${file} is stale: run npm run client:generate and commit it`);
    process.exitCode = 1;
  }
});
