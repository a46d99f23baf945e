import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { locateGo } from '../../src/temporal/cli';

/**
 * Binaries the tests need from Go modules (`go install module@version`), under `binDir`: built
 * once, then found there. Nothing downloads at run time beyond the machine's Go module proxy.
 */
export function ensureGoInstalled(options: {
  what: string;
  modules: string[];
  binDir: string;
  binaries: string[];
}): string[] {
  const paths = options.binaries.map((binary) => path.join(options.binDir, binary));
  if (paths.every((file) => existsSync(file))) return paths;
  const go = locateGo();
  if (!go) throw new Error(`Building ${options.what} needs Go (/usr/local/go/bin/go).`);
  mkdirSync(options.binDir, { recursive: true });
  console.log(`Building ${options.what} into ${options.binDir} (minutes the first time).`);
  const build = spawnSync(go, ['install', ...options.modules], {
    env: { ...process.env, CGO_ENABLED: '0', GOBIN: options.binDir },
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`go install of ${options.what} exited ${build.status}`);
  return paths;
}
