import { describe, expect, it } from 'vitest';
import { safeHttpUrl } from '@shared/logic/safe-url';

describe('safeHttpUrl', () => {
  it('accepts absolute http and https URLs', () => {
    expect(safeHttpUrl('https://example.com/post/1?x=2#y')).toBe('https://example.com/post/1?x=2#y');
    expect(safeHttpUrl(' http://example.com ')).toBe('http://example.com');
  });

  it('refuses other schemes, relative paths and markup', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript://%0aalert(1)',
      'data:text/html,x',
      '//evil.example',
      '/local',
      'https://a.example/"onmouseover=x',
      'https://a b',
      '',
      null,
      undefined,
    ]) {
      expect(safeHttpUrl(bad)).toBeNull();
    }
  });
});
