/**
 * Approved responses are templates with variables in double braces: {{name}}, {{handle}},
 * {{agent}}, {{topic}}. Unknown variables are left as typed so the agent sees them before sending.
 */
export const TEMPLATE_VARIABLES = ['name', 'handle', 'agent', 'topic'] as const;
export type TemplateVariables = Partial<Record<(typeof TEMPLATE_VARIABLES)[number], string>>;

export function renderTemplate(body: string, vars: TemplateVariables): string {
  return body.replace(/\{\{\s*([a-z]+)\s*\}\}/gi, (whole, key: string) => {
    const value = vars[key.toLowerCase() as keyof TemplateVariables];
    return value === undefined || value === '' ? whole : value;
  });
}

/** Variables a template uses that `renderTemplate` would leave unfilled. */
export function unfilledVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([a-z]+)\s*\}\}/gi)].map((m) => m[1]!.toLowerCase()))];
}

/** {{name}} in a reply: the author's first name, when their display name gives one. */
export function firstName(name: string | null): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first && first.length > 0 ? first : null;
}
