/**
 * The fields of a rule's kind-specific parameters, drawn from the kind's form description in the
 * rule-kind registry (`shared/contract/alert-rule-kinds.ts`): a new kind needs no code here.
 */
import { specOfParams, type RuleParamField } from '@shared/contract/alert-rule-kinds';
import type { RuleParams } from '@shared/domain/alert-rule';

/** One typed field per parameter of the rule's kind; the core checks the values (zod) on backtest and save. */
export function RuleParamsFields({ params, onChange }: { params: RuleParams; onChange: (params: RuleParams) => void }) {
  const spec = specOfParams(params);
  const values = params as unknown as Record<string, unknown>;
  const update = (key: string, value: unknown): void => onChange({ ...params, [key]: value } as RuleParams);
  return (
    <>
      {spec.fields.map((field) => (
        <ParamField key={field.key} field={field} value={values[field.key]} onChange={(value) => update(field.key, value)} />
      ))}
    </>
  );
}

function ParamField({ field, value, onChange }: { field: RuleParamField<RuleParams>; value: unknown; onChange: (value: unknown) => void }) {
  const testId = `rule-param-${field.key}`;
  const help = field.help ? <small className="rule-editor__help">{field.help}</small> : null;
  if (field.type === 'boolean') {
    return (
      <label className="rule-editor__check">
        <input type="checkbox" data-testid={testId} checked={value === true} onChange={(e) => onChange(e.target.checked)} /> {field.label}
        {help}
      </label>
    );
  }
  if (field.type === 'text' || field.type === 'query') {
    return (
      <label className={field.type === 'query' ? 'rule-editor__query' : undefined}>
        {field.label}
        <input
          data-testid={testId}
          value={typeof value === 'string' ? value : ''}
          maxLength={1000}
          onChange={(e) => onChange(e.target.value === '' && field.nullable ? null : e.target.value)}
        />
        {help}
      </label>
    );
  }
  return (
    <label>
      {field.label}
      <input
        data-testid={testId}
        inputMode={field.type === 'integer' ? 'numeric' : 'decimal'}
        defaultValue={value === null || value === undefined ? '' : String(value)}
        onChange={(e) => {
          const text = e.target.value.trim();
          onChange(text === '' && field.nullable ? null : Number(text));
        }}
      />
      {help}
    </label>
  );
}
