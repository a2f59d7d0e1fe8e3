import type { QueryErrorInfo } from '@shared/logic/query';

export interface QueryFieldProps {
  id: string;
  value: string;
  onChange(value: string): void;
  /** The parse error to show under the field, with a caret under the text at fault. */
  error: QueryErrorInfo | null;
}

/** Where an error sits in its line of the query: the line's text split around the faulty range. */
function locate(query: string, error: QueryErrorInfo): { line: number; column: number; before: string; bad: string; after: string } {
  const lineStart = query.lastIndexOf('\n', error.position - 1) + 1;
  const nextBreak = query.indexOf('\n', error.position);
  const lineEnd = nextBreak < 0 ? query.length : nextBreak;
  const badEnd = Math.min(error.position + error.length, lineEnd);
  return {
    line: query.slice(0, lineStart).split('\n').length,
    column: error.position - lineStart + 1,
    before: query.slice(lineStart, error.position),
    bad: query.slice(error.position, badEnd),
    after: query.slice(badEnd, lineEnd),
  };
}

/** The query editor: a monospace text area; a bad query is explained under it and marked where it is wrong. */
export function QueryField({ id, value, onChange, error }: QueryFieldProps) {
  const where = error ? locate(value, error) : null;
  const multiline = value.includes('\n');
  return (
    <div className="query-field">
      <textarea
        id={id}
        className={`query-field__input${error ? ' query-field__input--invalid' : ''}`}
        data-testid="topic-query"
        value={value}
        rows={3}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && where && (
        <div id={`${id}-error`} className="query-error" role="alert" data-testid="query-error" data-position={error.position} data-length={error.length}>
          <div className="query-error__message">
            {multiline ? `Line ${where.line}, character ${where.column}` : `Character ${where.column}`}: {error.message}
          </div>
          <pre className="query-error__excerpt" aria-hidden="true">
            <code>
              {where.before}
              <mark data-testid="query-error-mark">{where.bad === '' ? '\u2002' : where.bad}</mark>
              {where.after}
            </code>
            {'\n'}
            <code className="query-error__caret">{' '.repeat([...where.before].length)}^</code>
          </pre>
        </div>
      )}
    </div>
  );
}
