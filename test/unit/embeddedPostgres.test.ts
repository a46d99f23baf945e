import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closedAncestor, startEmbeddedPostgres } from '../../src/db/embeddedPostgres';

/** DESIGN §9: as root, a data dir under a 0700 directory must get words, not initdb's. */
describe('a data directory the postgres user cannot reach', () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'herald-closed-')); // mkdtemp makes it 0700
  const dataDir = path.join(base, 'project', '.herald');

  it('finds the closed directory above it', () => {
    mkdirSync(path.join(base, 'project'), { recursive: true });
    chmodSync(path.join(base, 'project'), 0o755);
    expect(closedAncestor(dataDir)).toBe(base);
    chmodSync(base, 0o711);
    expect(closedAncestor(dataDir)).toBeUndefined();
    chmodSync(base, 0o700);
  });

  // Only root runs Postgres as another user; CI runs as root.
  (process.getuid?.() === 0 ? it : it.skip)(
    'stops the start with what to do, naming the directory',
    async () => {
      await expect(startEmbeddedPostgres(dataDir)).rejects.toThrow(
        new RegExp(
          `HERALD_DATA_DIR=${dataDir}.*${base} does not let other users through \\(mode 700\\).*chmod o\\+x ${base}`,
        ),
      );
    },
  );
});
