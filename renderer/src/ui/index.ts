/** The UI kit every view builds on; its look is `ui.css`, loaded once by `main.tsx`. */
export { Button, type ButtonProps } from './Button';
export { DataTable, type Column, type DataTableProps } from './DataTable';
export { EmptyState } from './EmptyState';
export { ErrorNotice } from './ErrorNotice';
export { Field, type FieldProps } from './Field';
export { Options, type OptionsProps } from './Options';
export { Time } from './Time';
export {
  formatDate,
  formatDay,
  formatDayTime,
  formatFull,
  formatHM,
  formatHMS,
  formatMoment,
  formatTime,
  formatWhen,
  HOUR_CYCLE,
  makeTimeFormat,
  toDateTimeInput,
  type TimeStyle,
} from './time-format';
