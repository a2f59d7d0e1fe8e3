/** Topic fan-out to connected windows. Each payload is serialised once, however many listen. */
import type { EventPayloads, EventTopic } from '@shared/contract/events';

export interface Subscriber {
  send(frame: string): void;
}

export class LiveHub {
  private readonly topics = new Map<EventTopic, Set<Subscriber>>();
  /** Every connected window, subscribed to anything or not: heartbeats go to all of them. */
  private readonly connected = new Set<Subscriber>();

  attach(subscriber: Subscriber): void {
    this.connected.add(subscriber);
  }

  /** Sends the same frame to every connected window. */
  broadcast(frame: string): void {
    for (const subscriber of this.connected) subscriber.send(frame);
  }

  subscribe(topic: EventTopic, subscriber: Subscriber): void {
    let set = this.topics.get(topic);
    if (!set) {
      set = new Set();
      this.topics.set(topic, set);
    }
    set.add(subscriber);
  }

  unsubscribe(topic: EventTopic, subscriber: Subscriber): void {
    this.topics.get(topic)?.delete(subscriber);
  }

  removeEverywhere(subscriber: Subscriber): void {
    this.connected.delete(subscriber);
    for (const set of this.topics.values()) set.delete(subscriber);
  }

  hasSubscribers(topic: EventTopic): boolean {
    return (this.topics.get(topic)?.size ?? 0) > 0;
  }

  publish<T extends EventTopic>(topic: T, payload: EventPayloads[T]): void {
    const set = this.topics.get(topic);
    if (!set || set.size === 0) return;
    const frame = JSON.stringify({ t: 'evt', topic, payload });
    for (const subscriber of set) subscriber.send(frame);
  }
}
