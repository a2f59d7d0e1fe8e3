/**
 * Brings the airline tweets into a data folder the way a user would: through `npm run import`'s
 * own code, with the column mapping the data set needs. Returns the command's output on failure.
 */
import { runImportCommand } from '../../electron/cli/commands/import-command';

export const AIRLINE_MAPPING = 'text=text,id=tweet_id,author=name,time=tweet_created,reposts=retweet_count';

export async function importAirlineTweets(csvPath: string, dataDir: string): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await runImportCommand([csvPath, '--map', AIRLINE_MAPPING, '--platform', 'x', '--data-dir', dataDir], {
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
    env: {},
  });
  return { code, output: lines.join('\n') };
}
