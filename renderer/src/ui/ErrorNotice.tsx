/**
 * Why something failed, as plain text (error messages can quote strangers' data) in an alert
 * region so a screen reader hears it. Renders nothing without an error, so views can write
 * `<ErrorNotice error={query.error} />` unconditionally.
 */
export function ErrorNotice({ error, testId, className }: { error: string | null | undefined; testId?: string; className?: string }) {
  if (!error) return null;
  return (
    <div className={className ? `call-error ${className}` : 'call-error'} role="alert" data-testid={testId}>
      {error}
    </div>
  );
}
