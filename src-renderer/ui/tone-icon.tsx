// The round glyph a banner or a toast starts with; its colour is the tone's
// (`--tone`, set by the container), its glyph says the same in shape, so the
// tone never rests on colour alone (WCAG 1.4.1).
export type Tone = 'success' | 'info' | 'warning' | 'error' | 'offline';

export function ToneIcon({ tone, size }: { tone: Tone; size: 'small' | 'large' }) {
  return <span className={`tone-icon tone-icon-${size}`} aria-hidden="true" data-glyph={toneGlyph(tone)} />;
}

function toneGlyph(tone: Tone): string {
  switch (tone) {
    case 'success':
      return '✓';
    case 'warning':
    case 'error':
      return '!';
    case 'offline':
      return '⌁';
    default:
      return 'i';
  }
}
