// What makes two entries the same person: the normalised forms of their
// email addresses and phone numbers, and (for Facebook friends, who come with
// a name and a picture only) their folded name.
//
// Emails: trimmed and lower-cased. RFC 5321 §2.4 lets the local part be
// case-sensitive, but no mail provider Kith's people use treats it so, and
// Google Contacts itself matches addresses without case.
// Phones: digits only, with an E.164 form preferred when the provider gives
// one (People's phoneNumbers[].canonicalForm). Numbers written nationally
// ("(555) 010-2345", "020 7946 0000") and internationally ("+1 555 010 2345",
// "+44 20 7946 0000") are matched on their last 10 digits: that drops the
// country code and the trunk prefix (0) while keeping a whole national
// number of the North American plan and of most European ones (ITU-T E.164
// national significant numbers are mostly 9 to 11 digits). Numbers shorter
// than 7 digits (short codes, extensions) never match.
import { fold } from './stored-person';

const PHONE_TAIL = 10;
const PHONE_MIN = 7;

export function emailKey(email: string): string | null {
  const key = email.trim().toLowerCase();
  return key.includes('@') && key.length >= 3 ? `e:${key}` : null;
}

export function phoneKey(phone: string, canonical?: string | null): string | null {
  const digits = (canonical || phone).replace(/\D/g, '');
  if (digits.length < PHONE_MIN) return null;
  return `t:${digits.slice(-PHONE_TAIL)}`;
}

/** The name a Facebook friend is matched by: folded (pass `folded` when already done), spaces collapsed; null when too short to mean anything. */
export function nameKey(name: string, folded = fold(name)): string | null {
  const key = folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  // One word ("Ana") is too common to take two entries for one person.
  return key.includes(' ') ? `n:${key}` : null;
}
