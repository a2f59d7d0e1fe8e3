/** Export file names: generated, never taken from the user, and checked again before serving. */
export const EXPORT_NAME_PATTERN = /^earshot-report-[a-z0-9-]{1,80}\.(csv|pdf)$/;

/** e.g. earshot-report-incident-12-20250303-0812-a1b2c3.pdf; `suffix` makes names unique. */
export function exportFileName(
  subject: { kind: 'incident' | 'period'; incidentId: number | null },
  generatedAt: number,
  suffix: string,
  ext: 'csv' | 'pdf',
): string {
  const d = new Date(generatedAt);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  const what = subject.kind === 'incident' && subject.incidentId !== null ? `incident-${subject.incidentId}` : 'period';
  const clean = suffix
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 12);
  return `earshot-report-${what}-${stamp}${clean ? `-${clean}` : ''}.${ext}`;
}

export function isExportFileName(name: string): boolean {
  return EXPORT_NAME_PATTERN.test(name);
}
