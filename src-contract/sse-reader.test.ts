import { describe, expect, it } from 'vitest';
import { createSseParser, readEventStream } from './sse-reader';

describe('the event-stream reader', () => {
  it('parses events split across chunks, skipping comments', () => {
    const events: [string, string][] = [];
    const push = createSseParser((event, data) => events.push([event, data]));
    push(': connected\n\nevent: conn');
    push('ectivity\ndata: {"online"');
    push(':true}\n\r\nevent: a\ndata: 1\ndata: 2\n\n: heartbeat\n\n');
    expect(events).toEqual([
      ['connectivity', '{"online":true}'],
      ['a', '1\n2'],
    ]);
  });

  it('reads a CRLF that a chunk boundary splits as one line end', () => {
    const events: [string, string][] = [];
    const push = createSseParser((event, data) => events.push([event, data]));
    push('event: a\r');
    push('\ndata: 1\r');
    push('\n\r');
    push('\n');
    expect(events).toEqual([['a', '1']]);
  });

  it('reads a response body to its end, across multi-byte characters split between chunks', async () => {
    const bytes = new TextEncoder().encode('event: n\ndata: "Zoë"\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 19));
        controller.enqueue(bytes.slice(19));
        controller.close();
      },
    });
    const events: [string, string][] = [];
    await readEventStream(body, (event, data) => events.push([event, data]));
    expect(events).toEqual([['n', '"Zoë"']]);
  });
});
