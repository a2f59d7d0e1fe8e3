import { DataTable } from '../../ui';

/** A cheat sheet of the query language beside the editor (the README has the full grammar). */
const ROWS: Array<[string, string]> = [
  ['kestrel outage', 'both words (a space means AND)'],
  ['"no signal"', 'the exact phrase'],
  ['outage OR down', 'either'],
  ['kestrel NOT test, kestrel -test', 'leave out mentions with "test"'],
  ['refund NEAR/3 bill', 'at most 3 words between them, either order'],
  ['refund*', 'refund, refunds, refunded … (3+ letters before *)'],
  ['#KestrelDown', 'the hashtag'],
  ['@KestrelMobile', 'written by, or @-mentioning, that handle'],
  ['author:ben_k  lang:en  source:demo', 'who wrote it, its language, which source'],
  ['site:example.com  platform:reddit', 'link host (with subdomains), platform'],
  ['a b OR c', 'means (a AND b) OR c: NOT binds tightest, then NEAR, AND, OR'],
];

export function QueryHelp() {
  return (
    <DataTable
      className="query-help"
      rows={ROWS}
      rowKey={([example]) => example}
      columns={[
        { key: 'write', header: 'Write', cell: ([example]) => <code>{example}</code> },
        { key: 'matches', header: 'Matches', cell: ([, meaning]) => meaning },
      ]}
    />
  );
}
