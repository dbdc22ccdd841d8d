// Saves text as a file the person keeps: a download in the host shell's browser tab;
// in Electron the same download opens the system's save dialog (Electron asks where to
// save a download that has no path set: electronjs.org/docs/api/download-item, setSavePath), so no
// main-process method is needed and the renderer never touches the file system.
export function saveTextFile(text: string, filename: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mimeType};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started once click() returns; the object URL can go a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
