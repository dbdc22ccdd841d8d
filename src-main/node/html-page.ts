// Small pages Kith serves itself (expired launch link, renderer not built): both shells use them.

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** `title` and `heading` are escaped; `detailHtml` is trusted markup written in this folder. */
export function htmlPage(title: string, heading: string, detailHtml: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(heading)}</h1><p>${detailHtml}</p></main></body></html>
`;
}
