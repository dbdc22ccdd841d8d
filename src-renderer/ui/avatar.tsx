import { useState } from 'react';
import { initials } from '../lib/format';

export interface AvatarProps {
  name: string;
  url: string | null;
  size?: 'sm' | 'md' | 'lg';
}

/** A picture when there is one that loads, else initials on a colour derived from the name. Decorative: the name sits beside it. */
export function Avatar({ name, url, size = 'md' }: AvatarProps) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const hue = hueOf(name);
  const showImage = url !== null && failedUrl !== url;
  return (
    <span className={`avatar avatar-${size}`} data-hue={hue} aria-hidden="true">
      {showImage ? (
        <img src={url} alt="" loading="lazy" decoding="async" referrerPolicy="no-referrer" onError={() => setFailedUrl(url)} />
      ) : (
        // Drawn by CSS from the attribute, so a row's text (and innerText) starts with the name itself.
        <span className="avatar-initials" data-initials={initials(name)} />
      )}
    </span>
  );
}

/** One of 12 hues, stable per name (class-based, so no inline style is needed under the CSP). */
export function hueOf(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i += 1) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return h % 12;
}
