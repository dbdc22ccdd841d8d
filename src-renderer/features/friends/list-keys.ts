/** Where a key press moves the active row of a list of `count` rows, or null if the key is not ours. */
export function nextIndex(key: string, current: number | null, count: number, pageRows: number): number | null {
  if (count === 0) return null;
  const at = current ?? -1;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(at + 1);
    case 'ArrowUp':
      return clamp(current === null ? 0 : at - 1);
    case 'PageDown':
      return clamp(at + Math.max(1, pageRows));
    case 'PageUp':
      return clamp((current ?? 0) - Math.max(1, pageRows));
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
