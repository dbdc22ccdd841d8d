import { useEffect, useRef, type ReactNode } from 'react';

/** Each page's h1; it takes focus when the page opens, so a screen reader announces where the person landed. */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Only after in-app navigation: on first load the browser's own focus is fine.
    if (document.activeElement && document.activeElement.closest('.main-nav')) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <header className="page-header">
      <div>
        <h1 ref={ref} tabIndex={-1} className="page-title">
          {title}
        </h1>
        {description ? <p className="page-description">{description}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}
