// The few pages Kith shows outside its window: what the sign-in tab says after the
// provider sends the browser back to the loopback server, and what the host shell
// says about a spent launch link or an app that is not built. Styled like the app
// (its palette, type and card; light or dark by prefers-color-scheme) and
// self-contained: one inline style, allowed by its hash in the page's own CSP, no
// script, no image, nothing fetched. Text is escaped; commands are shown as code.
import { createHash } from 'node:crypto';

/** A run of text, or a command the person types (shown in a monospace box). */
export type SmallPageText = string | { readonly command: string };

export interface SmallPage {
  /** The tab's title; " · Kith" is added. */
  readonly title: string;
  readonly heading: string;
  /** Paragraphs, each a list of runs. */
  readonly paragraphs: readonly (readonly SmallPageText[])[];
}

const STYLE = `
:root { color-scheme: light dark; --bg: #f5f6fa; --card: #ffffff; --border: #dfe2ea; --text: #171a23; --muted: #5b6172; --code-bg: #eceef4; }
@media (prefers-color-scheme: dark) { :root { --bg: #0f1117; --card: #171a23; --border: #2a2f3d; --text: #e8eaf0; --muted: #a3a9b8; --code-bg: #0b0d12; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 24px; background: var(--bg); color: var(--text);
  font: 15px/1.55 ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Ubuntu, Cantarell, 'Helvetica Neue', Arial, sans-serif; }
main { width: min(520px, 100%); background: var(--card); border: 1px solid var(--border); border-radius: 16px; padding: 28px 32px;
  box-shadow: 0 1px 2px rgb(16 24 40 / 0.06), 0 1px 3px rgb(16 24 40 / 0.08); }
.brand { display: flex; align-items: center; gap: 10px; margin-bottom: 18px; font-weight: 750; font-size: 17px; }
.brand-mark { width: 30px; height: 30px; border-radius: 9px; display: inline-grid; place-items: center; color: #fff; font-weight: 800;
  background: linear-gradient(135deg, #6366f1, #8b5cf6); }
h1 { font-size: 21px; line-height: 1.3; margin: 0 0 10px; letter-spacing: -0.01em; }
p { margin: 0 0 10px; color: var(--muted); }
p:last-child { margin-bottom: 0; }
code { font: 0.92em ui-monospace, 'SF Mono', 'Cascadia Code', 'DejaVu Sans Mono', Menlo, monospace; color: var(--text);
  background: var(--code-bg); padding: 0.1em 0.4em; border-radius: 5px; white-space: nowrap; }
`;

/** The Content-Security-Policy for a small page: nothing but its own inline style. */
export const SMALL_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function renderSmallPage(page: SmallPage): string {
  const paragraphs = page.paragraphs.map((runs) => `<p>${runs.map(renderRun).join('')}</p>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(page.title)} · Kith</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="brand" aria-hidden="true"><span class="brand-mark">K</span><span>Kith</span></div>
<h1>${escapeHtml(page.heading)}</h1>
${paragraphs}
</main>
</body>
</html>
`;
}

function renderRun(run: SmallPageText): string {
  return typeof run === 'string' ? escapeHtml(run) : `<code>${escapeHtml(run.command)}</code>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
