// Authorization requests waiting on the consent page. The form carries only
// an opaque id, so the person cannot alter redirect_uri, scopes or the PKCE
// challenge between the page and the decision.
import { randomToken } from '../util/random';
import type { SandboxClock } from '../clock';

const PENDING_TTL_MS = 10 * 60_000;
const MAX_PENDING = 1_000;

export class PendingRequests<T> {
  private readonly items = new Map<string, { value: T; expiresAt: number }>();

  constructor(private readonly clock: SandboxClock) {}

  add(value: T): string {
    const now = this.clock.now();
    for (const [id, item] of this.items) {
      if (item.expiresAt <= now || this.items.size >= MAX_PENDING) this.items.delete(id);
      else break;
    }
    const id = randomToken('', 18);
    this.items.set(id, { value, expiresAt: now + PENDING_TTL_MS });
    return id;
  }

  /** Returns and forgets the request: a consent form can be submitted once. */
  take(id: string): T | null {
    const item = this.items.get(id);
    if (!item) return null;
    this.items.delete(id);
    return item.expiresAt > this.clock.now() ? item.value : null;
  }

  clear(): void {
    this.items.clear();
  }
}
