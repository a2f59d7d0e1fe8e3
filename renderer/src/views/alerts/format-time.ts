/** Dates and times as the alerts console shows them: in the operator's locale. */
export const formatTime = (t: number): string => new Date(t).toLocaleString();
