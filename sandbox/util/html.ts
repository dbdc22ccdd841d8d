// Minimal server-rendered pages. Every control has a visible label so
// Playwright can find it by role and accessible name.
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Wraps trusted markup; callers escape every interpolated value with escapeHtml. */
export function page(title: string, body: string, accent = '#1a73e8'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #f5f6f8; color: #202124; }
  main { max-width: 30rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 3px #0003; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  fieldset { border: 1px solid #dadce0; border-radius: 6px; margin: 1rem 0; }
  label { display: flex; gap: .5rem; align-items: center; padding: .3rem 0; }
  img { border-radius: 50%; }
  .actions { display: flex; gap: 1rem; justify-content: flex-end; margin-top: 1.5rem; }
  button { font-size: 1rem; padding: .5rem 1.5rem; border-radius: 4px; border: 1px solid #dadce0; background: #fff; cursor: pointer; }
  button.primary { background: ${accent}; color: #fff; border-color: ${accent}; }
  .error { color: #b3261e; }
  code { background: #f1f3f4; padding: 0 .2rem; }
</style>
</head>
<body><main>
${body}
</main></body>
</html>`;
}
