import { useEffect, useState } from 'react';
import { initials } from '../lib/format';

export interface AvatarProps {
  name: string;
  url: string | null;
  size?: 'sm' | 'md' | 'lg';
  /**
   * Ask for the picture only once the avatar has been on screen this long. For rows that
   * may flash past (typing a search, scrolling fast): those cost no request and no decode.
   * Meanwhile the avatar is its coloured circle, as while a picture loads.
   */
  pictureDelayMs?: number;
  /** While true the picture is not asked for at all (the rows of a search still being typed); the delay counts from when it turns false. */
  holdPicture?: boolean;
}

/** A picture when there is one that loads, else initials on a colour derived from the name. Decorative: the name sits beside it. */
export function Avatar({ name, url, size = 'md', pictureDelayMs = 0, holdPicture = false }: AvatarProps) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const delayed = pictureDelayMs > 0 || holdPicture;
  const [dueUrl, setDueUrl] = useState<string | null>(delayed ? null : url);
  useEffect(() => {
    if (url === null || holdPicture || pictureDelayMs <= 0) return;
    const timer = setTimeout(() => setDueUrl(url), pictureDelayMs);
    return () => clearTimeout(timer);
  }, [url, pictureDelayMs, holdPicture]);
  const hue = hueOf(name);
  const hasImage = url !== null && failedUrl !== url;
  // A picture already shown stays while held: only one this avatar has not asked for waits.
  const due = !delayed || dueUrl === url;
  return (
    <span className={`avatar avatar-${size}`} data-hue={hue} aria-hidden="true">
      {hasImage ? (
        due ? (
          <img src={url} alt="" loading="lazy" decoding="async" referrerPolicy="no-referrer" onError={() => setFailedUrl(url)} />
        ) : null
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
