import { describe, expect, it } from 'vitest';
import { ContactBook } from './contact-book';

describe('ContactBook', () => {
  it('lists live contacts from an offset, skipping deleted ones', () => {
    const book = new ContactBook(10);
    const { deleted } = book.change({ updated: 0, deleted: 3, added: 0 });
    const all = book.listFrom(0, 100).indices;
    expect(all).toHaveLength(7);
    for (const index of deleted) expect(all).not.toContain(index);
    expect(book.total).toBe(7);
  });

  it('pages without losing or repeating contacts', () => {
    const book = new ContactBook(25);
    book.change({ updated: 0, deleted: 4, added: 2 });
    const seen: number[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page = book.listFrom(offset, 6);
      seen.push(...page.indices);
      offset = page.next;
    }
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
  });

  it('reports each change once, in change order, since a sequence number', () => {
    const book = new ContactBook(100);
    const first = book.change({ updated: 2, deleted: 0, added: 0 });
    const seq = book.currentSeq;
    const second = book.change({ updated: 2, deleted: 1, added: 1 });
    expect(book.changesSince(0, book.currentSeq, 0, 100).indices).toHaveLength(first.updated.length + 4);
    expect(book.changesSince(seq, book.currentSeq, 0, 100).indices).toEqual([...second.updated, ...second.deleted, ...second.added]);
  });

  it('reports a contact changed twice only at its latest change', () => {
    const book = new ContactBook(3);
    book.change({ updated: 3, deleted: 0, added: 0 });
    book.change({ updated: 3, deleted: 0, added: 0 });
    const changes = book.changesSince(0, book.currentSeq, 0, 100).indices;
    expect(changes.sort()).toEqual([0, 1, 2]);
    expect(book.stateOf(0).revision).toBe(2);
  });

  it('stops at the upper bound of a paged sync', () => {
    const book = new ContactBook(50);
    book.change({ updated: 5, deleted: 0, added: 0 });
    const upto = book.currentSeq;
    book.change({ updated: 5, deleted: 0, added: 0 });
    const page = book.changesSince(0, upto, 0, 100);
    expect(page.indices.length).toBeLessThanOrEqual(5);
    expect(page.next).toBeNull();
  });

  it('spreads changes over the book and never picks a deleted contact', () => {
    const book = new ContactBook(1000);
    const { updated, deleted } = book.change({ updated: 50, deleted: 50, added: 0 });
    expect(new Set([...updated, ...deleted]).size).toBe(100);
    expect(Math.max(...updated)).toBeGreaterThan(300);
    const next = book.change({ updated: 900, deleted: 0, added: 0 });
    for (const index of next.updated) expect(deleted).not.toContain(index);
    expect(next.updated).toHaveLength(900);
  });

  it('does nothing for an empty book', () => {
    const book = new ContactBook(0);
    expect(book.change({ updated: 5, deleted: 5, added: 0 })).toEqual({ updated: [], deleted: [], added: [] });
  });
});
