/**
 * The worker side of the analysis pool (see analysis-pool.ts): holds the workspace's analyzer,
 * rebuilt when the writer sends a new one, and scores packed batches. Messages are handled in the
 * order they were posted, so a batch posted after an analyzer change is scored with the new one.
 */
import { parentPort } from 'node:worker_threads';
import { analyzerFromSpec, scorePacked, type AnalyzerSpec, type PackedMentions } from './analysis-batch';
import { transferablesOf } from './mention-text';
import { compileTopics, type CompiledTopics, type TopicsSpec } from './mention-topics';

type Message =
  { type: 'config'; spec: AnalyzerSpec } | { type: 'topics'; topics: TopicsSpec } | { type: 'score'; id: number; now: number; batch: PackedMentions };

// Built when first needed: the pool sends the workspace's analyzer right after the start, and
// loading the shipped models twice would double the worker's start (CPU the core needs then too).
let analyzer: ReturnType<typeof analyzerFromSpec> | null = null;
let topics: CompiledTopics | null = null;

parentPort?.on('message', (message: Message) => {
  if (message.type === 'config') {
    analyzer = analyzerFromSpec(message.spec);
    return;
  }
  if (message.type === 'topics') {
    topics = compileTopics(message.topics);
    return;
  }
  try {
    analyzer ??= analyzerFromSpec(null);
    const result = scorePacked(analyzer, message.batch, message.now, topics);
    parentPort?.postMessage({ id: message.id, ok: true, result }, [
      result.codes.buffer,
      result.values.buffer,
      result.intentCounts.buffer,
      ...transferablesOf(result.texts),
      ...(result.topics ? [result.topics.ids.buffer, result.topics.counts.buffer] : []),
    ]);
  } catch (error) {
    parentPort?.postMessage({ id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
