// Typed, validated access to the DocumentStore port. Every document is read
// through a zod schema; a file that is corrupt (unparseable) or invalid (fails
// the schema) is moved aside and reported, never silently dropped and never a
// crash. Writes are validated too, so a bug cannot persist a shape that the
// next start would reject.
import type { z } from 'zod';
import { KithError } from '../../../src-contract/kith-api';
import type { DocumentName, DocumentStore, Logger } from '../ports';
import { assertDocumentName } from './document-name';
import { describeProblem, summariseIssues, type DocumentProblem } from './document-problem';
import { SerialQueue } from './serial-queue';

/** What a damaged document's salvage kept, and what it could only name. */
export interface Salvaged<T> {
  value: T;
  /** How many entries were kept. */
  recovered: number;
  /** Sentences naming what could not be kept (and what the person can do), never contents. */
  lost: string[];
}

export interface DocumentDefinition<T> {
  readonly name: DocumentName;
  readonly schema: z.ZodType<T>;
  /**
   * Keeps what can be kept of a damaged copy (moved aside first, as always): `value` when it
   * parsed but failed the schema, `text` when it did not parse. Null: nothing to keep.
   */
  readonly salvage?: (damaged: { value?: unknown; text?: string }) => Salvaged<T> | null;
}

/** Names a document and the schema its contents must satisfy. */
export function defineDocument<T>(name: string, schema: z.ZodType<T>, options: { salvage?: DocumentDefinition<T>['salvage'] } = {}): DocumentDefinition<T> {
  return { name: assertDocumentName(name), schema, ...(options.salvage ? { salvage: options.salvage } : {}) };
}

export type TypedReadResult<T> =
  | { kind: 'missing' }
  | { kind: 'ok'; value: T }
  /** The file was unusable; it was moved aside and the document now reads as missing. */
  | { kind: 'recovered'; problem: DocumentProblem };

export interface TypedDocumentStoreOptions {
  /** Called once per problem, e.g. to show it in status or emit an event. */
  onProblem?: (problem: DocumentProblem) => void;
  /** For timestamps in fallback names when the store cannot move files itself. */
  now?: () => number;
}

export class TypedDocumentStore {
  readonly #store: DocumentStore;
  readonly #log: Logger;
  readonly #options: TypedDocumentStoreOptions;
  readonly #problems: DocumentProblem[] = [];
  readonly #listeners = new Set<(problem: DocumentProblem) => void>();
  readonly #queues = new Map<string, SerialQueue>();
  /** Per document: the last value readShared validated, with the store's stamp it was read at. */
  readonly #shared = new Map<string, { stamp: string; value: unknown }>();
  /** Per document: the stamp check in flight, shared by the readers that arrive meanwhile. */
  readonly #stamping = new Map<string, Promise<string>>();

  constructor(store: DocumentStore, log: Logger, options: TypedDocumentStoreOptions = {}) {
    this.#store = store;
    this.#log = log;
    this.#options = options;
  }

  get location(): string {
    return this.#store.location;
  }

  /** The raw port, for callers that stream or store untyped data. */
  get store(): DocumentStore {
    return this.#store;
  }

  /** Calls `listener` for each problem met from now on (lasting-problems.ts keeps them); returns the unsubscribe. */
  listen(listener: (problem: DocumentProblem) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every problem met since start, oldest first. */
  problems(): readonly DocumentProblem[] {
    return [...this.#problems];
  }

  async read<T>(document: DocumentDefinition<T>): Promise<TypedReadResult<T>> {
    let raw;
    try {
      raw = await this.#store.read(document.name);
    } catch (error) {
      // An unreadable file (permissions, I/O error) is not ours to move; say so plainly.
      throw new KithError('E_STORAGE', `Kith could not read its "${document.name}" data: ${errorSummary(error)}.`);
    }
    if (raw.kind === 'missing') return raw;
    if (raw.kind === 'corrupt') {
      const kept = await this.#salvage(document, raw.text !== undefined ? { text: raw.text } : {});
      return this.#recovered(document, 'corrupt', raw.movedTo, raw.reason, kept);
    }
    const parsed = document.schema.safeParse(raw.value);
    if (parsed.success) return { kind: 'ok', value: parsed.data };
    const reason = summariseIssues(parsed.error);
    const movedTo = await this.#moveAside(document.name, raw.value, reason);
    return this.#recovered(document, 'invalid', movedTo, reason, await this.#salvage(document, { value: raw.value }));
  }

  /** What the document's salvage keeps, written back in place of the damaged copy; null when none. */
  async #salvage<T>(document: DocumentDefinition<T>, damaged: { value?: unknown; text?: string }): Promise<Salvaged<T> | null> {
    let kept: Salvaged<T> | null;
    try {
      kept = document.salvage?.(damaged) ?? null;
    } catch {
      kept = null;
    }
    if (!kept || !document.schema.safeParse(kept.value).success) return null;
    await this.write(document, kept.value as NoInfer<T>);
    return kept;
  }

  #recovered<T>(document: DocumentDefinition<T>, kind: DocumentProblem['kind'], movedTo: string | null, reason: string, kept: Salvaged<T> | null): TypedReadResult<T> {
    const problem = this.#report(document.name, kind, movedTo, reason, kept);
    return kept ? { kind: 'ok', value: kept.value } : { kind: 'recovered', problem };
  }

  /** Reads the document, or `fallback()` when it is missing or was moved aside. */
  async readOr<T>(document: DocumentDefinition<T>, fallback: () => NoInfer<T>): Promise<{ value: T; problem: DocumentProblem | null }> {
    const result = await this.read(document);
    if (result.kind === 'ok') return { value: result.value, problem: null };
    return { value: fallback(), problem: result.kind === 'recovered' ? result.problem : null };
  }

  /**
   * Like readOr, for hot paths (every API request): when the store can say cheaply
   * that the document has not changed since the last call (its stamp, which another
   * process's write changes too), the value validated then is returned again, without
   * reading the file. The value is frozen and shared: never change it; edit through
   * `update`. A store without stamps is read every time.
   */
  async readShared<T>(document: DocumentDefinition<T>, fallback: () => NoInfer<T>): Promise<T> {
    if (!this.#store.stamp) return (await this.readOr(document, fallback)).value;
    const stamp = await this.#stampOf(document.name);
    const cached = this.#shared.get(document.name);
    if (cached && cached.stamp === stamp) return cached.value as T;
    const { value } = await this.readOr(document, fallback);
    // Read after the stamp: if the file changed in between, the next stamp differs and it is read again.
    this.#shared.set(document.name, { stamp, value: deepFreeze(value) });
    return value;
  }

  async write<T>(document: DocumentDefinition<T>, value: NoInfer<T>): Promise<void> {
    const parsed = document.schema.safeParse(value);
    if (!parsed.success) {
      throw new KithError('E_INTERNAL', `Refusing to save "${document.name}" in a shape Kith could not read back (${summariseIssues(parsed.error)}).`);
    }
    this.#forgetShared(document.name);
    try {
      await this.#store.write(document.name, parsed.data);
    } catch (error) {
      throw new KithError('E_STORAGE', `Kith could not save its "${document.name}" data: ${errorSummary(error)}.`);
    }
  }

  async remove(document: DocumentDefinition<unknown> | DocumentName): Promise<void> {
    const name = nameOf(document);
    this.#forgetShared(name);
    try {
      await this.#store.remove(name);
    } catch (error) {
      throw new KithError('E_STORAGE', `Kith could not delete its "${name}" data: ${errorSummary(error)}.`);
    }
  }

  /**
   * Runs one read-modify-write of a document exclusively: after the tasks queued
   * before it in this process, and under the store's cross-process lock when the
   * store has one, so no concurrent writer's update is lost.
   */
  async exclusive<R>(document: DocumentDefinition<unknown> | DocumentName, task: () => Promise<R>): Promise<R> {
    const name = nameOf(document);
    let queue = this.#queues.get(name);
    if (!queue) {
      queue = new SerialQueue();
      this.#queues.set(name, queue);
    }
    return queue.run(async () => {
      let release: (() => Promise<void>) | undefined;
      try {
        release = await this.#store.lock?.(name);
      } catch (error) {
        if (error instanceof KithError) throw error;
        throw new KithError('E_STORAGE', `Kith could not lock its "${name}" data: ${errorSummary(error)}.`);
      }
      try {
        return await task();
      } finally {
        await release?.().catch((error: unknown) => this.#log.warn('could not release a document lock', { document: name, error: errorSummary(error) }));
      }
    });
  }

  /**
   * One read-modify-write of a document under `exclusive`: `edit` gets the current value (or
   * `fallback()`), may change it in place, and says whether it changed; only then is it saved.
   */
  async update<T, R>(
    document: DocumentDefinition<T>,
    fallback: () => NoInfer<T>,
    edit: (value: T) => { result: R; changed: boolean } | Promise<{ result: R; changed: boolean }>,
  ): Promise<R> {
    return this.exclusive(document, async () => {
      const { value } = await this.readOr(document, fallback);
      const { result, changed } = await edit(value);
      if (changed) await this.write(document, value);
      return result;
    });
  }

  #stampOf(name: DocumentName): Promise<string> {
    let pending = this.#stamping.get(name);
    if (!pending) {
      const started: Promise<string> = this.#store.stamp!(name).finally(() => {
        if (this.#stamping.get(name) === started) this.#stamping.delete(name);
      });
      pending = started;
      this.#stamping.set(name, pending);
    }
    return pending.catch((error: unknown) => {
      throw new KithError('E_STORAGE', `Kith could not read its "${name}" data: ${errorSummary(error)}.`);
    });
  }

  /** After this process changes a document, a stamp check already in flight may predate the change. */
  #forgetShared(name: DocumentName): void {
    this.#shared.delete(name);
    this.#stamping.delete(name);
  }

  async #moveAside(name: DocumentName, value: unknown, reason: string): Promise<string | null> {
    this.#forgetShared(name);
    try {
      if (this.#store.moveAside) return await this.#store.moveAside(name, reason);
      // A store that cannot rename keeps a copy under a new name before the original is replaced.
      const now = this.#options.now?.() ?? Date.now();
      const copy = `${name}-invalid-${now}`;
      await this.#store.write(copy, value);
      await this.#store.remove(name);
      return copy;
    } catch (error) {
      this.#log.error('could not move an invalid document aside', { document: name, error: errorSummary(error) });
      return null;
    }
  }

  #report(name: DocumentName, kind: DocumentProblem['kind'], movedTo: string | null, reason: string, kept: Salvaged<unknown> | null = null): DocumentProblem {
    const salvage = kept ? ` Kith kept ${kept.recovered} entr${kept.recovered === 1 ? 'y' : 'ies'} it could still read.${kept.lost.length > 0 ? ` ${kept.lost.join(' ')}` : ''}` : '';
    const problem: DocumentProblem = { document: name, kind, movedTo, message: `${describeProblem(name, kind, movedTo, reason)}${salvage}`.slice(0, 1990) };
    this.#problems.push(problem);
    this.#log.warn('document moved aside', { document: name, kind, movedTo, reason });
    try {
      this.#options.onProblem?.(problem);
      for (const listener of this.#listeners) listener(problem);
    } catch (error) {
      this.#log.error('problem listener failed', { error: errorSummary(error) });
    }
    return problem;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** A definition's name, or a bare name after checking it (it becomes a file name). */
function nameOf(document: DocumentDefinition<unknown> | DocumentName): DocumentName {
  return typeof document === 'string' ? assertDocumentName(document) : document.name;
}

/** An error's code and message, without stack or contents. */
export function errorSummary(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
