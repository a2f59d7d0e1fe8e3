/**
 * Serve mode: a browser cannot name files on the hub, so it uploads them (`POST /api/uploads`) and
 * names the upload (`upload:<id>`) in the call. The hub's own window names paths instead.
 */
export interface Uploaded {
  path: string;
  name: string;
  bytes: number;
}

/** True in a browser (serve mode); the Electron window names paths on its own machine. */
export function mustUpload(): boolean {
  return window.earshotBridge === undefined;
}

export async function uploadFile(file: File): Promise<Uploaded> {
  const res = await fetch(`/api/uploads?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: file,
  });
  const body = (await res.json().catch(() => ({}))) as Partial<Uploaded> & { error?: string };
  if (!res.ok || typeof body.path !== 'string') throw new Error(body.error ?? `the upload failed (HTTP ${res.status})`);
  return { path: body.path, name: body.name ?? file.name, bytes: body.bytes ?? file.size };
}
