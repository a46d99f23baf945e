/**
 * Validates the generated /openapi.json against the OpenAPI 3.1 schema; exits 1 when it is not
 * valid. A script because the validator is an ES module that jest's CommonJS runtime cannot load.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { openApiDocument } from '../src/api/openapi';

async function main(): Promise<void> {
  const validator = new Validator();
  const result = await validator.validate(JSON.parse(JSON.stringify(openApiDocument)));
  if (!result.valid || validator.version !== '3.1') {
    console.error(JSON.stringify({ version: validator.version, ...result }, null, 2));
    process.exit(1);
  }
  console.log(`/openapi.json is a valid OpenAPI ${validator.version} document`);
}

void main();
