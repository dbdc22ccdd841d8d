// Renames a bad document out of the way instead of deleting or overwriting it,
// so a person (or a bug report) can still look at what was there.
import path from 'node:path';
import { moveWithoutReplacing } from './move-without-replacing';

export async function moveAside(file: string, kind: 'corrupt' | 'invalid', now: number): Promise<string> {
  const dir = path.dirname(file);
  const base = path.basename(file, '.json');
  for (let attempt = 0; ; attempt++) {
    const target = path.join(dir, `${base}.${kind}-${now}${attempt === 0 ? '' : `-${attempt}`}.json`);
    try {
      await moveWithoutReplacing(file, target);
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 100) continue;
      throw error;
    }
  }
}
