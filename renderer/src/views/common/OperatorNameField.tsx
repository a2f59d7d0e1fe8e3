import { signedInPerson } from '../../lib/identity';
import { saveOperatorName } from '../../lib/operator-name';

/**
 * "Your name": who acknowledges, claims and replies. Remembered on this machine, so every desk view
 * acting for the operator shows and changes the same name.
 */
export function OperatorNameField({ value, onChange }: { value: string; onChange: (name: string) => void }) {
  // Signed in: the session says who acts; a field would only suggest otherwise.
  const person = signedInPerson();
  if (person !== null) {
    return (
      <span className="operator" data-testid="operator-signed-in">
        Acting as <bdi>{person}</bdi>
      </span>
    );
  }
  return (
    <label className="operator">
      Your name
      <input
        type="text"
        data-testid="operator-name"
        value={value}
        maxLength={100}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          onChange(e.currentTarget.value);
          saveOperatorName(e.currentTarget.value);
        }}
      />
    </label>
  );
}
