/** A topic's chart colour: its own, or a stable pick from a palette that reads on the dark theme. */
const PALETTE = ['#5aa8ff', '#f59e0b', '#a78bfa', '#34d399', '#f472b6', '#22d3ee', '#fb923c', '#a3e635'];

export function topicColour(topic: { id: number; color: string | null }): string {
  return topic.color ?? PALETTE[topic.id % PALETTE.length]!;
}
