import { useState } from 'react';
import type { DrillSaveResult, DrillScenarioEntry } from '@shared/contract/areas/drills';
import type { DrillScenario, DrillSchemaError } from '@shared/contract/drill-schema';
import { parseDrillScenarioText } from '@shared/contract/drill-schema';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { Button, ErrorNotice } from '../../ui';

export type EditorTarget = { mode: 'new' } | { mode: 'edit'; scenario: DrillScenario } | { mode: 'json'; json: string; errors: DrillSchemaError[] };

function initialJson(target: EditorTarget, library: readonly DrillScenarioEntry[]): string {
  if (target.mode === 'json') return target.json;
  if (target.mode === 'edit') return JSON.stringify(target.scenario, null, 2);
  const base = library.find((e) => e.builtIn)?.scenario;
  const start = base
    ? { ...base, id: 'my-drill', name: 'My drill', description: 'Describe the crisis this drill rehearses.' }
    : { version: 1, id: 'my-drill', name: 'My drill' };
  return JSON.stringify(start, null, 2);
}

function readObject(json: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(json);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * An own scenario as its JSON document, with the name and length as fields; the core checks it on
 * save and the errors are listed next to the text with their JSON paths (checked here as you type too).
 */
export function DrillEditor({ target, library, onDone }: { target: EditorTarget; library: readonly DrillScenarioEntry[]; onDone: (saved: boolean) => void }) {
  const client = useClient();
  const [json, setJson] = useState(() => initialJson(target, library));
  const [serverErrors, setServerErrors] = useState<DrillSchemaError[]>(target.mode === 'json' ? target.errors : []);
  const saving = useAction<DrillSaveResult>();
  const doc = readObject(json);
  const local = parseDrillScenarioText(json);
  const errors = serverErrors.length > 0 ? serverErrors : local.ok ? [] : local.errors;

  const setField = (key: 'name' | 'durationMinutes', value: string | number) => {
    if (!doc) return;
    setServerErrors([]);
    setJson(JSON.stringify({ ...doc, [key]: value }, null, 2));
  };

  const save = () =>
    saving.run(
      () => client.call('drills.save', { json }),
      (r) => (r.ok ? onDone(true) : setServerErrors(r.errors)),
    );

  return (
    <div className="drill-editor" data-testid="drill-editor">
      <div className="drill-editor__fields">
        <label>
          Name{' '}
          <input
            type="text"
            data-testid="drill-editor-name"
            maxLength={100}
            disabled={!doc}
            value={typeof doc?.name === 'string' ? doc.name : ''}
            onChange={(e) => setField('name', e.currentTarget.value)}
          />
        </label>
        <label>
          Length (minutes){' '}
          <input
            type="number"
            min={1}
            max={240}
            data-testid="drill-editor-duration"
            disabled={!doc}
            value={typeof doc?.durationMinutes === 'number' ? doc.durationMinutes : ''}
            onChange={(e) => setField('durationMinutes', Number(e.currentTarget.value))}
          />
        </label>
      </div>
      <textarea
        aria-label="Scenario JSON"
        data-testid="drill-editor-json"
        spellCheck={false}
        value={json}
        onChange={(e) => {
          setServerErrors([]);
          setJson(e.currentTarget.value);
        }}
      />
      <div className="drill-editor__errors" data-testid="drill-editor-errors" aria-live="polite">
        {errors.length === 0 ? (
          <span className="drills__target--met">The document is valid.</span>
        ) : (
          <ul>
            {errors.map((e, i) => (
              <li key={i}>
                <code>{e.path}</code>: {e.message}
              </li>
            ))}
          </ul>
        )}
        <ErrorNotice error={saving.error} />
      </div>
      <div className="drill-editor__buttons">
        <Button variant="primary" data-testid="drill-editor-save" busy={saving.pending} disabled={errors.length > 0} onClick={save}>
          Save scenario
        </Button>
        <Button onClick={() => onDone(false)}>Cancel</Button>
      </div>
    </div>
  );
}
