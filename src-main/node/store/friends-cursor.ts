// The keyset cursor of a friends search: the order key of the last row of a
// page, base64url JSON. It names a place in name order rather than a row
// position, so rows added, removed or re-spaced between two pages never make
// a page repeat or skip what was already past. It comes back from the
// renderer, so it is parsed strictly.
import { z } from 'zod';
import { KithError } from '../../../src-contract/kith-api';
import type { OrderKey } from './row-order';

const CursorSchema = z.tuple([z.string().max(4000), z.number().int().positive(), z.string().min(1).max(200)]);

export function encodeCursor(key: OrderKey): string {
  return Buffer.from(JSON.stringify([key.sortKey, key.accountNo, key.personId]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): OrderKey {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // handled below
  }
  const checked = CursorSchema.safeParse(parsed);
  if (!checked.success) throw new KithError('E_INVALID_INPUT', 'That page cursor is not one Kith gave out.');
  const [sortKey, accountNo, personId] = checked.data;
  return { sortKey, accountNo, personId };
}
