import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderSmallPage, SMALL_PAGE_CSP } from './small-page';

describe('small pages', () => {
  it('escape every run and show commands as code', () => {
    const html = renderSmallPage({ title: 'T <x>', heading: 'H & "q"', paragraphs: [['Run ', { command: 'npx kith serve --open' }, ' <now>.']] });
    expect(html).toContain('<title>T &lt;x&gt; · Kith</title>');
    expect(html).toContain('<h1>H &amp; &quot;q&quot;</h1>');
    expect(html).toContain('<p>Run <code>npx kith serve --open</code> &lt;now&gt;.</p>');
    expect(html).not.toMatch(/<script|<img|<link|`/);
  });

  it('carry light and dark styles that their policy allows by hash, and nothing else', () => {
    const html = renderSmallPage({ title: 't', heading: 'h', paragraphs: [] });
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style).toContain('prefers-color-scheme: dark');
    expect(SMALL_PAGE_CSP).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(SMALL_PAGE_CSP).toMatch(/^default-src 'none';/);
    expect(SMALL_PAGE_CSP).not.toContain('unsafe-inline');
  });
});
