import { execFileSync } from 'node:child_process';
import path from 'node:path';

it('has the client types the API’s document generates now (npm run client:generate)', () => {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.resolve(__dirname, '../../scripts/generate-client.ts'), '--check'],
    { encoding: 'utf8' },
  );
  expect(output).toContain("matches the API's document");
});
