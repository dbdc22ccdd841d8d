// GET /api/events: every kithEvents event as server-sent events
// (`event: <name>` + `data: <json>`), with heartbeat comments that keep
// proxies and idle timers from closing the stream. Each heartbeat re-checks
// the caller's token, so a revoked or expired session stops receiving.
import type { KithApi } from '../../../src-contract/kith-api';
import type { Logger } from '../../core/ports';
import { forwardEvents } from '../../../src-contract/event-forwarder';

export interface EventStreamHub {
  /** A streaming response for one subscriber; `stillAuthorized` is asked at each heartbeat. */
  open(stillAuthorized: () => Promise<boolean>): Response;
  /** Ends every open stream (server shutdown). */
  closeAll(): void;
  readonly openCount: number;
}

export function createEventStreamHub(api: Pick<KithApi, 'events'>, options: { heartbeatMs: number; log?: Pick<Logger, 'error'> }): EventStreamHub {
  const open = new Set<() => void>();
  const encoder = new TextEncoder();

  return {
    get openCount() {
      return open.size;
    },
    closeAll() {
      for (const close of [...open]) close();
    },
    open(stillAuthorized) {
      let finish = () => {};
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          let closed = false;
          const write = (text: string) => {
            if (closed) return;
            try {
              controller.enqueue(encoder.encode(text));
            } catch {
              finish();
            }
          };
          const stopEvents = forwardEvents(api, (event, payload) => write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`), {
            log: options.log,
          });
          const heartbeat = setInterval(() => {
            void stillAuthorized().then(
              (ok) => (ok ? write(': heartbeat\n\n') : finish()),
              () => finish(),
            );
          }, options.heartbeatMs);
          finish = () => {
            if (closed) return;
            closed = true;
            clearInterval(heartbeat);
            stopEvents();
            open.delete(finish);
            try {
              controller.close();
            } catch {
              // already closed by the other side
            }
          };
          open.add(finish);
          // The retry field tells EventSource clients how long to wait before reconnecting.
          write('retry: 2000\n: connected\n\n');
        },
        cancel() {
          finish();
        },
      });
      return new Response(body, {
        headers: {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          // Tells buffering reverse proxies to pass events through at once.
          'x-accel-buffering': 'no',
        },
      });
    },
  };
}
