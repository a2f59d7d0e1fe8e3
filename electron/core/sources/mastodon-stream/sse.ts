/**
 * An incremental reader of server-sent events (the WHATWG `text/event-stream` format Mastodon's
 * streaming API speaks): `event:` and `data:` fields, several `data:` lines joined with "\n", an
 * event dispatched at a blank line, `:` comment lines (Mastodon's `:thump` heartbeat), any of
 * CRLF, LF or CR as line end, split across chunks at any byte.
 */
export interface SseEvent {
  event: string;
  data: string;
}

export interface SseHandlers {
  event(event: SseEvent): void;
  comment(text: string): void;
}

/** A line longer than this is not an event we can use (a status is a few kB); it is dropped. */
const MAX_LINE = 1024 * 1024;

export class SseReader {
  private pending = '';
  private event = '';
  private data: string[] = [];
  private skipLf = false;
  private overlong = false;

  constructor(private readonly handlers: SseHandlers) {}

  push(chunk: string): void {
    let text = chunk;
    if (this.skipLf && text.startsWith('\n')) text = text.slice(1);
    this.skipLf = false;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(this.pending + text.slice(start, i));
      this.pending = '';
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        else if (i + 1 === text.length) this.skipLf = true;
      }
      start = i + 1;
    }
    this.pending += text.slice(start);
    if (this.pending.length > MAX_LINE) {
      this.pending = '';
      this.overlong = true;
    }
  }

  private line(line: string): void {
    if (this.overlong) {
      // The tail of a line we already dropped.
      this.overlong = false;
      this.data = [];
      return;
    }
    if (line === '') {
      if (this.data.length > 0) this.handlers.event({ event: this.event || 'message', data: this.data.join('\n') });
      this.event = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) {
      this.handlers.comment(line.slice(1).trim());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
  }
}
