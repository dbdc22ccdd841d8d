// Name parts for generated contacts and friends. Two coprime-length lists give
// many distinct full names from an index with no table in memory.
export const GIVEN_NAMES = [
  'Amara', 'Bjorn', 'Chiara', 'Dmitri', 'Esi', 'Farah', 'Gustavo', 'Hana', 'Ines', 'Jonas',
  'Keiko', 'Liam', 'Mariam', 'Nikolai', 'Olu', 'Priya', 'Quentin', 'Rosa', 'Sanjay', 'Tove',
  'Umar', 'Valentina', 'Wei', 'Ximena', 'Yusuf', 'Zofia', 'Aiko', 'Bruno', 'Camille', 'Diego',
  'Elif', 'Felix', 'Giulia', 'Hamza', 'Ingrid', 'Jae', 'Kwame', 'Lucia', 'Mateo', 'Noor',
  'Oskar', 'Paloma', 'Rafael', 'Sofia', 'Tariq', 'Ursula', 'Viktor', 'Wanjiru', 'Yara', 'Zane',
  'Anouk', 'Bilal', 'Carmen', 'Dara', 'Emeka', 'Freya', 'Goran', 'Hiro', 'Isla', 'Jamal', 'Kaia',
] as const;

export const FAMILY_NAMES = [
  'Abebe', 'Bianchi', 'Castillo', 'Dubois', 'Eriksen', 'Fernandes', 'Garcia', 'Haddad', 'Ivanova',
  'Jensen', 'Kowalski', 'Larsen', 'Mensah', 'Nakamura', 'Okafor', 'Petrov', 'Quispe', 'Rossi',
  'Santos', 'Tanaka', 'Udeh', 'Vargas', 'Wojcik', 'Xu', 'Yilmaz', 'Zhang', 'Andersson', 'Brown',
  'Chen', 'Diallo', 'Evans', 'Fischer', 'Gonzalez', 'Horvat', 'Ibrahim', 'Jovanovic', 'Kim',
  'Lopez', 'Moreau', 'Novak', 'Olsen', 'Park', 'Reyes', 'Singh', 'Torres', 'Ueda', 'Volkov',
  'Wright', 'Yamamoto', 'Zielinski', 'Adeyemi', 'Berg', 'Costa', 'Dang', 'Eze', 'Fontaine', 'Gupta',
] as const;

/** Deterministic name for index i (and a revision, which changes the family name). */
export function nameFor(i: number, revision = 0): { given: string; family: string } {
  const given = GIVEN_NAMES[i % GIVEN_NAMES.length] ?? 'Alex';
  const family = FAMILY_NAMES[(Math.floor(i / GIVEN_NAMES.length) + i * 7 + revision * 13) % FAMILY_NAMES.length] ?? 'Doe';
  return { given, family };
}

export function initialsOf(given: string, family: string): string {
  return (given.charAt(0) + family.charAt(0)).toUpperCase();
}

/** A stable hue (0..359) for an avatar background. */
export function hueFor(i: number): number {
  return (i * 137) % 360;
}
