import fs from 'node:fs';
import path from 'node:path';

import { findRootDir } from '../../src/config';

/** bench/out under the project root (git-ignored): results, logs, scratch files. */
export function outDir(...parts: string[]): string {
  const dir = path.join(findRootDir(__dirname), 'bench', 'out', ...parts);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
