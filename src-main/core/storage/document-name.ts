// Document names become file names in every store adapter, so they are
// restricted to characters that are safe in a path segment on every OS and
// cannot climb out of the data folder ("..", "/", "\").
import { KithError } from '../../../src-contract/kith-api';
import type { DocumentName } from '../ports';

const DOCUMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function isDocumentName(name: string): boolean {
  return DOCUMENT_NAME.test(name);
}

export function assertDocumentName(name: string): DocumentName {
  if (!isDocumentName(name)) {
    throw new KithError('E_INTERNAL', `"${name.slice(0, 40)}" is not a valid document name (letters, digits, "-" and "_" only).`);
  }
  return name;
}
