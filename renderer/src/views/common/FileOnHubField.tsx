import { useState } from 'react';
import { errorMessage } from '../../lib/error-message';
import { mustUpload, uploadFile } from '../../lib/upload';

/**
 * A file for a call that reads one on the hub: in a browser, picked here and uploaded (the value
 * becomes `upload:<id>`); in the hub's own window, typed as a path on this machine.
 */
export function FileOnHubField({
  label,
  value,
  onChange,
  placeholder,
  testId,
  accept,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  testId: string;
  accept?: string;
}) {
  const [status, setStatus] = useState<string | null>(null);
  if (!mustUpload()) {
    return (
      <label>
        {label}, by its path on this machine:{' '}
        <input value={value} onChange={(e) => onChange(e.target.value)} maxLength={4096} placeholder={placeholder} data-testid={testId} />
      </label>
    );
  }
  return (
    <label>
      {label}:{' '}
      <input
        type="file"
        {...(accept ? { accept } : {})}
        data-testid={`${testId}-upload`}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (!file) return;
          onChange('');
          setStatus(`uploading ${file.name}…`);
          uploadFile(file).then(
            (up) => {
              onChange(up.path);
              setStatus(`uploaded ${up.name} (${up.bytes} bytes)`);
            },
            (error: unknown) => setStatus(errorMessage(error)),
          );
        }}
      />{' '}
      {status && <span data-testid={`${testId}-upload-status`}>{status}</span>}
    </label>
  );
}
