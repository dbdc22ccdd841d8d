// Reads a text/event-stream body (WHATWG HTML, "Server-sent events", §9.2.6
// "Interpreting an event stream") from fetch's response stream. fetch rather
// than EventSource, so one reader serves the page (session cookie) and Node
// scripts (an Authorization header EventSource cannot send), and sees the
// HTTP status EventSource hides (a 401 ends the session, not a retry).
//
// Imported by the renderer too: web APIs only (fetch streams, TextDecoder).

export type SseEventHandler = (event: string, data: string) => void;

/** Parses the stream chunk by chunk: named events and data lines; comments and other fields ignored. */
export function createSseParser(onEvent: SseEventHandler): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    // A trailing '\r' may be the first half of a '\r\n' split across chunks: hold it for the next one.
    const held = buffer.endsWith('\r') ? '\r' : '';
    const lines = (held ? buffer.slice(0, -1) : buffer).split(/\r\n|\r|\n/);
    buffer = (lines.pop() ?? '') + held;
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) onEvent(event || 'message', data.join('\n'));
        event = '';
        data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
    }
  };
}

/** Feeds a response body to the parser until the stream ends; rejects when it is aborted or breaks. */
export async function readEventStream(body: ReadableStream<Uint8Array>, onEvent: SseEventHandler): Promise<void> {
  const parse = createSseParser(onEvent);
  // `stream: true` keeps a character split between two chunks whole.
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return parse(decoder.decode());
      parse(decoder.decode(value, { stream: true }));
    }
  } finally {
    reader.releaseLock();
  }
}
