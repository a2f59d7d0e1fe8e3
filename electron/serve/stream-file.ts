/** Sends a file's bytes after the caller has written the headers; HEAD gets the headers only. */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

export async function streamFileBody(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(createReadStream(file), res);
  } catch {
    // The client went away mid-download, or the file vanished (a rebuild, a retention run): the
    // headers are already out, so all that is left is to drop the connection.
    res.destroy();
  }
}
