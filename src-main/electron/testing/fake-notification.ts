// Electron's main-process Notification, as far as Kith uses it: constructed
// with options, shown, clicked. Every instance is kept so a test can see what
// the person would have seen; `supported` stands for Notification.isSupported().
import { EventEmitter } from 'node:events';

export interface FakeNotificationOptions {
  title: string;
  body?: string;
  silent?: boolean;
}

export function createFakeNotificationClass() {
  const shown: FakeNotification[] = [];
  const state = { supported: true };
  class FakeNotification extends EventEmitter {
    static isSupported() {
      return state.supported;
    }
    readonly options: FakeNotificationOptions;
    constructor(options: FakeNotificationOptions) {
      super();
      this.options = options;
    }
    show() {
      shown.push(this);
    }
    close() {}
    /** The person clicks it. */
    click() {
      this.emit('click');
    }
  }
  return { Notification: FakeNotification, shown, state };
}
