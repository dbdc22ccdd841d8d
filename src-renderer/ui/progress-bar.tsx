export interface ProgressBarProps {
  /** Accessible name, e.g. "Syncing Ada Lovelace (Google)". */
  label: string;
  value: number;
  /** Null when the total is unknown: the bar is indeterminate. */
  max: number | null;
  /** What is read and shown, e.g. "Syncing 1,200 of 5,000". */
  text: string;
}

export function ProgressBar({ label, value, max, text }: ProgressBarProps) {
  const determinate = max !== null && max > 0;
  const clamped = determinate ? Math.min(value, max) : value;
  const percent = determinate ? Math.round((clamped / max) * 100) : null;
  return (
    <div className="progress">
      <div
        className={`progress-track${determinate ? '' : ' progress-indeterminate'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={determinate ? max : undefined}
        aria-valuenow={determinate ? clamped : undefined}
        aria-valuetext={text}
      >
        {/* Width through the CSSOM (React's style prop), which a style-src CSP allows. */}
        <div className="progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <p className="progress-text">{text}</p>
    </div>
  );
}
