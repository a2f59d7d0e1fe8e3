/** Saves text as a file through a blob link: the file never touches the hub's disk. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // The click has started the download by the time this runs; the link is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
