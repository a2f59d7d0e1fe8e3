/**
 * The rule editor draws every kind's parameters from the rule-kind registry: for each kind, a new
 * rule shows the kind's title, description and one field per parameter, filled with the kind's
 * defaults. An agent reads the rules but is offered no way to change them.
 */
import { RULE_KIND_SPECS } from '@shared/contract/alert-rule-kinds';
import { RULE_KINDS } from '@shared/domain/alert-rule';
import { expect, test } from './support/fixtures';
import { signPageInAs } from './support/people';
import { AlertsPage } from './support/alerts-page';

test('every rule kind gets its form from the registry, with its defaults', async ({ page, serve }) => {
  await signPageInAs(page, serve.url, 'Dana', 'lead');
  const alerts = new AlertsPage(page);
  await alerts.open();
  for (const kind of RULE_KINDS) {
    const spec = RULE_KIND_SPECS[kind];
    await alerts.newRule(kind);
    await expect(page.getByTestId('new-rule-about')).toHaveText(spec.description);
    const params = page.getByTestId('rule-params');
    await expect(params).toHaveAttribute('data-kind', kind);
    await expect(params.locator('legend')).toHaveText(`${spec.title} settings`);
    await expect(params.locator('[data-testid^="rule-param-"]')).toHaveCount(spec.fields.length);
    for (const field of spec.fields) {
      const input = params.getByTestId(`rule-param-${field.key}`);
      const value = (spec.defaults as unknown as Record<string, unknown>)[field.key];
      if (field.type === 'boolean') await (value ? expect(input).toBeChecked() : expect(input).not.toBeChecked());
      else await expect(input).toHaveValue(value === null ? '' : String(value));
    }
    await page.getByTestId('rule-editor').getByRole('button', { name: 'Cancel' }).click();
    await expect(alerts.editor).toHaveCount(0);
  }
});

test('an agent reads the rules and sees no edit, delete or new-rule controls, nor the webhooks', async ({ page, serve }) => {
  await signPageInAs(page, serve.url, 'Sam', 'agent');
  const alerts = new AlertsPage(page);
  await alerts.open();
  await expect(alerts.rules.filter({ hasText: 'Negative surge' })).toHaveCount(1);
  await expect(page.getByTestId('rule-edit')).toHaveCount(0);
  await expect(page.getByTestId('rule-delete')).toHaveCount(0);
  await expect(page.getByTestId('new-rule')).toHaveCount(0);
  await expect(page.getByTestId('webhooks-admin-only')).toContainText('managed by an admin');
  await expect(page.getByTestId('webhooks')).toHaveCount(0);
});
