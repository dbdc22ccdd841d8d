import { useEffect, useState } from 'react';

/**
 * Whether `value` has stayed the same for `ms`: true on the first render, false from the render
 * where it changes until it has held still that long. For work worth doing only once a person
 * stops changing something (typing a search), not for each intermediate value.
 */
export function useSettled(value: unknown, ms: number): boolean {
  const [settled, setSettled] = useState(() => value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(() => value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return Object.is(settled, value);
}
