// Runs async read-modify-write tasks one after another, so two writers of the
// same document in this process cannot lose each other's update.
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    // A failed task must not block the ones queued after it.
    const result = this.#tail.then(task, task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
