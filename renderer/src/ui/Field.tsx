import { useId, type ReactNode } from 'react';

export interface FieldProps {
  label: ReactNode;
  /** Receives the id the label points at and the ids that describe the control (hint, error). */
  children: (control: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  /** The id the control must carry (for a page that links to it); one is made up otherwise. */
  id?: string;
  testId?: string;
  errorTestId?: string;
}

/** A label, its control, a hint and the reason the value was refused, tied together for assistive technology. */
export function Field({ label, children, hint, error, required, id, testId, errorTestId }: FieldProps) {
  const made = useId();
  const controlId = id ?? made;
  const hintId = hint ? `${controlId}-help` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'setting setting--invalid' : 'setting'} data-testid={testId}>
      <label htmlFor={controlId} className="setting__label">
        {label}
        {required && (
          <span className="setting__required" aria-label="required">
            {' '}
            *
          </span>
        )}
      </label>
      {children({ id: controlId, describedBy, invalid: Boolean(error) })}
      {hint && (
        <div id={hintId} className="setting__help">
          {hint}
        </div>
      )}
      {error && (
        <div id={errorId} className="setting__error" role="alert" data-testid={errorTestId}>
          {error}
        </div>
      )}
    </div>
  );
}
