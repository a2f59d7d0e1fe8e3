/** Ingest closes the direction overrides a post, handle or name leaves open; addresses with one are dropped. */
import { describe, expect, it } from 'vitest';
import { checkMentionInput } from '../../../../electron/core/pipeline/mention-input';
import { mentionInput } from '../../../support/core-helpers';

describe('direction controls at ingest', () => {
  it('closes what each string leaves open and refuses an address holding one', () => {
    const checked = checkMentionInput(
      mentionInput('rlo', {
        text: 'see invoice \u202Efdp.exe',
        authorHandle: 'brand\u2067',
        authorName: 'Kestrel \u202B',
        url: 'https://example.com/\u202Egpj.exe',
      }),
      Date.now(),
    );
    if (!checked.ok) throw new Error(checked.reason);
    expect(checked.mention.text).toBe('see invoice \u202Efdp.exe\u202C');
    expect(checked.mention.authorHandle).toBe('brand\u2067\u2069');
    expect(checked.mention.authorName).toBe('Kestrel \u202B\u202C');
    expect(checked.mention.url).toBeNull();
  });
});
