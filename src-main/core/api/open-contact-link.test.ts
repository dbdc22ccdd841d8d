import { describe, expect, it } from 'vitest';
import { openContactLink } from './open-contact-link';

describe('openContactLink', () => {
  it('hands the mail or phone app a plain link built from the value as shown', async () => {
    const opened: string[] = [];
    const opener = { open: async (url: string) => void opened.push(url) };
    await openContactLink(opener, { kind: 'email', value: 'ada@example.com' });
    await openContactLink(opener, { kind: 'phone', value: '(212) 555-0100' });
    expect(opened).toEqual(['mailto:ada@example.com', 'tel:(212)555-0100']);
  });

  it('opens nothing for a value that would carry more than one address or number', async () => {
    const opened: string[] = [];
    const opener = { open: async (url: string) => void opened.push(url) };
    await expect(openContactLink(opener, { kind: 'email', value: 'ada@example.com?attach=/etc/passwd' })).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
    await expect(openContactLink(opener, { kind: 'phone', value: '555 0100;postd=pp1' })).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
    expect(opened).toEqual([]);
  });
});
