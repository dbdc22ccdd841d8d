import type { ReactNode } from 'react';
import { Button } from './button';

export type BannerTone = 'info' | 'success' | 'warning' | 'error' | 'offline';

export interface BannerProps {
  tone: BannerTone;
  /** 'alert' interrupts (errors); 'status' waits its turn. */
  role?: 'alert' | 'status';
  title?: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
  onDismiss?: () => void;
  label?: string;
}

export function Banner({ tone, role = tone === 'error' ? 'alert' : 'status', title, children, actions, onDismiss, label }: BannerProps) {
  return (
    <div className={`banner banner-${tone}`} role={role} aria-label={label}>
      {/* The glyph is drawn by CSS from the attribute, keeping it out of the banner's text. */}
      <span className="banner-icon" aria-hidden="true" data-glyph={bannerGlyph(tone)} />
      <div className="banner-body">
        {title ? <p className="banner-title">{title}</p> : null}
        <div className="banner-text">{children}</div>
      </div>
      {actions || onDismiss ? (
        <div className="banner-actions">
          {actions}
          {onDismiss ? (
            <Button variant="ghost" size="sm" onClick={onDismiss}>
              Dismiss
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function bannerGlyph(tone: BannerTone): string {
  switch (tone) {
    case 'success':
      return '✓';
    case 'warning':
      return '!';
    case 'error':
      return '!';
    case 'offline':
      return '⌁';
    default:
      return 'i';
  }
}
