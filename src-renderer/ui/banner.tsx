import type { ReactNode } from 'react';
import { Button } from './button';
import { ToneIcon, type Tone } from './tone-icon';

export type BannerTone = Tone;

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
      <ToneIcon tone={tone} size="large" />
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
