// A file's text as JSON, or null when it is not JSON at all: the callers then
// check the value against their schema and report a damaged file in their own
// words, so an unparsable file and a wrong shape take the same path.
export function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
