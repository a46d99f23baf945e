import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config';

export interface Credentials {
  rootToken: string;
  secretKey: string;
  /** Where generated credentials were written, when any were. */
  file?: string;
}

const credentialsFileSchema = z.object({
  rootToken: z.string().min(16),
  secretKey: z.string().length(44),
});

/**
 * The environment wins; otherwise the credentials of `<dataDir>/credentials.json`, generated on
 * first start (mode 0600) so that `npm start` needs no setup.
 */
export function resolveCredentials(config: Config): Credentials {
  if (config.HERALD_ROOT_TOKEN && config.HERALD_SECRET_KEY) {
    return { rootToken: config.HERALD_ROOT_TOKEN, secretKey: config.HERALD_SECRET_KEY };
  }
  const file = path.resolve(config.HERALD_DATA_DIR, 'credentials.json');
  let stored: z.infer<typeof credentialsFileSchema>;
  if (existsSync(file)) {
    const parsed = credentialsFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success)
      throw new Error(
        `${file} is damaged; remove it or set HERALD_ROOT_TOKEN and HERALD_SECRET_KEY`,
      );
    stored = parsed.data;
  } else {
    stored = {
      rootToken: `hrt_${randomBytes(32).toString('base64url')}`,
      secretKey: randomBytes(32).toString('base64'),
    };
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return {
    rootToken: config.HERALD_ROOT_TOKEN ?? stored.rootToken,
    secretKey: config.HERALD_SECRET_KEY ?? stored.secretKey,
    file,
  };
}
