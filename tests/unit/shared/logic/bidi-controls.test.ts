import { describe, expect, it } from 'vitest';
import { closeDirectionControls, hasDirectionControls } from '@shared/logic/bidi-controls';
import { safeHttpUrl } from '@shared/logic/safe-url';

const RLO = '\u202E';
const LRE = '\u202A';
const PDF = '\u202C';
const RLI = '\u2067';
const FSI = '\u2068';
const PDI = '\u2069';

describe('closing direction controls', () => {
  it('leaves ordinary text (RTL scripts included) exactly as it is', () => {
    for (const text of ['plain text', 'مرحبا بالعالم', 'שלום', '', `balanced ${RLO}x${PDF} and ${RLI}y${PDI}`]) expect(closeDirectionControls(text)).toBe(text);
  });

  it('closes an override left open at the end of the string', () => {
    expect(closeDirectionControls(`invoice ${RLO}fdp.exe`)).toBe(`invoice ${RLO}fdp.exe${PDF}`);
  });

  it('closes nested openers innermost first, with the right closer for each kind', () => {
    expect(closeDirectionControls(`${RLI}a${LRE}b${RLO}c`)).toBe(`${RLI}a${LRE}b${RLO}c${PDF}${PDF}${PDI}`);
    expect(closeDirectionControls(`${LRE}a${FSI}b`)).toBe(`${LRE}a${FSI}b${PDI}${PDF}`);
  });

  it('a PDI closes the embeddings opened inside its isolate; a PDF never closes an isolate', () => {
    expect(closeDirectionControls(`${RLI}a${RLO}b${PDI}c`)).toBe(`${RLI}a${RLO}b${PDI}c`);
    expect(closeDirectionControls(`${RLI}a${PDF}b`)).toBe(`${RLI}a${PDF}b${PDI}`);
    // Stray closers open nothing.
    expect(closeDirectionControls(`${PDF}${PDI}x`)).toBe(`${PDF}${PDI}x`);
  });

  it('an address holding a direction control is not a link', () => {
    expect(hasDirectionControls(`https://example.com/${RLO}gpj.exe`)).toBe(true);
    expect(safeHttpUrl(`https://example.com/${RLO}gpj.exe`)).toBeNull();
    expect(safeHttpUrl('https://example.com/ok')).toBe('https://example.com/ok');
  });
});
